"""Caseless patterns find what ``re.IGNORECASE`` finds, at the same places, in any text."""

from __future__ import annotations

import re

import pytest

from companyscout.extract.caseless import CaselessPattern, lowered
from companyscout.extract.people import ROLE_WORDS

# Every character of the Basic Multilingual Plane but the surrogates and the three letters
# that lower-case unlike re's folding (those texts are searched with re.IGNORECASE itself).
_PLANE = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and chr(c) not in "İıſ")
_LOWER_LATIN = [
    ch for ch in map(chr, range(0x250)) if ch.lower() != ch.upper() and ch == ch.lower() and ch not in "ıſµ"
]


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    return [match.start() for match in pattern.finditer(text)]


def test_lower_casing_keeps_every_character_in_its_place_and_class() -> None:
    lower = lowered(_PLANE)
    assert lower is not None and len(lower) == len(_PLANE)
    for item in (r"\w", r"\d", r"\s", r"\b", r"[0-z]", r"[^\W\d_]"):
        assert _starts(re.compile(item), lower) == _starts(re.compile(item, re.IGNORECASE), _PLANE), item


def test_each_lower_case_latin_letter_matches_as_it_does_with_ignorecase() -> None:
    lower = lowered(_PLANE)
    assert lower is not None
    for letter in _LOWER_LATIN:
        pattern = re.escape(letter)
        assert _starts(re.compile(pattern), lower) == _starts(re.compile(pattern, re.IGNORECASE), _PLANE), letter


@pytest.mark.parametrize(
    "text",
    [
        "Senior SOFTWARE Engineer",
        "GESCHÄFTSFÜHRERIN und Projektleiterin",
        "İNTERN and İstanbul office",  # the dotted capital I lower-cases to two characters
        "dırector of ſales",  # re folds the dotless i and the long s onto i and s
        "\u212aOMMUNIKATION (a Kelvin sign for the K)",
        "no role here at all",
    ],
)
def test_a_caseless_pattern_finds_the_matches_of_ignorecase(text: str) -> None:
    expected = [match.span() for match in ROLE_WORDS.ignorecase.finditer(text)]
    assert [match.span() for match in ROLE_WORDS.finditer(text)] == expected
    assert bool(ROLE_WORDS.search(text)) == bool(expected)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b[A-Z]\w+",  # capitals: a case-sensitive part
        r"(?-i:acme)",  # an inline flag
        r"\bdırector",  # a letter that re folds onto another
        r"σοφία",  # Greek folds in ways str.lower() does not
        r"[ß-ɏ]",  # a range of letters that holds capitals
    ],
)
def test_a_pattern_that_depends_on_case_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="lower-case Latin"):
        CaselessPattern(pattern)
