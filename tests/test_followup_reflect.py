"""``scout reflect`` asked one question at a time: answers piped in, the input ending, Ctrl-C."""

from __future__ import annotations

import builtins
import json

import pytest
from click.testing import CliRunner, Result

from companyscout.cli import cli


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOUT_NOW", "2026-11-26T09:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")


def reflect(input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["reflect", "Acme Robotics"], input=input, catch_exceptions=False)


def saved_answers() -> list[dict[str, str]]:
    from companyscout.store import open_database

    with open_database().read() as tdb:
        return [doc["answers"] for doc in tdb.table("reflections").all()]


def test_piped_answers_keep_one_question_per_line() -> None:
    result = reflect("how I handle conflict\nteamwork\nconcrete numbers\nsystem design\n")
    assert result.exit_code == 0, result.output
    assert (
        "Which questions did they ask? how I handle conflict\nWhere were your answers strong? teamwork\n"
        in result.output
    )
    assert result.output.endswith("Saved debrief 1 with Acme Robotics.\n")


def test_the_end_of_the_input_saves_the_answers_given_so_far() -> None:
    result = reflect("how I handle conflict\n")
    assert result.exit_code == 0, result.output
    assert saved_answers() == [{"questions": "how I handle conflict"}]


def test_no_answer_at_all_is_one_line_and_saves_nothing() -> None:
    result = reflect("")
    assert result.exit_code == 2
    assert result.stderr == "Error: the debrief has no answers; answer at least one question\n"
    assert saved_answers() == []


def test_ctrl_c_during_the_questions_saves_nothing_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["how I handle conflict"])

    def typed(prompt: str = "") -> str:
        for answer in answers:
            return answer
        raise KeyboardInterrupt

    monkeypatch.setattr(builtins, "input", typed)
    result = reflect()
    assert result.exit_code == 130
    assert "Traceback" not in result.output and "Interrupted; nothing stored was changed" in result.stderr
    assert saved_answers() == []
    assert json.loads(CliRunner().invoke(cli, ["status", "--json"]).stdout)["items"] == []
