"""``scout interview``, ``thanks``, ``promise``, ``reflect``, ``next``, ``status``, ``followup``, ``agenda``."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from companyscout import followup as fu
from companyscout.drafts import DRAFT_FORMATS, DraftFormat, render_draft
from companyscout.errors import UsageError
from companyscout.followup import quote_arg
from companyscout.safe import json_dumps, one_line, terminal_safe
from companyscout.store import open_database
from companyscout.when import WHEN_EXAMPLES, as_utc, current_time, format_due, format_time, from_iso, parse_when, to_iso

_FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(DRAFT_FORMATS), default="text", show_default=True, help="Draft format."
)
_JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _when(text: str | None) -> datetime | None:
    """Return the typed time as an aware datetime (None stays None)."""
    return None if text is None else parse_when(text)


def _print_json(data: Any) -> None:
    click.echo(json_dumps(data))


# -- scout interview ----------------------------------------------------------------------------


@click.group(name="interview")
def interview() -> None:
    """Record interviews and what was discussed.

    \b
    Example usage:
        scout interview add "Acme Robotics" --when "2026-11-25 14:00" --role "Backend Engineer" \\
            --with "Jane Doe" --notes "fleet telemetry; on-call rotation" --expect "in 1 week"
        scout interview list
        scout interview note 1 "They use Kafka for telemetry"
    """


@interview.command(name="add")
@click.argument("company")
@click.option(
    "--when", "when_text", required=True, metavar="WHEN", help=f"When it took place or will ({WHEN_EXAMPLES})."
)
@click.option("--role", help="The role you interviewed for (default: the `role` setting).")
@click.option("--with", "people", multiple=True, metavar="NAME", help="An interviewer; repeat for each.")
@click.option("--stage", help='The stage, e.g. "first round", "technical", "final".')
@click.option(
    "--notes", help="Points discussed, separated by ';' or new lines; \"Sam: …\" goes in Sam's thank-you note."
)
@click.option("--expect", "expect_text", metavar="WHEN", help='When they said you would hear back, e.g. "in 1 week".')
def interview_add(
    company: str,
    when_text: str,
    role: str | None,
    people: tuple[str, ...],
    stage: str | None,
    notes: str | None,
    expect_text: str | None,
) -> None:
    """Record an interview; each interviewer becomes a contact.

    \b
    Example usage:
        scout interview add "Acme Robotics" --when "today 2pm" --role "Backend Engineer" \\
            --with "Jane Doe" --with "Sam Lee" --stage "first round" --expect "in 1 week"
    """
    when = parse_when(when_text)
    expect = _when(expect_text)
    now = current_time()
    record = fu.add_interview(
        open_database(), company, when=when, role=role, interviewers=people, stage=stage, notes=notes, expect=expect
    )
    click.echo(
        f"Recorded interview {record.id} with {one_line(record.company)} on {format_time(record.when, now=now)}."
    )
    for person in record.interviewers:
        click.echo(f"  {one_line(person.name)}: contact {person.contact_id}")
    if not as_utc(record.when) > as_utc(now):
        click.echo(
            f"Thank-you notes due {format_due(record.thanks_deadline, now)}: scout thanks {quote_arg(record.company)}"
        )
    else:
        click.echo(f"Prepare with: scout next {quote_arg(record.company)} {quote_arg(record.stage or 'interview')}")


@interview.command(name="edit")
@click.argument("interview_id", type=int)
@click.option("--when", "when_text", metavar="WHEN", help="Correct when it took place.")
@click.option("--role", help="The role.")
@click.option("--with", "people", multiple=True, metavar="NAME", help="Add an interviewer; repeat for each.")
@click.option("--stage", help="The stage.")
@click.option("--expect", "expect_text", metavar="WHEN", help="When you expect to hear back.")
def interview_edit(
    interview_id: int,
    when_text: str | None,
    role: str | None,
    people: tuple[str, ...],
    stage: str | None,
    expect_text: str | None,
) -> None:
    """Change an interview's details or add interviewers.

    \b
    Example usage:
        scout interview edit 3 --with "Sam Lee"
        scout interview edit 3 --when "2026-11-25 15:00" --expect "next Friday"
    """
    if not any((when_text, role, people, stage, expect_text)):
        raise UsageError("nothing to change; give --when, --role, --with, --stage or --expect")
    record = fu.edit_interview(
        open_database(),
        interview_id,
        when=_when(when_text),
        role=role,
        stage=stage,
        expect=_when(expect_text),
        add_interviewers=people,
    )
    click.echo(f"Updated interview {record.id} with {one_line(record.company)}.")


@interview.command(name="list")
@click.option("--company", help="Only interviews with this company.")
@_JSON_OPTION
def interview_list(company: str | None, as_json: bool) -> None:
    """List interviews, earliest first.

    \b
    Example usage:
        scout interview list
        scout interview list --company "Acme Robotics" --json
    """
    records = fu.list_interviews(open_database(), company)
    if as_json:
        _print_json([r.to_json() for r in records])
        return
    if not records:
        click.echo('No interviews recorded. Add one: scout interview add COMPANY --when "2026-11-25 14:00"')
        return
    now = current_time()
    times = [format_time(r.when, now=now) for r in records]
    column = max(len(t) for t in times)  # "Thu 3 Dec" is shorter than "Wed 25 Nov"
    for r, at in zip(records, times, strict=True):
        people = ", ".join(i.name for i in r.interviewers) or "interviewer not recorded"
        details = " · ".join(x for x in (r.company, r.role, r.stage, people) if x)
        click.echo(f"{r.id:>3}  {at:<{column}}  {one_line(details)}")


@interview.command(name="show")
@click.argument("interview_id", type=int)
def interview_show(interview_id: int) -> None:
    """Show an interview, its notes and its deadlines.

    \b
    Example usage:
        scout interview show 3
    """
    db = open_database()
    r = fu.get_interview(db, interview_id)
    now = current_time()
    lines = [f"Interview {r.id} with {r.company}", f"  when:   {format_time(r.when, now=now)}"]
    if r.role:
        lines.append(f"  role:   {r.role}")
    if r.stage:
        lines.append(f"  stage:  {r.stage}")
    for person in r.interviewers:
        lines.append(f"  with:   {person.name} (contact {person.contact_id})")
    for name in r.recipients():
        sent = r.thanks_sent.get(name)
        who = name or "your interviewer"
        state = f"sent {format_time(from_iso(sent), now=now)}" if sent else f"due {format_due(r.thanks_deadline, now)}"
        lines.append(f"  thanks: {who}: {state}")
    lines.append(
        f"  reply expected: {format_time(r.reply_expected, now=now)}" + ("" if r.expect else " (a week, none given)")
    )
    for moment in r.followups:
        lines.append(f"  checked in: {format_time(moment, now=now)}")
    click.echo("\n".join(terminal_safe(line, keep_newlines=False) for line in lines))
    if r.notes:
        click.echo("  notes:")
        for note in r.notes:
            for line in terminal_safe(note).splitlines():
                click.echo(f"    {line}")
    else:
        click.echo(f'  notes:  none; add points with scout interview note {r.id} "…"')


@interview.command(name="note")
@click.argument("interview_id", type=int)
@click.argument("text")
def interview_note(interview_id: int, text: str) -> None:
    """Add a point discussed in the interview, named in the thank-you notes.

    A point that starts with an interviewer's name ("Sam: …") goes in that person's note.

    \b
    Example usage:
        scout interview note 3 "the fleet telemetry pipeline"
        scout interview note 3 "Sam: asked about Kafka partitioning"
    """
    record = fu.add_interview_note(open_database(), interview_id, text)
    click.echo(f"Added note {len(record.notes)} to interview {record.id} with {one_line(record.company)}.")


# -- scout thanks / followup --------------------------------------------------------------------


@click.command(name="thanks")
@click.argument("company")
@click.option("--to", "to", metavar="NAME", help="Only the note to this interviewer.")
@_FORMAT_OPTION
@click.option("--sent", is_flag=True, help="Record the notes (or the one --to NAME) as sent.")
def thanks(company: str, to: str | None, fmt: DraftFormat, sent: bool) -> None:
    """Draft thank-you emails to your interviewers, due within 24 hours.

    \b
    Example usage:
        scout thanks "Acme Robotics"
        scout thanks "Acme Robotics" --to Jane --format markdown
        scout thanks "Acme Robotics" --sent
    """
    db = open_database()
    now = current_time()
    if sent:
        record = fu.mark_thanks_sent(db, company, to=to, now=now)
        pending = record.thanks_pending()
        click.echo(f"Recorded thank-you notes for interview {record.id} with {one_line(record.company)} as sent.")
        if pending:
            names = ", ".join(n for n in pending if n)
            click.echo(one_line(f"Still to send: {names} (due {format_due(record.thanks_deadline, now)})"))
        return
    drafts = fu.thank_you_drafts(db, company, to=to, fmt=fmt, now=now)
    for index, item in enumerate(drafts, 1):
        who = item.recipient or "your interviewer"
        if item.sent:
            state = f"sent {format_time(from_iso(item.sent), now=now)}"
        else:
            state = f"send by {format_due(item.deadline, now)}"
        heading = f"Thank-you note {index} of {len(drafts)} to {who} ({state})"
        if index > 1:
            click.echo("")
        click.echo(render_draft(item.draft, fmt, heading=heading), nl=False)
    if any(item.sent is None for item in drafts):
        only = f" --to {quote_arg(to)}" if to else ""
        click.echo(f"\nWhen sent: scout thanks {quote_arg(drafts[0].interview.company)}{only} --sent")


@click.command(name="followup")
@click.argument("company")
@click.option(
    "--to",
    "to",
    metavar="NAME",
    help="Who to write to (default: a recruiter among your contacts, else the interviewer).",
)
@_FORMAT_OPTION
@click.option("--sent", is_flag=True, help="Record that you sent a check-in.")
def followup(company: str, to: str | None, fmt: DraftFormat, sent: bool) -> None:
    """Draft a polite check-in when no word has come by the expected date.

    \b
    Example usage:
        scout followup "Acme Robotics"
        scout followup "Acme Robotics" --sent
    """
    db = open_database()
    now = current_time()
    if sent:
        record = fu.mark_follow_up_sent(db, company, now=now)
        again = record.followups[-1] + fu.FOLLOW_UP_INTERVAL
        click.echo(
            f"Recorded a check-in with {one_line(record.company)}; "
            f"if still no word, scout reminds you {format_time(again, now=now)}."
        )
        return
    record, draft = fu.follow_up_draft(db, company, to=to, fmt=fmt, now=now)
    expected = record.reply_expected
    if as_utc(expected) > as_utc(now):
        click.echo(f"Word is expected by {format_due(expected, now)}; a check-in before then can read as impatient.\n")
    click.echo(render_draft(draft, fmt, heading=f"Check-in with {record.company}"), nl=False)
    click.echo(f"\nWhen sent: scout followup {quote_arg(record.company)} --sent")


# -- scout promise ------------------------------------------------------------------------------


@click.group(name="promise")
def promise() -> None:
    """Track what you promised to send (portfolio, references, code sample).

    \b
    Example usage:
        scout promise add "Acme Robotics" "send the code sample" --due "tomorrow 5pm"
        scout promise list
        scout promise done 1
    """


@promise.command(name="add")
@click.argument("company")
@click.argument("text")
@click.option("--due", "due_text", metavar="WHEN", help=f"When you said you would send it ({WHEN_EXAMPLES}).")
def promise_add(company: str, text: str, due_text: str | None) -> None:
    """Record something you promised to send.

    \b
    Example usage:
        scout promise add "Acme Robotics" "send the code sample" --due "tomorrow 5pm"
    """
    record = fu.add_promise(open_database(), company, text, due=_when(due_text))
    due = f", due {format_due(record.due, current_time())}" if record.due else ""
    click.echo(one_line(f"Recorded promise {record.id} to {record.company}{due}."))


@promise.command(name="list")
@click.option("--all", "include_done", is_flag=True, help="Include promises already kept.")
@_JSON_OPTION
def promise_list(include_done: bool, as_json: bool) -> None:
    """List open promises, soonest due first.

    \b
    Example usage:
        scout promise list
        scout promise list --all --json
    """
    records = fu.list_promises(open_database(), include_done=include_done)
    if as_json:
        _print_json([p.to_json() for p in records])
        return
    if not records:
        click.echo('No open promises. Add one: scout promise add COMPANY "send the portfolio" --due "in 2 days"')
        return
    now = current_time()
    for p in records:
        if p.done:
            state = f"kept {format_time(p.done, now=now)}"
        else:
            state = f"due {format_due(p.due, now)}" if p.due else "no date"
        click.echo(f"{p.id:>3}  {one_line(p.company)}: {one_line(p.text)} ({state})")


@promise.command(name="done")
@click.argument("promise_id", type=int)
def promise_done(promise_id: int) -> None:
    """Mark a promise as kept.

    \b
    Example usage:
        scout promise done 4
    """
    record = fu.complete_promise(open_database(), promise_id)
    click.echo(one_line(f"Promise {record.id} to {record.company} kept: {record.text}"))


# -- scout reflect ------------------------------------------------------------------------------


@click.command(name="reflect")
@click.argument("company")
@click.option("--questions", help="Which questions they asked.")
@click.option("--strong", help="Where your answers were strong.")
@click.option("--improve", help="What you would improve.")
@click.option("--prepare", help="What to prepare for the next step.")
def reflect(company: str, questions: str | None, strong: str | None, improve: str | None, prepare: str | None) -> None:
    """Debrief an interview: asks one question at a time, or takes the answers as options.

    Shows first what earlier debriefs said to improve, across all interviews.

    \b
    Example usage:
        scout reflect "Acme Robotics"
        scout reflect "Acme Robotics" --improve "shorter answers" --prepare "system design"
    """
    db = open_database()
    earlier = fu.improve_points(fu.load_records(db).reflections)
    now = current_time()
    if earlier:
        click.echo("Earlier, you wanted to improve:")
        for r in earlier:
            click.echo(
                f"  - {one_line(r.answers['improve'])} ({one_line(r.company)}, {format_time(r.created, now=now)})"
            )
        click.echo("")
    given = {"questions": questions, "strong": strong, "improve": improve, "prepare": prepare}
    if any(v is not None for v in given.values()):
        answers = {k: v for k, v in given.items() if v is not None}
    else:
        answers = {}
        for key, question in fu.REFLECTION_QUESTIONS:
            answer = _ask(question)
            if answer is None:
                break
            answers[key] = answer
    record = fu.add_reflection(db, company, answers)
    about = f" of interview {record.interview_id}" if record.interview_id else ""
    click.echo(one_line(f"Saved debrief {record.id}{about} with {record.company}."))


def _ask(question: str) -> str | None:
    """Return the answer typed to ``question``, or None at the end of the input (Ctrl-D, a closed pipe).

    ``input`` rather than ``click.prompt``: click turns Ctrl-C into a bare "Aborted!", while
    here it reaches the command group, which says that nothing was saved.
    """
    try:
        answer = input(f"{question} ")
    except EOFError:
        click.echo("")
        return None
    if not sys.stdin.isatty():
        click.echo(answer)  # piped answers are not echoed: show them, so each question keeps its line
    return answer


# -- scout next ---------------------------------------------------------------------------------


@click.command(name="next")
@click.argument("company")
@click.argument("step", required=False)
@click.option("--when", "when_text", metavar="WHEN", help=f"When it takes place ({WHEN_EXAMPLES}).")
def next_step(company: str, step: str | None, when_text: str | None) -> None:
    """Record the next step in a company's process, with a preparation checklist.

    Without STEP, shows the step recorded last and its checklist.

    \b
    Example usage:
        scout next "Acme Robotics" "second interview" --when "next Monday 10am"
        scout next "Acme Robotics" "take-home assessment" --when "in 5 days"
        scout next "Acme Robotics"
    """
    if step is None and when_text is not None:
        raise UsageError('--when needs a STEP, e.g. scout next COMPANY "second interview" --when "in 1 week"')
    now = current_time()
    plan = fu.plan_next_step(open_database(), company, step, when=_when(when_text), now=now)
    if plan.saved is not None:
        click.echo(one_line(f"Recorded next step {plan.saved.id}: {plan.step} with {plan.company}."))
    schedule = f", {format_due(plan.when, now)}" if plan.when else ""
    click.echo(one_line(f"Next: {plan.step} with {plan.company}{schedule}"))
    click.echo("Prepare:")
    for item in plan.checklist:
        click.echo(f"  [ ] {one_line(item)}")


# -- scout status / agenda ----------------------------------------------------------------------

_MARK_WIDTH = 8


def _mark(item: fu.StatusItem, now: datetime) -> str:
    if item.due is None:
        return "OPEN"
    if item.overdue(now):
        return "OVERDUE"
    if as_utc(item.due) - as_utc(now) <= fu.THANKS_WINDOW:
        return "DUE"
    return "COMING"


@click.command(name="status")
@_JSON_OPTION
def status(as_json: bool) -> None:
    """Show everything due across companies, most urgent first, with the command for each.

    \b
    Example usage:
        scout status
        scout status --json
    """
    now = current_time()
    items = fu.collect_status(fu.load_records(open_database(), now), now)
    if as_json:
        _print_json({"now": to_iso(now), "items": [item.to_json(now) for item in items]})
        return
    if not items:
        click.echo('Nothing due. Record an interview: scout interview add COMPANY --when "2026-11-25 14:00"')
        return
    click.echo(f"As of {format_time(now, now=now)}, most urgent first:")
    indent = " " * (_MARK_WIDTH + 2)
    for item in items:
        click.echo(f"{_mark(item, now):<{_MARK_WIDTH}}  {one_line(item.company)}: {one_line(item.what)}")
        due = format_due(item.due, now) if item.due else "no date"
        click.echo(f"{indent}{due}  →  {one_line(item.command)}")


@click.command(name="agenda")
@click.option(
    "--ics",
    "ics_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the calendar to FILE ('-' for standard output).",
)
def agenda(ics_path: Path) -> None:
    """Export every dated item as an iCalendar file for calendar apps.

    \b
    Example usage:
        scout agenda --ics scout.ics
    """
    from companyscout.agenda import build_calendar, write_calendar

    now = current_time()
    items = fu.agenda_items(fu.load_records(open_database(), now), now)
    data = build_calendar(items, now=now)
    if str(ics_path) == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_calendar(ics_path, data)
    click.echo(f"Wrote {len(items)} event{'s' if len(items) != 1 else ''} to {one_line(str(ics_path))}.")
