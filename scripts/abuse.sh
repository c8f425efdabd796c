#!/usr/bin/env bash
# Tries to break bench as an adversarial user would, in six families, and
# prints one line per case: PASS or FAIL with what happened. Exits 1 on any FAIL.
#
#   cli         wrong flags and values: exit 2, one line naming the problem, no trace
#   server      `bench serve` on 127.0.0.1: malformed, oversized, smuggled, slow, reset and many requests
#   baselines   corrupted baseline files: bench names the file, the file stays byte-identical
#   interrupts  SIGINT/TERM/HUP/KILL during the processes model: no bench-worker left within 1 s;
#               SIGINT after a model: its row printed, marked PARTIAL RESULTS; the debug gate's test
#               process killed while valgrind counts: no valgrind left within 1 s (builds the tests)
#   hostile     --url at a hostile server (scripts/abuse/hostile_server.py): signed and huge chunk sizes,
#               endless 100 Continue, endless bodies, conflicting lengths; every model fails within
#               --timeout + 1 s with the cause named, peak RSS under 200 MB, no trace
#   special     -o / --chart at a FIFO, a symlink, a device, the same file twice; stdout on /dev/full;
#               GITHUB_STEP_SUMMARY at a FIFO
#
#   scripts/abuse.sh                  all families (builds release first; a few minutes)
#   FAMILIES="cli server" scripts/abuse.sh
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
swift build -c release >/dev/null 2>&1 || { echo "swift build -c release failed"; exit 1; }
bench=$repo/.build/release/bench
families=${FAMILIES:-cli server baselines interrupts hostile special}
work=$(mktemp -d /tmp/abuse.XXXXXX)
passed=0 failed=0
result() { # NAME OK DETAIL
    if [ "$2" = 1 ]; then passed=$((passed + 1)); printf 'PASS  %-58s %s\n' "$1" "${3:0:55}"
    else failed=$((failed + 1)); printf 'FAIL  %-58s %s\n' "$1" "${3:0:55}"; fi
}
workers() { pgrep -f "bench-worker primes 30000000" | wc -l; }  # the interrupt cases' own workers

for family in $families; do
echo "== $family =="
case $family in
cli)
    while IFS='|' read -r label args; do
        # shellcheck disable=SC2086
        timeout 20 "$bench" $args >"$work/out" 2>"$work/err"
        status=$?
        lines=$(grep -c . "$work/err")
        trace=$(grep -ciE "fatal error|backtrac|stack dump" "$work/err")
        result "cli: $label" $(( status == 2 && trace == 0 && lines >= 1 )) "exit $status: $(head -1 "$work/err")"
    done <<'CASES'
unknown flag|--bogus
jobs 0|--jobs 0
jobs not a number|--jobs abc
negative delay|--delay -1
delay too long|--delay 11
unknown workload|--workload nope
unknown model|--models serial,nope
unknown format|--format yaml
zero timeout|--timeout 0
flag without value|--limit
mixed jobs 0|--mixed-jobs 0
once unknown model|once nope
once without model|once
shared jobs 0|shared --jobs 0
shared jobs list with a word|shared --jobs 1,x
shared unknown variant|shared --variants mutex,spinlock
payload negative size|payload --sizes -1
scale unknown model|scale --models nope
serve port too big|serve --port 70000
unwritable -o|-o /nonexistent/dir/x.json
unwritable --chart|--chart /proc/x.svg
scale unwritable --chart|scale --chart /proc/x.svg
CASES
    timeout 20 "$bench" --workload io --url http://127.0.0.1:9 -q >"$work/out" 2>"$work/err"; status=$?
    result "cli: unreachable --url exits 1 naming it" $(( status == 1 && $(grep -c "127.0.0.1:9" "$work/err") > 0 )) "exit $status: $(head -1 "$work/err")"
    ;;
server)
    "$bench" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
    server=$!
    for _ in $(seq 50); do grep -q "listening" "$work/serve.out" && break; sleep 0.1; done
    port=$(grep -oE '127\.0\.0\.1:[0-9]+' "$work/serve.out" | head -1 | cut -d: -f2)
    if [ -z "$port" ]; then result "server: starts and prints its port" 0 "$(cat "$work/serve.err")"; kill $server; continue; fi
    result "server: starts and prints its port" 1 "port $port"
    python3 - "$port" >"$work/server.txt" <<'PY'
