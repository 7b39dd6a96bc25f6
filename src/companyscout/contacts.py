"""Contacts: the people to reach out to, their status, follow-ups, imports and exports.

A contact is one record of the ``contacts`` table; its id is the tinydb document id, never
reused for another person once given (``store.insert``). Every
change of status is kept in the contact's history as a dated interaction, so the list never
forgets who was asked, who replied and when.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from companyscout.errors import NotFound, ScoutError, UsageError
from companyscout.names import normalize_company, resolve_company, same_company
from companyscout.safe import csv_cell, json_dumps, one_line, replace_undecodable, safe_url, terminal_safe
from companyscout.store import CONTACTS, Database, insert, insert_multiple, now_iso

STATUSES: tuple[str, ...] = ("to-contact", "requested", "connected", "replied", "met", "declined")
SOURCES: tuple[str, ...] = ("interviewer", "brief", "linkedin-import", "manual")
#: Sources a person can choose when adding a contact by hand (the others are set by scout).
MANUAL_SOURCES: tuple[str, ...] = ("interviewer", "brief", "manual")
EXPORT_FORMATS: tuple[str, ...] = ("csv", "json", "vcard")
ExportFormat = Literal["csv", "json", "vcard"]

#: Longest text kept in one field (a name, a title, a note); longer is a typo or a broken file.
MAX_FIELD_CHARS = 10_000
#: LinkedIn caps connections at 30,000; an import of more rows than this is not an export.
MAX_IMPORT_ROWS = 50_000
MAX_IMPORT_BYTES = 50 * 1024 * 1024
#: How many row problems an import reports before it stops listing them.
MAX_REPORTED_ROW_ERRORS = 20

# The fields of a contact record, in the order exports show them.
EXPORT_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "company",
    "title",
    "url",
    "email",
    "source",
    "status",
    "notes",
    "next_follow_up",
    "created",
    "updated",
)


@dataclass
class Interaction:
    """One dated event in a contact's history: added, imported, a status change or a note."""

    date: str
    kind: str
    status: str | None = None
    note: str | None = None


@dataclass
class Contact:
    """A person to reach out to at a company."""

    id: int
    name: str
    company: str
    title: str | None = None
    url: str | None = None
    email: str | None = None
    source: str = "manual"
    status: str = "to-contact"
    notes: str | None = None
    history: list[Interaction] = field(default_factory=list)
    next_follow_up: str | None = None
    created: str = ""
    updated: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the contact as plain JSON data, id first."""
        return asdict(self)

    def to_record(self) -> dict[str, Any]:
        """Return the stored form of the contact (everything but the id)."""
        record = self.to_dict()
        del record["id"]
        return record

    @classmethod
    def from_record(cls, doc_id: int, record: dict[str, Any]) -> Contact:
        """Rebuild a contact from its stored record."""
        history = [
            Interaction(
                date=str(item.get("date", "")),
                kind=str(item.get("kind", "note")),
                status=item.get("status"),
                note=item.get("note"),
            )
            for item in record.get("history") or []
            if isinstance(item, dict)
        ]
        return cls(
            id=doc_id,
            name=str(record.get("name", "")),
            company=str(record.get("company", "")),
            title=record.get("title"),
            url=record.get("url"),
            email=record.get("email"),
            source=str(record.get("source", "manual")),
            status=str(record.get("status", "to-contact")),
            notes=record.get("notes"),
            history=history,
            next_follow_up=record.get("next_follow_up"),
            created=str(record.get("created", "")),
            updated=str(record.get("updated", "")),
        )

    @property
    def label(self) -> str:
        """Return "Jane Doe (Acme)" for messages, terminal-safe."""
        company = f" ({self.company})" if self.company else ""
        return one_line(f"{self.name}{company}")


class DuplicateContact(ScoutError):
    """The contact exists already (same profile URL, or same name at the same company)."""

    def __init__(self, existing: Contact) -> None:
        super().__init__(
            f"{existing.label} is already contact {existing.id}; "
            f"see `scout contacts show {existing.id}` or edit it with `scout contacts edit {existing.id}`"
        )
        self.existing = existing


# -- identity of a person ------------------------------------------------------------------


def profile_key(url: str | None) -> str | None:
    """Return a profile URL reduced to host and path, so http/https, www and a slash don't matter."""
    if not url:
        return None
    from urllib.parse import urlsplit  # here: `scout contacts list` starts without it

    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    return host + parts.path.rstrip("/").lower()


