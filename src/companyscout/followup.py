"""After the interview: interviews, thank-you deadlines, promises, reflections, next steps, status.

Records live in the ``interviews``, ``promises``, ``reflections`` and ``next_steps`` tables.
Every time is stored as ISO 8601 with its UTC offset and compared in UTC (see ``when``).
Functions that take a ``Database`` do the I/O; ``collect_status``, ``agenda_items`` and
``preparation_checklist`` are pure over loaded records, so the rules are tested without disk.

The rules, as career guides give them:
- a thank-you note to every interviewer within 24 hours of the interview;
- what was promised is sent by the date said;
- without word by the expected date (a week when none was given) a polite check-in, repeated
  a week after the last one while the company stays quiet.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from companyscout.drafts import (
    Draft,
    DraftFormat,
    FollowUpRequest,
    Sender,
    ThankYouRequest,
    follow_up_note,
    greeting_name,
    thank_you_note,
)
from companyscout.errors import NotFound, UsageError
from companyscout.model import Briefing
from companyscout.names import resolve_company, same_company
from companyscout.safe import replace_undecodable
from companyscout.store import CONTACTS, INTERVIEWS, PROMISES, Database, insert
from companyscout.talking import month_year
from companyscout.when import as_utc, current_time, format_time, from_iso, is_overdue, to_iso

REFLECTIONS = "reflections"
NEXT_STEPS = "next_steps"

#: A thank-you note is due this long after the interview.
THANKS_WINDOW = timedelta(hours=24)
#: When the company named no reply date, a check-in is due this long after the interview.
DEFAULT_REPLY_WAIT = timedelta(days=7)
#: After a check-in, the next one is due this long later while no word comes.
FOLLOW_UP_INTERVAL = timedelta(days=7)
#: A next step stays on the status screen this long after its time, asking to be recorded.
NEXT_STEP_GRACE = timedelta(days=2)

#: The debrief, one question at a time: (key, question).
REFLECTION_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("questions", "Which questions did they ask?"),
    ("strong", "Where were your answers strong?"),
    ("improve", "What would you improve?"),
    ("prepare", "What should you prepare for the next step?"),
)

# Contact titles that mark the person to check in with about the hiring decision.
_HIRING_TITLE_WORDS = ("recruit", "talent", "hiring", "people", "hr ", "human resources")

StatusKind = Literal["thanks", "promise", "interview", "next-step", "contact", "quiet"]


# -- records ------------------------------------------------------------------------------------


@dataclass
class Interviewer:
    name: str
    contact_id: int | None = None


@dataclass
class Interview:
    """An interview with a company, and what happened after it."""

    id: int
    company: str
    when: datetime
    role: str | None = None
    stage: str | None = None
    interviewers: list[Interviewer] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    expect: datetime | None = None
    thanks_sent: dict[str, str] = field(default_factory=dict)  # interviewer name ("" if none) -> when
    followups: list[datetime] = field(default_factory=list)

    @property
    def thanks_deadline(self) -> datetime:
        """Return when the thank-you notes are due: 24 real hours after the interview (DST or not)."""
        return (as_utc(self.when) + THANKS_WINDOW).astimezone(self.when.tzinfo)

    @property
    def reply_expected(self) -> datetime:
        """Return when word was expected: the date the company gave, else a week after."""
        return self.expect if self.expect is not None else self.when + DEFAULT_REPLY_WAIT

    def recipients(self) -> list[str]:
        """Return the interviewers' names, or [""] when nobody was recorded (one unnamed note)."""
        return [i.name for i in self.interviewers] or [""]

    def thanks_pending(self) -> list[str]:
        """Return the recipients whose thank-you note is not marked as sent."""
        return [name for name in self.recipients() if name not in self.thanks_sent]

    @classmethod
    def from_record(cls, doc_id: int, doc: dict[str, Any]) -> Interview:
        return cls(
            id=doc_id,
            company=doc["company"],
            when=from_iso(doc["when"]),
            role=doc.get("role"),
            stage=doc.get("stage"),
            interviewers=[Interviewer(i["name"], i.get("contact_id")) for i in doc.get("interviewers", [])],
            notes=[n["text"] for n in doc.get("notes", [])],
            expect=from_iso(doc["expect"]) if doc.get("expect") else None,
            thanks_sent=dict(doc.get("thanks_sent", {})),
            followups=[from_iso(t) for t in doc.get("followups", [])],
        )

    def to_json(self) -> dict[str, Any]:
        """Return the interview for ``--json`` output."""
        return {
            "id": self.id,
            "company": self.company,
            "when": to_iso(self.when),
            "role": self.role,
            "stage": self.stage,
            "interviewers": [asdict(i) for i in self.interviewers],
            "notes": self.notes,
            "expect": to_iso(self.expect) if self.expect else None,
            "thanks_deadline": to_iso(self.thanks_deadline),
            "thanks_sent": self.thanks_sent,
            "followups": [to_iso(t) for t in self.followups],
        }