import asyncio, socket, struct, sys, time
port = int(sys.argv[1])

def exchange(raw, timeout=3.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(raw)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            data += chunk
            if b"\r\n\r\n" in data and not raw.startswith(b"GET /delay"): break
    except socket.timeout:
        pass
    s.close()
    return data

def status(data):
    try: return int(data.split(b" ", 2)[1])
    except Exception: return None

def report(name, ok, detail=""):
    print(("PASS" if ok else "FAIL") + "  " + f"server: {name}".ljust(58) + " " + detail[:55], flush=True)

cases = [
    ("GET /get HTTP/1.1 without Host is 400", b"GET /get HTTP/1.1\r\n\r\n", 400),
    ("POST is 405", b"POST /get HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405),
    ("unknown path is 404", b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", 404),
    ("hex delay /delay/0x10 is refused, not read as 16 s", b"GET /delay/0x10 HTTP/1.1\r\nHost: x\r\n\r\n", (400, 404)),
    ("64 KiB header is 431", b"GET /get HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 65536 + b"\r\n\r\n", 431),
    ("chunked body is 501", b"POST /get HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501),
    ("huge Content-Length is 413", b"POST /get HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n", 413),
    ("binary garbage is 400", b"\x00\x01\x02\x03\r\n\r\n", 400),
    ("CL and TE together (smuggling) refused", b"POST /get HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", None),
]
for name, raw, expected in cases:
    got = status(exchange(raw))
    ok = got in expected if isinstance(expected, tuple) else got == expected if expected is not None else got in (400, 501)
    report(name, ok, f"status {got}")

start = time.monotonic()
got = status(exchange(b"GET /get HTTP/1.1\nHost: x\n\n"))
report("bare-LF request answered within 1 s", got == 200 and time.monotonic() - start < 1, f"status {got}")

# 500 slow connections that never finish their head, then a normal request.
idle = []
for _ in range(500):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"GET /get HTTP/1.1\r\nHo"); idle.append(s)
got = status(exchange(b"GET /get HTTP/1.1\r\nHost: x\r\n\r\n"))
report("answers with 500 slowloris connections open", got == 200, f"status {got}")
for s in idle: s.close()

# 100 connections reset by the client (RST) mid-request.
for _ in range(100):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.sendall(b"GET /delay/0.2 HTTP/1.1\r\nHost: x\r\n\r\n"); s.close()
got = status(exchange(b"GET /get HTTP/1.1\r\nHost: x\r\n\r\n"))
report("answers after 100 client resets", got == 200, f"status {got}")

async def many(n, delay):
    async def one():
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(f"GET /delay/{delay} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        line = await r.readline(); await r.read(); w.close()
        return int(line.split()[1])
    return await asyncio.gather(*(one() for _ in range(n)), return_exceptions=True)
start = time.monotonic()
results = asyncio.run(many(2000, 0.5))
ok = sum(1 for r in results if r == 200)
report("2000 concurrent /delay/0.5 all 200, in about one delay", ok == 2000 and time.monotonic() - start < 5,
       f"{ok} of 2000 in {time.monotonic() - start:.2f} s")
PY
    cat "$work/server.txt"
    passed=$((passed + $(grep -c "^PASS" "$work/server.txt")))
    failed=$((failed + $(grep -c "^FAIL" "$work/server.txt")))
    fds=$(ls /proc/$server/fd | wc -l)
    result "server: fds back to a handful after all that" $(( fds < 20 )) "$fds open fds"
    kill -INT $server; wait $server 2>/dev/null
    ;;
baselines)
    mkdir -p "$work/bl"
    for case in truncated wrongtype emptysamples; do
        cp baselines/release.json "$work/bl/release.json"
        case $case in
        truncated) head -c 300 baselines/release.json >"$work/bl/release.json" ;;
        wrongtype) sed -i '0,/"tolerance" : [0-9.e+-]*/s//"tolerance" : "fast"/' "$work/bl/release.json" ;;
        emptysamples) python3 -c "
import re,sys; p=sys.argv[1]; s=open(p).read(); open(p,'w').write(re.sub(r'\"samples\" : \[[^]]*\]', '\"samples\" : []', s))" "$work/bl/release.json" ;;
        esac
        before=$(sha256sum "$work/bl/release.json")
        timeout 60 "$bench" --workload cpu --cpu-jobs 4 --limit 300000 --rounds 5 --models serial --baselines "$work/bl" -q \
            >"$work/out" 2>"$work/err"; status=$?
        after=$(sha256sum "$work/bl/release.json")
        named=$(grep -c "release.json" "$work/out")
        result "baselines: $case file named, left byte-identical" $(( named > 0 && status == 0 )) \
            "$( [ "$before" = "$after" ] && echo identical || echo CHANGED ); $(grep -m1 "vs baseline" "$work/out" | cut -c1-40)"
        [ "$before" = "$after" ] || { failed=$((failed + 1)); echo "FAIL  the file changed"; }
    done
    timeout 60 "$bench" --workload cpu --limit 2000 --rounds 1 --models serial --baselines /nonexistent/dir -q >"$work/out" 2>&1
    result "baselines: a missing directory is said" $(( $(grep -c "/nonexistent/dir" "$work/out") > 0 )) "$(grep -m1 "vs baseline" "$work/out" | cut -c5-60)"
    ;;
interrupts)
    for signal in INT TERM HUP KILL; do
        "$bench" --workload cpu --models processes --limit 30000000 --rounds 1 -q >/dev/null 2>&1 &
        pid=$!
        for _ in $(seq 50); do [ "$(workers)" -gt 0 ] && break; sleep 0.1; done
        seen=$(workers)
        kill -"$signal" $pid; wait $pid 2>/dev/null
        sleep 1
        result "interrupts: SIG$signal during processes leaves no worker" $(( seen > 0 && $(workers) == 0 )) "$seen workers before, $(workers) 1 s after"
    done
    "$bench" --workload all --models serial --limit 2000 --delay 10 --rounds 1 >"$work/out" 2>"$work/err" &
    pid=$!
    for _ in $(seq 100); do grep -q "cpu serial:" "$work/err" && break; sleep 0.1; done
    kill -INT $pid; wait $pid; status=$?
    result "interrupts: SIGINT after a model prints it, partial, exit 130" \
        $(( status == 130 && $(grep -c "^PARTIAL RESULTS" "$work/out") == 1 && $(grep -c "ok (303 primes)" "$work/out") == 1 )) \
        "exit $status; $(head -1 "$work/out" | cut -c1-40)"
    # The gate's test process killed while valgrind counts: valgrind (and what it runs) must go with it.
    if command -v valgrind >/dev/null; then
        counting() { pgrep -f -- "--cache-sim=no" | wc -l; }
        swift build --build-tests >/dev/null 2>&1
        swift test --skip-build --filter CPUPerformanceTests/testSerial >"$work/gate" 2>&1 &
        runner=$!
        for _ in $(seq 1200); do [ "$(counting)" -gt 0 ] && break; sleep 0.1; done
        seen=$(counting)
        pkill -KILL -f "PackageTests.xctest"; wait $runner 2>/dev/null
        sleep 1
        result "interrupts: SIGKILL of the gate mid-count leaves no valgrind" $(( seen > 0 && $(counting) == 0 )) \
            "$seen valgrind before, $(counting) 1 s after"
    else
        result "interrupts: SIGKILL of the gate mid-count (needs valgrind)" 0 "valgrind not in PATH"
    fi
    ;;
