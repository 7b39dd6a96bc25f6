"""Company names compared the way people write them: "ACME, Inc." is "Acme".

Case, accents, punctuation and legal forms (Inc, LLC, Ltd, GmbH, AG, SA, Corp, Co, PLC, BV,
Pty, ООО, 株式会社 …) do not make two companies different. Names in any script compare: Latin
letters lose their accents, other scripts are compared in case-folded NFKC form.

``resolve_company`` is the one rule by which a name the user types finds a company scout
already knows (in briefings, contacts or interviews).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from companyscout.errors import UsageError

# Legal forms dropped from the end of a name (compared after dots are removed: "S.A." → "sa").
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "lp",
        "ltd",
        "limited",
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "corp",
        "corporation",
        "co",
        "company",
        "plc",
        "bv",
        "nv",
        "pty",
        "pte",
        "oy",
        "oyj",
        "ab",
        "asa",
        "as",
        "aps",
        "kk",
        "se",
        "ug",
        "pvt",
        "private",
        "holding",
        "holdings",
        "group",
    }
)
# Legal forms also written before the name ("ООО «Яндекс»", "주식회사 카카오"); dropped at either end.
LEGAL_PREFIXES: frozenset[str] = frozenset(
    {
        "ооо",
        "оао",
        "зао",
        "пао",
        "ао",
        "тов",
        "пат",
        "株式会社",
        "有限会社",
        "合同会社",
        "株",
        "주식회사",
        "유한회사",
        "주",
    }
)
# Legal forms written with no space before or after a name in Chinese, Japanese and Korean
# ("トヨタ自動車株式会社", "株式会社ソニー", "(株)日立"), longest first. NFKC turns "㈱" into "(株)".
_JOINED_LEGAL_FORMS: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "株式会社",
    "有限会社",
    "合同会社",
    "有限公司",
    "주식회사",
    "유한회사",
    "(株)",
    "(有)",
    "(주)",
)
# "GmbH & Co. KG" and "Pty Ltd" are several suffix words in a row; "& co" reads as "and co".
_CONNECTORS = frozenset({"and"})
_LEADING_ARTICLES = frozenset({"the"})
# A word: letters and digits of any script (\w without the underscore).
_WORD = re.compile(r"[^\W_]+")


def _fold(name: str) -> str:
    """Return ``name`` case-folded, Latin letters without accents, other scripts in NFKC form."""
    if name.isascii():
        return name.casefold()
    folded = []
    for ch in unicodedata.normalize("NFKC", name).casefold():
        bare = "".join(part for part in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(part))
        # "é" → "e", but "й" stays "й" and "ダ" stays "ダ": only a letter that becomes ASCII loses its mark.
        folded.append(bare if bare.isascii() else ch)
    return "".join(folded)


def _strip_joined_forms(word: str) -> str:
    """Return a word without a CJK legal form glued to its start or end (the word itself if only that)."""
    for form in _JOINED_LEGAL_FORMS:
        if word != form and word.endswith(form):
            return word[: -len(form)]
        if word != form and word.startswith(form):
            return word[len(form) :]
    return word


@lru_cache(maxsize=4096)  # a list of 10,000 contacts names a few hundred companies, again and again
def normalize_company(name: str) -> str:
    """Return the comparable form of a company name: case-folded words without legal forms.

    A name made only of legal-form words ("The Company") keeps its words rather than vanish.
    """
    text = _fold(name)
    text = text.replace("&", " and ").replace(".", "").replace("'", "").replace("\u2019", "")
    if not text.isascii():
        text = " ".join(_strip_joined_forms(part) for part in text.split())
    words = _WORD.findall(text)
    core = list(words)
    while core and (core[0] in _LEADING_ARTICLES or core[0] in LEGAL_PREFIXES):
        core.pop(0)
    while core and (core[-1] in LEGAL_SUFFIXES or core[-1] in LEGAL_PREFIXES or core[-1] in _CONNECTORS):
        core.pop()
    return " ".join(core or words)


def same_company(a: str, b: str) -> bool:
    """Return True when two names denote the same company ("Deep Mind" and "DeepMind" too)."""
    key_a = normalize_company(a).replace(" ", "")
    key_b = normalize_company(b).replace(" ", "")
    return bool(key_a) and key_a == key_b


def resolve_company(typed: str, known: Iterable[str]) -> str | None:
    """Return the known company name that ``typed`` means, or None when none matches.

    The one rule for finding a company by the name a person types: the same company first
    ("acme robotics inc" finds "Acme Robotics"), else the one company whose name starts with
    the typed words ("Northwind" finds "Northwind Robotics"; "North" finds nothing). Several
    such companies are a UsageError naming them. ``known`` is searched in order, so the
    first of several spellings of the same company is the one returned.
    """
    names = list(dict.fromkeys(name for name in known if name))
    key = normalize_company(typed)
    if not key:
        return None
    for name in names:
        if same_company(name, typed):
            return name
    starting: dict[str, str] = {}
    for name in names:
        normalized = normalize_company(name)
        if normalized.startswith(key + " "):
            starting.setdefault(normalized.replace(" ", ""), name)
    if len(starting) > 1:
        choices = sorted(starting.values(), key=str.casefold)
        listed = ", ".join(f'"{name}"' for name in choices[:-1]) + f' or "{choices[-1]}"'
        raise UsageError(f'"{" ".join(typed.split())}" could be {listed}; type more of the name')
    return next(iter(starting.values()), None)
