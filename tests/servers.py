"""A real threaded HTTP server on 127.0.0.1 for tests where sockets matter.

Each path gets a handler that may misbehave the way real servers do: drip a byte at a time,
reset the connection mid-body, promise a longer body than it sends, send a gzip bomb,
redirect, or answer slowly. Every request is logged, and the peak number of requests in
flight at once and the connections accepted are kept, so tests can assert what was (never)
requested, how concurrently, and over how many connections.

Usage (``tests/`` is on ``sys.path`` under pytest, so ``from servers import ...`` works)::

    from servers import TestServer, page, robots

    with TestServer() as server:
        server.route("/robots.txt", robots("User-agent: *\nDisallow: /private/\n"))
        server.route("/", page("<html><title>Hi</title></html>"))
        with SiteFetcher(server.url("/"), trusted=True, limits=...) as fetcher:  # trusts server.host only
            fetcher.fetch(server.url("/"))
        assert server.paths() == ["/robots.txt", "/"]

For guarded_get, pass ``trusted_hosts=frozenset({server.host})``. The ``server`` fixture
gives each test a running server.
"""

from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


@dataclass
class LoggedRequest:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Request:
    """What a handler gets: the request, and ways to answer (well or badly)."""

    path: str
    headers: dict[str, str]
    handler: BaseHTTPRequestHandler
    stopping: threading.Event
    keep_alive: bool = False

    def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        """Answer with ``status``, ``headers`` and ``body`` (Content-Length added unless given)."""
        all_headers = {"Content-Length": str(len(body)), **(headers or {})}
        self.send_head(status, all_headers)
        self.write(body)

    def send_head(self, status: int, headers: dict[str, str]) -> None:
        """Send the status line and headers only."""
        self.handler.send_response_only(status)
        for name, value in headers.items():
            self.handler.send_header(name, value)
        if not self.keep_alive:
            self.handler.send_header("Connection", "close")
        self.handler.end_headers()
        self.handler.wfile.flush()

    def write(self, data: bytes) -> None:
        """Send raw bytes."""
        self.handler.wfile.write(data)
        self.handler.wfile.flush()

    def reset(self) -> None:
        """Abort the connection with a TCP reset (RST), as a crashing server or middlebox does."""
        sock = self.handler.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()


Handler = Callable[[Request], None]


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # as web servers do: no ~40 ms stall per kept-alive answer
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        owner = self.server.owner
        headers = {k.lower(): v for k, v in self.headers.items()}
        owner._enter(LoggedRequest("GET", self.path, headers, time.monotonic()))
        self.close_connection = not owner.keep_alive
        try:
            path = self.path
            handler = owner.routes.get(path) or owner.routes.get(path.split("?", 1)[0]) or owner.fallback
            handler(Request(path, headers, self, owner.stopping, owner.keep_alive))
        except (OSError, ValueError):
            pass  # the client went away, or the handler reset the connection on purpose
        finally:
            owner._leave()

    def setup(self) -> None:
        super().setup()
        self.server.owner._connected()

    def finish(self) -> None:
        try:
            super().finish()
        except (OSError, ValueError):
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass  # keep test output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: TestServer


class TestServer:
    """A threaded HTTP server on 127.0.0.1 with per-path handlers, a request log and a concurrency gauge."""

    __test__ = False  # not a test class, despite its name

    def __init__(self, *, tls_cert: tuple[Path, Path] | None = None, keep_alive: bool = False) -> None:
        self.scheme = "https" if tls_cert else "http"
        # Keep-alive lets a client reuse one connection; by default each answer closes it.
        self.keep_alive = keep_alive
        self.routes: dict[str, Handler] = {}
        self.fallback: Handler = status(404)
        self.log: list[LoggedRequest] = []
        self.peak_in_flight = 0
        self.connections = 0  # connections accepted in all
        self.stopping = threading.Event()
        self._in_flight = 0
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _RequestHandler)
        self._server.owner = self
        if tls_cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls_cert)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        """Return the port the server listens on."""
        return int(self._server.server_address[1])

    @property
    def host(self) -> str:
        """Return ``127.0.0.1:<port>``, the form the address guard's trusted hosts take."""
        return f"127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        """Return the absolute URL of ``path`` on this server."""
        return f"{self.scheme}://{self.host}{path}"

    def route(self, path: str, handler: Handler) -> None:
        """Answer requests for ``path`` (exact, or without the query) with ``handler``."""
        self.routes[path] = handler

    def paths(self) -> list[str]:
        """Return the paths requested so far, in order."""
        with self._lock:
            return [entry.path for entry in self.log]

    def _enter(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.log.append(entry)
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)

    def _connected(self) -> None:
        with self._lock:
            self.connections += 1

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def start(self) -> TestServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; handlers that are still dripping notice ``stopping`` and end."""
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> TestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture
def server() -> Iterator[TestServer]:
    """A started TestServer, stopped after the test (import it into a test module to use it)."""
    with TestServer() as running:
        yield running


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """Return (certificate, key) files of a self-signed certificate for 127.0.0.1; skips without openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


# --- handlers ---------------------------------------------------------------------------------

HTML = "text/html; charset=utf-8"


def page(
    body: bytes | str, *, status: int = 200, content_type: str = HTML, headers: dict[str, str] | None = None
) -> Handler:
    """Answer with a complete body."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def handle(request: Request) -> None:
        request.send(status, data, {"Content-Type": content_type, **(headers or {})})

    return handle


