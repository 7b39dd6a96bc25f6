"""The package's public API: every name in __all__ imports, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys

import companyscout


def test_every_public_name_resolves() -> None:
    for name in companyscout.__all__:
        assert getattr(companyscout, name) is not None, name


def test_import_does_not_load_the_network_stack() -> None:
    code = "import sys, companyscout; print(sorted(m for m in ('requests', 'lxml', 'trafilatura') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