def person_key(name: str, company: str) -> str:
    """Return the key of "this name at this company" (case, accents and legal suffixes ignored)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(text.split()) + "@" + normalize_company(company).replace(" ", "")


def _identity_keys(record: dict[str, Any]) -> list[str]:
    keys = ["n:" + person_key(str(record.get("name", "")), str(record.get("company", "")))]
    url_key = profile_key(record.get("url"))
    if url_key:
        keys.append("u:" + url_key)
    return keys


class _Index:
    """Identity keys of stored contacts, built once per transaction, for duplicate checks."""

    def __init__(self, records: Iterable[tuple[int, dict[str, Any]]]) -> None:
        self.owner: dict[str, int] = {}
        for doc_id, record in records:
            self.add(doc_id, record)

    def add(self, doc_id: int, record: dict[str, Any]) -> None:
        for key in _identity_keys(record):
            self.owner.setdefault(key, doc_id)

    def find(self, record: dict[str, Any]) -> int | None:
        """Return the id of a contact with the same identity as ``record``, or None."""
        for key in _identity_keys(record):
            owner = self.owner.get(key)
            if owner is not None:
                return owner
        return None


# -- validation of typed values ------------------------------------------------------------


def _clean_text(value: str | None, what: str, *, required: bool = False, multiline: bool = False) -> str | None:
    """Return trimmed text, None for blank, or raise UsageError naming the field."""
    if value is None or not value.strip():
        if required:
            raise UsageError(f"the {what} cannot be empty")
        return None
    text = replace_undecodable(value.strip())
    if not multiline:
        text = " ".join(text.split())
    if "\x00" in text:
        raise UsageError(f"the {what} contains a NUL byte; remove it")
    if len(text) > MAX_FIELD_CHARS:
        raise UsageError(f"the {what} is {len(text):,} characters long; keep it under {MAX_FIELD_CHARS:,}")
    return text


def _clean_url(value: str | None) -> str | None:
    """Return an http(s) profile URL ("linkedin.com/in/x" gains https://), None, or raise."""
    text = _clean_text(value, "profile URL")
    if text is None:
        return None
    if "://" not in text and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", text, re.IGNORECASE):
        text = "https://" + text
    url = safe_url(text)
    if url is None:
        raise UsageError(
            f"the profile URL {one_line(text)[:100]!r} is not an http(s) address, e.g. https://www.linkedin.com/in/jane-doe"
        )
    return url


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _clean_email(value: str | None) -> str | None:
    text = _clean_text(value, "email")
    if text is not None and not _EMAIL.match(text):
        raise UsageError(f"the email {one_line(text)[:100]!r} is not an address like jane@acme.com")
    return text


def check_status(status: str) -> str:
    """Return the status, or raise UsageError listing the statuses."""
    if status not in STATUSES:
        raise UsageError(f"unknown status {one_line(status)[:40]!r}; use one of: {', '.join(STATUSES)}")
    return status


def _check_source(source: str) -> str:
    if source not in SOURCES:
        raise UsageError(f"unknown source {one_line(source)[:40]!r}; use one of: {', '.join(SOURCES)}")
    return source


# -- the library ---------------------------------------------------------------------------


def _documents(tdb: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    for doc in tdb.table(CONTACTS).all():
        yield doc.doc_id, doc


def add_contact(
    db: Database,
    name: str,
    *,
    company: str,
    title: str | None = None,
    url: str | None = None,
    email: str | None = None,
    source: str = "manual",
    status: str = "to-contact",
    notes: str | None = None,
    follow_up: datetime | None = None,
) -> Contact:
    """Return the contact just stored; raise DuplicateContact naming an existing one."""
    stamp = now_iso()
    record = _new_record(
        stamp,
        name=name,
        company=_clean_text(company, "company", required=True),
        title=title,
        url=url,
        email=email,
        source=_check_source(source),
        status=check_status(status),
        notes=notes,
        event=Interaction(date=stamp, kind="added", status=status),
        follow_up=_iso_or_none(follow_up),
    )
    with db.transaction() as tdb:
        table = tdb.table(CONTACTS)
        existing = _Index(_documents(tdb)).find(record)
        if existing is not None:
            raise _duplicate(table, existing)
        doc_id = insert(tdb, CONTACTS, record)
    return Contact.from_record(doc_id, record)


def _new_record(
    stamp: str,
    *,
    name: str,
    company: str | None,
    title: str | None,
    url: str | None,
    email: str | None,
    source: str,
    status: str,
    notes: str | None,
    event: Interaction,
    follow_up: str | None = None,
) -> dict[str, Any]:
    """Return a new contact record with its text checked; raise UsageError naming a bad field."""
    return {
        "name": _clean_text(name, "name", required=True),
        "company": _clean_text(company, "company") or "",
        "title": _clean_text(title, "title"),
        "url": _clean_url(url),
        "email": _clean_email(email),
        "source": source,
        "status": status,
        "notes": _clean_text(notes, "notes", multiline=True),
        "history": [asdict(event)],
        "next_follow_up": follow_up,
        "created": stamp,
        "updated": stamp,
    }


def _duplicate(table: Any, doc_id: int) -> DuplicateContact:
    """Return the error naming the stored contact ``doc_id``."""
    return DuplicateContact(Contact.from_record(doc_id, dict(table.get(doc_id=doc_id))))


def _iso_or_none(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    from companyscout.when import to_iso

    return to_iso(moment)


def list_contacts(db: Database, *, company: str | None = None, status: str | None = None) -> list[Contact]:
    """Return the contacts, oldest first, optionally only those at ``company`` or with ``status``.

    ``company`` is matched as ``names.resolve_company`` says; an ambiguous one is a UsageError.
    """
    if status is not None:
        check_status(status)
    with db.read() as tdb:
        docs = list(_documents(tdb))
    contacts = [Contact.from_record(doc_id, record) for doc_id, record in docs]
    if company is not None:
        # "Northwind" means "Northwind Robotics GmbH" when that is the one such company known.
        known = resolve_company(company, (c.company for c in contacts)) or company
        contacts = [c for c in contacts if same_company(c.company, known)]
    if status is not None:
        contacts = [c for c in contacts if c.status == status]
    return contacts


def contacts_at(db: Database, company: str) -> list[Contact]:
    """Return everyone known at ``company`` (imported connections included), by name."""
    if not normalize_company(company):
        raise UsageError('give a company name, e.g. scout contacts at "Acme Robotics"')
    return sorted(list_contacts(db, company=company), key=lambda c: c.name.casefold())


def get_contact(db: Database, contact_id: int) -> Contact:
    """Return the contact with ``contact_id``, or raise NotFound."""
    with db.read() as tdb:
        record = tdb.table(CONTACTS).get(doc_id=contact_id)
    if record is None:
        raise _not_found(contact_id)
    return Contact.from_record(contact_id, dict(record))


def _not_found(contact_id: int) -> NotFound:
    return NotFound(f"no contact with id {contact_id}; `scout contacts list` shows the ids")


_EDITABLE = ("name", "company", "title", "url", "email", "source", "notes")


def edit_contact(db: Database, contact_id: int, **changes: str | None) -> Contact:
    """Return the contact after changing the given fields (None or "" clears an optional one)."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise UsageError(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(_EDITABLE)}")
    cleaned: dict[str, Any] = {}
    for key, value in changes.items():
        if key in ("name", "company"):
            cleaned[key] = _clean_text(value, key, required=True)
        elif key == "url":
            cleaned[key] = _clean_url(value)
        elif key == "email":
            cleaned[key] = _clean_email(value)
        elif key == "source":
            cleaned[key] = _check_source(value or "")
        else:
            cleaned[key] = _clean_text(value, key, multiline=key == "notes")
    return _update(db, contact_id, cleaned)


def _update(db: Database, contact_id: int, fields: dict[str, Any], interaction: Interaction | None = None) -> Contact:
    with db.transaction() as tdb:
        table = tdb.table(CONTACTS)
        current = table.get(doc_id=contact_id)
        if current is None:
            raise _not_found(contact_id)
        record = {**current, **fields}
        if "name" in fields or "company" in fields or "url" in fields:
            others = (item for item in _documents(tdb) if item[0] != contact_id)
            existing = _Index(others).find(record)
            if existing is not None:
                raise _duplicate(table, existing)
        stamp = now_iso()
        record["updated"] = stamp
        if interaction is not None:
            interaction.date = stamp
            record["history"] = [*(record.get("history") or []), asdict(interaction)]
        table.update(record, doc_ids=[contact_id])
    return Contact.from_record(contact_id, record)


def set_status(
    db: Database,
    contact_id: int,
    status: str,
    *,
    note: str | None = None,
    follow_up: datetime | None = None,
) -> Contact:
    """Return the contact after moving it to ``status``, kept as a dated interaction.

    ``follow_up`` sets the next follow-up; otherwise a reply, a meeting or a refusal clears it.
    """
    check_status(status)
    fields: dict[str, Any] = {"status": status}
    if follow_up is not None:
        fields["next_follow_up"] = _iso_or_none(follow_up)
    elif status in ("replied", "met", "declined"):
        fields["next_follow_up"] = None
    interaction = Interaction(date="", kind="status", status=status, note=_clean_text(note, "note", multiline=True))
    return _update(db, contact_id, fields, interaction)


def set_follow_up(db: Database, contact_id: int, follow_up: datetime | None) -> Contact:
    """Return the contact after setting (or, with None, clearing) its next follow-up."""
    return _update(db, contact_id, {"next_follow_up": _iso_or_none(follow_up)})


def link_interviewer(db: Database, name: str, company: str, *, note: str) -> Contact:
    """Return the contact for someone who interviewed the user, adding them when not known yet.

    A person already known at the company (added from a briefing, say) is the same contact:
    it becomes an ``interviewer`` (an imported LinkedIn connection keeps its source) and the
    interview is kept in its history as ``note``.
    """
    try:
        return add_contact(db, name, company=company, source="interviewer")
    except DuplicateContact as duplicate:
        existing = duplicate.existing
    fields = {} if existing.source in ("interviewer", "linkedin-import") else {"source": "interviewer"}
    return _update(db, existing.id, fields, Interaction(date="", kind="note", note=_clean_text(note, "note")))


def remove_contact(db: Database, contact_id: int) -> Contact:
    """Return the contact just removed, or raise NotFound."""
    with db.transaction() as tdb:
        table = tdb.table(CONTACTS)
        record = table.get(doc_id=contact_id)
        if record is None:
            raise _not_found(contact_id)
        table.remove(doc_ids=[contact_id])
    return Contact.from_record(contact_id, dict(record))


def due_contacts(db: Database, *, now: datetime | None = None) -> list[Contact]:
    """Return contacts whose next follow-up falls today or earlier (local time), soonest first."""
    from companyscout.when import current_time, from_iso

    today = (now or current_time()).date()
    due: list[tuple[datetime, Contact]] = []
    for contact in list_contacts(db):
        if not contact.next_follow_up:
            continue
        try:
            moment = from_iso(contact.next_follow_up)
        except ValueError:
            continue  # an unreadable date is shown by `show`, not guessed at here
        if moment.date() <= today:
            due.append((moment, contact))
    due.sort(key=lambda item: (item[0].timestamp(), item[1].id))
    return [contact for _, contact in due]


# -- people from a briefing ----------------------------------------------------------------


def latest_briefing(db: Database, company: str) -> Any:
    """Return the newest stored Briefing of a contact's ``company`` (by name or domain), or None.

    The name is the one stored with the contact, not typed just now: when it could mean two
    briefed companies, no briefing is used rather than asking the user to type more.
    """
    from companyscout.briefs import find_briefing

    try:
        return find_briefing(db, company)
    except UsageError:
        return None


@dataclass
class Suggestion:
    """A person named on a company's briefing who is not a contact yet."""

    name: str
    title: str | None
    source: str


def suggest_from_briefing(db: Database, company: str, *, add: bool = False) -> tuple[list[Suggestion], list[Contact]]:
    """Return the briefing's people who are not contacts yet, and the contacts added for them.

    With ``add`` they are stored with source ``brief`` and status ``to-contact``.
    Raises NotFound when the company has no stored briefing.
    """
    from companyscout.briefs import find_briefing

    briefing = find_briefing(db, company)
    if briefing is None:
        raise NotFound(
            f"no briefing of {one_line(company)[:100]!r} yet; run `scout brief {one_line(company)[:100]}` first"
        )
    stamp = now_iso()
    added: list[Contact] = []
    suggestions: list[Suggestion] = []
    with db.transaction() if add else db.read() as tdb:
        index = _Index(_documents(tdb))
        for person in briefing.people:
            try:
                record = _new_record(
                    stamp,
                    name=person.name,
                    company=briefing.company,
                    title=person.title,
                    url=None,
                    email=None,
                    source="brief",
                    status="to-contact",
                    notes=None,
                    event=Interaction(date=stamp, kind="added", status="to-contact", note=f"named on {person.source}"),
                )
            except UsageError:
                continue  # a name the site mangled (empty, huge) is no one to write to
            if index.find(record) is not None:
                continue
            suggestions.append(Suggestion(name=record["name"], title=record["title"], source=person.source))
            index.add(-len(suggestions), record)  # the same person twice on the site counts once
            if add:
                doc_id = insert(tdb, CONTACTS, record)
                added.append(Contact.from_record(doc_id, record))
    return suggestions, added


# -- LinkedIn and plain CSV import ---------------------------------------------------------

LINKEDIN_COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "url",
    "email address": "email",
    "company": "company",
    "position": "title",
    "connected on": "connected_on",
}
PLAIN_COLUMNS = {
    "name": "name",
    "full name": "name",
    "company": "company",
    "organization": "company",
    "organisation": "company",
    "title": "title",
    "position": "title",
    "role": "title",
    "url": "url",
    "profile": "url",
    "profile url": "url",
    "linkedin": "url",
    "email": "email",
    "email address": "email",
    "e-mail": "email",
    "notes": "notes",
    "note": "notes",
    "status": "status",
}
_DELIMITERS = (",", ";", "\t")
# LinkedIn writes a short "Notes:" preamble before the header; look this far for the header.
_HEADER_SEARCH_LINES = 30
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}


class ImportFailed(ScoutError):
    """The file was not imported; the message lists the problems with their row numbers."""

    def __init__(self, problems: list[str], *, total: int | None = None) -> None:
        total = len(problems) if total is None else total
        shown = problems[:MAX_REPORTED_ROW_ERRORS]
        more = f"; and {total - len(shown)} more" if total > len(shown) else ""
        super().__init__("nothing was imported: " + "; ".join(shown) + more + "; fix the file and import it again")
        self.problems = problems


@dataclass
class ImportResult:
    """What an import did: rows added, duplicates skipped, and the format it recognised."""

    added: int
    duplicates: int
    format: str  # "linkedin" or "plain"
    unnamed: int = 0  # LinkedIn rows without a name (members who hide it) are skipped
    ignored_columns: list[str] = field(default_factory=list)


def _decode(raw: bytes) -> str:
    """Return the file's text (UTF-8 with or without BOM, or UTF-16 with BOM), or raise ImportFailed."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailed(["the file starts like UTF-16 text but is not; save it as CSV UTF-8"]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFailed([f'row {line} is not UTF-8 text (save the file as "CSV UTF-8")']) from None


def _header_fields(line: str, delimiter: str) -> list[str]:
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
    return [" ".join(cell.split()).casefold() for cell in cells]


def _find_header(lines: list[str]) -> tuple[int, str, str, list[str]]:
    """Return (line index, delimiter, format, header cells) of the first recognisable header."""
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        for delimiter in _DELIMITERS:
            cells = _header_fields(line, delimiter)
            if "first name" in cells and "last name" in cells:
                return index, delimiter, "linkedin", cells
            if "name" in cells or "full name" in cells:
                return index, delimiter, "plain", cells
    raise ImportFailed(
        [
            "no header row found; the file should be LinkedIn's Connections.csv or start with a header "
            "such as name,company,title,url,email,notes"
        ]
    )


def _connected_on(text: str) -> str | None:
    """Return LinkedIn's "15 Mar 2024" as "2024-03-15" (None when unreadable)."""
    match = re.match(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{4})$", text.strip())
    if match:
        month = _MONTHS.get(match.group(2).lower())
        if month:
            try:
                return date(int(match.group(3)), month, int(match.group(1))).isoformat()
            except ValueError:
                return None
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return None


def parse_import(raw: bytes) -> tuple[str, list[dict[str, Any]], list[str], int]:
    """Return (format, contact records, ignored columns, unnamed rows skipped) from a CSV file's bytes.

    Pure: no database. Raises ImportFailed listing every row problem with its row number
    (the line of the file where the row starts).
    """
    if len(raw) > MAX_IMPORT_BYTES:
        mib = 1024 * 1024
        raise ImportFailed(
            [f"the file is {len(raw) // mib} MiB; scout imports files up to {MAX_IMPORT_BYTES // mib} MiB"]
        )
    text = _decode(raw)
    lines = io.StringIO(text, newline=None).readlines()  # \n, \r\n or \r; not str.splitlines' \f or \u2028
    header_index, delimiter, fmt, header = _find_header(lines)
    columns = LINKEDIN_COLUMNS if fmt == "linkedin" else PLAIN_COLUMNS
    header_line = header_index + 1
    seen: dict[str, str] = {}
    problems: list[str] = []
    for cell in header:
        if cell and cell in columns:
            if columns[cell] in seen:
                first = seen[columns[cell]]
                problems.append(
                    f"row {header_line}: the header has two {columns[cell]} columns ({first!r} and {cell!r})"
                )
            seen[columns[cell]] = cell
    if problems:
        raise ImportFailed(problems)
    ignored = [cell for cell in header if cell and cell not in columns]
    fields_by_position = [columns.get(cell) for cell in header]

    stamp = now_iso()
    records: list[dict[str, Any]] = []
    total_problems = 0
    unnamed = 0
    reader = csv.reader(io.StringIO("".join(lines[header_index + 1 :])), delimiter=delimiter)
    row_number = header_line
    while True:
        start = header_line + reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            total_problems += 1
            problems.append(f"row {start}: {exc} (a very long field or a stray quote)")
            break  # the reader cannot find the next row reliably after this
        row_number = start
        if not any(cell.strip() for cell in cells):
            continue
        if len(records) + total_problems >= MAX_IMPORT_ROWS:
            raise ImportFailed([f"the file has more than {MAX_IMPORT_ROWS:,} rows; split it into smaller files"])
        row_problems = _row_problems(cells, header)
        if not row_problems:
            values = {name: cells[i].strip() for i, name in enumerate(fields_by_position) if name and i < len(cells)}
            if fmt == "linkedin" and not (values.get("first_name") or values.get("last_name")):
                unnamed += 1
                continue
            try:
                records.append(_import_record(values, fmt, stamp))
            except UsageError as exc:
                row_problems = [str(exc)]
        if row_problems:
            total_problems += 1
            problems.append(f"row {row_number}: " + ", ".join(row_problems))
    if problems:
        raise ImportFailed(problems, total=total_problems)
    return fmt, records, ignored, unnamed


def _row_problems(cells: list[str], header: list[str]) -> list[str]:
    problems = []
    if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
        problems.append(
            f"{len(cells)} cells but the header has {len(header)} (quote values that contain the delimiter)"
        )
    for cell in cells:
        if "\x00" in cell:
            problems.append("contains a NUL byte")
            break
    for cell in cells:
        if len(cell) > MAX_FIELD_CHARS:
            problems.append(f"a field of {len(cell):,} characters (at most {MAX_FIELD_CHARS:,})")
            break
    return problems


def _import_record(values: dict[str, str], fmt: str, stamp: str) -> dict[str, Any]:
    """Return the contact record of one imported row, or raise UsageError."""
    if fmt == "linkedin":
        name = f"{values.get('first_name', '')} {values.get('last_name', '')}"
        when = _connected_on(values.get("connected_on", "")) or stamp
        event = Interaction(date=when, kind="imported", status="connected", note="connected on LinkedIn")
        source, status = "linkedin-import", "connected"
    else:
        name = values.get("name", "")
        status = check_status(values["status"]) if values.get("status") else "connected"
        event = Interaction(date=stamp, kind="imported", status=status)
        source = "manual"
    return _new_record(
        stamp,
        name=name,
        company=values.get("company"),
        title=values.get("title"),
        url=values.get("url"),
        email=values.get("email"),
        source=source,
        status=status,
        notes=values.get("notes"),
        event=event,
    )


def import_csv(db: Database, path: Path, *, dry_run: bool = False) -> ImportResult:
    """Return what importing the CSV at ``path`` did; all rows are stored, or none.

    Rows already stored (same profile URL, or same name at the same company), and repeats
    within the file, are skipped and counted.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    fmt, records, ignored, unnamed = parse_import(raw)
    new: list[dict[str, Any]] = []
    with db.read() if dry_run else db.transaction() as tdb:
        index = _Index(_documents(tdb))
        for position, record in enumerate(records):
            if index.find(record) is None:
                index.add(-1 - position, record)
                new.append(record)
        if new and not dry_run:
            insert_multiple(tdb, CONTACTS, new)
    return ImportResult(
        added=len(new), duplicates=len(records) - len(new), format=fmt, unnamed=unnamed, ignored_columns=ignored
    )


# -- exports -------------------------------------------------------------------------------


def export_contacts(contacts: list[Contact], fmt: ExportFormat) -> str:
    """Return the contacts as CSV, JSON or vCard 4.0 text."""
    if fmt == "csv":
        return export_csv(contacts)
    if fmt == "json":
        return contacts_json(contacts)
    if fmt == "vcard":
        return export_vcard(contacts)
    raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")


def contacts_json(contacts: list[Contact]) -> str:
    """Return the contacts as a JSON array."""
    return json_dumps([c.to_dict() for c in contacts])


def contact_json(contact: Contact) -> str:
    """Return one contact as a JSON object."""
    return json_dumps(contact.to_dict())


def export_csv(contacts: list[Contact]) -> str:
    """Return the contacts as CSV; cells that a spreadsheet would run as a formula are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    for contact in contacts:
        data = contact.to_dict()
        writer.writerow(
            [csv_cell(terminal_safe(str(data[key])) if data[key] is not None else "") for key in EXPORT_FIELDS]
        )
    return out.getvalue()


def _vcard_escape(text: str) -> str:
    text = terminal_safe(text)
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Return a content line folded at 75 octets (RFC 6350 3.2), never inside a UTF-8 character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)


