"""``scout interview list`` reads as a schedule: earliest first, times in one column."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from companyscout.cli import cli


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOUT_NOW", "2026-11-26T09:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")


def test_interviews_are_listed_by_time_with_aligned_columns() -> None:
    runner = CliRunner()
    for company, when in (
        ("Acme", "2026-11-25 14:00"),
        ("Globex", "2026-12-03 09:00"),
        ("Initech", "2026-11-25 09:00"),
    ):
        assert runner.invoke(cli, ["interview", "add", company, "--when", when]).exit_code == 0
    assert runner.invoke(cli, ["interview", "list"]).stdout.splitlines() == [
        "  3  Wed 25 Nov 09:00  Initech · interviewer not recorded",
        "  1  Wed 25 Nov 14:00  Acme · interviewer not recorded",
        "  2  Thu 3 Dec 09:00   Globex · interviewer not recorded",
    ]


def test_arguments_that_are_not_utf8_never_break_the_calendar(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["interview", "add", "Ac\udcffme", "--when", "2026-11-25 14:00", "--with", "J\udcffo", "--notes", "x\udcff"]
    assert runner.invoke(cli, args).exit_code == 0
    assert runner.invoke(cli, ["promise", "add", "Acme", "sa\udcffmple", "--due", "tomorrow"]).exit_code == 0
    target = tmp_path / "scout.ics"
    result = runner.invoke(cli, ["agenda", "--ics", str(target)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Thank J\ufffdo (Ac\ufffdme)" in target.read_text(encoding="utf-8")
