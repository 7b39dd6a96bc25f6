"""Talking points: short, sourced sentences to paste into a thank-you note."""

from __future__ import annotations

from companyscout.model import Briefing, TalkingPoint


def write_talking_points(briefing: Briefing) -> list[TalkingPoint]:
    """Return 3–6 talking points, each tied to one fact of ``briefing`` and its source."""
    return []  # TODO(talking): written from mission, values and achievements
