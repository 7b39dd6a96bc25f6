"""One rule for finding a company by the name a user types, in every script, in every command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from companyscout.briefs import find_briefing, save_briefing
from companyscout.cli import cli
from companyscout.errors import UsageError
from companyscout.model import Briefing, Mission, Person
from companyscout.names import normalize_company, resolve_company, same_company
from companyscout.store import open_database


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOUT_NOW", "2026-11-25T16:30:00+00:00")
    monkeypatch.setenv("TZ", "UTC")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def northwind_briefing(company: str = "Northwind Robotics", website: str = "https://northwind.example/") -> Briefing:
    return Briefing(
        company=company,
        website=website,
        generated_at="2026-11-20T10:00:00+00:00",
        mission=Mission("Our mission is to make warehouse work safer.", website + "about"),
        people=[
            Person("Priya Raman", "VP Engineering", website + "team"),
            Person("Jonas Weber", "CTO", website + "team"),
        ],
    )


# -- names in any script ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("トヨタ自動車株式会社", "トヨタ自動車"),
        ("株式会社ソニー", "ソニー"),
        ("㈱日立", "日立"),
        ("Яндекс", "яндекс"),
        ("ООО «Яндекс»", "яндекс"),
        ("삼성전자 주식회사", "삼성전자"),
        ("腾讯控股有限公司", "腾讯控股"),
        ("Société Générale S.A.", "societe generale"),
        ("ACME, Inc.", "acme"),
    ],
)
def test_names_in_every_script_keep_their_letters_and_lose_their_legal_form(name: str, expected: str) -> None:
    assert normalize_company(name) == expected


def test_non_latin_names_compare_and_never_match_everything() -> None:
    assert same_company("トヨタ自動車株式会社", "トヨタ自動車")
    assert same_company("ЯНДЕКС", "ООО Яндекс")
    assert not same_company("Яндекс", "トヨタ自動車")
    assert not same_company("Яндекс", "")  # before, both collapsed to "" and nothing matched


def test_contacts_at_finds_people_at_a_company_written_in_japanese_or_cyrillic() -> None:
    assert run("contacts", "add", "Yuki Tanaka", "--company", "トヨタ自動車株式会社").exit_code == 0
    assert run("contacts", "add", "Ivan Petrov", "--company", "ООО «Яндекс»").exit_code == 0
    toyota = run("contacts", "at", "トヨタ自動車")
    assert toyota.exit_code == 0 and "Yuki Tanaka" in toyota.output and "Ivan" not in toyota.output
    yandex = run("contacts", "at", "Яндекс")
    assert yandex.exit_code == 0 and "Ivan Petrov" in yandex.output


# -- the rule -----------------------------------------------------------------------------------


def test_resolve_prefers_the_same_company_then_a_unique_word_prefix() -> None:
    known = ["Northwind Robotics GmbH", "Acme Robotics", "Acme Foods", "Northwind Robotics"]
    assert resolve_company("northwind robotics", known) == "Northwind Robotics GmbH"  # same company, first spelling
    assert resolve_company("Northwind", known) == "Northwind Robotics GmbH"  # two spellings of one company
    assert resolve_company("Acme Foods Ltd", known) == "Acme Foods"
    assert resolve_company("North", known) is None  # whole words only
    assert resolve_company("Initech", known) is None
    with pytest.raises(UsageError, match='"Acme" could be "Acme Foods" or "Acme Robotics"; type more of the name'):
        resolve_company("Acme", known)


def test_find_briefing_follows_the_rule() -> None:
    db = open_database()
    save_briefing(db, northwind_briefing())
    found = find_briefing(db, "Northwind")
    assert found is not None and found.company == "Northwind Robotics"
    assert find_briefing(db, "northwind.example") is not None  # a domain still works
    save_briefing(db, northwind_briefing("Northwind Foods", "https://northwind-foods.example/"))
    with pytest.raises(UsageError, match="Northwind Foods.*Northwind Robotics"):
        find_briefing(db, "Northwind")


def test_suggest_thanks_and_at_all_find_northwind_robotics_from_northwind() -> None:
    save_briefing(open_database(), northwind_briefing())
    suggested = run("contacts", "suggest", "Northwind", "--add")
    assert suggested.exit_code == 0, suggested.output
    assert "Priya Raman, VP Engineering" in suggested.output and "Added 2 contacts" in suggested.output
    at = run("contacts", "at", "northwind")
    assert at.exit_code == 0 and "Priya Raman" in at.output and "Jonas Weber" in at.output

    added = run("interview", "add", "Northwind", "--when", "2026-11-25 14:00", "--with", "Priya Raman")
    assert added.exit_code == 0, added.output
    # The interview is with the company of the briefing, and Priya is the contact already known.
    assert "Recorded interview 1 with Northwind Robotics" in added.output
    assert "Priya Raman: contact 1" in added.output
    contacts = json.loads(run("contacts", "list", "--json").output)
    assert [c["name"] for c in contacts] == ["Priya Raman", "Jonas Weber"]  # nobody twice
    assert contacts[0]["source"] == "interviewer"
    assert "interviewed you on Wed 25 Nov 14:00" in run("contacts", "show", "1").output

    thanks = run("thanks", "Northwind")
    assert thanks.exit_code == 0 and "warehouse work safer" in thanks.output  # the briefing was found


def test_an_ambiguous_name_is_refused_in_one_line_naming_the_candidates() -> None:
    assert run("contacts", "add", "Ann Lee", "--company", "Acme Robotics").exit_code == 0
    assert run("contacts", "add", "Bo Chan", "--company", "Acme Foods").exit_code == 0
    result = run("contacts", "at", "Acme")
    assert result.exit_code == 2
    assert result.stderr == 'Error: "Acme" could be "Acme Foods" or "Acme Robotics"; type more of the name\n'


def test_a_stored_name_that_could_be_two_briefed_companies_still_drafts_without_a_fact() -> None:
    db = open_database()
    save_briefing(db, northwind_briefing())
    save_briefing(db, northwind_briefing("Northwind Foods", "https://northwind-foods.example/"))
    assert run("contacts", "add", "Ann Lee", "--company", "Northwind").exit_code == 0
    result = run("contacts", "message", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Hi Ann, I'm interviewing with Northwind.")
    assert "mission" not in result.stdout  # neither company's facts are guessed at


def test_a_new_company_may_share_its_first_word_with_several_contacts_employers() -> None:
    assert run("contacts", "add", "Ann Lee", "--company", "Google Cloud").exit_code == 0
    assert run("contacts", "add", "Bo Chan", "--company", "Google DeepMind").exit_code == 0
    result = run("interview", "add", "Google", "--when", "2026-11-25 14:00", "--with", "Cy Diaz")
    assert result.exit_code == 0, result.output
    assert "Recorded interview 1 with Google on" in result.output