hostile)
    # MODE|expected text in the report or stderr (continuation lines joined)
    while IFS='|' read -r mode expected; do
        rm -f "$work/port"  # not the last case's port: the new server writes its own
        python3 scripts/abuse/hostile_server.py "$mode" >"$work/port" 2>/dev/null &
        hostile=$!
        for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
        port=$(cat "$work/port")
        models=serial,threads,tasks,eventLoop,processes
        [ "$mode" = badget ] && models=serial
        /usr/bin/time -f "%M %e" -o "$work/time" timeout 120 "$bench" --workload io --url "http://127.0.0.1:$port" \
            --models $models --jobs 2 --delay 0.5 --rounds 1 --timeout 2 -q >"$work/out" 2>"$work/err"
        status=$?
        kill $hostile 2>/dev/null; wait $hostile 2>/dev/null
        read -r rss_kb seconds < <(tail -1 "$work/time")  # a failing command adds a line before
        trace=$(grep -ciE "fatal error|backtrac|stack dump" "$work/err")
        found=$(cat "$work/out" "$work/err" | tr -s ' \n' ' ' | grep -c -- "$expected")
        # Each model: a warm-up and a round, each within --timeout (2 s) + 1 s.
        slow=$(awk '$1 ~ /^(serial|threads|tasks|eventLoop|processes)$/ && $2+0 > 3 {print $1}' "$work/out" | tr '\n' ' ')
        wide=$(cat "$work/out" "$work/err" | awk 'length($0) > 120' | wc -l)
        want=1; [ "$mode" = ignoresdelay ] && want=0  # the run succeeds; its guide says the times are void
        ok=$(( status == want && trace == 0 && found > 0 && wide == 0 ))
        ok=$(( ok && rss_kb < 204800 )); [ -n "$slow" ] && ok=0
        result "hostile: $mode" $ok "exit $status, $((rss_kb / 1024)) MB, ${seconds} s${slow:+, slow: $slow}"
    done <<'CASES'
