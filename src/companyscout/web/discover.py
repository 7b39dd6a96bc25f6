"""Page discovery: which pages of a site to fetch for a briefing, ranked by what they are for.

Pure functions over links already in hand (the home page's anchors, sitemap entries, feed links);
nothing here touches the network. Roles come from URL path words and anchor text, in the
languages scout meets most. Link traps are cut before ranking: query strings, assets, tag /
category / pagination pages, translations of a page, and spellings of one page
(``x.html``, ``x/index.html``, ``x/``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from companyscout.extract.dates import date_from_url
from companyscout.extract.page import ParsedPage, clean_text, declared_language, is_furniture, resolve_link

# Roles in the order a briefing needs them; each maps to words found in paths or link texts.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "about": (
        "about",
        "about-us",
        "aboutus",
        "who-we-are",
        "company",
        "our-story",
        "story",
        "company-overview",
        "ueber-uns",
        "uber-uns",
        "über-uns",
        "a-propos",
        "apropos",
        "qui-sommes-nous",
        "quienes-somos",
        "sobre",
        "sobre-nosotros",
        "sobre-nos",
        "quem-somos",
        "empresa",
        "wie-zijn-wij",
        "chi-siamo",
        "over-ons",
        "organisation",
        "organization",
    ),
    "mission": (
        "mission",
        "vision",
        "purpose",
        "why",
        "why-we-exist",
        "mission-vision",
        "leitbild",
        "mision",
        "missao",
        "missione",
    ),
    "values": (
        "values",
        "our-values",
        "principles",
        "beliefs",
        "manifesto",
        "werte",
        "valeurs",
        "valores",
        "valori",
        "waarden",
    ),
    "culture": ("culture", "life-at", "working-here", "benefits", "kultur", "cultura"),
    "news": (
        "news",
        "press",
        "press-releases",
        "pressreleases",
        "newsroom",
        "media",
        "blog",
        "announcements",
        "updates",
        "posts",
        "stories",
        "awards",
        "releases",
        "aktuelles",
        "neuigkeiten",
        "presse",
        "actualites",
        "noticias",
        "nieuws",
        "notizie",
        "prensa",
    ),
    "team": (
        "team",
        "teams",
        "our-team",
        "leadership",
        "board",
        "people",
        "staff",
        "management",
        "executives",
        "executive-team",
        "leaders",
        "founders",
        "directors",
        "members",
        "bios",
        "who-we-are",
        "equipe",
        "équipe",
        "ansprechpartner",
        "mitarbeiter",
        "vorstand",
        "equipo",
        "governance",
        "council",
        "trustees",
    ),
    "careers": (
        "careers",
        "career",
        "jobs",
        "job",
        "job-postings",
        "working-at",
        "work-at",
        "open-roles",
        "open-positions",
        "join",
        "join-us",
        "join-our-team",
        "join-the-team",
        "work-with-us",
        "hiring",
        "karriere",
        "stellenangebote",
        "emplois",
        "emploi",
        "rejoindre",
        "recrutement",
        "empleo",
        "vacancies",
        "vacatures",
        "werken-bij",
        "carreiras",
        "vagas",
        "trabalhe-conosco",
        "trabaja-con-nosotros",
        "empleos",
        "lavora-con-noi",
        "opportunities",
    ),
}
# How much each role is worth to a briefing; the plan fills the most valuable roles first.
ROLE_WEIGHT: dict[str, float] = {
    "about": 10.0,
    "mission": 9.0,
    "values": 9.0,
    "team": 9.0,
    "news": 9.0,
    "careers": 6.0,
    "culture": 7.0,
}
# Team pages that name the leadership come before those of boards, councils and members: a
# briefing needs the executives' titles first, and a board lists outsiders too.
LEADERSHIP_PAGES = ("leadership", "executives", "executive-team", "management", "founders", "leaders")
GOVERNANCE_PAGES = ("board", "trustees", "council", "governance", "members", "advisors")
TEAM_PAGE_PREFERENCE = {"leadership": 1.15, "governance": 0.9}
# Sections whose sub-pages are entries (a person, a news item) rather than sections.
ENTRY_ROLES = {"team": "person", "news": "item"}
# Links found in menus count most; guessed paths least (they may not exist).
ORIGIN_WEIGHT: dict[str, float] = {"nav": 1.0, "page": 0.9, "feed": 0.6, "sitemap": 0.5, "guess": 0.4}
# A role's second page is worth a request only when its own name or label says the role (a
# path's own segment scores 0.8-1.0, a menu label 0.7-0.9); a page only below one (0.6 and less)
# is not.
SECOND_CHOICE_SURENESS = 0.7
# Pages of each role worth fetching before the plan moves on to second choices.
ROLE_QUOTA: dict[str, int] = {
    "about": 2,
    "mission": 1,
    "values": 1,
    "team": 2,
    "news": 2,
    "careers": 1,
    "culture": 1,
}

ASSET_EXTENSIONS = frozenset(
    "pdf jpg jpeg png gif svg webp avif ico css js json xml rss atom zip gz tgz tar mp4 mp3 mov "
    "avi webm woff woff2 ttf eot doc docx xls xlsx ppt pptx csv txt ics dmg exe".split()
)
# Path segments of listing traps: tags, categories, authors, archives by page number.
TRAP_SEGMENTS = frozenset(
    {
        "tag",
        "tags",
        "category",
        "categories",
        "author",
        "authors",
        "page",
        "feed",
        "search",
        "wp-json",
        "cdn-cgi",
        "login",
        "cart",
        "checkout",
    }
)
LANGUAGE_CODES = frozenset(
    "ar bg bn ca cs da de el en es et fa fi fr ga he hi hr hu id it ja jp ko lt lv ms nl no nb "
    "pl pt ro ru sk sl sr sv th tr uk vi zh zh-cn zh-tw pt-br en-us en-gb".split()
)
# Where sites commonly keep the pages a briefing needs; tried only when the home page links to
# none of them (menus built by scripts).
COMMON_PATHS = (
    "about/",
    "about-us/",
    "team/",
    "people/",
    "news/",
    "press/",
    "blog/",
    "careers/",
    "about/mission/",
    "about/team/",
    "about/people/",
    "about/press/",
)
# A home page linking to fewer pages of distinct roles than this, and to fewer pages of its site
# than MIN_SITE_LINKS, has a menu built by scripts: the common places are tried instead.
MIN_ROLES_LINKED = 2
MIN_SITE_LINKS = 5
# Link texts longer than this are teasers, not menu labels.
MAX_MENU_WORDS = 5
# How sure a menu label that is a role's own name makes a guess, next to a path's 1.0.
MENU_LABEL_SURENESS = 0.85
# Links read from one page: enough for any menu and listing, and a bound on link traps.
MAX_LINKS_PER_PAGE = 5000
_INDEX_PAGE = re.compile(r"/(?:index|default|home)\.(?:html?|php|aspx?)$", re.IGNORECASE)
_PAGE_SUFFIX = re.compile(r"\.(?:html?|php|aspx?)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Link:
    """A same-site URL seen while discovering, with the anchor text that pointed at it."""

    url: str
    text: str = ""
    origin: str = "page"  # "nav" (menus, header, footer), "page", "sitemap" or "feed"


@dataclass(frozen=True)
class PlannedPage:
    """A page the briefing will fetch, and why."""

    url: str
    role: str
    score: float


def page_key(url: str) -> str:
    """Return one key for all spellings of a page (``x.html``, ``x/index.html``, ``x/``)."""
    parts = urlsplit(url)
    path = _INDEX_PAGE.sub("/", parts.path or "/")
    path = _PAGE_SUFFIX.sub("", path).rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path.lower(), "", ""))


def _segments(url: str) -> list[str]:
    path = _PAGE_SUFFIX.sub("", _INDEX_PAGE.sub("/", urlsplit(url).path))
    return [s.lower() for s in path.split("/") if s]


def _language_of_segment(segment: str) -> str | None:
    if segment in LANGUAGE_CODES:
        return segment
    # "mission-de", "about_fr": a translation of a page named in the site's language
    for separator in "-_":
        stem, _, suffix = segment.rpartition(separator)
        if stem and suffix in LANGUAGE_CODES and len(suffix) == 2:
            return suffix
    return None


def translation_language(url: str, home_url: str, main_language: str | None = None) -> str | None:
    """Return the language code that marks ``url`` as a translation (``/es/news/``), or None.

    The site's main language is the one the home page's own path starts with, or the one it
    declares (``main_language``): pages in it are no translations.
    """
    home = _segments(home_url)
    for position, segment in enumerate(_segments(url)):
        language = _language_of_segment(segment)
        if language is None:
            continue
        if position < len(home) and home[position] == segment:
            continue
        if main_language and language.split("-")[0] == main_language:
            continue
        return language
    return None


def is_trap(url: str) -> bool:
    """Return True for URLs never worth a page of the budget: queries, assets, listings' pages."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or parts.query:
        return True
    segments = _segments(url)
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    if "." in last and last.rsplit(".", 1)[-1].lower() in ASSET_EXTENSIONS:
        return True
    if "@" in last or "*" in parts.path:  # saved query strings, literal globs
        return True
    return any(s in TRAP_SEGMENTS for s in segments) or any(
        s.isdigit() and len(s) <= 3 and i > 0 and segments[i - 1] == "page" for i, s in enumerate(segments)
    )