@dataclass
class Promise:
    """Something the user said they would send."""

    id: int
    company: str
    text: str
    due: datetime | None = None
    done: datetime | None = None

    @classmethod
    def from_record(cls, doc_id: int, doc: dict[str, Any]) -> Promise:
        return cls(
            id=doc_id,
            company=doc["company"],
            text=doc["text"],
            due=from_iso(doc["due"]) if doc.get("due") else None,
            done=from_iso(doc["done"]) if doc.get("done") else None,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "company": self.company,
            "text": self.text,
            "due": to_iso(self.due) if self.due else None,
            "done": to_iso(self.done) if self.done else None,
        }


@dataclass
class Reflection:
    """The answers of one debrief."""

    id: int
    company: str
    created: datetime
    answers: dict[str, str]
    interview_id: int | None = None

    @classmethod
    def from_record(cls, doc_id: int, doc: dict[str, Any]) -> Reflection:
        return cls(
            id=doc_id,
            company=doc["company"],
            created=from_iso(doc["created"]),
            answers=dict(doc.get("answers", {})),
            interview_id=doc.get("interview_id"),
        )


@dataclass
class NextStep:
    """The next step in a company's process."""

    id: int
    company: str
    step: str
    when: datetime | None
    created: datetime

    @classmethod
    def from_record(cls, doc_id: int, doc: dict[str, Any]) -> NextStep:
        return cls(
            id=doc_id,
            company=doc["company"],
            step=doc["step"],
            when=from_iso(doc["when"]) if doc.get("when") else None,
            created=from_iso(doc["created"]),
        )


@dataclass
class ContactFollowUp:
    """A contact's next follow-up, and whether it has come (the contacts' own rule)."""

    id: int
    name: str
    company: str
    when: datetime
    due: bool


@dataclass
class Records:
    """Everything the status screen and the agenda are computed from."""

    interviews: list[Interview] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    contacts: list[ContactFollowUp] = field(default_factory=list)


# -- interviews ---------------------------------------------------------------------------------


def add_interview(
    db: Database,
    company: str,
    *,
    when: datetime,
    role: str | None = None,
    interviewers: Sequence[str] = (),
    stage: str | None = None,
    notes: str | None = None,
    expect: datetime | None = None,
) -> Interview:
    """Record an interview and return it; each interviewer becomes (or links to) a contact."""
    company = _required(company, "company")
    names = _unique_names(interviewers)
    stamp = to_iso(current_time())
    with db.transaction() as tdb:
        company = _known_company(tdb, company)
        people = [Interviewer(name, _link_interviewer(db, name, company, when)) for name in names]
        record: dict[str, Any] = {
            "company": company,
            "when": to_iso(when),
            "role": _optional(role),
            "stage": _optional(stage),
            "interviewers": [asdict(p) for p in people],
            "notes": [{"text": _required(notes, "note"), "added": stamp}] if notes and notes.strip() else [],
            "expect": to_iso(expect) if expect else None,
            "thanks_sent": {},
            "followups": [],
            "created": stamp,
            "updated": stamp,
        }
        doc_id = insert(tdb, INTERVIEWS, record)
    return Interview.from_record(doc_id, record)


def edit_interview(
    db: Database,
    interview_id: int,
    *,
    when: datetime | None = None,
    role: str | None = None,
    stage: str | None = None,
    expect: datetime | None = None,
    add_interviewers: Sequence[str] = (),
) -> Interview:
    """Change an interview's details, add interviewers, and return it."""
    with db.transaction() as tdb:
        table = tdb.table(INTERVIEWS)
        doc = _get(table, interview_id, "interview", "scout interview list")
        changes: dict[str, Any] = {"updated": to_iso(current_time())}
        if when is not None:
            changes["when"] = to_iso(when)
        if role is not None:
            changes["role"] = _optional(role)
        if stage is not None:
            changes["stage"] = _optional(stage)
        if expect is not None:
            changes["expect"] = to_iso(expect)
        known = [i["name"] for i in doc.get("interviewers", [])]
        new = [n for n in _unique_names(add_interviewers) if n.casefold() not in {k.casefold() for k in known}]
        if new:
            at = from_iso(changes.get("when", doc["when"]))
            linked = [asdict(Interviewer(n, _link_interviewer(db, n, doc["company"], at))) for n in new]
            changes["interviewers"] = [*doc.get("interviewers", []), *linked]
        table.update(changes, doc_ids=[interview_id])
        return Interview.from_record(interview_id, {**doc, **changes})


