"""``scout contacts``: adding, listing, tracking, suggesting, exporting and drafting (CLI and library)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from companyscout import contacts as lib
from companyscout.briefs import save_briefing
from companyscout.cli import cli
from companyscout.cli.config import config as config_group
from companyscout.cli.contacts import contacts as contacts_group
from companyscout.model import Achievement, Briefing, Mission, Person
from companyscout.names import normalize_company, same_company
from companyscout.store import open_database

NOW = "2026-11-26T10:00:00+00:00"


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOUT_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def add(name: str, company: str = "Acme Robotics", *extra: str) -> int:
    result = run("contacts", "add", name, "--company", company, *extra)
    assert result.exit_code == 0, result.output
    return int(result.stdout.split()[2].rstrip(":"))


def listed(*args: str) -> list[dict[str, object]]:
    result = run("contacts", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def acme_briefing(**changes: object) -> Briefing:
    data: dict[str, object] = dict(
        company="Acme Robotics",
        website="https://acme.example/",
        generated_at="2026-11-20T10:00:00+00:00",
        mission=Mission("Our mission is to make warehouses safer.", "https://acme.example/about"),
        achievements=[Achievement("2026-10-01", "Acme opens a lab in Lyon", None, "https://acme.example/news/lyon")],
        people=[
            Person("Jane Doe", "VP Engineering", "https://acme.example/team"),
            Person("Raj Patel", "CTO", "https://acme.example/team"),
            Person("Raj  Patel", "CTO", "https://acme.example/leadership"),
        ],
    )
    data.update(changes)
    return Briefing(**data)  # type: ignore[arg-type]


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Acme Robotics, Inc.", "acme robotics"),
        ("ACME Robotics GmbH & Co. KG", "Acme Robotics"),
        ("Société Générale S.A.", "societe generale"),
        ("DeepMind Ltd", "Deep Mind"),
        ("Acme Pty. Ltd.", "ACME"),
        ("The Acme Company", "Acme"),
    ],
)
def test_same_company_ignores_case_punctuation_accents_and_suffixes(a: str, b: str) -> None:
    assert same_company(a, b)


def test_different_companies_stay_different() -> None:
    assert not same_company("Acme", "Acme Robotics")
    assert not same_company("", "")
    assert normalize_company("The Company") == "the company"  # never vanishes to nothing


# -- add, list, show -----------------------------------------------------------------------


def test_add_prints_the_new_id_and_list_shows_it() -> None:
    result = run(
        "contacts",
        "add",
        "Jane Doe",
        "--company",
        "Acme Robotics",
        "--title",
        "VP Engineering",
        "--url",
        "linkedin.com/in/jane-doe",
        "--email",
        "jane@acme.example",
        "--source",
        "interviewer",
    )
    assert result.exit_code == 0
    assert result.stdout == "Added contact 1: Jane Doe (Acme Robotics)\n"
    [contact] = listed()
    assert contact["url"] == "https://linkedin.com/in/jane-doe"
    assert (contact["status"], contact["source"]) == ("to-contact", "interviewer")
    table = run("contacts", "list").stdout
    assert "Jane Doe" in table and "VP Engineering" in table and table.startswith("ID")


@pytest.mark.parametrize(
    "second",
    [
        ["JANE  doe", "--company", "Acme Robotics Inc."],
        ["J. Doe", "--company", "Other", "--url", "http://www.linkedin.com/in/jane-doe/"],
    ],
)
def test_duplicate_is_refused_naming_the_existing_contact(second: list[str]) -> None:
    add("Jane Doe", "Acme Robotics", "--url", "https://linkedin.com/in/jane-doe")
    result = run("contacts", "add", *second)
    assert result.exit_code == 1
    assert "Error: Jane Doe (Acme Robotics) is already contact 1" in result.stderr
    assert len(listed()) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["", "--company", "Acme"], "name cannot be empty"),
        (["Jane", "--company", "Acme", "--url", "javascript:alert(1)"], "not an http(s) address"),
        (["Jane", "--company", "Acme", "--email", "jane at acme"], "not an address"),
        (["Jane", "--company", "Acme", "--follow-up", "2026-13-45"], "cannot read the time"),
    ],
)
def test_add_rejects_bad_input_with_usage_error(args: list[str], message: str) -> None:
    result = run("contacts", "add", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert listed() == []


def test_add_requires_company() -> None:
    result = run("contacts", "add", "Jane")
    assert result.exit_code == 2 and "--company" in result.stderr


def test_list_filters_by_company_and_status() -> None:
    add("Jane Doe", "Acme Robotics")
    add("Raj Patel", "Globex")
    run("contacts", "status", "2", "requested")
    assert [c["name"] for c in listed("--company", "ACME robotics, inc")] == ["Jane Doe"]
    assert [c["name"] for c in listed("--status", "requested")] == ["Raj Patel"]


def test_empty_list_says_how_to_start() -> None:
    result = run("contacts", "list")
    assert result.exit_code == 0 and "scout contacts add" in result.stdout


def test_show_prints_details_and_history_and_unknown_id_fails() -> None:
    add("Jane Doe", "Acme Robotics", "--notes", "Met at the panel interview")
    result = run("contacts", "show", "1")
    assert result.exit_code == 0
    assert "Met at the panel interview" in result.stdout and "added → to-contact" in result.stdout
    assert json.loads(run("contacts", "show", "1", "--json").stdout)["name"] == "Jane Doe"
    missing = run("contacts", "show", "9")
    assert missing.exit_code == 1 and "no contact with id 9" in missing.stderr


def test_output_strips_terminal_escapes_from_stored_text() -> None:
    add("Eve\x1b[2J Mallory\u202e", "Acme\x9b31m")
    for args in (["list"], ["show", "1"], ["at", "Acme"]):
        out = run("contacts", *args).stdout
        assert "\x1b" not in out and "\u202e" not in out and "\x9b" not in out, args
    raw_json = run("contacts", "list", "--json").stdout
    assert "\x1b" not in raw_json and "\u202e" not in raw_json
    assert json.loads(raw_json)[0]["name"].startswith("Eve\x1b")  # the data itself is kept


# -- edit, remove, status, due ---------------------------------------------------------------


def test_edit_changes_fields_and_clears_with_empty_string() -> None:
    add("Jane Doe", "Acme Robotics", "--title", "VP Engineering")
    result = run("contacts", "edit", "1", "--title", "", "--email", "jane@acme.example", "--follow-up", "2026-12-01")
    assert result.exit_code == 0
    [contact] = listed()
    assert contact["title"] is None and contact["email"] == "jane@acme.example"
    assert contact["next_follow_up"] == "2026-12-01T09:00:00+00:00"
    run("contacts", "edit", "1", "--no-follow-up")
    assert listed()[0]["next_follow_up"] is None


def test_edit_into_a_duplicate_is_refused_and_changes_nothing() -> None:
    add("Jane Doe", "Acme Robotics")
    add("Raj Patel", "Acme Robotics")
    result = run("contacts", "edit", "2", "--name", "jane doe", "--title", "CTO")
    assert result.exit_code == 1 and "already contact 1" in result.stderr
    assert [(c["name"], c["title"]) for c in listed()] == [("Jane Doe", None), ("Raj Patel", None)]


def test_edit_without_options_is_a_usage_error() -> None:
    add("Jane Doe")
    assert run("contacts", "edit", "1").exit_code == 2


def test_remove_asks_first() -> None:
    add("Jane Doe")
    declined = run("contacts", "remove", "1", input="n\n")
    assert declined.exit_code == 1 and len(listed()) == 1
    accepted = run("contacts", "remove", "1", input="y\n")
    assert accepted.exit_code == 0 and listed() == []
    raj = add("Raj Patel")
    assert run("contacts", "remove", str(raj), "--yes").exit_code == 0 and listed() == []


def test_status_changes_are_kept_as_dated_history() -> None:
    add("Jane Doe")
    result = run("contacts", "status", "1", "requested", "--note", "sent a note", "--follow-up", "in 5 days")
    assert result.exit_code == 0
    assert result.stdout == "Jane Doe (Acme Robotics): requested, follow up Tue 1 Dec 10:00\n"
    run("contacts", "status", "1", "replied", "--note", "happy to talk")
    [contact] = listed()
    history = contact["history"]
    assert [(h["kind"], h["status"], h["note"]) for h in history] == [  # type: ignore[union-attr]
        ("added", "to-contact", None),
        ("status", "requested", "sent a note"),
        ("status", "replied", "happy to talk"),
    ]
    assert all(h["date"] for h in history)  # type: ignore[union-attr]
    assert contact["next_follow_up"] is None  # a reply ends the wait


def test_status_rejects_unknown_status_and_bad_date() -> None:
    add("Jane Doe")
    assert run("contacts", "status", "1", "friends").exit_code == 2
    bad = run("contacts", "status", "1", "requested", "--follow-up", "someday")
    assert bad.exit_code == 2 and "in 5 days" in bad.stderr
    assert listed()[0]["status"] == "to-contact"


def test_due_lists_follow_ups_today_or_earlier() -> None:
    add("Overdue Person", "Acme", "--follow-up", "2026-11-20")
    add("Today Person", "Acme", "--follow-up", "2026-11-26 18:00")
    add("Later Person", "Acme", "--follow-up", "2026-11-27")
    add("No Date Person", "Acme")
    result = run("contacts", "due")
    assert result.exit_code == 0
    names = [line.split("  ")[1].strip() for line in result.stdout.splitlines()[1:]]
    assert names == ["Overdue Person", "Today Person"]


def test_due_with_nothing_due() -> None:
    assert run("contacts", "due").stdout == "No follow-ups due.\n"


# -- at and suggest --------------------------------------------------------------------------


def test_at_finds_contacts_whatever_the_company_spelling() -> None:
    add("Jane Doe", "Acme Robotics, Inc.")
    add("Raj Patel", "ACME ROBOTICS GmbH")
    add("Li Wei", "Globex")
    result = run("contacts", "at", "acme robotics")
    assert result.exit_code == 0
    assert "Jane Doe" in result.stdout and "Raj Patel" in result.stdout and "Li Wei" not in result.stdout
    none = run("contacts", "at", "Initech")
    assert none.exit_code == 0 and "no contacts at Initech" in none.stdout


def test_suggest_lists_briefing_people_not_yet_contacts_and_add_adds_them() -> None:
    save_briefing(open_database(), acme_briefing())
    add("jane doe", "Acme Robotics Inc")
    result = run("contacts", "suggest", "Acme Robotics")
    assert result.exit_code == 0
    assert "Raj Patel, CTO" in result.stdout and "Jane Doe" not in result.stdout
    assert result.stdout.count("Raj Patel") == 1  # named twice on the site, suggested once
    assert len(listed()) == 1
    added = run("contacts", "suggest", "acme.example", "--add")
    assert added.exit_code == 0 and "Added 1 contact" in added.stdout
    raj = listed()[1]
    assert (raj["name"], raj["source"], raj["status"], raj["title"]) == ("Raj Patel", "brief", "to-contact", "CTO")
    again = run("contacts", "suggest", "Acme Robotics")
    assert "already" in again.stdout


def test_suggest_without_briefing_says_to_brief_first() -> None:
    result = run("contacts", "suggest", "Initech")
    assert result.exit_code == 1 and "scout brief Initech" in result.stderr


def test_latest_briefing_picks_the_newest() -> None:
    db = open_database()
    save_briefing(db, acme_briefing())
    save_briefing(
        db,
        acme_briefing(
            website="https://acme-robotics.example/",
            generated_at="2026-11-25T10:00:00+00:00",
            people=[Person("New Person", None, "https://acme-robotics.example/team")],
        ),
    )
    briefing = lib.latest_briefing(db, "ACME Robotics Inc.")
    assert briefing is not None and briefing.people[0].name == "New Person"


# -- export ----------------------------------------------------------------------------------


def test_csv_export_neutralises_formulas() -> None:
    add('=HYPERLINK("http://evil")', "+Acme", "--title", "-2+3", "--notes", "@SUM(A1)")
    add("\tTabbed", "Acme")
    result = run("contacts", "export")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["name"] == '\'=HYPERLINK("http://evil")'
    assert (rows[0]["company"], rows[0]["title"], rows[0]["notes"]) == ("'+Acme", "'-2+3", "'@SUM(A1)")
    assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row.values())


def test_export_writes_file_and_json_round_trips(tmp_path: Path) -> None:
    add("Jane Doe", "Acme Robotics")
    target = tmp_path / "out.json"
    result = run("contacts", "export", "--format", "json", "-o", str(target))
    assert result.exit_code == 0 and "Exported 1 contact" in result.stderr
    assert json.loads(target.read_text())[0]["name"] == "Jane Doe"


def test_vcard_export_is_rfc6350(tmp_path: Path) -> None:
    long_note = "Ünïcödé notes, with; separators\\ and a newline\n" + "word " * 40
    add(
        "Jane Q. Doe",
        "Acme, Inc.",
        "--title",
        "VP; Engineering",
        "--email",
        "jane@acme.example",
        "--url",
        "https://www.linkedin.com/in/jane",
        "--notes",
        long_note,
    )
    target = tmp_path / "contacts.vcf"
    assert run("contacts", "export", "--format", "vcard", "-o", str(target)).exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n") and raw.endswith(b"END:VCARD\r\n")
    physical = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert "FN:Jane Q. Doe" in lines and "N:Doe;Jane Q.;;;" in lines
    assert "ORG:Acme\\, Inc." in lines and "TITLE:VP\\; Engineering" in lines
    assert "EMAIL;TYPE=work:jane@acme.example" in lines and "URL:https://www.linkedin.com/in/jane" in lines
    note = next(line for line in lines if line.startswith("NOTE:"))
    assert "separators\\\\ and a newline\\n" in note and note.endswith("word")


# -- message ---------------------------------------------------------------------------------


def test_message_uses_briefing_fact_settings_and_prints_count() -> None:
    save_briefing(open_database(), acme_briefing())
    add("Jane Doe", "Acme Robotics", "--title", "VP Engineering")
    run("config", "set", "name", "Ada Lovelace")
    run("config", "set", "role", "Data Engineer")
    result = run("contacts", "message", "1")
    assert result.exit_code == 0
    text = result.stdout.rstrip("\n")
    assert text.startswith("Hi Jane,") and "Acme Robotics" in text and "Acme opens a lab in Lyon" in text
    assert len(text) <= 200
    assert result.stderr == f"{len(text)}/200\n"
    run("config", "set", "linkedin-tier", "premium")
    premium = run("contacts", "message", "1", "--kind", "interviewer")
    assert premium.stderr.endswith("/300\n") and "Data Engineer" in premium.stdout
    free = run("contacts", "message", "1", "--kind", "interviewer", "--tier", "free")
    assert free.stderr.endswith("/200\n")


def test_follow_up_message_is_longer_and_signed() -> None:
    add("Jane Doe", "Acme Robotics")
    run("config", "set", "signature", "Ada Lovelace, ada@example.com")
    result = run("contacts", "message", "1", "--kind", "follow-up")
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("Ada Lovelace, ada@example.com")
    assert result.stderr.endswith(" characters\n")


def test_message_kind_defaults_from_source_and_status() -> None:
    add("Jane Doe", "Acme Robotics", "--source", "interviewer")
    assert "thank you for our conversation" in run("contacts", "message", "1").stdout
    run("contacts", "status", "1", "connected")
    assert run("contacts", "message", "1").stderr.endswith(" characters\n")


def test_message_for_unknown_contact_fails() -> None:
    result = run("contacts", "message", "5")
    assert result.exit_code == 1 and "no contact with id 5" in result.stderr


def test_typed_times_are_understood() -> None:
    add("Jane Doe")
    result = run("contacts", "status", "1", "requested", "--follow-up", "tomorrow 3pm")
    assert result.exit_code == 0 and "follow up Fri 27 Nov 15:00" in result.stdout


def test_damaged_database_is_reported_with_recovery_steps(scout_home: Path) -> None:
    scout_home.mkdir()
    (scout_home / "scout.json").write_bytes(b'{"contacts": {"1": {"na')
    result = run("contacts", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the database ") and "To recover" in result.stderr
    assert len(list(scout_home.glob("scout.json.corrupt-*"))) == 1


@pytest.mark.parametrize("group", [contacts_group, config_group])
def test_every_command_has_help_with_a_short_first_line(group: click.Group) -> None:
    assert group.name is not None and len(group.commands) >= 4
    listing = run(group.name, "--help").stdout.split("Commands:")[1]
    assert "..." not in listing  # no one-line help cut short
    for name in group.commands:
        result = run(group.name, name, "--help")
        assert result.exit_code == 0 and result.stdout.startswith(f"Usage: cli {group.name} {name}"), name


# -- how it reads --------------------------------------------------------------------------------


def test_table_columns_line_up_with_wide_characters() -> None:
    add("Yuki Tanaka", "トヨタ自動車株式会社", "--title", "Engineer")
    add("Bob Lee", "Acme, Inc.", "--title", "PM")
    lines = run("contacts", "list").stdout.splitlines()

    def columns(text: str) -> int:  # a CJK character takes two terminal columns
        return sum(2 if unicodedata.east_asian_width(ch) == "W" else 1 for ch in text)

    starts = {
        columns(line[: line.index(word)])
        for line, word in zip(lines, ("STATUS", "to-contact", "to-contact"), strict=True)
    }
    assert len(starts) == 1, lines


def test_show_gives_dates_in_the_users_zone_as_people_read_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    add("Jane Doe")
    out = run("contacts", "show", "1").stdout
    assert "  Added:     Thu 26 Nov 11:00\n" in out  # NOW is 10:00 UTC
    assert "    Thu 26 Nov 11:00  added → to-contact" in out
    assert "+00:00" not in out


def test_an_empty_filtered_list_says_what_was_filtered() -> None:
    add("Jane Doe")
    result = run("contacts", "list", "--company", "Initech", "--status", "met")
    assert result.exit_code == 0
    assert result.stdout == "No contacts at Initech with status met; `scout contacts list` shows everyone.\n"


def test_an_argument_that_is_not_utf8_is_kept_as_a_replacement_character(tmp_path: Path) -> None:
    # Python hands a byte that is not UTF-8 in argv over as a lone surrogate ("\udcff").
    add("Bad\udcffName", "Acme")
    assert listed()[0]["name"] == "Bad\ufffdName"
    target = tmp_path / "contacts.vcf"
    result = run("contacts", "export", "--format", "vcard", "-o", str(target))
    assert result.exit_code == 0 and "FN:Bad\ufffdName" in target.read_text(encoding="utf-8")