negchunk|bad chunk size '-2'
pluschunk|bad chunk size '+5'
continue|interim (1xx) heads
hugechunk|body larger than the 8 MiB limit
tinychunks|within 2 s
unframed|body larger than the 8 MiB limit
twocl|conflicting content-lengths '5' and '6'
bigcl|content-length 73400320 over the 8 MiB limit
ignoresdelay|the server does not wait
badget|answered with an unusable response
CASES
    ;;
special)
    dir=$(mktemp -d /tmp/asf.XXXXXX)  # short: a refusal naming it fits one 120-column line
    mkfifo "$dir/fifo"; echo keep >"$dir/target"; ln -s target "$dir/link"
    cases="fifo link"
    if [ "$(id -u)" = 0 ] && mknod "$dir/dev" c 1 7 2>/dev/null; then cases="$cases dev"; fi  # /dev/full's twin
    for name in $cases; do
        for flag in -o --chart; do
            before=$(stat -c %F "$dir/$name")
            timeout 20 "$bench" --workload cpu --limit 50000000 -q "$flag" "$dir/$name" >"$work/out" 2>"$work/err"
            status=$?
            after=$(stat -c %F "$dir/$name")
            lines=$(grep -c . "$work/err"); wide=$(awk 'length($0) > 120' "$work/err" | wc -l)
            result "special: $flag at a $before refused, left alone" \
                $(( status == 2 && lines == 1 && wide == 0 )) "exit $status, now $after: $(head -1 "$work/err" | cut -c22-)"
            [ "$before" = "$after" ] || { failed=$((failed + 1)); echo "FAIL  $dir/$name became a $after"; }
        done
    done
    [ "$(cat "$dir/target")" = keep ] || { failed=$((failed + 1)); echo "FAIL  the symlink's target changed"; }
    timeout 20 "$bench" scale --chart "$dir/fifo" >"$work/out" 2>"$work/err"; status=$?
    result "special: scale --chart at a FIFO refused" $(( status == 2 )) "exit $status: $(head -1 "$work/err" | cut -c1-40)"
    timeout 20 "$bench" --workload cpu --limit 50000000 -q -o "$dir/same" --chart "$dir/./same" >"$work/out" 2>"$work/err"
    status=$?; written=0; [ -e "$dir/same" ] && written=1
    result "special: -o X --chart ./X refused before any work" $(( status == 2 && written == 0 )) \
        "exit $status: $(head -1 "$work/err" | cut -c8-60)"
    timeout 20 "$bench" --workload cpu --limit 2000 --rounds 1 -q >/dev/full 2>"$work/err"; status=$?
    result "special: report to a full stdout exits 1, says lost" $(( status == 1 && $(grep -c "lost" "$work/err") == 1 )) \
        "exit $status: $(head -1 "$work/err" | cut -c8-60)"
    GITHUB_STEP_SUMMARY=$dir/fifo timeout 20 "$bench" --workload cpu --limit 50000000 -q >"$work/out" 2>"$work/err"
    status=$?
    result "special: GITHUB_STEP_SUMMARY at a FIFO refused" $(( status == 2 && $(grep -c "not a regular file" "$work/err") == 1 )) \
        "exit $status: $(head -1 "$work/err" | cut -c8-60)"
    timeout 20 "$bench" --help >/dev/full 2>"$work/err"; status=$?
    result "special: --help to a full stdout exits 1" $(( status == 1 )) "exit $status: $(head -1 "$work/err" | cut -c8-60)"
    rm -rf "$dir"
    ;;
*) echo "unknown family $family"; exit 2 ;;
esac
done
echo
echo "$passed passed, $failed failed"
rm -rf "$work"
[ "$failed" = 0 ]
