"""Thank-you and follow-up emails, drafted from the interview, the briefing and the user's details.

Pure functions: typed inputs in, a ``Draft`` out; nothing here reads the disk or the clock.
A draft names real points: the interviewer, the role, what was discussed, and one fact about
the company quoted exactly as its website states it, with the source shown next to the draft
so the user can check it before sending. What is missing is said, never invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from companyscout.model import Briefing
from companyscout.safe import markdown_link, markdown_text, one_line
from companyscout.talking import month_year

DraftFormat = Literal["text", "markdown"]
DRAFT_FORMATS: tuple[str, ...] = ("text", "markdown")

#: Points from the interview notes named in a thank-you note; more reads like a transcript.
MAX_NOTE_POINTS = 2
#: A quoted mission is cut (at a word, with "…") beyond this many characters.
MAX_QUOTE_CHARS = 180
#: Achievements older than this many days are not "recent" enough to open with.
RECENT_ACHIEVEMENT_DAYS = 365

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_HONORIFICS = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame"})
# Notes are split into points at line breaks, semicolons and bullets.
_POINT_SPLIT = re.compile(r"\s*(?:[\n;]|^\s*[-*•]\s+|\s[-*•]\s)\s*")


# The line of renewed interest near the end of a thank-you note, in a few wordings.
_RENEWED_INTEREST: tuple[str, ...] = (
    "Our conversation made me even more interested in joining {company}, and I would welcome the chance "
    "to contribute as part of the team. If there is anything else I can send to help your decision, "
    "I would be glad to.",
    "I came away even more excited about the role and about joining {company}. Please let me know if "
    "I can send anything else that would help.",
    "Speaking with you confirmed how much I would like to join {company}. If any further information "
    "would be useful, I am happy to provide it.",
)


@dataclass(frozen=True)
class Sender:
    """The user's own details for drafts (all optional): who signs, and the role they seek."""

    name: str | None = None
    role: str | None = None
    signature: str | None = None


@dataclass(frozen=True)
class CompanyFact:
    """One fact about the company for a draft: how to say it, what it quotes, where it is from."""

    sentence: str
    quoted: str
    kind: Literal["talking point", "achievement", "mission", "value"]
    source: str


@dataclass
class Draft:
    """An email ready to edit and send: recipient, subject, body, and how to make it better."""

    to: str | None
    subject: str
    body: str
    fact: CompanyFact | None = None
    improvements: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ThankYouRequest:
    """What a thank-you note is drafted from."""

    company: str
    interviewer: str | None
    interview_day: date
    role: str | None = None
    stage: str | None = None
    notes: Sequence[str] = ()
    briefing: Briefing | None = None
    sender: Sender = Sender()
    today: date | None = None  # for choosing a recent achievement
    interview_id: int | None = None  # named in the advice on what would improve the draft
    # The other interviewers: notes that name only them are left out of this note.
    other_interviewers: Sequence[str] = ()
    # Which wording and which of the briefing's facts to use (counting from the best, wrapping
    # round): the interviewer's place in the list, so that interviewers who compare notes do
    # not find the same letter twice.
    variant: int = 0


@dataclass(frozen=True)
class FollowUpRequest:
    """What a polite check-in after the expected reply date is drafted from."""

    company: str
    recipient: str | None
    interview_day: date
    expected_day: date
    role: str | None = None
    stage: str | None = None
    briefing: Briefing | None = None
    sender: Sender = Sender()
    today: date | None = None


