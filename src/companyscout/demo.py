"""The bundled sample company website, served on 127.0.0.1 for ``scout demo`` and the tests."""

from __future__ import annotations

import contextlib
import functools
import http
import http.server
import os
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

ORIGIN_PLACEHOLDER = b"__ORIGIN__"
# Sitemaps, feeds and robots.txt need absolute URLs; the port is only known once the server runs.
_TEMPLATED_SUFFIXES = (".xml", ".txt")


def demo_site_folder() -> Path:
    """Return the folder of the bundled demo website."""
    return Path(str(resources.files("companyscout") / "demo_site"))


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve a website folder quietly, filling in ``__ORIGIN__`` in its sitemaps, feeds and robots.txt."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet server
        pass

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """Answer 404 for a folder without an index page, as static hosts do (no listings)."""
        self.send_error(http.HTTPStatus.NOT_FOUND, "File not found")

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if not path.endswith(_TEMPLATED_SUFFIXES) or not Path(path).is_file():
            return super().send_head()
        host, port = self.server.server_address[:2]  # type: ignore[index,str-unpack]  # (address, port) for IPv4
        body = Path(path).read_bytes().replace(ORIGIN_PLACEHOLDER, f"http://{host}:{port}".encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/xml" if path.endswith(".xml") else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@contextlib.contextmanager
def serve_folder(folder: Path, *, port: int = 0) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 in a background thread; yield the home URL."""
    handler = functools.partial(SiteHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="scout-demo-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def serve_demo_site(*, port: int = 0) -> contextlib.AbstractContextManager[str]:
    """Serve the bundled demo website; yield its home URL."""
    return serve_folder(demo_site_folder(), port=port)
