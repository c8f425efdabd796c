"""A hostile HTTP server on 127.0.0.1 for scripts/abuse.sh: GET /get answers
normally (so bench's start-up probe passes) unless MODE is badget; every other
request gets MODE's misbehaviour, some of them sent forever. Prints its port."""
import socket
import sys
import threading

MODE = sys.argv[1]
GOOD = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
ANSWERS = {  # mode: (bytes once, bytes repeated forever or None)
    "negchunk": (CHUNKED + b"-2\r\nhello\r\n0\r\n\r\n", None),
    "pluschunk": (CHUNKED + b"+5\r\nhello\r\n0\r\n\r\n", None),
    "continue": (b"", b"HTTP/1.1 100 Continue\r\n\r\n" * 64),
    "hugechunk": (CHUNKED + b"FFFFFFFF\r\n", b"x" * 65536),
    "tinychunks": (CHUNKED, (b"1;" + b"e" * 4000 + b"\r\nx\r\n") * 16),
    "unframed": (b"HTTP/1.1 200 OK\r\n\r\n", b"x" * 65536),
    "twocl": (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", None),
    "bigcl": (b"HTTP/1.1 200 OK\r\nContent-Length: 73400320\r\n\r\n", None),
    "ignoresdelay": (GOOD, None),
    "badget": (CHUNKED + b"-2\r\nhello\r\n0\r\n\r\n", None),
}


def serve(conn):
    try:
        data = b""
        while b"\r\n\r\n" not in data:
            more = conn.recv(4096)
            if not more:
                return
            data += more
        once, forever = ANSWERS[MODE]
        if data.startswith(b"GET /get ") and MODE != "badget":
            once, forever = GOOD, None
        conn.sendall(once)
        while forever is not None:
            conn.sendall(forever)
        conn.shutdown(socket.SHUT_WR)
        conn.recv(1)
    except OSError:
        pass
    finally:
        conn.close()


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(512)
print(listener.getsockname()[1], flush=True)
while True:
    client, _ = listener.accept()
    threading.Thread(target=serve, args=(client,), daemon=True).start()