def export_vcard(contacts: list[Contact]) -> str:
    """Return the contacts as vCard 4.0 (RFC 6350): CRLF lines, escaped values, folded lines."""
    lines: list[str] = []
    for contact in contacts:
        parts = contact.name.split()
        family = parts[-1] if len(parts) > 1 else ""
        given = " ".join(parts[:-1]) if len(parts) > 1 else contact.name
        card = [
            "BEGIN:VCARD",
            "VERSION:4.0",
            f"FN:{_vcard_escape(contact.name)}",
            f"N:{_vcard_escape(family)};{_vcard_escape(given)};;;",
        ]
        if contact.company:
            card.append(f"ORG:{_vcard_escape(contact.company)}")
        if contact.title:
            card.append(f"TITLE:{_vcard_escape(contact.title)}")
        if contact.email:
            card.append(f"EMAIL;TYPE=work:{_vcard_escape(contact.email)}")
        url = safe_url(contact.url)
        if url:
            card.append(f"URL:{url}")
        note = "; ".join(part for part in (f"status: {contact.status}", contact.notes) if part)
        card.append(f"NOTE:{_vcard_escape(note)}")
        card.append("END:VCARD")
        lines.extend(_fold(line) for line in card)
    return "".join(line + "\r\n" for line in lines)


