"""The page cache: one file per URL holding the body and the validators to revalidate it.

A file is a JSON header line followed by the raw body, written to a temporary file in the
same folder and moved into place with ``os.replace``, so a reader sees the old entry or the
new one, never half of one. Entries are not flushed to disk (no ``fsync``): a cache may lose
what it held in a power cut, and an entry lost or left empty or cut short reads as a miss and is
fetched again, so durability would cost every page a disk flush for nothing a user would notice.
A cached page is reused only after the server confirms it with ``304 Not Modified`` (or with
``--offline``, where nothing is asked).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path


@dataclass
class CachedPage:
    """A stored answer: what to show again and what to revalidate it with."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    content: bytes = b""

    def validators(self) -> dict[str, str]:
        """Return the conditional request headers (If-None-Match, If-Modified-Since) for this page."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class PageCache:
    """Stores pages by URL under a folder; every failure to read an entry reads as a miss."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.page"

    def get(self, url: str) -> CachedPage | None:
        """Return the cached page for ``url``, or None when absent or unreadable."""
        try:
            with open(self._path(url), "rb") as handle:
                header = json.loads(handle.readline())
                content = handle.read()
            if not isinstance(header, dict) or header.get("url") != url or len(content) != header.get("length"):
                return None  # a hash collision or a damaged entry
            return CachedPage(
                url=url,
                final_url=str(header["final_url"]),
                status=int(header["status"]),
                content_type=header.get("content_type"),
                etag=header.get("etag"),
                last_modified=header.get("last_modified"),
                content=content,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def age(self, url: str) -> float | None:
        """Return how many seconds ago ``url`` was stored, or None when it is not in the cache."""
        try:
            return max(0.0, time.time() - self._path(url).stat().st_mtime)
        except OSError:
            return None

    def touch(self, url: str) -> None:
        """Mark ``url``'s entry as stored now (the server confirmed it); a missing entry is left alone."""
        try:
            os.utime(self._path(url))
        except OSError:
            pass

    def put(self, page: CachedPage) -> None:
        """Store ``page`` atomically; raises OSError when the folder cannot be written.

        An entry that already holds exactly this page is only marked as stored now: a site
        briefed again mostly serves the same pages, and reading one back costs a tenth of
        writing and replacing it.
        """
        path = self._path(page.url)
        header = {f.name: getattr(page, f.name) for f in fields(page) if f.name != "content"}
        header["length"] = len(page.content)
        head = json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n"
        try:
            with open(path, "rb") as stored:
                unchanged = stored.read(len(head) + len(page.content) + 1) == head + page.content
            if unchanged:
                os.utime(path)
                return
        except OSError:
            pass  # no entry yet, or one that cannot be read: written afresh below
        try:
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".page")
        except FileNotFoundError:  # the first entry of its folder
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".page")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(head)
                handle.write(page.content)
            os.replace(temp, path)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