def thank_you_note(request: ThankYouRequest, fmt: DraftFormat = "text") -> Draft:
    """Return a thank-you email to one interviewer, in plain text or Markdown.

    It thanks them for their time on the day, names the role, one or two points from the
    notes, one fact from the briefing, renews the user's interest and signs off.
    """
    esc = _escaper(fmt)
    r = request
    role_phrase, stage_phrase = _role_phrase(r.role, esc), _stage_phrase(r.stage, esc)
    subject = f"Thank you: {r.role} interview" if r.role else f"Thank you for the interview at {r.company}"
    paragraphs = [
        f"Thank you for taking the time to speak with me on {long_date(r.interview_day)} about "
        f"{role_phrase} at {esc(r.company)}. I enjoyed our {stage_phrase}conversation"
        + _points_clause(note_points(r.notes, interviewer=r.interviewer, others=r.other_interviewers), esc)
        + "."
    ]
    facts = company_facts(r.briefing, today=r.today)
    fact = facts[r.variant % len(facts)] if facts else None
    if fact is not None:
        paragraphs.append(esc(fact.sentence))
    paragraphs.append(_RENEWED_INTEREST[r.variant % len(_RENEWED_INTEREST)].format(company=esc(r.company)))
    improvements = _missing_for_thanks(r)
    body = _letter(r.interviewer, paragraphs, r.sender, esc)
    return Draft(to=r.interviewer, subject=esc(subject), body=body, fact=fact, improvements=improvements)


def follow_up_note(request: FollowUpRequest, fmt: DraftFormat = "text") -> Draft:
    """Return a polite check-in email for when no word has come by the expected date."""
    esc = _escaper(fmt)
    r = request
    role_phrase, stage_phrase = _role_phrase(r.role, esc), _stage_phrase(r.stage, esc)
    subject = f"Following up: {r.role} interview" if r.role else f"Following up on my interview at {r.company}"
    paragraphs = [
        f"I hope you are well. I am writing to follow up on my {stage_phrase}interview for {role_phrase} "
        f"at {esc(r.company)} on {long_date(r.interview_day)}. I understood I might hear back around "
        f"{long_date(r.expected_day)}, and I wanted to check whether there is any news on the next steps."
    ]
    fact = choose_fact(r.briefing, today=r.today)
    interest = f"I remain very interested in joining {esc(r.company)}."
    if fact is not None:
        interest += " " + esc(fact.sentence)
    paragraphs.append(interest)
    paragraphs.append(
        "If it helps, I am happy to share references, work samples or anything else. "
        "Thank you again for your time, and I look forward to hearing from you."
    )
    improvements: list[str] = []
    if r.recipient is None:
        improvements.append("no hiring contact known: name one with --to NAME")
    if r.briefing is None:
        improvements.append(f'no briefing of {r.company}: run `scout brief "{r.company}"` to add a fact')
    improvements.extend(_missing_sender(r.sender))
    body = _letter(r.recipient, paragraphs, r.sender, esc)
    return Draft(to=r.recipient, subject=esc(subject), body=body, fact=fact, improvements=improvements)


def choose_fact(briefing: Briefing | None, *, today: date | None = None) -> CompanyFact | None:
    """Return the briefing fact a note should mention (the best of ``company_facts``), or None."""
    facts = company_facts(briefing, today=today)
    return facts[0] if facts else None


def company_facts(briefing: Briefing | None, *, today: date | None = None) -> list[CompanyFact]:
    """Return the briefing's facts a note can mention, best first.

    Talking points (written for exactly this) come first; then recent dated achievements,
    the mission, and named values. Facts are quoted as the website wrote them.
    """
    if briefing is None:
        return []
    facts: list[CompanyFact] = []
    for point in briefing.talking_points:
        text = one_line(point.text)
        if text:
            facts.append(CompanyFact(sentence=_sentence(text), quoted=text, kind="talking point", source=point.source))
    if facts:
        return facts
    for achievement in briefing.achievements:
        title = one_line(achievement.title).rstrip(".")
        if title and _is_recent(achievement.date, today):
            month = month_year(achievement.date)
            when = f" ({month})" if month else ""
            facts.append(
                CompanyFact(
                    sentence=f"I was glad to read about “{title}”{when}; it made the role all the more appealing.",
                    quoted=title,
                    kind="achievement",
                    source=achievement.source,
                )
            )
    if briefing.mission is not None and one_line(briefing.mission.text):
        mission = _shorten(one_line(briefing.mission.text).rstrip("."))
        facts.append(
            CompanyFact(
                sentence=f"Your mission, “{mission}”, is a large part of why this role appeals to me.",
                quoted=mission,
                kind="mission",
                source=briefing.mission.source,
            )
        )
    for value in briefing.values:
        name = one_line(value.name).rstrip(".")
        if name:
            facts.append(
                CompanyFact(
                    sentence=f"The value you call “{name}” matches how I like to work.",
                    quoted=name,
                    kind="value",
                    source=value.source,
                )
            )
    return facts