def add_interview_note(db: Database, interview_id: int, text: str) -> Interview:
    """Add a point discussed in the interview and return the interview."""
    text = _required(text, "note")
    with db.transaction() as tdb:
        table = tdb.table(INTERVIEWS)
        doc = _get(table, interview_id, "interview", "scout interview list")
        stamp = to_iso(current_time())
        notes = [*doc.get("notes", []), {"text": text, "added": stamp}]
        table.update({"notes": notes, "updated": stamp}, doc_ids=[interview_id])
        return Interview.from_record(interview_id, {**doc, "notes": notes})


def get_interview(db: Database, interview_id: int) -> Interview:
    """Return the interview with this id, or raise NotFound."""
    with db.read() as tdb:
        doc = _get(tdb.table(INTERVIEWS), interview_id, "interview", "scout interview list")
    return Interview.from_record(interview_id, doc)


def list_interviews(db: Database, company: str | None = None) -> list[Interview]:
    """Return the interviews, optionally of one company, earliest first."""
    interviews = _read_records(db).interviews
    if company is not None:
        company = recorded_company((i.company for i in interviews), company)
        interviews = [i for i in interviews if same_company(i.company, company)]
    return sorted(interviews, key=lambda i: (as_utc(i.when), i.id))


def latest_interview(interviews: Iterable[Interview], company: str, now: datetime) -> Interview:
    """Return the company's most recent interview that has taken place, or raise NotFound."""
    interviews = list(interviews)
    company = recorded_company((i.company for i in interviews), company)
    mine = [i for i in interviews if same_company(i.company, company)]
    if not mine:
        raise NotFound(
            f'no interview with {company} is recorded; record it with scout interview add "{company}" --when …'
        )
    held = [i for i in mine if not as_utc(i.when) > as_utc(now)]
    if not held:
        first = min(mine, key=lambda i: as_utc(i.when))
        raise UsageError(
            f"the interview with {first.company} is on {format_time(first.when, now=now)} (interview {first.id}); "
            "come back after it, or correct its time with scout interview edit"
        )
    return max(held, key=lambda i: (as_utc(i.when), i.id))


# -- thank-you notes and follow-ups -------------------------------------------------------------


@dataclass
class ThankYouDraft:
    """One interviewer's draft and the deadline it is due by."""

    interview: Interview
    recipient: str | None
    draft: Draft
    deadline: datetime
    sent: str | None


def thank_you_drafts(
    db: Database, company: str, *, to: str | None = None, fmt: DraftFormat = "text", now: datetime | None = None
) -> list[ThankYouDraft]:
    """Return a thank-you draft per interviewer of the company's latest interview.

    Each interviewer's note names the points of the notes that name them, and a different
    fact of the briefing when it has several, so that two notes never read the same.
    """
    now = now or current_time()
    interview = latest_interview(_read_records(db).interviews, company, now)
    recipients = _pick_recipients(interview, to)
    briefing = _find_briefing(db, interview.company)
    sender = load_sender(db)
    role = interview.role or sender.role  # the role typed at the interview, else the one the user targets
    everyone = interview.recipients()
    drafts = []
    for name in recipients:
        request = ThankYouRequest(
            company=interview.company,
            interviewer=name or None,
            interview_day=interview.when.date(),
            role=role,
            stage=interview.stage,
            notes=interview.notes,
            briefing=briefing,
            sender=sender,
            today=now.date(),
            interview_id=interview.id,
            other_interviewers=[other for other in everyone if other != name],
            variant=everyone.index(name),
        )
        drafts.append(
            ThankYouDraft(
                interview=interview,
                recipient=name or None,
                draft=thank_you_note(request, fmt),
                deadline=interview.thanks_deadline,
                sent=interview.thanks_sent.get(name),
            )
        )
    return drafts


def mark_thanks_sent(db: Database, company: str, *, to: str | None = None, now: datetime | None = None) -> Interview:
    """Record the thank-you notes of the company's latest interview as sent (to one, or to all)."""
    now = now or current_time()
    with db.transaction() as tdb:
        records = _records_from(tdb)
        interview = latest_interview(records.interviews, company, now)
        sent = dict(interview.thanks_sent)
        for name in _pick_recipients(interview, to):
            sent.setdefault(name, to_iso(now))
        tdb.table(INTERVIEWS).update({"thanks_sent": sent, "updated": to_iso(now)}, doc_ids=[interview.id])
    interview.thanks_sent = sent
    return interview


