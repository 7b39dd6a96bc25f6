"""Wikidata's public API: entity search by name, and the facts scout reads from an entity.

Two calls: ``wbsearchentities`` finds items whose label or alias matches a name, and
``wbgetentities`` gives their statements, of which scout reads "official website" (P856)
and "instance of" (P31).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from companyscout.errors import FetchError
from companyscout.safe import one_line, safe_url
from companyscout.sources.external import HttpGet, fetch_ok

API_URL = "https://www.wikidata.org/w/api.php"
SERVICE = "Wikidata"
SEARCH_LIMIT = 7  # the API's own default: a page of likely matches, not a crawl

OFFICIAL_WEBSITE = "P856"
INSTANCE_OF = "P31"
END_TIME = "P582"
LANGUAGE_OF_WORK = "P407"
ENGLISH = "Q1860"

# Scripts whose names Wikidata holds under another language than English; the search
# language decides which labels and aliases are matched.
_SCRIPT_LANGUAGES = (
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("HANGUL", "ko"),
    ("CJK", "zh"),
    ("CYRILLIC", "ru"),
    ("GREEK", "el"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("THAI", "th"),
    ("DEVANAGARI", "hi"),
)


@dataclass(frozen=True)
class SearchHit:
    """An item found by name: its id, label and description, and how the name matched."""

    qid: str
    label: str
    description: str | None
    match_type: str  # "label", "alias", …
    match_text: str


@dataclass(frozen=True)
class EntityFacts:
    """What scout reads of an item: its official websites (best first) and what it is."""

    qid: str
    websites: tuple[str, ...]
    instance_of: frozenset[str]


def search_language(name: str) -> str:
    """Return the Wikidata language code to search ``name`` in, from the script it is written in.

    Kana marks Japanese even when the name also has kanji, so kana is looked for first.
    """
    scripts = set()
    for ch in name:
        if ch.isalpha():
            scripts.add(unicodedata.name(ch, "").split(" ")[0])
    for script, language in _SCRIPT_LANGUAGES:
        if script in scripts:
            return language
    return "en"


def search_entities(name: str, *, limit: int = SEARCH_LIMIT, http_get: HttpGet | None = None) -> list[SearchHit]:
    """Return the items whose label or alias matches ``name``, in Wikidata's order of relevance.

    Raises FetchError when Wikidata cannot be reached or answers with something unexpected.
    """
    language = search_language(name)
    data = _call(
        http_get,
        {
            "action": "wbsearchentities",
            "search": name,
            "language": language,
            "uselang": language,
            "type": "item",
            "format": "json",
            "limit": str(limit),
        },
    )
    results = data.get("search")
    if not isinstance(results, list):
        raise FetchError(f"{SERVICE} answered the search without results; try again later", url=API_URL)
    hits = []
    for result in results:
        hit = _search_hit(result)
        if hit is not None:
            hits.append(hit)
    return hits


def get_entities(qids: Iterable[str], *, http_get: HttpGet | None = None) -> dict[str, EntityFacts]:
    """Return the official websites and types of the items ``qids`` (missing items left out).

    Raises FetchError when Wikidata cannot be reached or answers with something unexpected.
    """
    ids = list(dict.fromkeys(qids))
    if not ids:
        return {}
    data = _call(
        http_get,
        {"action": "wbgetentities", "ids": "|".join(ids), "props": "claims", "format": "json"},
    )
    entities = data.get("entities")
    if not isinstance(entities, dict):
        raise FetchError(f"{SERVICE} answered without the entities asked for; try again later", url=API_URL)
    facts: dict[str, EntityFacts] = {}
    for key, entity in entities.items():
        if not isinstance(entity, dict) or "missing" in entity:
            continue
        claims = entity.get("claims")
        claims = claims if isinstance(claims, dict) else {}
        qid = str(entity.get("id") or key)
        facts[qid] = EntityFacts(
            qid=qid,
            websites=official_websites(claims.get(OFFICIAL_WEBSITE)),
            instance_of=frozenset(_item_ids(claims.get(INSTANCE_OF))),
        )
        facts.setdefault(key, facts[qid])  # the key asked for, should the item be a redirect
    return facts


def official_websites(statements: Any) -> tuple[str, ...]:
    """Return the http(s) URLs of P856 statements, best first.

    Deprecated statements and those with an end time (a former website) are left out;
    preferred rank comes first, then English or language-neutral sites, then the rest.
    """
    ranked: list[tuple[int, int, int, str]] = []
    for position, statement in enumerate(statements if isinstance(statements, list) else []):
        if not isinstance(statement, dict) or statement.get("rank") == "deprecated":
            continue
        qualifiers = statement.get("qualifiers")
        qualifiers = qualifiers if isinstance(qualifiers, dict) else {}
        if END_TIME in qualifiers:
            continue
        value = _snak_value(statement.get("mainsnak"))
        url = safe_url(value) if isinstance(value, str) else None
        if url is None:
            continue
        languages = set(_item_ids(qualifiers.get(LANGUAGE_OF_WORK), qualifier=True))
        foreign = 1 if languages and ENGLISH not in languages else 0
        rank = 0 if statement.get("rank") == "preferred" else 1
        ranked.append((rank, foreign, position, url))
    return tuple(dict.fromkeys(url for *_, url in sorted(ranked)))


# -- internals -------------------------------------------------------------------------------


def _call(http_get: HttpGet | None, params: Mapping[str, str]) -> dict[str, Any]:
    """Return the decoded JSON object of an API call, or raise FetchError."""
    body = fetch_ok(http_get, API_URL, service=SERVICE, params=params, kind="api")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise FetchError(f"{SERVICE} answered with something that is not JSON; try again later", url=API_URL) from None
    if not isinstance(data, dict):
        raise FetchError(f"{SERVICE} answered with unexpected JSON; try again later", url=API_URL)
    error = data.get("error")
    if error:
        info = error.get("info") if isinstance(error, dict) else error
        raise FetchError(f"{SERVICE} refused the request ({one_line(str(info))[:200]})", url=API_URL)
    return data


def _search_hit(result: Any) -> SearchHit | None:
    if not isinstance(result, dict) or not isinstance(result.get("id"), str):
        return None
    match: dict[str, Any] = result["match"] if isinstance(result.get("match"), dict) else {}
    label = _text(result.get("label")) or _text(match.get("text")) or result["id"]
    return SearchHit(
        qid=result["id"],
        label=label,
        description=_text(result.get("description")),
        match_type=str(match.get("type") or ""),
        match_text=_text(match.get("text")) or label,
    )


def _text(value: Any) -> str | None:
    """Return API text as one clean line, or None when absent or blank."""
    if not isinstance(value, str):
        return None
    return one_line(value) or None


def _snak_value(snak: Any) -> Any:
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    datavalue = snak.get("datavalue")
    return datavalue.get("value") if isinstance(datavalue, dict) else None


def _item_ids(statements: Any, *, qualifier: bool = False) -> Iterable[str]:
    """Yield the item ids that statements (or qualifier snaks) point to."""
    for statement in statements if isinstance(statements, list) else []:
        if not isinstance(statement, dict):
            continue
        value = _snak_value(statement if qualifier else statement.get("mainsnak"))
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            yield value["id"]
