"""Every ``--json`` output follows one rule: readable UTF-8, nothing that can drive a terminal."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from companyscout.cli import cli
from companyscout.safe import json_dumps

# A name as a web page or a typo could carry it: accents, Japanese, a C1 CSI, a bidi override.
HOSTILE = "Zoë トヨタ \x9b2J \u202eevil"
UNSAFE = ("\x9b", "\u202e")


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOUT_NOW", "2026-11-26T09:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")


def printed_json(*args: str) -> object:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not any(ch in result.stdout for ch in UNSAFE)
    assert "Zoë トヨタ" in result.stdout  # readable, not \u escapes
    return json.loads(result.stdout)


def test_json_dumps_escapes_only_what_a_terminal_must_not_see() -> None:
    data = {"name": HOSTILE + "\u2028", "lone": "\ud800"}
    text = json_dumps(data)
    assert "Zoë トヨタ" in text and "\\u009b" in text and "\\u202e" in text and "\\u2028" in text
    assert "\\ud800" in text  # a lone surrogate could not even be encoded for printing
    assert json.loads(text) == data


def test_every_json_command_prints_safe_readable_json() -> None:
    runner = CliRunner()
    for args in (
        ["contacts", "add", HOSTILE, "--company", "Acme", "--follow-up", "2026-11-25"],
        ["interview", "add", "Acme", "--when", "2026-11-25 14:00", "--with", HOSTILE],
        ["promise", "add", "Acme", HOSTILE],
        ["config", "set", "signature", "Zoë トヨタ"],
    ):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    contacts = printed_json("contacts", "list", "--json")
    assert contacts[0]["name"] == HOSTILE  # type: ignore[index]
    assert printed_json("contacts", "show", "1", "--json")["name"] == HOSTILE  # type: ignore[index]
    printed_json("contacts", "due", "--json")
    printed_json("contacts", "at", "Acme", "--json")
    assert printed_json("interview", "list", "--json")[0]["interviewers"][0]["name"] == HOSTILE  # type: ignore[index]
    assert printed_json("promise", "list", "--json")[0]["text"] == HOSTILE  # type: ignore[index]
    assert printed_json("config", "list", "--json")["signature"] == "Zoë トヨタ"  # type: ignore[index]
    status = printed_json("status", "--json")
    assert any(HOSTILE in item["what"] for item in status["items"])  # type: ignore[index]