def follow_up_draft(
    db: Database, company: str, *, to: str | None = None, fmt: DraftFormat = "text", now: datetime | None = None
) -> tuple[Interview, Draft]:
    """Return the company's latest interview and a polite check-in to its hiring contact."""
    now = now or current_time()
    interview = latest_interview(_read_records(db).interviews, company, now)
    recipient = to.strip() if to and to.strip() else _hiring_contact(db, interview)
    sender = load_sender(db)
    request = FollowUpRequest(
        company=interview.company,
        recipient=recipient,
        interview_day=interview.when.date(),
        expected_day=interview.reply_expected.date(),
        role=interview.role or sender.role,
        stage=interview.stage,
        briefing=_find_briefing(db, interview.company),
        sender=sender,
        today=now.date(),
    )
    return interview, follow_up_note(request, fmt)


def mark_follow_up_sent(db: Database, company: str, *, now: datetime | None = None) -> Interview:
    """Record that a check-in was sent about the company's latest interview."""
    now = now or current_time()
    with db.transaction() as tdb:
        interview = latest_interview(_records_from(tdb).interviews, company, now)
        interview.followups.append(now)
        tdb.table(INTERVIEWS).update(
            {"followups": [to_iso(t) for t in interview.followups], "updated": to_iso(now)}, doc_ids=[interview.id]
        )
    return interview


def _pick_recipients(interview: Interview, to: str | None) -> list[str]:
    """Return the recipients named by ``to`` (a name or first name), or all of them."""
    recipients = interview.recipients()
    if to is None:
        return recipients
    wanted = " ".join(to.split()).casefold()
    exact = [n for n in recipients if n.casefold() == wanted]
    partial = [n for n in recipients if n and n.casefold().split()[0] == wanted]
    found = exact or partial
    if len(found) != 1:
        known = ", ".join(n for n in recipients if n) or "nobody"
        raise UsageError(
            f"{to!r} is not one interviewer of interview {interview.id} (interviewers: {known}); "
            f"add them with scout interview edit {interview.id} --with NAME"
        )
    return found


# -- promises -----------------------------------------------------------------------------------


def add_promise(db: Database, company: str, text: str, *, due: datetime | None = None) -> Promise:
    """Record something promised to the company and return it."""
    company, text = _required(company, "company"), _required(text, "promise")
    stamp = to_iso(current_time())
    with db.transaction() as tdb:
        record = {"company": _known_company(tdb, company), "text": text, "due": to_iso(due) if due else None,
                  "done": None, "created": stamp, "updated": stamp}  # fmt: skip
        doc_id = insert(tdb, PROMISES, record)
    return Promise.from_record(doc_id, record)


def complete_promise(db: Database, promise_id: int) -> Promise:
    """Mark a promise as kept and return it."""
    stamp = to_iso(current_time())
    with db.transaction() as tdb:
        table = tdb.table(PROMISES)
        doc = _get(table, promise_id, "promise", "scout promise list")
        if not doc.get("done"):
            table.update({"done": stamp, "updated": stamp}, doc_ids=[promise_id])
            doc = {**doc, "done": stamp}
    return Promise.from_record(promise_id, doc)


def list_promises(db: Database, *, include_done: bool = False) -> list[Promise]:
    """Return the promises, open ones by due date (undated last)."""
    promises = [p for p in _read_records(db).promises if include_done or p.done is None]
    return sorted(promises, key=lambda p: (p.done is not None, p.due is None, as_utc(p.due) if p.due else 0, p.id))


# -- reflections --------------------------------------------------------------------------------


def add_reflection(db: Database, company: str, answers: dict[str, str]) -> Reflection:
    """Save a debrief of the company's latest interview (if any is recorded) and return it."""
    company = _required(company, "company")
    now = current_time()
    kept = {
        key: replace_undecodable(answers[key]).strip()
        for key, _ in REFLECTION_QUESTIONS
        if answers.get(key, "").strip()
    }
    if not kept:
        raise UsageError("the debrief has no answers; answer at least one question")
    with db.transaction() as tdb:
        company = _known_company(tdb, company)
        interviews = [i for i in _records_from(tdb).interviews if same_company(i.company, company)]
        held = [i for i in interviews if not as_utc(i.when) > as_utc(now)]
        interview = max(held, key=lambda i: as_utc(i.when)) if held else None
        record = {
            "company": interview.company if interview else company,
            "interview_id": interview.id if interview else None,
            "answers": kept,
            "created": to_iso(now),
        }
        doc_id = insert(tdb, REFLECTIONS, record)
    return Reflection.from_record(doc_id, record)


def improve_points(reflections: Iterable[Reflection]) -> list[Reflection]:
    """Return the reflections that name something to improve, oldest first."""
    return sorted((r for r in reflections if r.answers.get("improve")), key=lambda r: as_utc(r.created))


# -- next steps ---------------------------------------------------------------------------------


