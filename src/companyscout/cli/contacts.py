"""``scout contacts``: the people to reach out to, imports, exports and connection notes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import cast

import click

from companyscout import contacts as lib
from companyscout.config import LINKEDIN_TIERS
from companyscout.errors import ScoutError
from companyscout.messages import MESSAGE_KINDS
from companyscout.safe import one_line
from companyscout.store import open_database

_FOLLOW_UP_HELP = 'When to follow up, e.g. "in 5 days", "tomorrow 3pm" or "2026-12-01".'


def _when(text: str | None) -> datetime | None:
    if text is None:
        return None
    from companyscout.when import parse_when

    return parse_when(text)


@click.group(name="contacts")
def contacts() -> None:
    """Keep the people to reach out to, and draft notes to them.

    \b
    Example usage:
        scout contacts import ~/Downloads/Connections.csv
        scout contacts at "Acme Robotics"
        scout contacts add "Jane Doe" --company "Acme Robotics" --title "VP Engineering"
        scout contacts message 12 --kind interviewer
        scout contacts status 12 requested --follow-up "in 5 days"
        scout contacts due
    """


@contacts.command(name="add")
@click.argument("name")
@click.option("--company", required=True, help="Where the person works.")
@click.option("--title", help="Their job title.")
@click.option("--url", metavar="PROFILE_URL", help="Their profile, e.g. https://www.linkedin.com/in/jane-doe")
@click.option("--email", help="Their email address.")
@click.option(
    "--source", type=click.Choice(lib.MANUAL_SOURCES), default="manual", show_default=True, help="How you know of them."
)
@click.option(
    "--status",
    type=click.Choice(lib.STATUSES),
    default="to-contact",
    show_default=True,
    help="Where things stand with them.",
)
@click.option("--notes", help="Anything to remember about them.")
@click.option("--follow-up", "follow_up", metavar="WHEN", help=_FOLLOW_UP_HELP)
def contacts_add(
    name: str,
    company: str,
    title: str | None,
    url: str | None,
    email: str | None,
    source: str,
    status: str,
    notes: str | None,
    follow_up: str | None,
) -> None:
    """Add a person and print their id.

    \b
    Example usage:
        scout contacts add "Jane Doe" --company "Acme Robotics" --title "VP Engineering" --source interviewer
    """
    contact = lib.add_contact(
        open_database(),
        name,
        company=company,
        title=title,
        url=url,
        email=email,
        source=source,
        status=status,
        notes=notes,
        follow_up=_when(follow_up),
    )
    click.echo(f"Added contact {contact.id}: {contact.label}")


@contacts.command(name="list")
@click.option("--company", help="Only people at this company.")
@click.option("--status", type=click.Choice(lib.STATUSES), help="Only people with this status.")
@click.option("--json", "as_json", is_flag=True, help="Print the contacts as JSON.")
def contacts_list(company: str | None, status: str | None, as_json: bool) -> None:
    """List your contacts, oldest first.

    \b
    Example usage:
        scout contacts list
        scout contacts list --company "Acme Robotics" --status requested
        scout contacts list --json
    """
    found = lib.list_contacts(open_database(), company=company, status=status)
    if company is not None or status is not None:
        at = f"at {one_line(company)}" if company else None
        wanted = " ".join(part for part in (at, f"with status {status}" if status else None) if part)
        empty = f"No contacts {wanted}; `scout contacts list` shows everyone."
    else:
        empty = "No contacts yet; add one with `scout contacts add` or import your LinkedIn connections."
    _print_contacts(found, as_json, empty=empty)


def _print_contacts(found: list[lib.Contact], as_json: bool, *, empty: str) -> None:
    if as_json:
        click.echo(lib.contacts_json(found))
    elif found:
        click.echo(lib.render_table(found), nl=False)
    else:
        click.echo(empty)


@contacts.command(name="show")
@click.argument("contact_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the contact as JSON.")
def contacts_show(contact_id: int, as_json: bool) -> None:
    """Show one contact and the history of your interactions.

    \b
    Example usage:
        scout contacts show 12
    """
    contact = lib.get_contact(open_database(), contact_id)
    if as_json:
        click.echo(lib.contact_json(contact))
    else:
        click.echo(lib.render_contact(contact), nl=False)


@contacts.command(name="edit")
@click.argument("contact_id", metavar="ID", type=int)
@click.option("--name", help="New name.")
@click.option("--company", help="New company.")
@click.option("--title", help='New title ("" clears it).')
@click.option("--url", metavar="PROFILE_URL", help='New profile URL ("" clears it).')
@click.option("--email", help='New email ("" clears it).')
@click.option("--source", type=click.Choice(lib.SOURCES), help="How you know of them.")
@click.option("--notes", help='New notes ("" clears them).')
@click.option("--follow-up", "follow_up", metavar="WHEN", help=_FOLLOW_UP_HELP)
@click.option("--no-follow-up", is_flag=True, help="Clear the next follow-up.")
def contacts_edit(contact_id: int, follow_up: str | None, no_follow_up: bool, **fields: str | None) -> None:
    """Change a contact's details.

    \b
    Example usage:
        scout contacts edit 12 --title "CTO" --follow-up "next Monday"
    """
    changes = {key: value for key, value in fields.items() if value is not None}
    if not changes and follow_up is None and not no_follow_up:
        raise click.UsageError('nothing to change; give at least one option, e.g. --title "CTO"')
    if follow_up is not None and no_follow_up:
        raise click.UsageError("use either --follow-up or --no-follow-up")
    db = open_database()
    moment = _when(follow_up)
    with db.transaction():  # all changes or none
        contact = lib.edit_contact(db, contact_id, **changes) if changes else lib.get_contact(db, contact_id)
        if follow_up is not None or no_follow_up:
            contact = lib.set_follow_up(db, contact_id, moment)
    click.echo(f"Updated contact {contact.id}: {contact.label}")


@contacts.command(name="remove")
@click.argument("contact_id", metavar="ID", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def contacts_remove(contact_id: int, yes: bool) -> None:
    """Remove a contact (asks first).

    \b
    Example usage:
        scout contacts remove 12
        scout contacts remove 12 --yes
    """
    db = open_database()
    contact = lib.get_contact(db, contact_id)
    if not yes:
        click.confirm(f"Remove contact {contact.id}: {contact.label}?", abort=True)
    lib.remove_contact(db, contact_id)
    click.echo(f"Removed contact {contact.id}: {contact.label}")


@contacts.command(name="status")
@click.argument("contact_id", metavar="ID", type=int)
@click.argument("status", type=click.Choice(lib.STATUSES))
@click.option("--note", help="What happened, kept in the history.")
@click.option("--follow-up", "follow_up", metavar="WHEN", help=_FOLLOW_UP_HELP)
def contacts_status(contact_id: int, status: str, note: str | None, follow_up: str | None) -> None:
    """Record a contact's new status, kept with its date.

    \b
    Example usage:
        scout contacts status 12 requested --follow-up "in 5 days"
        scout contacts status 12 replied --note "Happy to chat on Friday"
    """
    contact = lib.set_status(open_database(), contact_id, status, note=note, follow_up=_when(follow_up))
    due = lib.render_follow_up(contact)
    click.echo(f"{contact.label}: {contact.status}" + (f", follow up {due}" if due else ""))


@contacts.command(name="due")
@click.option("--json", "as_json", is_flag=True, help="Print the contacts as JSON.")
def contacts_due(as_json: bool) -> None:
    """List who needs a follow-up today or earlier.

    \b
    Example usage:
        scout contacts due
        scout contacts status 12 replied --note "Call on Friday"
    """
    found = lib.due_contacts(open_database())
    _print_contacts(found, as_json, empty="No follow-ups due.")


@contacts.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and report what would be imported; store nothing.")
def contacts_import(file: Path, dry_run: bool) -> None:
    """Import LinkedIn's Connections.csv or a plain CSV.

    A plain CSV starts with a header such as name,company,title,url,email,notes.

    Imported people are marked connected. The import is all or nothing: a problem in any row
    stops it and is reported with its row number. People you have already are skipped.

    \b
    Example usage:
        scout contacts import ~/Downloads/Connections.csv
    """
    result = lib.import_csv(open_database(), file, dry_run=dry_run)
    kind = "LinkedIn export" if result.format == "linkedin" else "CSV file"
    verb = "Would import" if dry_run else "Imported"
    message = f"{verb} {result.added:,} contact{'s' if result.added != 1 else ''} from the {kind}"
    extras = []
    if result.duplicates:
        extras.append(f"skipped {result.duplicates:,} already in your contacts")
    if result.unnamed:
        extras.append(f"skipped {result.unnamed:,} without a name")
    if result.ignored_columns:
        extras.append("ignored columns: " + ", ".join(one_line(c)[:40] for c in result.ignored_columns))
    click.echo(message + ("; " + "; ".join(extras) if extras else "") + ".")


@contacts.command(name="at")
@click.argument("company")
@click.option("--json", "as_json", is_flag=True, help="Print the contacts as JSON.")
def contacts_at(company: str, as_json: bool) -> None:
    """Show who you know at COMPANY.

    Inc, Ltd, GmbH and the like, case and punctuation are ignored in the match.

    \b
    Example usage:
        scout contacts at "Acme Robotics"
    """
    found = lib.contacts_at(open_database(), company)
    _print_contacts(found, as_json, empty=f"You have no contacts at {one_line(company)} yet.")


@contacts.command(name="suggest")
@click.argument("company")
@click.option("--add", is_flag=True, help="Add them as contacts to reach out to.")
def contacts_suggest(company: str, add: bool) -> None:
    """List people on COMPANY's briefing who are not contacts yet.

    \b
    Example usage:
        scout contacts suggest "Acme Robotics" --add
    """
    suggestions, added = lib.suggest_from_briefing(open_database(), company, add=add)
    if not suggestions:
        click.echo("Everyone named on the briefing is a contact already.")
        return
    ids = {c.name: c.id for c in added}
    for person in suggestions:
        title = f", {one_line(person.title)}" if person.title else ""
        prefix = f"{ids[person.name]}: " if person.name in ids else ""
        click.echo(f"{prefix}{one_line(person.name)}{title}  ({one_line(person.source)})")
    if add:
        click.echo(f"Added {len(added)} contact{'s' if len(added) != 1 else ''} to reach out to.")
    else:
        click.echo("Add them with: scout contacts suggest " + _quoted(company) + " --add")


def _quoted(text: str) -> str:
    text = one_line(text)
    return f'"{text}"' if any(ch in text for ch in " '\"&;|$`\\") else text


@contacts.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(lib.EXPORT_FORMATS),
    default="csv",
    show_default=True,
    help="csv for spreadsheets, json, or vcard for phone and mail apps.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of printing."
)
@click.option("--company", help="Only people at this company.")
def contacts_export(fmt: str, output: Path | None, company: str | None) -> None:
    """Export your contacts as CSV, JSON or vCard 4.0.

    \b
    Example usage:
        scout contacts export --format vcard -o contacts.vcf
    """
    found = lib.list_contacts(open_database(), company=company)
    text = lib.export_contacts(found, cast(lib.ExportFormat, fmt))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise ScoutError(f"cannot write {output}: {exc.strerror or exc}; choose another -o path") from None
    click.echo(f"Exported {len(found):,} contact{'s' if len(found) != 1 else ''} to {output}", err=True)


@contacts.command(name="message")
@click.argument("contact_id", metavar="ID", type=int)
@click.option(
    "--kind",
    type=click.Choice(MESSAGE_KINDS),
    help="connect: a note to someone at the company; interviewer: to someone who interviewed you; "
    "follow-up: a longer message to someone already connected. "
    "Default: follow-up once connected, interviewer for interviewers, else connect.",
)
@click.option(
    "--tier",
    type=click.Choice(LINKEDIN_TIERS),
    help="Your LinkedIn account (default: the linkedin-tier setting, else free).",
)
def contacts_message(contact_id: int, kind: str | None, tier: str | None) -> None:
    """Draft a note to a contact within LinkedIn's limit.

    The draft goes to standard output and its length, as 187/200, to standard error.

    \b
    Example usage:
        scout contacts message 12 --kind interviewer
        scout config set linkedin-tier premium
    """
    from companyscout.config import get_settings
    from companyscout.drafts import Sender
    from companyscout.messages import (
        CONNECTED_STATUSES,
        MessageKind,
        Recipient,
        Tier,
        draft_message,
        suggested_kind,
    )

    db = open_database()
    contact = lib.get_contact(db, contact_id)
    settings = get_settings(db)
    draft = draft_message(
        Recipient(
            name=contact.name,
            company=contact.company,
            title=contact.title,
            interviewed_me=contact.source == "interviewer",
            connected=contact.status in CONNECTED_STATUSES,
            known_before=contact.source == "linkedin-import",
        ),
        kind=cast(MessageKind, kind) if kind else suggested_kind(source=contact.source, status=contact.status),
        tier=cast(Tier, tier or settings["linkedin-tier"] or "free"),
        sender=Sender(name=settings["name"], signature=settings["signature"]),
        role=settings["role"],
        briefing=lib.latest_briefing(db, contact.company) if contact.company else None,
    )
    click.echo(draft.text)
    click.echo(draft.count, err=True)
