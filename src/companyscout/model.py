"""The Briefing and its facts: plain typed records that follow the JSON contract in DESIGN.md.

Every fact keeps the URL it came from. ``Briefing.to_dict()`` gives exactly the documented
keys; new fields are added, never renamed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Mission:
    text: str
    source: str


@dataclass
class Value:
    name: str
    description: str | None
    source: str


@dataclass
class Culture:
    text: str
    source: str


@dataclass
class Achievement:
    """A dated (or undated) item of the organisation's own news, press or awards."""

    date: str | None  # YYYY-MM-DD, YYYY-MM, YYYY or None
    title: str
    summary: str | None
    source: str


@dataclass
class NewsItem:
    """A third-party news item about the company."""

    date: str | None
    title: str
    publisher: str | None
    url: str


@dataclass
class Person:
    name: str
    title: str | None
    source: str


@dataclass
class TalkingPoint:
    text: str
    source: str


@dataclass
class PageRecord:
    url: str
    role: str
    status: int | None


@dataclass
class Briefing:
    company: str
    website: str
    generated_at: str
    description: str | None = None
    mission: Mission | None = None
    values: list[Value] = field(default_factory=list)
    culture: list[Culture] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    talking_points: list[TalkingPoint] = field(default_factory=list)
    pages: list[PageRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the briefing as the JSON contract's dict (key order as documented)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Briefing:
        """Rebuild a briefing from ``to_dict()`` output; unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        kw: dict[str, Any] = {k: v for k, v in data.items() if k in known}
        mission = kw.get("mission")
        kw["mission"] = Mission(**mission) if mission else None
        for key, typ in _LIST_TYPES.items():
            kw[key] = [typ(**_only(typ, item)) for item in (kw.get(key) or [])]
        return cls(**kw)


def _only(typ: type, item: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(typ)}
    return {k: v for k, v in item.items() if k in names}


_LIST_TYPES: dict[str, type] = {
    "values": Value,
    "culture": Culture,
    "achievements": Achievement,
    "news": NewsItem,
    "people": Person,
    "talking_points": TalkingPoint,
    "pages": PageRecord,
}
