"""What the organisation says about itself: name, description, mission, values, culture."""

from __future__ import annotations

from dataclasses import dataclass, field

from companyscout.extract.page import ParsedPage
from companyscout.model import Culture, Mission, Value


@dataclass
class Statements:
    company: str | None = None
    description: str | None = None
    mission: Mission | None = None
    values: list[Value] = field(default_factory=list)
    culture: list[Culture] = field(default_factory=list)
    social: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_statements(pages: list[ParsedPage]) -> Statements:
    """Return the best name, description, mission, values and culture found across ``pages``."""
    return Statements()  # TODO(statements): implemented in extract/profile, mission, values, culture
