"""Talking points: short, sourced sentences to paste into a thank-you note.

Each point names one fact of the briefing (the mission, a recent achievement with its month,
a value, a line on how people work there, a piece of news) in words the reader can send to
the interviewer ("I was glad to read your June 2026 news: “…”."), and keeps that fact's
source URL. Nothing is added that the briefing does not say: the fact is quoted or restated
clause for clause, and a point that would run too long is shortened, never made up.
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


def _mission_point(mission: Mission) -> TalkingPoint | None:
    sentence = _first_sentence(mission.text).rstrip(".!")
    for pattern, before in ((_MISSION_CLAUSE, "I was glad to read that your mission is "),
                            (_ON_A_MISSION, "I was glad to read that you are on a mission ")):
        match = pattern.search(sentence)
        if match:
            text = _fit(before, match.group("clause"), ".")
            return TalkingPoint(text=text, source=mission.source) if text else None
    text = _fit("Your mission stayed with me: “", mission.text, "”")
    return TalkingPoint(text=text, source=mission.source) if text else None


def _achievement_point(item: Achievement) -> TalkingPoint | None:
    when = month_year(item.date)
    before = f"I was glad to read your {when} news: “" if when else "I was glad to read your news: “"
    text = _fit(before, item.title.strip().rstrip("."), "”.")
    return TalkingPoint(text=text, source=item.source) if text else None


def _values_point(values: list[Value]) -> TalkingPoint | None:
    names = [f"“{v.name.strip()}”" for v in values]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    noun = "one of your values" if len(names) == 1 else "among your values"
    verb = "is" if len(names) == 1 else ""
    text = f"I was glad to see {listed} {verb + ' ' if verb else ''}{noun}."
    if len(text) > MAX_POINT_CHARS:
        return None
    return TalkingPoint(text=text, source=values[0].source)


def _culture_point(culture: Culture) -> TalkingPoint | None:
    text = _fit("What you say about how your team works stood out to me: “", _first_sentence(culture.text), "”")
    return TalkingPoint(text=text, source=culture.source) if text else None


def _news_point(item: NewsItem) -> TalkingPoint | None:
    when = month_year(item.date)
    where = f" in {_squash(item.publisher)}" if item.publisher else ""
    lead = f"I saw the {when} coverage{where}" if when else f"I saw the coverage{where}"
    text = _fit(lead + ": “", item.title.strip().rstrip("."), "”.")
    return TalkingPoint(text=text, source=item.url) if text else None


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
        yield _achievement_point(achievements[0])
    if groups:
        yield _values_point(groups[0])
    for item in achievements[1:2]:
        yield _achievement_point(item)
    if briefing.culture:
        yield _culture_point(briefing.culture[0])
    for item in achievements[2:_ACHIEVEMENTS_FIRST]:
        yield _achievement_point(item)
    for news in briefing.news:
        yield _news_point(news)
    # Only when the briefing has little else: more values, lines on how people work, older news.
    for group in groups[1:]:
        yield _values_point(group)
    for line in briefing.culture[1:]:
        yield _culture_point(line)
    for item in achievements[_ACHIEVEMENTS_FIRST:]:
        yield _achievement_point(item)


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
