"""Stored briefings: one record per site in the ``briefs`` table, the newest replacing the old."""

from __future__ import annotations

from typing import Any

from tinydb import Query

from companyscout.model import Briefing
from companyscout.store import Database, now_iso
from companyscout.target import site_key

TABLE = "briefs"


def save_briefing(db: Database, briefing: Briefing) -> None:
    """Store ``briefing`` under its site's key, replacing an older briefing of the same site."""
    key = site_key(briefing.website)
    record: dict[str, Any] = {
        "key": key,
        "company": briefing.company,
        "website": briefing.website,
        "generated_at": briefing.generated_at,
        "briefing": briefing.to_dict(),
        "updated": now_iso(),
    }
    with db.transaction() as tdb:
        table = tdb.table(TABLE)
        existing = table.get(Query().key == key)
        if existing is None:
            table.insert({**record, "created": record["updated"]})
        else:
            table.update(record, doc_ids=[existing.doc_id])


def load_briefing(db: Database, website: str) -> Briefing | None:
    """Return the stored briefing of the site at ``website``, or None."""
    key = site_key(website)
    with db.read() as tdb:
        record = tdb.table(TABLE).get(Query().key == key)
    return Briefing.from_dict(record["briefing"]) if record else None


def remove_briefing(db: Database, website: str) -> bool:
    """Remove the stored briefing of the site at ``website``; return False when there was none."""
    key = site_key(website)
    with db.transaction() as tdb:
        return bool(tdb.table(TABLE).remove(Query().key == key))


def find_briefing(db: Database, company: str) -> Briefing | None:
    """Return the newest stored briefing of ``company``, typed as a name or a domain, or None.

    Names follow ``names.resolve_company``: "Northwind" finds "Northwind Robotics", and a name
    that could be two companies is refused with a UsageError naming them.
    """
    from companyscout.names import resolve_company, same_company

    wanted = company.strip().lower()
    with db.read() as tdb:
        records = tdb.table(TABLE).all()
    matches = [r for r in records if r.get("key", "").split("/")[0].removeprefix("www.") == wanted]
    if not matches:
        newest_first = sorted(records, key=lambda r: r.get("generated_at", ""), reverse=True)
        name = resolve_company(company, (str(r.get("company", "")) for r in newest_first))
        matches = [r for r in records if name is not None and same_company(r.get("company", ""), name)]
    if not matches:
        return None
    newest = max(matches, key=lambda r: r.get("generated_at", ""))
    return Briefing.from_dict(newest["briefing"])


def list_briefings(db: Database) -> list[dict[str, str]]:
    """Return stored briefings (company, website, generated_at), newest first."""
    with db.read() as tdb:
        records = tdb.table(TABLE).all()
    rows = [{"company": r["company"], "website": r["website"], "generated_at": r["generated_at"]} for r in records]
    return sorted(rows, key=lambda r: r["generated_at"], reverse=True)
