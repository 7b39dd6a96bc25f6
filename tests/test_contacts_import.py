"""``scout contacts import``: LinkedIn's Connections.csv and plain CSV, with their quirks (case 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from companyscout.cli import cli
from companyscout.contacts import MAX_IMPORT_ROWS
from companyscout.store import open_database

LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download "
    'their email address using this setting https://www.linkedin.com/psettings/privacy/email."\n'
    "\n"
)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
JANE = "Jane,Doe,https://www.linkedin.com/in/jane-doe,,Acme Robotics Inc.,VP Engineering,15 Mar 2024\n"
RAJ = 'Raj,Patel,https://www.linkedin.com/in/rajp,raj@globex.example,"Globex, LLC",CTO,01 Feb 2023\n'


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def import_file(tmp_path: Path, content: str | bytes, *extra: str) -> Result:
    path = tmp_path / "Connections.csv"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return run("contacts", "import", str(path), *extra)


def stored() -> list[dict[str, object]]:
    return json.loads(run("contacts", "list", "--json").stdout)


def test_linkedin_export_with_bom_crlf_and_preamble(tmp_path: Path) -> None:
    text = LINKEDIN_PREAMBLE + LINKEDIN_HEADER + JANE + RAJ
    result = import_file(tmp_path, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 2 contacts from the LinkedIn export.\n"
    jane, raj = stored()
    assert (jane["name"], jane["company"], jane["title"]) == ("Jane Doe", "Acme Robotics Inc.", "VP Engineering")
    assert (jane["status"], jane["source"]) == ("connected", "linkedin-import")
    assert jane["url"] == "https://www.linkedin.com/in/jane-doe"
    assert jane["history"][0]["date"] == "2024-03-15"  # type: ignore[index]
    assert (raj["company"], raj["email"]) == ("Globex, LLC", "raj@globex.example")
    at_acme = run("contacts", "at", "acme robotics")
    assert "Jane Doe" in at_acme.stdout and "Raj" not in at_acme.stdout


def test_older_linkedin_export_without_url_column(tmp_path: Path) -> None:
    text = "First Name,Last Name,Email Address,Company,Position,Connected On\nJane,Doe,,Acme,CTO,15 Mar 2024\n"
    result = import_file(tmp_path, text)
    assert result.exit_code == 0
    [jane] = stored()
    assert jane["url"] is None and jane["name"] == "Jane Doe"


def test_plain_csv_with_semicolons(tmp_path: Path) -> None:
    text = "name;company;title;url;email;notes\nJane Doe;Acme;CTO;;jane@acme.example;met at a meetup, nice\n"
    result = import_file(tmp_path, text)
    assert result.exit_code == 0
    assert "from the CSV file" in result.stdout
    [jane] = stored()
    assert (jane["title"], jane["notes"], jane["status"]) == ("CTO", "met at a meetup, nice", "connected")


def test_unknown_columns_are_reported_as_ignored(tmp_path: Path) -> None:
    result = import_file(tmp_path, "Name,Company,Phone\nJane Doe,Acme,555\n")
    assert result.exit_code == 0 and "ignored columns: phone" in result.stdout


def test_duplicates_in_file_and_database_are_skipped_and_counted(tmp_path: Path) -> None:
    run("contacts", "add", "Jane Doe", "--company", "Acme Robotics", "--notes", "my own notes", "--title", "Boss")
    text = LINKEDIN_HEADER + JANE + RAJ + RAJ.replace("https://", "http://")
    result = import_file(tmp_path, text)
    assert result.exit_code == 0
    assert result.stdout == "Imported 1 contact from the LinkedIn export; skipped 2 already in your contacts.\n"
    jane, raj = stored()
    assert (jane["notes"], jane["title"], jane["status"]) == ("my own notes", "Boss", "to-contact")  # untouched
    assert raj["name"] == "Raj Patel"
    again = import_file(tmp_path, text)
    assert "Imported 0 contacts" in again.stdout and len(stored()) == 2


def _assert_nothing_changed(before: bytes) -> None:
    assert open_database().path.read_bytes() == before


@pytest.fixture
def existing() -> bytes:
    """A database holding one contact; returns its bytes to compare after a failed import."""
    run("contacts", "add", "Existing Person", "--company", "Initech")
    return open_database().path.read_bytes()


@pytest.mark.parametrize(
    "content, expected",
    [
        (LINKEDIN_HEADER + JANE + "Eve,Null\x00,,,Acme,,\n" + RAJ, "row 3: contains a NUL byte"),
        ((LINKEDIN_HEADER + JANE).encode() + b"Ren\xe9,Dupont,,,Acme,,\n", "row 3 is not UTF-8"),
        (LINKEDIN_HEADER + JANE + "A,B,,,Acme," + "x" * 200_000 + ",\n", "row 3: field larger than field limit"),
        (LINKEDIN_HEADER + "A,B,,,Acme," + "x" * 20_000 + ",\n" + JANE, "row 2: a field of 20,000 characters"),
        ("name,company\nJane Doe,Acme\n,Acme\n", "row 3: the name cannot be empty"),
        ("name,company,url\nJane Doe,Acme,javascript:alert(1)\n", "row 2: the profile URL"),
        ("name,company\nJane Doe,Acme,extra,cells\n", "row 2: 4 cells but the header has 2"),
        ("Name,Company,name\nJane,Acme,Jane\n", "row 1: the header has two name columns"),
        ("company,title\nAcme,CTO\n", "no header row found"),
        ("", "no header row found"),
        ("\xef\xbb\xbfJust some text\n", "no header row found"),
    ],
)
def test_bad_file_imports_nothing_and_names_the_row(
    tmp_path: Path, existing: bytes, content: str | bytes, expected: str
) -> None:
    result = import_file(tmp_path, content)
    assert result.exit_code != 0
    assert result.stderr.startswith("Error: nothing was imported: ")
    assert expected in result.stderr
    assert "Traceback" not in result.output
    _assert_nothing_changed(existing)


def test_row_numbers_count_lines_of_multiline_fields(tmp_path: Path, existing: bytes) -> None:
    text = 'name,company,notes\nJane Doe,Acme,"line one\nline two"\n,Acme,\n'
    result = import_file(tmp_path, text)
    assert "row 4: the name cannot be empty" in result.stderr
    _assert_nothing_changed(existing)


def test_every_bad_row_is_reported_up_to_a_cap(tmp_path: Path, existing: bytes) -> None:
    text = "name,company,email\n" + "".join(f"P{i},Acme,bad-email-{i}\n" for i in range(50))
    result = import_file(tmp_path, text)
    assert "row 2:" in result.stderr and "row 21:" in result.stderr and "row 22:" not in result.stderr
    assert "and 30 more" in result.stderr
    _assert_nothing_changed(existing)


def test_too_many_rows_is_refused(tmp_path: Path, existing: bytes) -> None:
    rows = "".join(f"First{i},Last{i},,,Acme,Engineer,15 Mar 2024\n" for i in range(100_000))
    result = import_file(tmp_path, LINKEDIN_HEADER + rows)
    assert result.exit_code == 1
    assert f"more than {MAX_IMPORT_ROWS:,} rows" in result.stderr
    _assert_nothing_changed(existing)


def test_ten_thousand_rows_import_in_one_go(tmp_path: Path, existing: bytes) -> None:
    rows = "".join(
        f"First{i},Last{i},https://www.linkedin.com/in/p{i},,Company {i % 50},Engineer,15 Mar 2024\n"
        for i in range(10_000)
    )
    result = import_file(tmp_path, LINKEDIN_PREAMBLE + LINKEDIN_HEADER + rows)
    assert result.exit_code == 0
    assert result.stdout == "Imported 10,000 contacts from the LinkedIn export.\n"
    people = stored()
    assert len(people) == 10_001 and people[0]["name"] == "Existing Person"


def test_linkedin_rows_without_a_name_are_skipped_and_counted(tmp_path: Path) -> None:
    result = import_file(tmp_path, LINKEDIN_HEADER + JANE + ",,,,,,15 Mar 2024\n")
    assert result.exit_code == 0 and "skipped 1 without a name" in result.stdout
    assert len(stored()) == 1


def test_dry_run_stores_nothing(tmp_path: Path) -> None:
    result = import_file(tmp_path, LINKEDIN_HEADER + JANE, "--dry-run")
    assert result.exit_code == 0 and result.stdout.startswith("Would import 1 contact")
    assert stored() == []


def test_utf16_export_from_a_spreadsheet(tmp_path: Path) -> None:
    result = import_file(tmp_path, ("name,company\nRené Dupont,Société Générale\n").encode("utf-16"))
    assert result.exit_code == 0
    assert stored()[0]["name"] == "René Dupont"


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("contacts", "import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2 and "cannot read" in result.stderr