def set_next_step(db: Database, company: str, step: str, *, when: datetime | None = None) -> NextStep:
    """Record the next step in the company's process and return it."""
    company, step = _required(company, "company"), _required(step, "step")
    stamp = to_iso(current_time())
    with db.transaction() as tdb:
        record = {"company": _known_company(tdb, company), "step": step, "when": to_iso(when) if when else None,
                  "created": stamp}  # fmt: skip
        doc_id = insert(tdb, NEXT_STEPS, record)
    return NextStep.from_record(doc_id, record)


def latest_next_step(steps: Iterable[NextStep], company: str) -> NextStep | None:
    """Return the company's most recently recorded next step, or None."""
    mine = [s for s in steps if same_company(s.company, company)]
    return max(mine, key=lambda s: (as_utc(s.created), s.id)) if mine else None


@dataclass
class StepPlan:
    """A next step, when it is, and how to prepare for it."""

    company: str
    step: str
    when: datetime | None
    checklist: list[str]
    saved: NextStep | None = None  # set when the step was just recorded


def plan_next_step(
    db: Database, company: str, step: str | None = None, *, when: datetime | None = None, now: datetime | None = None
) -> StepPlan:
    """Record ``step`` (when given) and return it with its checklist.

    Without ``step``, return the company's latest recorded step, else its next interview.
    """
    now = now or current_time()
    saved = set_next_step(db, company, step, when=when) if step is not None else None
    records = _read_records(db)
    if saved is not None:
        name, at, company = saved.step, saved.when, saved.company
    else:
        company = recorded_company(
            [i.company for i in records.interviews] + [s.company for s in records.next_steps], company
        )
        recorded = latest_next_step(records.next_steps, company)
        upcoming = sorted(
            (i for i in records.interviews if same_company(i.company, company) and as_utc(i.when) > as_utc(now)),
            key=lambda i: as_utc(i.when),
        )
        if recorded is not None:
            name, at, company = recorded.step, recorded.when, recorded.company
        elif upcoming:
            name, at, company = upcoming[0].stage or "interview", upcoming[0].when, upcoming[0].company
        else:
            raise NotFound(f'no next step with {company} is recorded; add one: scout next "{company}" STEP --when WHEN')
    checklist = preparation_checklist(
        name,
        briefing=_find_briefing(db, company),
        reflections=[r for r in records.reflections if same_company(r.company, company)],
        open_promises=[p for p in records.promises if p.done is None and same_company(p.company, company)],
    )
    return StepPlan(company=company, step=name, when=at, checklist=checklist, saved=saved)


# Preparation that every step of a kind asks for: (words in the step's name, checklist items).
_STEP_PREPARATION: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("assessment", "test", "take-home", "take home", "exercise", "case", "technical", "coding"),
        (
            "Ask what format, tools and time limit to expect.",
            "Practise one similar exercise under the same time limit.",
        ),
    ),
    (
        ("background", "reference"),
        ("Tell your references to expect a call, and send them the role's description.",
         "Have dates of past jobs and studies ready, matching your CV."),
    ),
    (
        ("offer", "negotiat"),
        ("Know your salary range and what matters beyond pay.", "Ask for the offer in writing before deciding."),
    ),
)  # fmt: skip
_INTERVIEW_PREPARATION = (
    "Prepare two or three questions for each interviewer.",
    "Prepare a short story for each of your strongest examples (situation, action, result).",
)


def preparation_checklist(
    step: str,
    *,
    briefing: Briefing | None,
    reflections: Sequence[Reflection],
    open_promises: Sequence[Promise],
) -> list[str]:
    """Return a preparation checklist for a step, from the briefing, debriefs and promises."""
    lowered = step.casefold()
    items: list[str] = []
    for words, advice in _STEP_PREPARATION:
        if any(w in lowered for w in words):
            items.extend(advice)
            break
    else:
        items.extend(_INTERVIEW_PREPARATION)
    for promise in open_promises:
        items.append(f"Send what you promised first: {promise.text}")
    for reflection in reflections:
        if reflection.answers.get("improve"):
            items.append(f"Work on what you wanted to improve: {reflection.answers['improve']}")
        if reflection.answers.get("prepare"):
            items.append(f"Prepare what you noted: {reflection.answers['prepare']}")
        if reflection.answers.get("questions"):
            items.append(f"Expect follow-ups on questions asked before: {reflection.answers['questions']}")
    if briefing is None:
        items.append("Run scout brief on the company for its mission, values and recent news.")
        return items
    if briefing.mission is not None:
        items.append(f"Know the mission and how your work serves it: “{briefing.mission.text}”")
    if briefing.values:
        names = ", ".join(v.name for v in briefing.values[:5])
        items.append(f"Have an example ready for each value: {names}")
    if briefing.achievements:
        newest = briefing.achievements[0]
        month = month_year(newest.date)
        dated = f" ({month})" if month else ""
        items.append(f"Be ready to talk about their latest news: {newest.title}{dated}")
    for person in briefing.people[:3]:
        titled = f", {person.title}" if person.title else ""
        items.append(f"Read up on {person.name}{titled}")
    return items