def note_points(
    notes: Sequence[str],
    limit: int = MAX_NOTE_POINTS,
    *,
    interviewer: str | None = None,
    others: Sequence[str] = (),
) -> list[str]:
    """Return up to ``limit`` points of the interview notes for a note to ``interviewer``.

    Notes are split at lines, ';' and bullets. Points that name the interviewer ("Jonas:
    asked about the ROS 2 migration") come first, without the name and the verb ("the ROS 2
    migration"); points that name only another interviewer are theirs and left out.
    """
    mine: list[str] = []
    shared: list[str] = []
    people = [p for p in (interviewer, *others) if p]
    for note in notes:
        tag = ""
        for piece in _POINT_SPLIT.split(note):
            point = one_line(piece).strip(" .-*•:")
            if not point:
                continue
            if any(_is_name_of(point, person) for person in people):
                tag = point  # "Priya - safety reviews" was split at the dash: the name tags what follows
                continue
            point, tag = (f"{tag}: {point}" if tag else point), ""
            if interviewer and _names(point, interviewer):
                target = mine
            elif any(_names(point, other) for other in others if other):
                continue
            else:
                target = shared
            point = _point_subject(point, interviewer)
            if point and point not in mine and point not in shared:
                target.append(point)
    return [*mine, *shared][:limit]


def _is_name_of(text: str, person: str) -> bool:
    """Return True when ``text`` is just ``person``'s full or first name."""
    return text.casefold() in {person.strip().casefold(), greeting_name(person).casefold()}


def _names(text: str, person: str) -> bool:
    """Return True when ``text`` names ``person`` by full name or first name, as whole words."""
    pattern = "|".join(re.escape(n) for n in {person.strip(), greeting_name(person).split()[-1]} if n)
    return bool(pattern) and re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.IGNORECASE) is not None


# What people write before the subject of a point: "Jonas:", "she asked about", "discussed".
_POINT_LEAD = (
    r"^(?:(?:{who})\s*[:–—-]\s*)?"
    r"(?:(?:{who}|he|she|they|we|i)\s+)?"
    r"(?:(?:asked|told)(?:\s+me)?|talked|spoke|chatted|explained|mentioned|described|discussed|shared|covered)"
    r"(?:\s+(?:about|over|through|on))?\s+"
)


def _point_subject(point: str, interviewer: str | None) -> str:
    """Return a point as the thing discussed: "Jonas: asked about X" → "X", "Priya: X" → "X"."""
    who = "|".join(re.escape(n) for n in {interviewer.strip(), greeting_name(interviewer)} if n) if interviewer else ""
    who = who or r"(?!)"
    subject = re.sub(_POINT_LEAD.format(who=who), "", point, count=1, flags=re.IGNORECASE)
    if subject == point and interviewer:
        subject = re.sub(rf"^(?:{who})\s*[:–—-]\s*", "", point, count=1, flags=re.IGNORECASE)
    return subject.strip(" .")


def greeting_name(name: str) -> str:
    """Return how a letter addresses ``name``: the first name, or title and surname ("Dr. Okafor")."""
    words = name.split()
    if not words:
        return name
    if words[0].rstrip(".").lower() in _HONORIFICS and len(words) > 1:
        return f"{words[0]} {words[-1]}"
    return words[0]


def long_date(day: date) -> str:
    """Return a date as people write it in a letter: "Wednesday 25 November"."""
    return f"{_WEEKDAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"


