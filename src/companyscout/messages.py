"""Connection notes and messages to contacts, drafted from the contact and the company's briefing.

Pure functions: no database, no network. A connection note must fit LinkedIn's limit (200
characters on a free account, 300 on Premium). A note is built from required parts and
optional clauses ranked by worth; the note keeps the best set of clauses that fits, so it is
shortened by leaving clauses out, never by cutting a word.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from companyscout.safe import one_line

if TYPE_CHECKING:  # not imported at run time: `scout contacts list` starts without them
    from companyscout.drafts import Sender
    from companyscout.model import Briefing

MessageKind = Literal["connect", "interviewer", "follow-up"]
MESSAGE_KINDS: tuple[str, ...] = get_args(MessageKind)
Tier = Literal["free", "premium"]
#: LinkedIn's limit for the note sent with a connection request, by account tier.
CONNECTION_NOTE_LIMITS: dict[str, int] = {"free": 200, "premium": 300}


@dataclass(frozen=True)
class MessageDraft:
    """A drafted message and the length limit it was built for (None: no limit)."""

    text: str
    limit: int | None

    @property
    def count(self) -> str:
        """Return the length as "187/200", or "612 characters" when there is no limit."""
        if self.limit is None:
            return f"{len(self.text)} characters"
        return f"{len(self.text)}/{self.limit}"


@dataclass(frozen=True)
class Recipient:
    """Who the message is for."""

    name: str
    company: str
    title: str | None = None
    interviewed_me: bool = False  # an interviewer: thanked and kept warm, not asked for a call
    connected: bool = True  # accepted a connection request already
    known_before: bool = False  # a connection from before this job search (an imported one)


#: Statuses of people who have accepted a connection: a note would come too late.
CONNECTED_STATUSES = frozenset({"connected", "replied", "met"})


def suggested_kind(*, source: str, status: str) -> MessageKind:
    """Return the kind of message that suits a contact: follow-up once connected, else by source."""
    if status in CONNECTED_STATUSES:
        return "follow-up"
    return "interviewer" if source == "interviewer" else "connect"


# -- facts from the briefing ---------------------------------------------------------------

_MISSION_LEAD = re.compile(r"^(?:our|the|its|[\w&.' -]{1,60}?'s)\s+mission\s+is\s+(to\s.+)$", re.IGNORECASE)


def _sentence_body(text: str) -> str:
    return one_line(text).rstrip(" .!;:")


def briefing_facts(briefing: Briefing | None) -> list[str]:
    """Return sentences about one concrete fact each, best first: news, mission, then values."""
    if briefing is None:
        return []
    facts: list[str] = []
    for achievement in briefing.achievements[:3]:
        title = _sentence_body(achievement.title)
        if title:
            facts.append(f"I enjoyed reading “{title}”.")
    if briefing.mission is not None:
        mission = _sentence_body(briefing.mission.text)
        lead = _MISSION_LEAD.match(mission)
        if lead:
            facts.append(f"Your mission {lead.group(1)} resonates with me.")
        elif mission:
            facts.append(f"Your mission, “{mission}”, resonates with me.")
    for value in briefing.values[:3]:
        name = _sentence_body(value.name)
        if name:
            facts.append(f"Your value “{name}” resonates with me.")
    return facts


# -- assembly ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """A piece of a note: required ones are always in; optional ones in order of ``rank``."""

    text: str | tuple[str, ...]  # a tuple offers alternatives, the first that fits wins
    rank: int | None = None  # None: required


def _text_of(parts: list[_Part], selection: dict[int, str]) -> str:
    return _tidy(" ".join(selection[i] for i in sorted(selection) if selection[i]))


def _assemble(parts: list[_Part], limit: int | None) -> str:
    """Return the note with the best set of optional parts that fits, each in its place.

    Sets are compared by rank: one holding the rank-1 part beats every set without it, and
    so on down; then earlier (better) alternatives win. A shorter alternative of a part is
    tried before the part is left out, so a short fact can make room for the person's title.
    A note has a handful of optional parts, so trying every combination is cheap.
    """
    required = {i: _first(p) for i, p in enumerate(parts) if p.rank is None}
    optional = sorted((p.rank, i) for i, p in enumerate(parts) if p.rank is not None)
    choices = [[None, *range(len(_alternatives(parts[i])))] for _, i in optional]
    best: tuple[tuple[int, ...], dict[int, str]] = ((), required)
    for combo in itertools.product(*choices):
        selection = dict(required)
        for (_, index), pick in zip(optional, combo, strict=True):
            if pick is not None:
                selection[index] = _alternatives(parts[index])[pick]
        if limit is not None and len(_text_of(parts, selection)) > limit:
            continue
        included = tuple(0 if pick is None else 1 for pick in combo)
        preference = tuple(0 if pick is None else -pick for pick in combo)
        score = included + preference
        if score > best[0]:
            best = (score, selection)
    return _text_of(parts, best[1])


def _alternatives(part: _Part) -> tuple[str, ...]:
    return (part.text,) if isinstance(part.text, str) else part.text


def _first(part: _Part) -> str:
    return _alternatives(part)[0]


def _required_fallbacks(parts: list[_Part], limit: int) -> list[_Part]:
    """Return the parts with the longest required ones narrowed to a fallback until they fit."""
    narrowed = list(parts)
    while True:
        required = {i: _first(p) for i, p in enumerate(narrowed) if p.rank is None}
        if len(_text_of(narrowed, required)) <= limit:
            return narrowed
        shrinkable = [i for i in required if len(_alternatives(narrowed[i])) > 1]
        if not shrinkable:
            return narrowed  # the fallbacks are short constants; this is not reached in practice
        longest = max(shrinkable, key=lambda i: len(required[i]))
        narrowed[longest] = _Part(_alternatives(narrowed[longest])[1:], None)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.!?])", r"\1", text)
    text = re.sub(r"([.!?])\.", r"\1", text)  # "Acme Inc." ends a sentence without a second dot
    return re.sub(r"[ \t]+", " ", text).strip()


def _first_name(name: str) -> str:
    words = one_line(name).split()
    return words[0] if words else ""


def draft_message(
    recipient: Recipient,
    *,
    kind: MessageKind = "connect",
    tier: Tier = "free",
    sender: Sender | None = None,
    role: str | None = None,
    briefing: Briefing | None = None,
) -> MessageDraft:
    """Return a draft for ``recipient``: a connection note within the tier's limit, or a longer follow-up."""
    if sender is None:
        from companyscout.drafts import Sender

        sender = Sender()
    if kind == "follow-up":
        return MessageDraft(_follow_up(recipient, sender, role, briefing), None)
    limit = CONNECTION_NOTE_LIMITS[tier]
    first = _first_name(recipient.name)
    company = one_line(recipient.company)
    title = one_line(recipient.title or "")
    role = one_line(role or "")
    me = _first_name(sender.name or "")
    facts = tuple(briefing_facts(briefing))
    # Each required part offers shorter fallbacks, for names and companies too long to fit.
    greeting = (f"Hi {first},", "Hi,") if first else ("Hi,",)
    if kind == "interviewer":
        parts = [
            _Part(greeting, None),
            _Part(
                (
                    f"thank you for our conversation at {company}" if company else "thank you for our conversation",
                    "thank you for our conversation",
                ),
                None,
            ),
            _Part(f"about the {role} role" if role else "", 3),
            _Part(".", None),
            _Part(f"I enjoyed hearing about your work as {title}." if title else "", 1),
            _Part(facts, 2),
            _Part("I'd be glad to stay in touch.", None),
            _Part(f"– {me}" if me else "", 4),
        ]
    else:
        parts = [
            _Part(greeting, None),
            _Part(
                (
                    f"I'm interviewing with {company}" if company else "I'm interviewing with your team",
                    "I'm interviewing with your team",
                ),
                None,
            ),
            _Part(f"for the {role} role" if role else "", 3),
            _Part(".", None),
            _Part(facts, 1),
            _Part(f"I'd value your view as {title}." if title else "", 2),
            _Part("Would you be open to connecting?", None),
            _Part(f"– {me}" if me else "", 4),
        ]
    text = _assemble(_required_fallbacks(parts, limit), limit)
    return MessageDraft(text, limit)


