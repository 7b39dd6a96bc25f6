"""Shared fixtures: every test runs with its own temporary SCOUT_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def scout_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point SCOUT_HOME at a fresh folder so no test touches the user's data."""
    home = tmp_path / "scout-home"
    monkeypatch.setenv("SCOUT_HOME", str(home))
    return home
