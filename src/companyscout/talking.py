"""Talking points: short, sourced sentences to paste into a thank-you note.

Each point names one fact of the briefing (the mission, a recent achievement with its month,
a value, a line on how people work there, a piece of outside news) in a sentence the reader
can send as it stands ("Congratulations on your June 2026 news: “Acme 2.5 released”."),
and keeps that fact's source URL. The lead-in suits the kind of fact, and points of one kind
take turns between a few lead-ins, so that a note never reads like a form. Nothing is added
that the briefing does not say: the fact is quoted or restated clause for clause, and a point
that would run too long is shortened, never made up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from companyscout.model import Achievement, Briefing, Culture, Mission, NewsItem, TalkingPoint, Value

MAX_POINTS = 6
MAX_POINT_CHARS = 220
_ELLIPSIS = "…"

# "Our mission is to …", "Acme's mission is to …", "… on a mission to …": the purpose clause.
_MISSION_CLAUSE = re.compile(r"\bmission (?:is|has always been|remains) (?P<clause>to\b.+)", re.I)
_ON_A_MISSION = re.compile(r"\bon a mission (?P<clause>to\b.+)", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_VALUES_PER_POINT = 2
# Achievements a briefing's points name before other kinds of fact get their turn.
_ACHIEVEMENTS_FIRST = 3


def _squash(text: str) -> str:
    return " ".join(text.split())


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(_squash(text), maxsplit=1)[0]


def _fit(before: str, fact: str, after: str) -> str | None:
    """Return ``before + fact + after``, shortening ``fact`` to fit the length of a point.

    The fact is cut at the last clause boundary (a comma, dash or semicolon) that fits, else at
    a word boundary, and marked with an ellipsis; it is never cut inside a word.
    """
    fact = _squash(fact)
    text = before + fact + after
    if len(text) <= MAX_POINT_CHARS:
        return text
    room = MAX_POINT_CHARS - len(before) - len(after) - len(_ELLIPSIS)
    if room < 20:
        return None
    head = fact[: room + 1]
    clause = max(head.rfind(", "), head.rfind("; "), head.rfind(" — "), head.rfind("—"))
    cut = head[:clause] if clause >= room // 2 else head.rsplit(" ", 1)[0]
    return before + cut.rstrip(" ,;:—–-") + _ELLIPSIS + after


def month_year(iso: str | None) -> str | None:
    """Return "June 2026" for "2026-06-21" or "2026-06", "2026" for "2026", None when unreadable."""
    if not iso:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso.strip())
    if not match:
        return None
    year, month = int(match.group(1)), match.group(2)
    if month is None:
        return str(year)
    try:
        return date(year, int(month), 1).strftime("%B %Y")
    except ValueError:
        return str(year)


# Headlines worth congratulating, unless they report a loss.
_GOOD_NEWS = re.compile(
    r"\b(?:launch\w*|releas\w*|award\w*|wins?|won|winner|prize|raises?|raised|funding|fund(?:ed|s)?|"
    r"opens?|opened|named|appoint\w*|joins?|welcomes?|partner\w*|celebrat\w*|expand\w*|grows?|milestone|"
    r"anniversary|honou?r\w*|recogni[sz]\w*|selected|certifi\w*|introduc\w*|unveil\w*|acquires?|new)\b",
    re.I,
)
_BAD_NEWS = re.compile(
    r"\b(?:lay-?offs?|laid off|layoffs?|cuts?|clos(?:e|es|ed|ing|ure)|breach\w*|incident|outage|lawsuit|"
    r"recall\w*|passed away|in memoriam|dies|died|death|condolences|bankrupt\w*|resign\w*|warning|"
    r"investigation|fine[ds]?|shut\w*|suspend\w*|delay\w*)\b",
    re.I,
)
# Lead-ins taken in turn by the points of one kind: (before the quoted fact, after it).
_DATED_NEWS_LEADS = (
    ("I read with interest your {when} news: “", "”."),
    ("I also read your {when} update, “", "”."),
    ("Your {when} announcement, “", "”, caught my eye."),
    ("It was good to see your {when} post, “", "”."),
    ("I noticed your {when} news, “", "”, as well."),
)
_UNDATED_NEWS_LEADS = (
    ("I read with interest your news: “", "”."),
    ("I also read your update, “", "”."),
)
_CULTURE_LEADS = (
    ("What you write about working at {company} stood out to me: “", "”."),
    ("I also liked this line about how your teams work: “", "”."),
    ("It was good to read how your team works: “", "”."),
)
# A company's legal form, which nobody says in conversation ("Acme GmbH" → "Acme").
_LEGAL_FORM = re.compile(
    r",?\s+(?:inc|ltd|llc|llp|plc|gmbh|ag|sa|sas|sarl|bv|nv|ab|oy|as|srl|spa|pty|co|corp|limited)\.?$", re.I
)


def _quoted(text: str) -> str:
    """Return ``text`` ready to quote inside a sentence: one line, no closing full stop."""
    return _squash(text).rstrip(" .!;:")


def _point(before: str, fact: str, after: str, source: str) -> TalkingPoint | None:
    text = _fit(before, _quoted(fact), after)
    return TalkingPoint(text=text, source=source) if text else None


def _mission_point(mission: Mission) -> TalkingPoint | None:
    sentence = _first_sentence(mission.text).rstrip(".!")
    for pattern, before in (
        (_MISSION_CLAUSE, "It means a lot to me that your mission is "),
        (_ON_A_MISSION, "It means a lot to me that you are on a mission "),
    ):
        match = pattern.search(sentence)
        if match:
            return _point(before, match.group("clause"), ".", mission.source)
    return _point("Your mission statement stayed with me: “", mission.text, "”.", mission.source)


def _achievement_point(item: Achievement, turn: int) -> TalkingPoint | None:
    when = month_year(item.date)
    title = item.title.strip()
    if turn == 0 and _GOOD_NEWS.search(title) and not _BAD_NEWS.search(title):
        return _point(f"Congratulations on your {when + ' ' if when else ''}news: “", title, "”.", item.source)
    leads = _DATED_NEWS_LEADS if when else _UNDATED_NEWS_LEADS
    before, after = leads[turn % len(leads)]
    return _point(before.format(when=when), title, after, item.source)


def _values_point(values: list[Value], turn: int) -> TalkingPoint | None:
    names = [f"“{_quoted(v.name)}”" for v in values]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    if turn:
        text = f"I also noticed {listed} among your values."
    elif len(names) == 1:
        text = f"The value you call {listed} matches how I like to work."
    else:
        text = f"Your values {listed} match how I like to work."
    if len(text) > MAX_POINT_CHARS:
        return None
    return TalkingPoint(text=text, source=values[0].source)


def _culture_point(culture: Culture, turn: int, company: str) -> TalkingPoint | None:
    before, after = _CULTURE_LEADS[turn % len(_CULTURE_LEADS)]
    name = _LEGAL_FORM.sub("", _squash(company))
    if "{company}" in before and not name:
        before = "What you write about how your team works stood out to me: “"
    return _point(before.format(company=name), _first_sentence(culture.text), after, culture.source)


def _news_point(item: NewsItem) -> TalkingPoint | None:
    when = month_year(item.date)
    story = f"the {when} story" if when else "the story"
    where = f" in {_squash(item.publisher)}" if item.publisher else ""
    return _point(f"I came across {story}{where}: “", item.title, "”.", item.url)


def _value_groups(values: list[Value]) -> Iterator[list[Value]]:
    """Yield values in groups that share a source, a few to a point."""
    for start in range(0, len(values), _VALUES_PER_POINT):
        group = [v for v in values[start : start + _VALUES_PER_POINT] if v.source == values[start].source]
        yield group


def _candidates(briefing: Briefing) -> Iterator[TalkingPoint | None]:
    """Yield talking points most worth making first: the mission, the newest achievements, a
    value, how people work, then the rest."""
    if briefing.mission:
        yield _mission_point(briefing.mission)
    achievements = sorted(briefing.achievements, key=lambda a: a.date is None)
    groups = list(_value_groups(briefing.values))
    if achievements:
        yield _achievement_point(achievements[0], 0)
    if groups:
        yield _values_point(groups[0], 0)
    for turn, item in enumerate(achievements[1:2], 1):
        yield _achievement_point(item, turn)
    if briefing.culture:
        yield _culture_point(briefing.culture[0], 0, briefing.company)
    for turn, item in enumerate(achievements[2:_ACHIEVEMENTS_FIRST], 2):
        yield _achievement_point(item, turn)
    for news in briefing.news:
        yield _news_point(news)
    # Only when the briefing has little else: more values, lines on how people work, older news.
    for group in groups[1:]:
        yield _values_point(group, 1)
    for turn, line in enumerate(briefing.culture[1:], 1):
        yield _culture_point(line, turn, briefing.company)
    for turn, item in enumerate(achievements[_ACHIEVEMENTS_FIRST:], _ACHIEVEMENTS_FIRST):
        yield _achievement_point(item, turn)


def write_talking_points(briefing: Briefing) -> list[TalkingPoint]:
    """Return 3–6 talking points, each tied to one fact of ``briefing`` and its source.

    Fewer than three only when the briefing holds fewer facts; a fact without a source makes
    no point, since the reader must be able to check it before sending.
    """
    points: list[TalkingPoint] = []
    seen: set[str] = set()
    candidates = _candidates(briefing)
    for point in candidates:
        if point is None or not point.source or point.text in seen:
            continue
        seen.add(point.text)
        points.append(point)
        if len(points) == MAX_POINTS:
            break
    return points