# -- status and agenda --------------------------------------------------------------------------


@dataclass
class StatusItem:
    """One thing to do, when it is due, and the command that acts on it."""

    kind: StatusKind
    company: str
    what: str
    due: datetime | None
    command: str
    ref: str  # what the item is about, stable while it changes: "interview-3", "promise-5"
    title: str = ""  # a short name for a calendar: "First round interview at Acme Robotics"

    @property
    def summary(self) -> str:
        """Return the short name of the item, first letter capitalised, for calendars."""
        text = self.title or f"{self.company}: {self.what}"
        return text[:1].upper() + text[1:]

    def overdue(self, now: datetime) -> bool:
        return self.due is not None and is_overdue(self.due, now)

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "company": self.company,
            "what": self.what,
            "due": to_iso(self.due) if self.due else None,
            "overdue": self.overdue(now),
            "command": self.command,
            "ref": self.ref,
        }


def collect_status(records: Records, now: datetime) -> list[StatusItem]:
    """Return everything due or coming across companies, most urgent (earliest due) first.

    Thank-you notes not sent, open promises, interviews and next steps to come (or just past,
    to be recorded), contacts whose follow-up has come, and companies quiet past the date a
    reply was expected.
    """
    items: list[StatusItem] = []
    for interview in records.interviews:
        if as_utc(interview.when) > as_utc(now):
            items.append(_interview_item(interview, f"scout next {quote_arg(interview.company)}"))
    for interview in _latest_per_company(records.interviews, now):
        # Only the latest interview's notes count: thanks for a first round is moot after the second.
        if interview.thanks_pending():
            items.append(_thanks_item(interview))
        check_in = _check_in_due(interview, records)
        if check_in is not None and not as_utc(check_in) > as_utc(now):
            items.append(_check_in_item(interview, check_in))
    items += [_promise_item(p) for p in records.promises if p.done is None]
    items += [_next_step_item(step, now) for step in _current_next_steps(records, now)]
    items += [_contact_item(c) for c in records.contacts if c.due]
    return sorted(items, key=_urgency)


def agenda_items(records: Records, now: datetime) -> list[StatusItem]:
    """Return every dated item for a calendar, past and future: interviews, thank-you deadlines,
    promises, next steps, expected replies and contact follow-ups."""
    items: list[StatusItem] = []
    for interview in records.interviews:
        items.append(_interview_item(interview, f"scout interview show {interview.id}"))
    for interview in _latest_per_company(records.interviews, now):
        if interview.thanks_pending():
            items.append(_thanks_item(interview))
        check_in = _check_in_due(interview, records)
        if check_in is not None:
            items.append(_check_in_item(interview, check_in))
    items += [_promise_item(p) for p in records.promises if p.done is None and p.due is not None]
    items += [_next_step_item(s, now) for s in _current_next_steps(records, now) if s.when is not None]
    items += [_contact_item(c) for c in records.contacts]
    return sorted(items, key=_urgency)


def _interview_item(interview: Interview, command: str) -> StatusItem:
    label = f"{interview.stage} interview" if interview.stage else "interview"
    title = f"{label} at {interview.company}"
    label = f"{label} for {interview.role}" if interview.role else label
    return StatusItem("interview", interview.company, label, interview.when, command, f"interview-{interview.id}",
                      title)  # fmt: skip


def _thanks_item(interview: Interview) -> StatusItem:
    pending = [n for n in interview.thanks_pending() if n]
    names = ", ".join(pending) or "your interviewer"
    thanked = pending[0] if len(pending) == 1 else _and_list([greeting_name(n) for n in pending])
    title = f"Thank {thanked} ({interview.company})" if pending else f"Thank your interviewer at {interview.company}"
    return StatusItem("thanks", interview.company, f"send thank-you note to {names}", interview.thanks_deadline,
                      f"scout thanks {quote_arg(interview.company)}", f"thanks-{interview.id}", title)  # fmt: skip


def _check_in_item(interview: Interview, due: datetime) -> StatusItem:
    return StatusItem("quiet", interview.company, "no word yet: send a polite check-in", due,
                      f"scout followup {quote_arg(interview.company)}", f"check-in-{interview.id}",
                      f"Check in with {interview.company}")  # fmt: skip