def _phrase_words(parts: list[str], role_words: tuple[str, ...]) -> int:
    """Return the number of words of the longest of ``role_words`` that ``parts`` hold in a row.

    ``work-at-acme`` holds ``work-at`` (2), "Meet the team" holds ``team`` (1): a role word is a
    word or a hyphenated phrase, and a path segment or menu label may say more around it.
    """
    joined = "-" + "-".join(parts) + "-"
    return max((word.count("-") + 1 for word in role_words if "-" + word + "-" in joined), default=0)


def _holds_phrase(parts: list[str], role_words: tuple[str, ...]) -> bool:
    return _phrase_words(parts, role_words) > 0


def _longest_phrases(parts: list[str]) -> dict[str, int]:
    return dict(_longest_phrases_of(tuple(parts)))


@functools.lru_cache(maxsize=4096)
def _longest_phrases_of(parts: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Return, per role, whether ``parts`` hold its longest-matching phrase: "join-our-team" is
    careers (3 words), not the team that its last word names."""
    lengths = {role: _phrase_words(list(parts), role_words) for role, role_words in ROLE_WORDS.items()}
    longest = max(lengths.values(), default=0)
    return tuple((role, length) for role, length in lengths.items() if length and length == longest)


@functools.lru_cache(maxsize=4096)  # pure, and asked again for every menu link at each re-plan
def classify(url: str, text: str = "") -> tuple[str, float] | None:
    """Return the role of a page and how sure the guess is (0–1), from its path and link text.

    A page below a team or news section whose own name is no role word is one entry of that
    section: a ``person`` or an ``item`` page, followed only from its listing.
    """
    segments = _segments(url)
    words = [w.lower() for w in _WORD.findall(clean_text(text).replace("’", "'").replace("'", ""))]
    if len(words) > MAX_MENU_WORDS:
        words = []  # a card's whole text, not a menu label: its words say little of the target
    joined_text = "-".join(words)
    best: tuple[str, float] | None = None
    last_matched = False
    segment_phrases = [_longest_phrases(segment.split("-")) for segment in reversed(segments)]
    text_phrases = _longest_phrases(words) if words else {}
    for role, role_words in ROLE_WORDS.items():
        score = 0.0
        for depth, segment in enumerate(reversed(segments)):
            if segment in role_words:
                score = max(score, 1.0 if depth == 0 else 0.6 / depth)
            elif role in segment_phrases[depth]:
                score = max(score, 0.8 if depth == 0 else 0.4 / depth)
            if depth == 0 and score:
                last_matched = True
        if words:
            if joined_text in role_words:
                # A menu label that is a role's own name ("Leadership", "Job postings"); a path
                # that names another role exactly still wins ("Who we are" → /team/).
                score = max(score, MENU_LABEL_SURENESS)
            elif role in text_phrases:
                score = max(score, 0.9) if score else 0.7
        if score and (best is None or score * ROLE_WEIGHT[role] > best[1] * ROLE_WEIGHT[best[0]]):
            best = (role, score)
    if best and not last_matched and len(segments) >= 2 and best[0] in ENTRY_ROLES:
        parent = segments[-2]
        if parent in ROLE_WORDS[best[0]] or set(parent.split("-")) & set(ROLE_WORDS[best[0]]):
            return ENTRY_ROLES[best[0]], best[1]
    if best and len(segments) >= 2 and not any(segments[-1] in role_words for role_words in ROLE_WORDS.values()):
        # /blog/why-mixed-plastics-need-enzymes, /news/our-founding-story: a post's slug that
        # happens to hold a role word is one entry of its section, not a section of the site.
        for role, entry in ENTRY_ROLES.items():
            if segments[-2] in ROLE_WORDS[role]:
                return entry, best[1]
    return best


def site_aliases(page: ParsedPage) -> frozenset[str]:
    """Return the host names a page gives its own site (canonical link, og:url) besides its own.

    A site served at another address than its public one (a mirror, a staging or local copy)
    still links to itself by its public name; those links are the site's own pages.
    """
    own = (urlsplit(page.url).hostname or "").lower()
    hosts = set()
    for value in page.tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        host = (urlsplit(value.strip()).hostname or "").lower()
        if host and host != own:
            hosts.add(host)
            hosts.add(host[4:] if host.startswith("www.") else "www." + host)
    return frozenset(hosts)


def page_links(page: ParsedPage, aliases: frozenset[str] = frozenset()) -> list[Link]:
    """Return the links of a page, resolved, without fragments, navigation marked as such.

    Links to one of ``aliases`` (the site's public host names) are moved to the page's host.
    """
    base = page.tree.xpath("//base/@href")
    base_url = urljoin(page.url, base[0]) if base else page.url
    origin = urlsplit(page.url)
    links: list[Link] = []
    for anchor in page.tree.iter("a"):
        if len(links) >= MAX_LINKS_PER_PAGE:
            break
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        url = resolve_link(base_url, href).split("#", 1)[0]
        if aliases:
            parts = urlsplit(url)
            if (parts.hostname or "").lower() in aliases:
                url = urlunsplit((origin.scheme, origin.netloc, parts.path, parts.query, ""))
        where = "nav" if is_furniture(anchor) else "page"
        links.append(Link(url, clean_text(anchor.text_content()), where))
    return links


def page_language(page: ParsedPage) -> str | None:
    """Return the page's declared language (``en`` from ``<html lang="en-US">``), or None."""
    lang = declared_language(page)
    return lang.split("-")[0] if lang else None


def _team_preference(link: Link) -> float:
    """Return how much a team page's plan score is raised (leadership) or lowered (a board)."""
    words = _segments(link.url)[-1:] + ["-".join(w.lower() for w in _WORD.findall(link.text))]
    for kind, kind_words in (("leadership", LEADERSHIP_PAGES), ("governance", GOVERNANCE_PAGES)):
        if any(_holds_phrase(word.split("-"), kind_words) for word in words if word):
            return TEAM_PAGE_PREFERENCE[kind]
    return 1.0


@functools.lru_cache(maxsize=16384)  # the plan is made again as pages arrive, over the same menus
def _rated(link: Link, home_url: str, language: str | None) -> tuple[str, str, float, float] | None:
    """Return a link's page key, role, sureness and plan value, or None when it is not worth planning."""
    if is_trap(link.url):
        return None
    key = page_key(link.url)
    if key == page_key(home_url) or translation_language(link.url, home_url, language):
        return None
    if date_from_url(link.url):
        return None  # a dated path is one item of a listing, not a section of the site
    guess = classify(link.url, link.text)
    if guess is None:
        return None
    role, sureness = guess
    if role not in ROLE_WEIGHT:
        return None  # entries are followed from their listing, never planned on their own
    preference = _team_preference(link) if role == "team" else 1.0
    origin_bonus = ORIGIN_WEIGHT.get(link.origin, 0.5)
    depth_penalty = 0.05 * max(0, len(_segments(link.url)) - 1)
    return key, role, sureness, ROLE_WEIGHT[role] * sureness * preference * origin_bonus - depth_penalty


def plan_pages(
    home_url: str,
    links: Iterable[Link],
    *,
    max_pages: int,
    in_scope: Callable[[str], bool],
    reserve: int = 0,
    fill: bool = False,
    language: str | None = None,
) -> list[PlannedPage]:
    """Return at most ``max_pages - 1 - reserve`` pages to fetch after the home page, best first.

    Each role gets its quota of best pages; with ``fill``, the rest of the budget goes to the
    next best pages of any role (each page more costs time, so a briefing does not fill it).
    ``reserve`` keeps room for items a listing leads to; ``language`` is the site's main one.
    """
    budget = max(0, max_pages - 1 - reserve)
    best_by_key: dict[str, PlannedPage] = {}
    sureness_by_key: dict[str, float] = {}
    for order, link in enumerate(links):
        if not in_scope(link.url):
            continue
        rated = _rated(link, home_url, language)
        if rated is None:
            continue
        key, role, sureness, value = rated
        sureness_by_key[key] = max(sureness, sureness_by_key.get(key, 0.0))
        # Earlier links win ties: menus list what matters first.
        score = value - order * 1e-6
        kept = best_by_key.get(key)
        if kept is None or score > kept.score:
            # Keep the spelling first seen when the same page is met again under another one.
            url = kept.url if kept else link.url
            best_by_key[key] = PlannedPage(url, role, score)
    ranked = sorted(best_by_key.values(), key=lambda p: p.score, reverse=True)
    plan: list[PlannedPage] = []
    taken: dict[str, int] = {}
    for page in ranked:
        if len(plan) >= budget:
            break
        second_choice = taken.get(page.role, 0) > 0
        if second_choice and sureness_by_key[page_key(page.url)] < SECOND_CHOICE_SURENESS:
            continue  # /about/faq/ sits below the about page but is no page about the organisation
        if taken.get(page.role, 0) < ROLE_QUOTA.get(page.role, 1):
            plan.append(page)
            taken[page.role] = taken.get(page.role, 0) + 1
    for page in ranked if fill else ():
        if len(plan) >= budget:
            break
        if page not in plan:
            plan.append(page)
    return plan


def guessed_links(home_url: str) -> list[Link]:
    """Return the common places of about, team, news and careers pages under ``home_url``."""
    base = home_url if home_url.endswith("/") else home_url.rsplit("/", 1)[0] + "/"
    return [Link(urljoin(base, path), "", "guess") for path in COMMON_PATHS]


def roles_linked(plan: Iterable[PlannedPage]) -> set[str]:
    """Return the roles a plan covers."""
    return {page.role for page in plan}
