"""A company's name → its website, through the user's own records first, then Wikidata.

Ambiguity is shown, never guessed silently: one clear winner is used (and the caller says
so), several plausible ones are listed for the user to choose with ``--pick N``, a more
exact name or ``--site URL``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tinydb import Query

from companyscout.briefs import find_briefing
from companyscout.errors import FetchError, ResolveError
from companyscout.names import normalize_company
from companyscout.sources import wikidata
from companyscout.sources.external import HttpGet
from companyscout.store import COMPANIES, Database, now_iso, open_database
from companyscout.target import site_key, site_root

# "instance of" (P31) values that make an item an organisation. Wikidata has thousands of
# subclasses; the common ones are listed here and the description catches most others.
ORGANISATION_TYPES = frozenset(
    {
        "Q43229",  # organization
        "Q4830453",  # business
        "Q783794",  # company
        "Q6881511",  # enterprise
        "Q891723",  # public company
        "Q1589009",  # privately held company
        "Q167037",  # corporation
        "Q161726",  # multinational corporation
        "Q18388277",  # technology company
        "Q1058914",  # software company
        "Q210167",  # video game developer
        "Q163740",  # nonprofit organization
        "Q219577",  # holding company
        "Q658255",  # subsidiary
        "Q22687",  # bank
        "Q46970",  # airline
        "Q3918",  # university
        "Q31855",  # research institute
        "Q2085381",  # publisher
    }
)
HUMAN = "Q5"
_ORGANISATION_WORDS = re.compile(
    r"\b(?:company|companies|corporation|business|enterprise|firm|start-?up|manufacturer|maker|"
    r"retailer|bank|airline|publisher|agency|organi[sz]ation|non-?profit|foundation|cooperative|"
    r"conglomerate|brand|studio|laboratory|institute|university|consultancy|provider|operator|"
    r"subsidiary|developer of)\b",
    re.IGNORECASE,
)
NEXT_STEPS = "pass the website with --site URL, a more exact name, or --pick N to choose from the list"


@dataclass
class ResolvedSite:
    """The website a name resolved to, and a line for the user saying where it came from."""

    url: str
    label: str
    description: str | None
    qid: str | None
    message: str  # "Acme Robotics → https://acme.com/ (Wikidata Q123)"


@dataclass(frozen=True)
class Candidate:
    """A Wikidata item the name may denote, with its official website if it has one."""

    label: str
    description: str | None
    website: str | None
    qid: str
    exact: bool  # the label or an alias is the name typed (legal suffixes aside)
    organisation: bool

    @property
    def plausible(self) -> bool:
        """Return True when the item may well be the company meant: named exactly, or an organisation."""
        return self.exact or self.organisation

    @property
    def clear(self) -> bool:
        """Return True for an organisation named exactly as typed: a winner when it is the only one."""
        return self.exact and self.organisation

    def title(self) -> str:
        """Return "Label (description)"."""
        return f"{self.label} ({self.description})" if self.description else self.label

    def line(self) -> str:
        """Return "Label (description) https://…" for a numbered list."""
        return f"{self.title()} {self.website or '(no official website)'}"


class AmbiguousName(ResolveError):
    """Several websites are plausible for a name; ``choices`` lists them in ``--pick`` order."""

    def __init__(self, message: str, choices: list[Candidate]) -> None:
        super().__init__(message)
        self.choices = choices


def resolve_name(
    name: str, *, pick: int | None = None, http_get: HttpGet | None = None, db: Database | None = None
) -> ResolvedSite:
    """Return the website of the company called ``name``.

    The user's earlier resolutions and briefings answer first, without a request; otherwise
    Wikidata is searched and the resolution remembered. ``pick`` (1-based) chooses from the
    list an AmbiguousName error showed, and always asks Wikidata afresh.
    Raises AmbiguousName, ResolveError (no match, no website, Wikidata unreachable), and
    StoreError when the database cannot be read or written.
    """
    name = " ".join(name.split())
    if not name:
        raise ResolveError("the company name is empty; pass a name or --site URL")
    db = db or open_database()
    if pick is None:
        known = remembered_site(name, db=db)
        if known is not None:
            return known
    try:
        candidates = find_candidates(name, http_get=http_get)
    except FetchError as exc:
        raise ResolveError(f"cannot look up '{name}': {exc}; pass the website with --site URL") from exc
    chosen = choose_candidate(name, candidates, pick=pick)
    assert chosen.website is not None  # choose_candidate only returns items with a website
    remember_resolution(db, name, chosen.website, qid=chosen.qid, label=chosen.label)
    return ResolvedSite(
        url=chosen.website,
        label=chosen.label,
        description=chosen.description,
        qid=chosen.qid,
        message=f"{name} → {chosen.website} (Wikidata {chosen.qid})",
    )


def resolve_name_offline(name: str, *, db: Database | None = None) -> ResolvedSite | None:
    """Return the website the user's own records give for ``name``, without any request, or None."""
    name = " ".join(name.split())
    return remembered_site(name, db=db or open_database()) if name else None


