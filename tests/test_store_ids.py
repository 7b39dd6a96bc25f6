"""Ids people write down ("contact 12", "promise 3") never come to mean another record."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from click.testing import CliRunner

from companyscout import contacts as lib
from companyscout import followup as fu
from companyscout.cli import cli
from companyscout.store import Database, insert, insert_multiple, open_database

WHEN = datetime(2026, 11, 25, 14, 0, tzinfo=timezone.utc)


def test_a_removed_contacts_id_is_not_given_to_the_next_person() -> None:
    db = open_database()
    lib.add_contact(db, "Ann Lee", company="Acme")
    newest = lib.add_contact(db, "Bo Chan", company="Acme")
    lib.remove_contact(db, newest.id)
    after = lib.add_contact(db, "Cy Diaz", company="Acme")
    assert (newest.id, after.id) == (2, 3)
    result = CliRunner().invoke(cli, ["contacts", "show", "2"])
    assert result.exit_code == 1 and "no contact with id 2" in result.stderr


def test_ids_stay_unique_after_removal_in_every_table_people_see() -> None:
    db = open_database()
    with db.transaction() as tdb:
        for table in ("interviews", "promises", "next_steps", "reflections"):
            first = insert(tdb, table, {"n": 1})
            tdb.table(table).remove(doc_ids=[first])
            assert insert(tdb, table, {"n": 2}) == first + 1
    # The counters survive the round trip through the file.
    promise = fu.add_promise(db, "Acme", "send the code sample")
    assert promise.id == 3
    interview = fu.add_interview(db, "Acme", when=WHEN)
    assert interview.id == 3


def test_imports_take_fresh_ids_too(tmp_path: Path) -> None:
    db = open_database()
    removed = lib.add_contact(db, "Ann Lee", company="Acme")
    lib.remove_contact(db, removed.id)
    file = tmp_path / "people.csv"
    file.write_text("name,company\nBo Chan,Acme\nCy Diaz,Acme\n", encoding="utf-8")
    lib.import_csv(db, file)
    assert [c.id for c in lib.list_contacts(db)] == [2, 3]


def test_a_database_written_before_the_counter_continues_after_its_highest_id(tmp_path: Path) -> None:
    path = tmp_path / "scout.json"
    path.write_text(json.dumps({"_meta": {"1": {"schema_version": 1}}, "contacts": {"7": {"name": "Old"}}}))
    db = Database(path)
    with db.transaction() as tdb:
        assert insert_multiple(tdb, "contacts", [{"name": "A"}, {"name": "B"}]) == [8, 9]
    stored = json.loads(path.read_text())
    assert stored["_meta"]["1"] == {"schema_version": 1, "next_ids": {"contacts": 10}}
