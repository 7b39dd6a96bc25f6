"""The after-interview commands, run through the CLI with a frozen clock (SCOUT_NOW)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from companyscout.briefs import save_briefing
from companyscout.cli import cli
from companyscout.contacts import add_contact, list_contacts
from companyscout.model import Achievement, Briefing, Mission
from companyscout.store import open_database

# Wednesday 25 Nov 2026, 14:00 in Berlin (UTC+1).
INTERVIEW = "2026-11-25 14:00"
SERIES_B = "Acme raises Series B to expand into Europe"
MISSION = "Our mission is to make every warehouse a safe place to work."


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test here runs in Berlin time unless it switches zone itself."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def scout(*args: str, now: str = "2026-11-26T09:00", input: str | None = None) -> Result:
    """Run ``scout ARGS`` at the frozen local time ``now``."""
    return CliRunner().invoke(cli, list(args), env={"SCOUT_NOW": now}, input=input, catch_exceptions=False)


def ok(*args: str, now: str = "2026-11-26T09:00", input: str | None = None) -> str:
    result = scout(*args, now=now, input=input)
    assert result.exit_code == 0, result.output
    return result.output


def acme_interview(*extra: str) -> str:
    return ok(
        "interview", "add", "Acme Robotics", "--when", INTERVIEW, "--role", "Backend Engineer",
        "--with", "Jane Doe", "--with", "Sam Lee", "--stage", "first round",
        "--notes", "the fleet telemetry pipeline; their on-call rotation", *extra,
    )  # fmt: skip


def store_acme_briefing() -> None:
    save_briefing(
        open_database(),
        Briefing(
            company="Acme Robotics",
            website="https://acme.example/",
            generated_at="2026-11-24T10:00:00+00:00",
            mission=Mission(MISSION, "https://acme.example/about"),
            achievements=[Achievement("2026-10-01", SERIES_B, None, "https://acme.example/news/series-b")],
        ),
    )


# -- interview ----------------------------------------------------------------------------------


def test_interview_add_records_it_and_makes_interviewers_contacts() -> None:
    add_contact(open_database(), "Jane Doe", company="ACME Robotics Inc.", title="Engineering Manager")
    out = acme_interview()
    assert "Recorded interview 1 with Acme Robotics on Wed 25 Nov 14:00." in out
    assert "Jane Doe: contact 1" in out  # linked to the existing contact, not doubled
    assert "Sam Lee: contact 2" in out
    assert "Thank-you notes due Thu 26 Nov 14:00, in 5 h: scout thanks 'Acme Robotics'" in out
    contacts = {c.name: c for c in list_contacts(open_database())}
    assert len(contacts) == 2
    assert contacts["Sam Lee"].source == "interviewer" and contacts["Sam Lee"].company == "Acme Robotics"
    assert contacts["Jane Doe"].title == "Engineering Manager"


def test_interview_list_show_note_and_edit() -> None:
    acme_interview()
    ok("interview", "add", "Globex", "--when", "2026-11-30 10:00")
    listed = ok("interview", "list")
    assert listed.splitlines() == [
        "  1  Wed 25 Nov 14:00  Acme Robotics · Backend Engineer · first round · Jane Doe, Sam Lee",
        "  2  Mon 30 Nov 10:00  Globex · interviewer not recorded",
    ]
    assert "Added note 2 to interview 1" in ok("interview", "note", "1", "They use Rust for the robots")
    ok("interview", "edit", "2", "--with", "Ann Okafor", "--role", "SRE")
    shown = ok("interview", "show", "1")
    assert "  thanks: Jane Doe: due Thu 26 Nov 14:00, in 5 h" in shown
    assert "  reply expected: Wed 2 Dec 14:00 (a week, none given)" in shown
    assert "They use Rust for the robots" in shown
    data = json.loads(ok("interview", "list", "--json"))
    assert [d["company"] for d in data] == ["Acme Robotics", "Globex"]
    assert data[1]["interviewers"][0]["name"] == "Ann Okafor" and data[1]["role"] == "SRE"
    assert data[0]["thanks_deadline"] == "2026-11-26T14:00:00+01:00"


def test_bad_times_and_unknown_ids_are_one_line_errors() -> None:
    result = scout("interview", "add", "Acme", "--when", "2026-13-45")
    assert result.exit_code == 2
    assert (
        result.output
        == 'Error: cannot read the time "2026-13-45": try "tomorrow 3pm", "in 5 days" or "2026-12-01 14:00"\n'
    )
    result = scout("interview", "show", "99")
    assert (result.exit_code, result.output) == (1, "Error: no interview has id 99; see scout interview list\n")
    result = scout("thanks", "Nowhere Ltd")
    assert result.exit_code == 1 and "scout interview add" in result.output
    assert "Traceback" not in result.output


# -- thanks -------------------------------------------------------------------------------------


def test_thanks_drafts_one_note_per_interviewer_with_a_real_fact() -> None:
    acme_interview()
    store_acme_briefing()
    ok("config", "set", "name", "Alex Kim")
    out = ok("thanks", "acme robotics")
    assert "Thank-you note 1 of 2 to Jane Doe (send by Thu 26 Nov 14:00, in 5 h)" in out
    assert "Thank-you note 2 of 2 to Sam Lee (send by Thu 26 Nov 14:00, in 5 h)" in out
    assert "Dear Jane," in out and "Dear Sam," in out
    assert "about the Backend Engineer role at Acme Robotics" in out
    assert "the fleet telemetry pipeline and their on-call rotation" in out
    jane, sam = out.split("Thank-you note 2 of 2")
    # Each interviewer gets a different fact of the briefing, each word for word and rightly dated.
    assert f"I was glad to read about “{SERIES_B}” (October 2026)" in jane
    assert f"Fact used (achievement): “{SERIES_B}”, check it at https://acme.example/news/series-b" in jane
    assert f"Your mission, “{MISSION.rstrip('.')}”, is a large part of why" in sam
    assert f"Fact used (mission): “{MISSION.rstrip('.')}”, check it at https://acme.example/about" in sam
    assert "Best regards,\nAlex Kim" in out
    assert "When sent: scout thanks 'Acme Robotics' --sent" in out
    only_sam = ok("thanks", "Acme Robotics", "--to", "sam", "--format", "markdown")
    assert "Dear Sam," in only_sam and "Dear Jane" not in only_sam
    assert "**Subject:** Thank you: Backend Engineer interview" in only_sam
    assert "When sent: scout thanks 'Acme Robotics' --to sam --sent" in only_sam  # marks Sam's note only


def test_thanks_without_briefing_says_what_would_improve_it() -> None:
    ok("interview", "add", "Initech", "--when", INTERVIEW)
    out = ok("thanks", "Initech")
    assert "Hello,\n\nThank you for taking the time to speak with me on Wednesday 25 November" in out
    assert "To improve: no notes from the interview: add points with `scout interview note 1 TEXT`" in out
    assert 'To improve: no briefing of Initech: run `scout brief "Initech"`' in out


def test_thanks_to_someone_who_was_not_there_is_refused() -> None:
    acme_interview()
    result = scout("thanks", "Acme Robotics", "--to", "Bob")
    assert result.exit_code == 2
    assert "interviewers: Jane Doe, Sam Lee" in result.output and "scout interview edit 1 --with NAME" in result.output


@pytest.mark.parametrize(
    ("now", "mark", "due"),
    [
        ("2026-11-26T13:59", "DUE", "Thu 26 Nov 14:00, in 1 min"),
        ("2026-11-26T14:00", "DUE", "Thu 26 Nov 14:00, due now"),  # exactly 24 h: still on time
        ("2026-11-26T14:00:01", "OVERDUE", "Thu 26 Nov 14:00, due now"),
        ("2026-11-26T16:00", "OVERDUE", "Thu 26 Nov 14:00, overdue by 2 h"),
    ],
)
def test_thank_you_deadline_is_exactly_24_hours(now: str, mark: str, due: str) -> None:
    acme_interview()
    lines = ok("status", now=now).splitlines()
    assert lines[1] == f"{mark:<8}  Acme Robotics: send thank-you note to Jane Doe, Sam Lee"
    assert lines[2] == f"          {due}  →  scout thanks 'Acme Robotics'"
    item = json.loads(ok("status", "--json", now=now))["items"][0]
    assert item["overdue"] is (mark == "OVERDUE")


def test_thanks_sent_clears_the_status_line_one_interviewer_at_a_time() -> None:
    acme_interview()
    out = ok("thanks", "Acme Robotics", "--to", "Jane Doe", "--sent")
    assert "Still to send: Sam Lee (due Thu 26 Nov 14:00, in 5 h)" in out
    assert "send thank-you note to Sam Lee" in ok("status")
    ok("thanks", "Acme Robotics", "--sent", now="2026-11-26T10:00")
    assert "thank-you" not in ok("status")
    assert "(sent Thu 26 Nov 10:00)" in ok("thanks", "Acme Robotics")


def test_deadline_is_24_real_hours_across_a_dst_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")  # clocks go back at 02:00 on Sun 1 Nov 2026
    time.tzset()
    ok("interview", "add", "Acme", "--when", "2026-10-31 15:00", now="2026-10-31T16:00")
    out = ok("status", now="2026-11-01T13:30")
    assert "Sun 1 Nov 14:00, in 30 min" in out  # 15:00 EDT + 24 h = 14:00 EST
    assert "OVERDUE" in ok("status", now="2026-11-01T14:01")


def test_times_are_shown_in_the_zone_scout_runs_in(monkeypatch: pytest.MonkeyPatch) -> None:
    ok("interview", "add", "Acme", "--when", INTERVIEW)  # 14:00 Berlin = 13:00 UTC
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    out = ok("status", now="2026-11-26T18:00+09:00")
    assert "Thu 26 Nov 22:00, in 4 h" in out  # the deadline, 13:00 UTC on the 26th, in Tokyo


# -- promises, reflections, next steps ----------------------------------------------------------


def test_promise_add_list_done() -> None:
    acme_interview()
    assert "Recorded promise 1 to Acme Robotics, due Thu 26 Nov 17:30, in 8 h." in ok(
        "promise", "add", "acme robotics", "send the code sample", "--due", "today 17:30"
    )
    ok("promise", "add", "Globex", "two references")
    assert ok("promise", "list").splitlines() == [
        "  1  Acme Robotics: send the code sample (due Thu 26 Nov 17:30, in 8 h)",
        "  2  Globex: two references (no date)",
    ]
    assert "Promise 1 to Acme Robotics kept: send the code sample" in ok("promise", "done", "1")
    assert "send the code sample" not in ok("promise", "list")
    assert "kept Thu 26 Nov 09:00" in ok("promise", "list", "--all")
    data = json.loads(ok("promise", "list", "--json"))
    assert [p["text"] for p in data] == ["two references"]
    assert scout("promise", "add", "Acme", "x", "--due", "someday").exit_code == 2


def test_reflect_asks_one_question_at_a_time_and_recalls_earlier_improvements() -> None:
    acme_interview()
    ok("reflect", "Acme Robotics", "--improve", "shorter answers", "--strong", "the queue design")
    ok("interview", "add", "Globex", "--when", "2026-11-26 08:00")
    out = ok("reflect", "Globex", input="how I handle conflict\nteamwork\nconcrete numbers\nsystem design\n")
    assert "Earlier, you wanted to improve:\n  - shorter answers (Acme Robotics, Thu 26 Nov 09:00)" in out
    questions = ["Which questions did they ask?", "Where were your answers strong?", "What would you improve?",
                 "What should you prepare for the next step?"]  # fmt: skip
    positions = [out.index(q) for q in questions]
    assert positions == sorted(positions)
    assert "Saved debrief 2 of interview 2 with Globex." in out
    later = ok("reflect", "Acme Robotics", "--prepare", "x")
    assert "  - shorter answers (Acme Robotics" in later and "  - concrete numbers (Globex" in later


def test_next_step_gives_a_checklist_from_briefing_reflections_and_promises() -> None:
    acme_interview()
    store_acme_briefing()
    ok("reflect", "Acme Robotics", "--improve", "shorter answers")
    ok("promise", "add", "Acme Robotics", "send the code sample")
    out = ok("next", "Acme Robotics", "take-home assessment", "--when", "in 5 days")
    assert "Recorded next step 1: take-home assessment with Acme Robotics." in out
    assert "Next: take-home assessment with Acme Robotics, Tue 1 Dec 09:00, in 5 days" in out
    assert "  [ ] Ask what format, tools and time limit to expect." in out
    assert "  [ ] Send what you promised first: send the code sample" in out
    assert "  [ ] Work on what you wanted to improve: shorter answers" in out
    assert f"  [ ] Know the mission and how your work serves it: “{MISSION}”" in out
    assert f"  [ ] Be ready to talk about their latest news: {SERIES_B} (October 2026)" in out
    again = ok("next", "Acme Robotics")
    assert "Recorded" not in again and "Next: take-home assessment" in again
    assert scout("next", "Initech").exit_code == 1


# -- status, followup, agenda -------------------------------------------------------------------


def test_status_orders_everything_across_companies_most_urgent_first() -> None:
    acme_interview("--expect", "2026-12-02")
    ok("interview", "add", "Globex", "--when", "2026-11-20 10:00", "--with", "Ann Okafor", now="2026-11-20T12:00")
    ok("thanks", "Globex", "--sent", now="2026-11-20T12:00")
    ok("interview", "add", "Initech", "--when", "2026-12-01 11:00", "--stage", "technical")
    ok("promise", "add", "Initech", "portfolio link", "--due", "2026-11-27 12:00")
    ok("promise", "add", "Globex", "two references")
    ok("next", "Acme Robotics", "second interview", "--when", "2026-12-03 10:00")
    contact = add_contact(open_database(), "Kim Park", company="Umbrella", title="Recruiter")
    ok("contacts", "status", str(contact.id), "requested", "--follow-up", "2026-11-25")
    lines = ok("status", now="2026-11-28T09:00").splitlines()
    assert lines[0] == "As of Sat 28 Nov 09:00, most urgent first:"
    headlines = lines[1::2]
    assert headlines == [
        "OVERDUE   Umbrella: follow up with Kim Park",
        "OVERDUE   Acme Robotics: send thank-you note to Jane Doe, Sam Lee",
        "OVERDUE   Globex: no word yet: send a polite check-in",
        "OVERDUE   Initech: send what you promised: portfolio link",
        "COMING    Initech: technical interview",
        "COMING    Acme Robotics: prepare for second interview",
        "OPEN      Globex: send what you promised: two references",
    ]
    commands = [line.split("→  ")[1] for line in lines[2::2]]
    assert commands == [
        f"scout contacts message {contact.id} --kind follow-up",
        "scout thanks 'Acme Robotics'",
        "scout followup Globex",
        "scout promise done 1",
        "scout next Initech",
        "scout next 'Acme Robotics'",
        "scout promise done 2",
    ]
    data = json.loads(ok("status", "--json", now="2026-11-28T09:00"))
    assert [i["kind"] for i in data["items"]] == [
        "contact",
        "thanks",
        "quiet",
        "promise",
        "interview",
        "next-step",
        "promise",
    ]
    assert data["items"][2]["due"] == "2026-11-27T10:00:00+01:00"  # a week after the interview


def test_status_with_nothing_recorded_says_how_to_start() -> None:
    assert ok("status").startswith("Nothing due. Record an interview: scout interview add")
    assert json.loads(ok("status", "--json"))["items"] == []


def test_followup_drafts_a_check_in_and_waits_a_week_after_sending() -> None:
    acme_interview("--expect", "2026-12-02")
    ok("thanks", "Acme Robotics", "--sent")
    add_contact(open_database(), "Riya Shah", company="Acme Robotics", title="Talent Partner")
    early = ok("followup", "Acme Robotics", now="2026-11-30T09:00")
    assert early.startswith("Word is expected by Wed 2 Dec 09:00, in 2 days")
    assert "check-in" not in ok("status", now="2026-12-02T08:59")
    assert "Acme Robotics: no word yet: send a polite check-in" in ok("status", now="2026-12-02T09:00")
    out = ok("followup", "Acme Robotics", now="2026-12-03T09:00")
    assert "Word is expected" not in out
    assert "Dear Riya," in out  # the recruiter, not the interviewer
    assert "hear back around Wednesday 2 December" in out
    assert "Backend Engineer role at Acme Robotics on Wednesday 25 November" in out
    sent = ok("followup", "Acme Robotics", "--sent", now="2026-12-03T09:00")
    assert "if still no word, scout reminds you Thu 10 Dec 09:00" in sent
    assert "check-in" not in ok("status", now="2026-12-10T08:59")
    assert "check-in" in ok("status", now="2026-12-10T09:00")
    ok("next", "Acme Robotics", "final round", "--when", "2026-12-15 10:00", now="2026-12-10T10:00")
    assert "check-in" not in ok("status", now="2026-12-11T09:00")  # they replied: the process moved on


def test_agenda_exports_a_calendar_that_parses_back(tmp_path: Path) -> None:
    from icalendar import Calendar

    acme_interview("--expect", "2026-12-02")
    ok("promise", "add", "Acme Robotics", "send the code sample", "--due", "tomorrow 5pm")
    ok("promise", "add", "Acme Robotics", "undated thing")
    target = tmp_path / "scout.ics"
    assert ok("agenda", "--ics", str(target)) == f"Wrote 4 events to {target}.\n"
    calendar = Calendar.from_ical(target.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "interview-1@companyscout", "thanks-1@companyscout", "check-in-1@companyscout", "promise-1@companyscout",
    }  # fmt: skip
    thanks = events["thanks-1@companyscout"]
    assert thanks.decoded("dtstart") == datetime(2026, 11, 26, 13, 0, tzinfo=timezone.utc)
    assert str(thanks["summary"]) == "Thank Jane and Sam (Acme Robotics)"
    assert "scout thanks 'Acme Robotics'" in str(thanks["description"])
    check_in = events["check-in-1@companyscout"]
    assert check_in.decoded("dtstart") == datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc)
    promise = events["promise-1@companyscout"]
    assert promise.decoded("dtstart") == datetime(2026, 11, 27, 16, 0, tzinfo=timezone.utc)
    assert promise.decoded("dtend") - promise.decoded("dtstart") == timedelta(minutes=30)
    # A next step means the company replied: the check-in leaves the calendar, the step joins it.
    ok("next", "Acme Robotics", "second interview", "--when", "2026-12-03 10:00")
    ok("agenda", "--ics", str(target))
    uids = {str(e["uid"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert "check-in-1@companyscout" not in uids and "next-step-1@companyscout" in uids
    assert ok("agenda", "--ics", "-").startswith("BEGIN:VCALENDAR")


def test_every_command_has_help() -> None:
    for args in (["interview", "add"], ["interview", "list"], ["interview", "show"], ["interview", "note"],
                 ["interview", "edit"], ["thanks"], ["promise", "add"], ["promise", "list"], ["promise", "done"],
                 ["reflect"], ["next"], ["status"], ["followup"], ["agenda"]):  # fmt: skip
        result = scout(*args, "--help")
        assert result.exit_code == 0 and "Usage: " in result.output, args


def test_the_commands_import_no_web_libraries() -> None:
    code = (
        "import sys, companyscout.cli.followup, companyscout.followup, companyscout.drafts; "
        "heavy = ('requests', 'bs4', 'trafilatura', 'lxml', 'dateparser', 'icalendar'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_thanks_before_the_interview_says_when_it_is() -> None:
    ok("interview", "add", "Initech", "--when", "2026-11-30 10:00")
    result = scout("thanks", "Initech")
    assert result.exit_code == 2
    assert "the interview with Initech is on Mon 30 Nov 10:00 (interview 1); come back after it" in result.output
