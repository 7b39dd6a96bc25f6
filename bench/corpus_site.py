"""A real threaded HTTP server for a website folder, as benchmarks and the corpus evaluation need it.

It serves a folder on 127.0.0.1 the way a static host does (HTTP/1.1 with keep-alive, directory
index, ``/dir`` → ``/dir/``), maps a hosting prefix such as ``/project-site/`` back to the folder
root when the folder has no such path (sites published under a sub-path link that way), fills in
the demo site's ``__ORIGIN__`` placeholder in XML and text files, can add latency to every
response, and logs every request and the number of connections open at once.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from companyscout.demo import SiteHandler


@dataclass
class ServerLog:
    """Requests seen by the server, and the most connections in flight at once."""

    paths: list[str] = field(default_factory=list)
    # (seconds since the server started, path) of each request as it arrived, and of each answer sent.
    arrivals: list[tuple[float, str]] = field(default_factory=list)
    answers: list[tuple[float, str]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    connections: int = 0  # connections opened in all
    in_flight: int = 0  # connections open now
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def enter(self) -> None:
        with self.lock:
            self.connections += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def record(self, path: str) -> None:
        with self.lock:
            self.paths.append(path)
            self.arrivals.append((time.monotonic() - self.started, path))

    def answered(self, path: str) -> None:
        with self.lock:
            self.answers.append((time.monotonic() - self.started, path))

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1


class _BenchHandler(SiteHandler):
    """The demo site's handler (quiet, ``__ORIGIN__`` filled in), with latency, a log and hosting prefixes."""

    protocol_version = "HTTP/1.1"  # keep-alive, as static hosts answer
    # Headers and body leave at once, as from a web server (nginx's tcp_nodelay): with Nagle's
    # algorithm a kept-alive connection would stall each body ~40 ms on the client's delayed ACK.
    disable_nagle_algorithm = True
    latency: float = 0.0
    log: ServerLog

    def _strip_hosting_prefix(self) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        root = Path(self.directory)
        first, _, rest = path.lstrip("/").partition("/")
        if first and not (root / first).exists() and (not rest or (root / rest).exists() or rest.endswith("/")):
            self.path = "/" + rest + (f"?{parts.query}" if parts.query else "")

    def handle(self) -> None:
        self.log.enter()
        try:
            super().handle()
        finally:
            self.log.leave()

    def do_GET(self) -> None:
        asked = self.path
        self.log.record(asked)
        if self.latency:
            time.sleep(self.latency)
        self._strip_hosting_prefix()
        try:
            super().do_GET()
        finally:
            self.log.answered(asked)

    def guess_type(self, path: str) -> str:  # type: ignore[override]
        # Mirrors save pages without extensions; a browser would see them as HTML.
        if not os.path.splitext(path)[1]:
            return "text/html"
        return super().guess_type(path)


@contextlib.contextmanager
def serve_site(folder: Path, *, latency: float = 0.0) -> Iterator[tuple[str, ServerLog]]:
    """Serve ``folder`` on 127.0.0.1; yield the home URL and the request log."""
    log = ServerLog()
    handler_cls = type("SiteHandler", (_BenchHandler,), {"latency": latency, "log": log})
    handler = functools.partial(handler_cls, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.request_queue_size = 64
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()