def _follow_up(recipient: Recipient, sender: Sender, role: str | None, briefing: Briefing | None) -> str:
    """Return a longer message for someone at the company.

    An interviewer is thanked again and told the user is still interested; anyone else is
    asked for a short conversation about how the team works.
    """
    first = _first_name(recipient.name) or "there"
    company = one_line(recipient.company) or "your company"
    role = one_line(role or "")
    title = one_line(recipient.title or "")
    facts = briefing_facts(briefing)
    paragraphs = [f"Hi {first},"]
    if recipient.interviewed_me:
        about = f"about the {role} role" if role else f"at {company}"
        opening = f"Thank you again for our conversation {about}; I enjoyed hearing how your team works."
        interest = f"I remain very interested in joining {company}."
        if facts:
            interest += " " + facts[0]
        paragraphs += [
            opening,
            interest + " If there is anything more I can share to help, I'd be glad to send it.",
        ]
    else:
        if recipient.known_before:
            opening = "I hope you're well. "
        elif recipient.connected:
            opening = "Thank you for connecting. "
        else:
            opening = "I hope you don't mind me following up. "
        opening += (
            f"I'm in the hiring process for the {role} role at {company}"
            if role
            else f"I'm in the hiring process at {company}"
        )
        opening += " and I'm keen to understand how the team works day to day."
        if facts:
            opening += " " + facts[0]
        ask = f"As {title}, you'd" if title else "You'd"
        paragraphs += [
            opening,
            f"{ask} know better than anyone what makes people successful there. Would you have 15 minutes "
            "in the coming weeks for a short call? I'm happy to fit around your schedule.",
        ]
    closing = one_line(sender.signature or sender.name or "")
    paragraphs.append(f"Thank you,\n{closing}" if closing else "Thank you")
    return "\n\n".join(paragraphs)
