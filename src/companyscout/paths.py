"""Where scout keeps its data: ``$SCOUT_HOME`` first, then the platform's app data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "companyscout"
DB_FILENAME = "scout.json"


def scout_home() -> Path:
    """Return the data folder (not created)."""
    env = os.environ.get("SCOUT_HOME")
    if env:
        return Path(env).expanduser()
    import click  # local import: click is cheap, but keep this module dependency-free for the library

    return Path(click.get_app_dir(APP_NAME))


def database_path() -> Path:
    """Return the path of the tinydb database file."""
    return scout_home() / DB_FILENAME


def cache_dir() -> Path:
    """Return the folder of the page cache."""
    return scout_home() / "cache"
