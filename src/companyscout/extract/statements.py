"""What the organisation says about itself: name, description, mission, values, culture."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from lxml import etree

from companyscout.extract.culture import extract_culture
from companyscout.extract.mission import extract_mission
from companyscout.extract.page import ParsedPage
from companyscout.extract.profile import Profile, extract_profile
from companyscout.extract.values import extract_values
from companyscout.model import Culture, Mission, Value

_T = TypeVar("_T")


@dataclass
class Statements:
    """The organisation's own statements, each fact with the URL it came from."""

    company: str | None = None
    description: str | None = None
    mission: Mission | None = None
    values: list[Value] = field(default_factory=list)
    culture: list[Culture] = field(default_factory=list)
    social: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _guarded(
    what: str, extract: Callable[[list[ParsedPage]], _T], pages: list[ParsedPage], empty: _T, warnings: list[str]
) -> _T:
    """Return ``extract(pages)``; markup that defeats the extractor becomes a warning, not a crash."""
    try:
        return extract(pages)
    except (RecursionError, ValueError, etree.LxmlError) as exc:
        warnings.append(f"the {what} could not be read from the site's pages ({type(exc).__name__}); left out")
        return empty


def extract_statements(pages: list[ParsedPage]) -> Statements:
    """Return the best name, description, mission, values and culture found across ``pages``."""
    warnings: list[str] = []
    profile = _guarded("name and description", extract_profile, pages, Profile(), warnings)
    return Statements(
        company=profile.company,
        description=profile.description,
        mission=_guarded("mission", partial(extract_mission, company=profile.company), pages, None, warnings),
        values=_guarded("values", extract_values, pages, [], warnings),
        culture=_guarded("culture", partial(extract_culture, company=profile.company), pages, [], warnings),
        social=profile.social,
        warnings=warnings,
    )