def _promise_item(promise: Promise) -> StatusItem:
    return StatusItem("promise", promise.company, f"send what you promised: {promise.text}", promise.due,
                      f"scout promise done {promise.id}", f"promise-{promise.id}",
                      f"Promised to {promise.company}: {promise.text}")  # fmt: skip


def _next_step_item(step: NextStep, now: datetime) -> StatusItem:
    title = f"{step.step} with {step.company}"
    if step.when is not None and as_utc(step.when) < as_utc(now):
        args = (step.company, "--when", to_iso(step.when), "--stage", step.step)
        command = "scout interview add " + " ".join(quote_arg(a) for a in args)
        return StatusItem("next-step", step.company, f"{step.step}: took place? record it", step.when, command,
                          f"next-step-{step.id}", title)  # fmt: skip
    return StatusItem("next-step", step.company, f"prepare for {step.step}", step.when,
                      f"scout next {quote_arg(step.company)}", f"next-step-{step.id}", title)  # fmt: skip


def _contact_item(contact: ContactFollowUp) -> StatusItem:
    return StatusItem("contact", contact.company, f"follow up with {contact.name}", contact.when,
                      f"scout contacts message {contact.id} --kind follow-up", f"contact-{contact.id}",
                      f"Follow up with {contact.name} ({contact.company})")  # fmt: skip


def _and_list(words: Sequence[str]) -> str:
    """Return "A", "A and B" or "A, B and C"."""
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else "".join(words)


def _urgency(item: StatusItem) -> tuple[int, float, str, str]:
    """Sort key: dated items by due time (the overdue ones first), then undated ones."""
    if item.due is None:
        return (1, 0.0, item.company.casefold(), item.what)
    return (0, as_utc(item.due).timestamp(), item.company.casefold(), item.what)


def _latest_per_company(interviews: Iterable[Interview], now: datetime) -> list[Interview]:
    latest: dict[str, Interview] = {}
    for interview in interviews:
        if as_utc(interview.when) > as_utc(now):
            continue
        key = next((k for k in latest if same_company(k, interview.company)), interview.company)
        current = latest.get(key)
        if current is None or as_utc(interview.when) > as_utc(current.when):
            latest[key] = interview
    return list(latest.values())


def _has_step_after(interview: Interview, records: Records) -> bool:
    """Return True when a later interview or next step shows the process moved on."""
    later_interview = any(
        same_company(i.company, interview.company) and as_utc(i.when) > as_utc(interview.when)
        for i in records.interviews
    )
    later_step = any(
        same_company(s.company, interview.company) and as_utc(s.created) > as_utc(interview.when)
        for s in records.next_steps
    )
    return later_interview or later_step


def _check_in_due(interview: Interview, records: Records) -> datetime | None:
    """Return when a check-in about ``interview`` is due, or None once the process moved on."""
    if _has_step_after(interview, records):
        return None
    if interview.followups:
        return max(interview.followups, key=as_utc) + FOLLOW_UP_INTERVAL
    return interview.reply_expected


def _current_next_steps(records: Records, now: datetime) -> list[NextStep]:
    """Return each company's latest next step unless it is recorded as held or long past."""
    result = []
    companies: list[str] = []
    for recorded in records.next_steps:
        if not any(same_company(c, recorded.company) for c in companies):
            companies.append(recorded.company)
    for company in companies:
        step = latest_next_step(records.next_steps, company)
        if step is None:
            continue
        if step.when is not None:
            if as_utc(step.when) + NEXT_STEP_GRACE < as_utc(now):
                continue
            held = any(
                same_company(i.company, company) and abs(as_utc(i.when) - as_utc(step.when)) < timedelta(days=1)
                for i in records.interviews
            )
            if held:
                continue
        result.append(step)
    return result


def quote_arg(text: str) -> str:
    """Return ``text`` quoted for a shell command line, so suggested commands run as shown."""
    return shlex.quote(text)


# -- loading ------------------------------------------------------------------------------------


def load_records(db: Database, now: datetime | None = None) -> Records:
    """Return all follow-up records, and the contacts with a follow-up date as of ``now``."""
    with db.read() as tdb:
        records = _records_from(tdb)
    records.contacts = _dated_contacts(db, now or current_time())
    return records


def _read_records(db: Database) -> Records:
    with db.read() as tdb:
        return _records_from(tdb)


def _records_from(tdb: Any) -> Records:
    """Return the follow-up records of one snapshot (without contacts)."""
    return Records(
        interviews=sorted(
            (Interview.from_record(d.doc_id, d) for d in tdb.table(INTERVIEWS).all()), key=lambda i: i.id
        ),
        promises=[Promise.from_record(d.doc_id, d) for d in tdb.table(PROMISES).all()],
        reflections=[Reflection.from_record(d.doc_id, d) for d in tdb.table(REFLECTIONS).all()],
        next_steps=[NextStep.from_record(d.doc_id, d) for d in tdb.table(NEXT_STEPS).all()],
    )


