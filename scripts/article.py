#!/usr/bin/env python3
"""The seed article's experiment in Python, standard library only, for `bench --python`.

serial, threading, multiprocessing and asyncio on the CPU job (naive prime
counting below N, K jobs) and on the I/O job (K GETs of BASE/delay/D):
urllib for serial, threading and multiprocessing; asyncio streams for asyncio
(aiohttp is not in the standard library). The article's bugs are fixed: its
asyncio CPU benchmark calls an undefined function, and its processes use local
functions, which work only with the fork start method.

Prints one JSON object: {"python": version, "cpu": {model: [seconds per round]},
"io": {...}, "counts": {model: primes per job}}. Exit status 1 if any job gave
a wrong answer (every prime count must agree; every GET must answer 200).
"""
import argparse
import asyncio
import json
import multiprocessing
import multiprocessing.connection
import sys
import threading
import time
import urllib.parse
import urllib.request


def is_prime(n):
    if n < 2:
        return False
    for i in range(2, int(n ** 0.5) + 1):
        if n % i == 0:
            return False
    return True


def cpu_bound_task(n):
    return len([x for x in range(2, n) if is_prime(x)])


TIMEOUT = 60.0  # seconds any one wait may take; --timeout sets it


def io_bound_task(url):
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        response.read()
        return response.status


def run_threads(target, arg, k):
    results = [None] * k

    def one(i):
        results[i] = target(arg)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(k)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def die_with_parent():
    """Asks Linux to kill this process when its parent dies (bench killed with SIGKILL leaves no Python behind)."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the parent's own cleanup still applies


def send_result(target, arg, connection):
    die_with_parent()
    connection.send(target(arg))
    connection.close()


def run_processes(target, arg, k):
    """One multiprocessing.Process per job, as the seed has it; each sends its answer back over a pipe.

    Every wait ends: a child that dies without answering, or takes longer than
    TIMEOUT, is an error, never a hang (multiprocessing.Pool can hang in
    terminate() when it replaces a worker at the same moment)."""
    children = []
    for _ in range(k):
        receiver, sender = multiprocessing.Pipe(duplex=False)
        process = multiprocessing.Process(target=send_result, args=(target, arg, sender))
        process.start()
        sender.close()
        children.append((process, receiver))
    results = []
    deadline = time.monotonic() + TIMEOUT
    for process, receiver in children:
        ready = multiprocessing.connection.wait([receiver], max(0, deadline - time.monotonic()))
        try:
            if not ready:
                raise TimeoutError(f"a worker process gave no answer within {TIMEOUT} s")
            results.append(receiver.recv())
        except (TimeoutError, EOFError) as error:
            for other, _ in children:
                other.kill()
            raise RuntimeError(f"{str(error) or 'a worker process died without an answer'} (exit {process.exitcode})")
    for process, receiver in children:
        process.join(max(0, deadline - time.monotonic()))
        receiver.close()
    return results


async def async_get(url):
    parts = urllib.parse.urlsplit(url)


    async def get():
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
        writer.write(f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        status_line = await reader.readline()
        await reader.read()
        writer.close()
        await writer.wait_closed()
        return int(status_line.split()[1])
    return await asyncio.wait_for(get(), TIMEOUT)


async def async_cpu(n):
    return cpu_bound_task(n)


def run_asyncio(coroutine, arg, k):
    async def gather():
        return await asyncio.gather(*(coroutine(arg) for _ in range(k)))
    return asyncio.run(gather())


def measure(run, rounds):
    walls, answers = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        answers = run()
        walls.append(time.perf_counter() - start)
    return walls, answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, required=True)
    parser.add_argument("--cpu-jobs", type=int, required=True)
    parser.add_argument("--io-jobs", type=int, required=True)
    parser.add_argument("--url", required=True, help="the delay URL, e.g. http://127.0.0.1:8080/delay/1")
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--workload", choices=["cpu", "io", "all"], default="all")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds any one request or child may take")
    args = parser.parse_args()
    globals()["TIMEOUT"] = args.timeout
    die_with_parent()
    n, url = args.limit, args.url
    result = {"python": sys.version.split()[0], "cpu": {}, "io": {}, "counts": {}}
    ok = True
    if args.workload != "io":
        k = args.cpu_jobs
        runs = {
            "serial": lambda: [cpu_bound_task(n) for _ in range(k)],
            "threading": lambda: run_threads(cpu_bound_task, n, k),
            "multiprocessing": lambda: run_processes(cpu_bound_task, n, k),
            "asyncio": lambda: run_asyncio(async_cpu, n, k),
        }
        for model, run in runs.items():
            walls, answers = measure(run, args.rounds)
            result["cpu"][model] = walls
            result["counts"][model] = answers[0]
            ok = ok and len(set(answers)) == 1 and len(answers) == k
    if args.workload != "cpu":
        k = args.io_jobs
        runs = {
            "serial": lambda: [io_bound_task(url) for _ in range(k)],
            "threading": lambda: run_threads(io_bound_task, url, k),
            "multiprocessing": lambda: run_processes(io_bound_task, url, k),
            "asyncio": lambda: run_asyncio(async_get, url, k),
        }
        for model, run in runs.items():
            walls, answers = measure(run, args.rounds)
            result["io"][model] = walls
            ok = ok and answers == [200] * k
    print(json.dumps(result))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