def find_candidates(name: str, *, http_get: HttpGet | None = None) -> list[Candidate]:
    """Return the Wikidata items ``name`` may denote, most likely first.

    Organisations named exactly as typed come first, then exact names, then organisations,
    then Wikidata's order. Items sharing a website appear once. Raises ResolveError when
    nothing matches, FetchError when Wikidata cannot be reached.
    """
    hits = wikidata.search_entities(name, http_get=http_get)
    if not hits:
        raise ResolveError(f"Wikidata knows nothing called '{name}'; pass the company's website with --site URL")
    facts = wikidata.get_entities([hit.qid for hit in hits], http_get=http_get)
    wanted = company_key(name)
    ranked: list[tuple[tuple[bool, bool, bool, bool, int], Candidate]] = []
    for position, hit in enumerate(hits):
        entity = facts.get(hit.qid)
        websites = entity.websites if entity else ()
        types = entity.instance_of if entity else frozenset()
        label_exact = company_key(hit.label) == wanted
        exact = label_exact or company_key(hit.match_text) == wanted
        organisation = HUMAN not in types and (
            bool(types & ORGANISATION_TYPES) or bool(_ORGANISATION_WORDS.search(hit.description or ""))
        )
        candidate = Candidate(
            label=hit.label,
            description=hit.description,
            website=site_root(websites[0]) if websites else None,
            qid=hit.qid,
            exact=exact,
            organisation=organisation,
        )
        key = (not candidate.clear, not exact, not organisation, not label_exact, position)
        ranked.append((key, candidate))
    candidates: dict[str, Candidate] = {}
    for _, candidate in sorted(ranked, key=lambda pair: pair[0]):
        candidates.setdefault(site_key(candidate.website) if candidate.website else candidate.qid, candidate)
    return list(candidates.values())


def choose_candidate(name: str, candidates: list[Candidate], *, pick: int | None = None) -> Candidate:
    """Return the candidate to use: the one picked, or the one clear winner.

    A winner is the only organisation named exactly as typed, or the only plausible item at
    all; an exact match without a website keeps a lesser one from winning. Raises
    AmbiguousName listing the choices (items with a website), ResolveError when none has one.
    """
    sited = [c for c in candidates if c.website]
    if not sited:
        raise ResolveError(_no_website_message(name, candidates))
    plausible_sited = [c for c in sited if c.plausible]
    listed = plausible_sited or sited
    # Organisations without a website are named, so that the user knows why theirs is not listed.
    notes = [
        f"  (also {c.title()}, {c.qid}: Wikidata lists no official website)"
        for c in candidates
        if not c.website and c.organisation
    ]
    if pick is not None:
        if 1 <= pick <= len(listed):
            return listed[pick - 1]
        intro = f"--pick {pick} is not in the list of {len(listed)} for '{name}':"
        raise AmbiguousName(
            _listing(intro, listed, notes) + "\npass --pick N with N from the list, or --site URL", listed
        )
    top = listed[0]
    plausible = [c for c in candidates if c.plausible]
    if plausible == [top] or (top.clear and [c for c in candidates if c.clear] == [top]):
        return top
    if not plausible_sited:
        intro = f"Wikidata has no organisation with a website called '{name}'; the nearest matches are:"
    else:
        intro = f"'{name}' may be any of these (Wikidata):"
    raise AmbiguousName(_listing(intro, listed, notes) + f"\n{NEXT_STEPS}", listed)


def remembered_site(name: str, *, db: Database) -> ResolvedSite | None:
    """Return the website the user's earlier resolutions or briefings give for ``name``, or None."""
    key = company_key(name)
    with db.read() as tdb:
        record = tdb.table(COMPANIES).get((Query().normalized == key) & (Query().website.exists())) if key else None
    if record is not None and isinstance(record.get("website"), str):
        qid = record.get("qid")
        origin = f"Wikidata {qid}, remembered" if qid else "remembered"
        return ResolvedSite(
            url=record["website"],
            label=str(record.get("label") or record.get("name") or name),
            description=None,
            qid=qid,
            message=f"{name} → {record['website']} ({origin})",
        )
    briefing = find_briefing(db, name)
    if briefing is not None and briefing.website:
        return ResolvedSite(
            url=briefing.website,
            label=briefing.company,
            description=briefing.description,
            qid=None,
            message=f"{name} → {briefing.website} (from your briefing of {briefing.company})",
        )
    return None


def remember_resolution(
    db: Database, name: str, website: str, *, qid: str | None = None, label: str | None = None
) -> None:
    """Store that ``name`` means ``website`` (also for a name given with ``--site``)."""
    stamp = now_iso()
    record = {
        "name": name,
        "normalized": company_key(name),
        "website": website,
        "qid": qid,
        "label": label or name,
        "updated": stamp,
    }
    with db.transaction() as tdb:
        table = tdb.table(COMPANIES)
        existing = table.get(Query().normalized == record["normalized"])
        if existing is None:
            table.insert({**record, "created": stamp})
        else:
            table.update(record, doc_ids=[existing.doc_id])


def company_key(name: str) -> str:
    """Return the form under which a name is compared and remembered.

    ``normalize_company`` keeps ASCII words only; a name in another script (トヨタ自動車)
    is compared by its case-folded NFKC form instead, so it never collapses to "".
    """
    if any(ch.isalpha() and not _latin(ch) for ch in name):
        return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    return normalize_company(name)


def _latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def _listing(intro: str, listed: list[Candidate], notes: list[str]) -> str:
    lines = [intro] + [f"  {number}. {c.line()}" for number, c in enumerate(listed, start=1)]
    return "\n".join(lines + notes)


def _no_website_message(name: str, candidates: list[Candidate]) -> str:
    meant = [c for c in candidates if c.plausible] or candidates
    if len(meant) == 1:
        only = meant[0]
        about = f", {only.description}" if only.description else ""
        return (
            f"Wikidata knows '{only.label}' ({only.qid}{about}) but lists no official website for it; "
            "pass the website with --site URL"
        )
    return (
        f"none of the {len(candidates)} Wikidata matches for '{name}' lists an official website; "
        "pass the company's website with --site URL"
    )
