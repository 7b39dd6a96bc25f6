"""The demo site's server answers as a static host does."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from companyscout.demo import serve_folder


def test_a_folder_without_an_index_page_is_not_listed(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html>home</html>", encoding="utf-8")
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "finances.html").write_text("<html>money</html>", encoding="utf-8")
    with serve_folder(tmp_path) as home:
        with urllib.request.urlopen(home) as answer:
            assert answer.read() == b"<html>home</html>"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(home + "about/")
        assert refused.value.code == 404
        assert b"finances" not in refused.value.read()