def _dated_contacts(db: Database, now: datetime) -> list[ContactFollowUp]:
    """Return the contacts with a next follow-up date, each marked whether it is due by ``now``."""
    from companyscout.contacts import due_contacts, list_contacts

    due_ids = {c.id for c in due_contacts(db, now=now)}
    dated = []
    for contact in list_contacts(db):
        if not contact.next_follow_up:
            continue
        try:
            when = from_iso(contact.next_follow_up)
        except ValueError:
            continue  # shown as typed by `scout contacts show`
        dated.append(ContactFollowUp(contact.id, contact.name, contact.company, when, due=contact.id in due_ids))
    return dated


def _find_briefing(db: Database, company: str) -> Briefing | None:
    """Return the newest briefing of a recorded company, or None (also when the name could be two)."""
    from companyscout.contacts import latest_briefing

    briefing: Briefing | None = latest_briefing(db, company)
    return briefing


def load_sender(db: Database) -> Sender:
    """Return the user's name, target role and signature from the settings."""
    from companyscout.config import get_settings

    settings = get_settings(db)
    return Sender(name=settings.get("name"), role=settings.get("role"), signature=settings.get("signature"))


def _hiring_contact(db: Database, interview: Interview) -> str | None:
    """Return the person to check in with: a recruiter among the contacts, else the first interviewer."""
    with db.read() as tdb:
        contacts = tdb.table(CONTACTS).all()
    for doc in contacts:
        title = f"{doc.get('title') or ''} ".casefold()
        if same_company(str(doc.get("company") or ""), interview.company) and any(
            w in title for w in _HIRING_TITLE_WORDS
        ):
            return str(doc.get("name"))
    return interview.interviewers[0].name if interview.interviewers else None


def _link_interviewer(db: Database, name: str, company: str, when: datetime) -> int:
    """Return the id of the contact for this interviewer: the person already known, else a new one."""
    from companyscout.contacts import link_interviewer

    return link_interviewer(db, name, company, note=f"interviewed you on {format_time(when)}").id


# -- small helpers ------------------------------------------------------------------------------


def _known_company(tdb: Any, company: str) -> str:
    """Return the name scout knows the typed company by, else the name as typed.

    Names already used for interviews, steps and promises come first, then the company's
    name on its briefing (``names.resolve_company``; a name that could be two of them is
    refused). Then the companies of contacts complete a shortened name when only one fits;
    their spelling ("ACME Robotics Inc.") never replaces a name typed in full.
    """
    from companyscout.briefs import TABLE as BRIEFS_TABLE

    def recorded(table: str) -> list[str]:
        return [str(d.get("company") or "") for d in sorted(tdb.table(table).all(), key=lambda d: d.doc_id)]

    briefings = sorted(tdb.table(BRIEFS_TABLE).all(), key=lambda d: str(d.get("generated_at", "")), reverse=True)
    own = [*recorded(INTERVIEWS), *recorded(NEXT_STEPS), *recorded(PROMISES)]
    own += [str(d.get("company") or "") for d in briefings]
    name = resolve_company(company, own)
    if name is not None:
        return name
    try:
        employer = resolve_company(company, recorded(CONTACTS))
    except UsageError:
        # "Google" while contacts work at "Google Cloud" and "Google DeepMind": a new company.
        return company
    return employer if employer is not None and not same_company(employer, company) else company


def recorded_company(names: Iterable[str], typed: str) -> str:
    """Return the recorded company name that ``typed`` means (``names.resolve_company``), else ``typed``."""
    return resolve_company(typed, names) or typed


def _get(table: Any, doc_id: int, noun: str, list_command: str) -> dict[str, Any]:
    doc = table.get(doc_id=doc_id)
    if doc is None:
        raise NotFound(f"no {noun} has id {doc_id}; see {list_command}")
    return dict(doc)


def _required(text: str, what: str) -> str:
    text = replace_undecodable(text)
    cleaned = " ".join(text.split()) if what in ("company", "step") else text.strip()
    if not cleaned:
        raise UsageError(f"the {what} is empty; give one")
    return cleaned


def _optional(text: str | None) -> str | None:
    return " ".join(replace_undecodable(text).split()) or None if text else None


def _unique_names(names: Sequence[str]) -> list[str]:
    result: list[str] = []
    for raw in names:
        name = " ".join(replace_undecodable(raw).split())
        if name and name.casefold() not in {n.casefold() for n in result}:
            result.append(name)
    return result