def status(code: int, *, headers: dict[str, str] | None = None) -> Handler:
    """Answer with ``code`` and a short body."""
    return page(f"<html><title>{code}</title></html>", status=code, headers=headers)


def robots(text: str) -> Handler:
    """Serve ``text`` as robots.txt."""
    return page(text, content_type="text/plain")


def redirect(location: str, *, code: int = 302, body: bytes = b"", headers: dict[str, str] | None = None) -> Handler:
    """Redirect to ``location``, optionally with a (possibly hostile) body."""
    return page(body, status=code, headers={"Location": location, **(headers or {})})


def drip(body: bytes, *, interval: float, content_length: bool = True) -> Handler:
    """Send headers at once, then the body one byte every ``interval`` seconds."""

    def handle(request: Request) -> None:
        headers = {"Content-Type": HTML}
        if content_length:
            headers["Content-Length"] = str(len(body))
        request.send_head(200, headers)
        for byte in body:
            if request.stopping.wait(interval):
                return
            request.write(bytes([byte]))

    return handle


def slow(delay: float, handler: Handler) -> Handler:
    """Wait ``delay`` seconds before handing over to ``handler``."""

    def handle(request: Request) -> None:
        if not request.stopping.wait(delay):
            handler(request)

    return handle


def reset_mid_body(body: bytes, *, sent: int) -> Handler:
    """Promise ``body`` in full, send its first ``sent`` bytes, then reset the connection."""

    def handle(request: Request) -> None:
        request.send_head(200, {"Content-Type": HTML, "Content-Length": str(len(body))})
        request.write(body[:sent])
        time.sleep(0.05)
        request.reset()

    return handle


def long_content_length(body: bytes, *, declared: int) -> Handler:
    """Declare ``declared`` bytes, send ``body`` (shorter), then close cleanly."""

    def handle(request: Request) -> None:
        request.send_head(200, {"Content-Type": HTML, "Content-Length": str(declared)})
        request.write(body)
        request.handler.connection.shutdown(socket.SHUT_WR)

    return handle


def stream(size: int, *, content_length: bool, chunk: bytes = b"<p>" + b"x" * 1021) -> Handler:
    """Send ``size`` bytes of HTML, with or without Content-Length (then closing to end the body)."""

    def handle(request: Request) -> None:
        headers = {"Content-Type": HTML}
        if content_length:
            headers["Content-Length"] = str(size)
        request.send_head(200, headers)
        left = size
        while left > 0 and not request.stopping.is_set():
            piece = chunk[: min(left, len(chunk))]
            request.write(piece)
            left -= len(piece)

    return handle


def gzip_bytes(size: int) -> bytes:
    """Return ``size`` bytes of spaces, gzip-compressed (about 1000:1)."""
    return gzip.compress(b"<html>" + b" " * (size - 6), compresslevel=9)


def gzip_bomb(size: int, *, code: int = 200, headers: dict[str, str] | None = None) -> Handler:
    """Send a small gzip body (Content-Encoding: gzip) that inflates to ``size`` bytes."""
    data = gzip_bytes(size)
    return page(data, status=code, headers={"Content-Encoding": "gzip", **(headers or {})})


def sequence(*handlers: Handler) -> Handler:
    """Answer the n-th request with the n-th handler (the last one repeats)."""
    calls = iter(range(10**9))

    def handle(request: Request) -> None:
        handlers[min(next(calls), len(handlers) - 1)](request)

    return handle
