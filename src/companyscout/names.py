"""Company names compared the way people write them: "ACME, Inc." is "Acme".

Case, accents, punctuation and legal-form suffixes (Inc, LLC, Ltd, GmbH, AG, SA, Corp, Co,
PLC, BV, Pty …) do not make two companies different.
"""

from __future__ import annotations

import re
import unicodedata

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
# "GmbH & Co. KG" and "Pty Ltd" are several suffix words in a row; "& co" reads as "and co".
_CONNECTORS = frozenset({"and"})
_LEADING_ARTICLES = frozenset({"the"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize_company(name: str) -> str:
    """Return the comparable form of a company name: lower-case ASCII words without legal suffixes.

    A name made only of suffix words ("The Company") keeps its words rather than vanish.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace(".", "").replace("'", "").replace("\u2019", "")
    words = _NON_WORD.sub(" ", text).split()
    core = list(words)
    while core and core[0] in _LEADING_ARTICLES:
        core.pop(0)
    while core and (core[-1] in LEGAL_SUFFIXES or core[-1] in _CONNECTORS):
        core.pop()
    return " ".join(core or words)


def same_company(a: str, b: str) -> bool:
    """Return True when two names denote the same company ("Deep Mind" and "DeepMind" too)."""
    key_a = normalize_company(a).replace(" ", "")
    key_b = normalize_company(b).replace(" ", "")
    return bool(key_a) and key_a == key_b
