"""The page cache: what is stored reads back whole, and a damaged entry reads as a miss."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from companyscout.web.cache import CachedPage, PageCache

URL = "https://acme.example/about"


def _page(content: bytes = b"<html>About Acme</html>") -> CachedPage:
    return CachedPage(
        url=URL,
        final_url=URL + "/",
        status=200,
        content_type="text/html",
        etag='"v1"',
        last_modified="Mon, 30 Nov 2026 10:00:00 GMT",
        content=content,
    )


def _entry_file(folder: Path) -> Path:
    (entry,) = folder.rglob("*.page")
    return entry


def test_a_stored_page_reads_back_with_its_validators(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    cache.put(_page())
    stored = cache.get(URL)
    assert stored == _page()
    assert stored.validators() == {"If-None-Match": '"v1"', "If-Modified-Since": "Mon, 30 Nov 2026 10:00:00 GMT"}
    assert cache.get("https://acme.example/team") is None


def test_a_new_entry_replaces_the_old_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    cache.put(_page(b"old"))
    cache.put(_page(b"new"))
    assert cache.get(URL) == _page(b"new")
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [_entry_file(tmp_path).name]


def test_the_same_page_stored_again_is_marked_fresh_without_a_rewrite(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    cache.put(_page())
    entry = _entry_file(tmp_path)
    os.utime(entry, (0, 0))  # stored long ago
    inode = entry.stat().st_ino
    cache.put(_page())
    assert cache.age(URL) is not None and cache.age(URL) < 60  # fresh again
    assert entry.stat().st_ino == inode  # the same file: nothing was written
    cache.put(_page(b"<html>About Acme, changed</html>"))
    assert cache.get(URL) == _page(b"<html>About Acme, changed</html>")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # created, never written (a power cut before the data reached the disk)
        lambda data: data[: data.index(b"\n") // 2],  # cut inside the header
        lambda data: data[:-3],  # cut inside the body
        lambda data: data + b"more",  # a body longer than its header says
        lambda data: b"[]\n" + data.split(b"\n", 1)[1],  # a header that is not an object
        lambda data: b"\xff\xfe\x00garbage\n",  # not JSON at all
        lambda data: data.replace(b'"status": 200', b'"status": "ok"'),  # a header field of the wrong kind
    ],
)
def test_a_damaged_entry_reads_as_a_miss(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    cache = PageCache(tmp_path)
    cache.put(_page())
    entry = _entry_file(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.get(URL) is None
    cache.put(_page())  # the next fetch stores the page again
    assert cache.get(URL) == _page()


def test_an_entry_stored_under_another_url_is_not_served(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    cache.put(_page())
    entry = _entry_file(tmp_path)
    entry.write_bytes(entry.read_bytes().replace(URL.encode(), b"https://other.example/x", 1))
    assert cache.get(URL) is None