def render_draft(draft: Draft, fmt: DraftFormat = "text", *, heading: str | None = None) -> str:
    """Return the draft for display: subject, body, the fact's source and what would improve it."""
    lines: list[str] = []
    if fmt == "markdown":
        if heading:
            lines += [f"## {markdown_text(heading)}", ""]
        lines += [f"**Subject:** {draft.subject}", "", draft.body, ""]
        if draft.fact is not None:
            # A talking point is already a whole sentence of the body: link its source only.
            label = "source" if draft.fact.kind == "talking point" else draft.fact.quoted
            lines.append(f"*Fact used ({draft.fact.kind}):* {markdown_link(label, draft.fact.source)}")
        for item in draft.improvements:
            lines.append(f"- To improve: {markdown_text(item)}")
    else:
        if heading:
            lines += [one_line(heading), "-" * min(len(one_line(heading)), 72)]
        lines += [f"Subject: {draft.subject}", "", draft.body, ""]
        if draft.fact is not None:
            quoted, source = one_line(draft.fact.quoted), one_line(draft.fact.source)
            if draft.fact.kind == "talking point":
                lines.append(f"Fact used (talking point): check it at {source}")
            else:
                lines.append(f"Fact used ({draft.fact.kind}): “{quoted}”, check it at {source}")
        for item in draft.improvements:
            lines.append(f"To improve: {one_line(item)}")
    return "\n".join(lines).rstrip() + "\n"


def _escaper(fmt: DraftFormat) -> Callable[[str], str]:
    """Return how interpolated text is made safe: one terminal-safe line, or escaped Markdown."""
    return markdown_text if fmt == "markdown" else one_line


def _role_phrase(role: str | None, esc: Callable[[str], str]) -> str:
    """Return "the Backend Engineer role", or "the role" when none is known."""
    return f"the {esc(role)} role" if role else "the role"


def _stage_phrase(stage: str | None, esc: Callable[[str], str]) -> str:
    """Return "first round " to put before "interview" or "conversation" (empty when unknown)."""
    return f"{esc(stage)} " if stage else ""


def _points_clause(points: list[str], esc: Callable[[str], str]) -> str:
    if not points:
        return ""
    if len(points) == 1:
        return f", especially discussing {esc(points[0])}"
    return f", especially discussing {esc(points[0])} and {esc(points[1])}"


def _letter(recipient: str | None, paragraphs: list[str], sender: Sender, esc: Callable[[str], str]) -> str:
    greeting = f"Dear {esc(greeting_name(recipient))}," if recipient else "Hello,"
    closing = ["Best regards,"]
    if sender.signature:
        closing += [esc(line) for line in sender.signature.splitlines() if line.strip()]
    elif sender.name:
        closing.append(esc(sender.name))
    else:
        closing.append("[your name]")
    return "\n\n".join([greeting, *paragraphs, "\n".join(closing)])


def _missing_for_thanks(r: ThankYouRequest) -> list[str]:
    missing: list[str] = []
    ref = str(r.interview_id) if r.interview_id is not None else "ID"
    if r.interviewer is None:
        missing.append(f"no interviewer recorded: add one with `scout interview edit {ref} --with NAME`")
    if not r.notes:
        missing.append(f"no notes from the interview: add points with `scout interview note {ref} TEXT` to name them")
    if r.role is None:
        missing.append(f"no role recorded: set it with `scout interview edit {ref} --role ROLE`")
    if r.briefing is None:
        missing.append(f'no briefing of {r.company}: run `scout brief "{r.company}"` to mention a fact')
    elif choose_fact(r.briefing, today=r.today) is None:
        missing.append("the briefing states no mission, value or recent news to mention")
    missing.extend(_missing_sender(r.sender))
    return missing


def _missing_sender(sender: Sender) -> list[str]:
    if sender.signature or sender.name:
        return []
    return ["no signature: set one with `scout config set signature TEXT` (or `scout config set name NAME`)"]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _shorten(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """Return ``text`` cut at a word boundary with "…" when longer than ``limit``."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _is_recent(day: str | None, today: date | None) -> bool:
    """Return True for an achievement dated within the last year (undated ones are not recent)."""
    if not day or today is None:
        return bool(day)
    try:
        parts = [int(p) for p in day.split("-")]
        when = date(parts[0], parts[1] if len(parts) > 1 else 12, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return False
    return (today - when).days <= RECENT_ACHIEVEMENT_DAYS


__all__ = [
    "DRAFT_FORMATS",
    "CompanyFact",
    "Draft",
    "FollowUpRequest",
    "Sender",
    "ThankYouRequest",
    "choose_fact",
    "follow_up_note",
    "greeting_name",
    "long_date",
    "note_points",
    "render_draft",
    "thank_you_note",
]