# -- text for people -----------------------------------------------------------------------


def render_follow_up(contact: Contact) -> str:
    """Return the next follow-up as "Thu 26 Nov 14:00", or "" when none is set."""
    if not contact.next_follow_up:
        return ""
    from companyscout.when import current_time, format_time, from_iso

    try:
        return format_time(from_iso(contact.next_follow_up), now=current_time())
    except ValueError:
        return one_line(contact.next_follow_up)


def render_moment(stamp: str) -> str:
    """Return a stored time as the user reads it, in their zone ("Thu 26 Nov 14:00"); a day as "Fri 15 Mar 2024"."""
    from companyscout.when import MONTHS, WEEKDAYS, current_time, format_time, from_iso

    try:
        if len(stamp) == 10:  # a day, e.g. when a LinkedIn connection was made
            day = date.fromisoformat(stamp)
            return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"
        return format_time(from_iso(stamp), now=current_time())
    except ValueError:
        return one_line(stamp)


def _width(text: str) -> int:
    """Return how many terminal columns ``text`` takes: wide (CJK) characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    """Return ``text`` cut with "…" to at most ``width`` columns."""
    if _width(text) <= width:
        return text
    while text and _width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render_table(contacts: list[Contact]) -> str:
    """Return a terminal-safe table of contacts: id, name, title, company, status, follow-up."""
    if not contacts:
        return ""
    rows = [("ID", "NAME", "TITLE", "COMPANY", "STATUS", "FOLLOW-UP")]
    for c in contacts:
        rows.append(
            (
                str(c.id),
                _clip(one_line(c.name), 30),
                _clip(one_line(c.title or ""), 30),
                _clip(one_line(c.company), 30),
                c.status,
                render_follow_up(c),
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "".join("  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() + "\n" for row in rows)


def render_contact(contact: Contact) -> str:
    """Return every field of a contact and its history as terminal-safe text."""
    lines = [f"{contact.id}: {contact.label}"]
    for label, value in (
        ("Title", contact.title),
        ("Profile", contact.url),
        ("Email", contact.email),
        ("Status", contact.status),
        ("Source", contact.source),
        ("Follow up", render_follow_up(contact)),
        ("Added", render_moment(contact.created) if contact.created else ""),
        ("Updated", render_moment(contact.updated) if contact.updated != contact.created else ""),
    ):
        if value:
            lines.append(f"  {label + ':':<11}{one_line(value)}")
    if contact.notes:
        lines.append("  Notes:")
        lines.extend(f"    {line}" for line in terminal_safe(contact.notes).splitlines())
    if contact.history:
        lines.append("  History:")
        moments = [render_moment(item.date) for item in contact.history]
        column = max(_width(moment) for moment in moments)
        for moment, item in zip(moments, contact.history, strict=True):
            what = item.kind + (f" → {item.status}" if item.status else "")
            note = f": {one_line(item.note)}" if item.note else ""
            lines.append(f"    {_pad(moment, column)}  {one_line(what)}{note}")
    return "\n".join(lines) + "\n"
