"""Case-insensitive patterns that search at the speed of case-sensitive ones.

With ``re.IGNORECASE`` the regular-expression engine folds the case of every character it
compares, and a pattern that lists many words (role names, month names, cue words) searches
several times slower for it. Written in lower case, the same pattern finds the same matches at
the same places in the lower-cased text: lower-casing keeps every character where it was and
folds it as ``re`` does, but for three letters. The dotted capital I lower-cases to two
characters, and ``re`` takes the dotless i and the long s for i and s where ``str.lower()``
leaves them apart; text that holds one of them is searched with ``re.IGNORECASE`` as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# The letters that ``str.lower()`` and ``re.IGNORECASE`` fold differently (İ → "i̇", ı ~ i, ſ ~ s).
_FOLDED_APART = re.compile("[İıſ]")
# A pattern's syntax that keeps its case: escapes (``\W``, ``\S``, ``\B``) and named groups.
_SYNTAX = re.compile(r"\\.|\(\?P[<=]", re.DOTALL)
# Inline flags ("(?-i:…)") would make part of a pattern depend on case.
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")
# Letters that ``re`` folds onto other letters: beyond Latin Extended-B (Greek ς ~ σ, Cyrillic …),
# and the dotless i, the long s and the micro sign (~ Greek mu).
_LAST_LATIN = "\u024f"
_FOLDED_ONTO_OTHERS = frozenset("ıſµ")
# A pattern's parts: an escape, a character class, or any other character; and a class's items.
_PATTERN_PART = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|.", re.DOTALL)
_CLASS_ITEM = re.compile(r"\\.|.", re.DOTALL)


def _class_ranges(pattern: str) -> Iterator[tuple[str, str]]:
    """Yield the first and last item of every range in the character classes of ``pattern``."""
    for part in _PATTERN_PART.findall(pattern):
        if len(part) > 1 and part.startswith("["):
            items = _CLASS_ITEM.findall(part[1:-1].removeprefix("^"))
            for i in range(1, len(items) - 1):
                if items[i] == "-":
                    yield items[i - 1], items[i + 1]


def _is_caseless(pattern: str) -> bool:
    """Return True when ``pattern`` finds in lower-cased text what it finds with ``re.IGNORECASE``
    in the text: its letters are lower-case Latin ones that fold alike in ``str.lower()`` and
    ``re``, no inline flag changes how it matches, and its ranges are of ASCII characters (a
    range of other letters, "[ß-ɏ]", may span capitals that ``re`` would fold into it)."""
    text = _SYNTAX.sub("", pattern)
    cased = [ch for ch in text if ch.lower() != ch.upper()]
    lower_latin = all(ch == ch.lower() and ch <= _LAST_LATIN and ch not in _FOLDED_ONTO_OTHERS for ch in cased)
    ascii_ranges = all(len(a) == len(b) == 1 and (a + b).isascii() for a, b in _class_ranges(pattern))
    return lower_latin and ascii_ranges and not _INLINE_FLAGS.search(text)


def lowered(text: str) -> str | None:
    """Return ``text`` lower-cased, when a lower-case pattern finds in it what the same pattern
    finds with ``re.IGNORECASE`` in ``text``; else None."""
    if text.isascii() or not _FOLDED_APART.search(text):  # isascii() is answered without a look at the text
        return text.lower()
    return None


class CaselessPattern:
    """A regular expression, written in lower case, matched regardless of case as with
    ``re.IGNORECASE``.

    It answers ``search``, ``fullmatch``, ``finditer`` and ``findall`` like a compiled pattern,
    at the same places in the text; a group's text may come lower-cased. ``ignorecase`` is the
    pattern compiled with ``re.IGNORECASE``, for code that takes one.
    """

    __slots__ = ("pattern", "ignorecase", "_lower_case")

    def __init__(self, pattern: str) -> None:
        if not _is_caseless(pattern):
            raise ValueError(f"a caseless pattern is written in lower-case Latin letters: {pattern!r}")
        self.pattern = pattern
        self.ignorecase = re.compile(pattern, re.IGNORECASE)
        self._lower_case = re.compile(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        """Return the first match in ``text``, or None."""
        lower = lowered(text)
        return self.ignorecase.search(text) if lower is None else self._lower_case.search(lower)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """Return the match of the whole of ``text``, or None."""
        lower = lowered(text)
        return self.ignorecase.fullmatch(text) if lower is None else self._lower_case.fullmatch(lower)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Return the matches in ``text``, left to right."""
        lower = lowered(text)
        return self.ignorecase.finditer(text) if lower is None else self._lower_case.finditer(lower)

    def findall(self, text: str) -> list[str]:
        """Return the text of every match in ``text`` (of its group, if it has one)."""
        lower = lowered(text)
        return self.ignorecase.findall(text) if lower is None else self._lower_case.findall(lower)
