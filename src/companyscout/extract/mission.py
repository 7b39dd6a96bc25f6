"""The organisation's stated mission: the clearest sentence(s) in which it says why it exists.

Candidates, each scored, and the best one wins:

- a sentence that says so ("Our mission is to …", "… on a mission to …", "We exist to …");
- the first statement under a heading that names it ("Our mission", "Purpose", "Why we exist");
- a hero tagline or site-wide strapline that states a purpose ("We help X do Y");
- JSON-LD ``slogan`` and meta descriptions, when they say "mission" themselves.

A description is not a mission: a sentence that only says what the organisation is
("Acme is a robotics company in Ohio") never becomes one, so ``mission`` stays None on
sites that state none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companyscout.extract.caseless import CaselessPattern
from companyscout.extract.page import ParsedPage
from companyscout.extract.profile import json_ld_text, meta_tags, organisation_data
from companyscout.extract.text import (
    NOT_STATEMENTS,
    Block,
    guess_language,
    page_is_about,
    page_text,
    split_sentences,
    word_count,
)
from companyscout.model import Mission

# Sentences that name the mission outright, in a few languages; the score says how plainly.
_STRONG_CUES = CaselessPattern(
    r"\b(?:mission|purpose) (?:is|has always been|has been|remains)\b|\bmission ?:\s"
    r"|\bon a mission to\b|\bwe exist to\b|\breason for being is\b"
    r"|\b(?:our|the) (?:organi[sz]ation|company|foundation|association|society|coalition|project) exists to\b"
    r"|\bnotre mission est\b|\bunsere mission ist\b|\bnuestra misi[oó]n es\b|\bnossa miss[aã]o [eé]\b"
    r"|\bla nostra missione [eè]\b|\bonze missie is\b"
)
_MEDIUM_CUES = CaselessPattern(
    r"\bwith (?:a|the|our) (?:mission|goal|aim|purpose) (?:to|of)\b|\bwhose (?:goal|aim|purpose) is\b"
    r"|\bour (?:goal|aim|ambition) is to\b|\bwe aim to\b|\bwe strive to\b|\bwe are dedicated to\b"
    r"|\bwe are committed to\b|\bis dedicated to\b|\bis committed to\b|\bwith the goal of\b"
)
# A word that every cue above holds: a block without one is passed over at once.
_CUE_WORDS = CaselessPattern(r"\b(?:mis+i|miss[aã]o|purpose|exist|reason|goal|aim|ambition|strive|dedicated|committed)")
# Links and buttons that mention the mission without stating it ("Learn more about our mission",
# "The mission statement is available at …", "… ist über archive.example.org abrufbar").
_CALL_TO_ACTION = re.compile(
    r"^(?:learn|read|find out|discover|click|see|join|donate|support|watch|explore|more)\b"
    r"|\b(?:is|are) available (?:at|on|here|from)\b|\bcan be found\b|\bclick here\b|\bdownload\b"
    # A statement that points at a web address, in any language, is a reference to the mission.
    r"|https?://|\bwww\.|\b[\w-]+\.(?:org|com|net|io|edu|gov)\b",
    re.I,
)
# Headings that announce the mission (alone or with a vision).
_MISSION_HEADING = re.compile(
    r"\bmission\b|\bpurpose\b|\bwhy we exist\b|\bwhat we stand for\b|\braison d['’][eê]tre\b"
    r"|\bmisi[oó]n\b|\bmiss[aã]o\b|\bmissione\b|\bmissie\b|\bleitbild\b|\bprop[oó]sito\b",
    re.I,
)
# Words that say the organisation acts for a purpose; a strapline without one is a description.
_PURPOSE = CaselessPattern(
    r"\b(?:help|helps|helping|enable|enables|enabling|empower|empowers|empowering|ensure|ensures|"
    r"ensuring|fight|fights|fighting|advance|advances|advancing|promote|promotes|promoting|"
    r"democratiz\w*|democratis\w*|connect|connects|connecting|deliver|delivers|protect|protects|"
    r"improve|improves|improving|accelerate|accelerates|transform|transforms|advocate|advocates|"
    r"champion|champions|dedicated|committed|strive|strives|aim|aims|so that|in order to|"
    r"make it (?:easier|possible)|bring|brings|bringing)\b"
)
# Marketing claims: a rank, a superlative, social proof, or a product as the subject ("The #1
# platform for payroll", "Trusted by 4,000 teams", "The easiest way to …"). A tagline or lead
# that makes one sells a product; it does not say why the organisation exists.
_RANK = (
    r"(?:[\w-]+['’]s )?(?:#\s?1|no\. ?1|number one|leading|best|fastest|easiest|simplest|smartest|largest|"
    r"top-rated|award-winning|most (?:trusted|popular|powerful|loved|advanced))\b"
)
# The rank is a claim where the organisation or its product holds it ("The leading …", "Acme is
# the best …"), not where it describes the people served ("We help the leading labs …").
_CLAIM = re.compile(
    rf"#\s?1\b|\bnumber one\b|^(?:the |a |an |your |our )?{_RANK}|\b(?:is|are|we['’]re|as) (?:the |a |an ){_RANK}"
    r"|\b(?:trusted|used|loved|chosen) by\b|\bjoin (?:over |more than )?[\d,.]+"
    r"|^(?:the|a|an|your|one) (?:[\w-]+ ){0,3}(?:platform|app|software|solution|tool|tools|suite|system|way|api|crm)\b",
    re.I,
)
# A promise about the service rather than a purpose ("We are committed to the highest quality
# and to finishing on time and on budget"): said without the word "mission", it is not one.
_SERVICE_PROMISE = re.compile(
    r"\b(?:highest|high|best|top|superior|premium|excellent|exceptional|outstanding) (?:quality|standards?|"
    r"level of service|service|customer service|care|products?|workmanship)\b|\bcustomer satisfaction\b"
    r"|\bon time and (?:on|within) budget\b|\bcompetitive pric\w*|\byour (?:needs|satisfaction|privacy|experience)\b",
    re.I,
)
_SERVICE_PROMISE_PENALTY = 3.0
# Told as history ("was founded in 2008 with a mission to …"): weaker than a present statement.
_HISTORY = re.compile(
    r"\b(?:was|were) (?:formed|founded|launched|created|started|established|born|on a mission)\b", re.I
)
# Hero and strapline containers, by class or id.
_TAGLINE_HINTS = CaselessPattern(
    r"tagline|slogan|strapline|intro|hero|lead|subtitle|subhead|claim|jumbotron|masthead|mission"
)

_MIN_WORDS = 6
_MIN_HEADED_WORDS = 3
_MAX_WORDS = 70
_MAX_CHARS = 360
# A follow-on sentence shorter than this is a call to action ("Join us!"), not the mission.
_MIN_FOLLOW_ON_WORDS = 6
_MAX_SENTENCES_IN_BLOCK = 3

_ROLE_BONUS = {
    "mission": 2.0,
    "about": 1.0,
    "home": 1.0,
    "values": 1.0,
    "culture": 0.0,
    "careers": -2.0,
    "team": 0.0,
    "news": -2.0,
    "item": -2.0,
    "person": -3.0,
    "other": -3.0,
}
_REGION_BONUS = {"main": 0.0, "header": 0.0, "footer": -1.0, "aside": -1.5}
# A translation of the site is read only when the site's own language states no mission.
_OTHER_LANGUAGE_PENALTY = 8.0
_ABOUT_PAGE = re.compile(r"\babout\b|\bwho we are\b|\bour story\b", re.I)
# A statement whose subject is the organisation itself ("Our mission …", "We …", "Acme's mission …").
_OWN_SUBJECT = r"^(?:our|we|we're|we’re)\b|\bour (?:mission|purpose)\b"
_OWN_SUBJECT_BONUS = 1.0
_OTHER_SUBJECT_PENALTY = 2.0
# The least score a statement needs: an aim stated in passing on a careers, support or news
# page ("we strive to answer every ticket within a day") is not the organisation's mission.
_MIN_SCORE = 6.0


@dataclass
class _Candidate:
    text: str
    source: str
    score: float
    order: int  # page order, then block order: earlier wins a tie


def _statement(block_text: str, cue: CaselessPattern | None) -> str | None:
    """Return the sentence of ``block_text`` that matches ``cue`` (the first one when None),
    with the sentences that continue it in a short paragraph."""
    sentences = split_sentences(block_text)
    if not sentences:
        return None
    start = 0
    if cue is not None:
        hits = [i for i, s in enumerate(sentences) if cue.search(s)]
        if not hits:
            return None
        start = hits[0]
    chosen = [sentences[start]]
    if len(sentences) <= _MAX_SENTENCES_IN_BLOCK:
        for follow in sentences[start + 1 :]:
            if word_count(follow) < _MIN_FOLLOW_ON_WORDS or follow.endswith(("!", "?", ":")):
                break
            if len(" ".join(chosen + [follow])) > _MAX_CHARS:
                break
            chosen.append(follow)
    text = " ".join(chosen)
    if _CALL_TO_ACTION.search(text):
        return None
    if not (_MIN_WORDS <= word_count(text) <= _MAX_WORDS) or len(text) > _MAX_CHARS * 1.5:
        return None
    return text


def _site_language(pages: list[ParsedPage]) -> str | None:
    """Return the language of the home page's main text (the site's first language)."""
    home = next((p for p in pages if p.role == "home"), pages[0] if pages else None)
    if home is None:
        return None
    declared = (home.tree.get("lang") or "").split("-")[0].lower()
    if declared:
        return declared
    sample = " ".join(b.text for b in page_text(home).main_blocks()[:60])
    return guess_language(sample)


def _cue_candidates(block: Block, own: re.Pattern[str]) -> tuple[str, float] | None:
    """Return the statement in ``block`` that names the mission, with how plainly it does.

    A weaker cue ("is committed to") counts less when the organisation is not its subject: it
    is as often said of a partner or a project as of the organisation itself.
    """
    if not _CUE_WORDS.search(block.text):
        return None
    for cue, score in ((_STRONG_CUES, 10.0), (_MEDIUM_CUES, 6.0)):
        if cue.search(block.text):
            text = _statement(block.text, cue)
            if text:
                if _HISTORY.search(text):
                    score -= 3.0
                if not _PURPOSE.search(text) and not re.search(r"\bto\b", text, re.I):
                    score -= 2.0
                if cue is _MEDIUM_CUES and _SERVICE_PROMISE.search(text):
                    score -= _SERVICE_PROMISE_PENALTY
                if cue is _MEDIUM_CUES and not own.search(text):
                    score -= _OTHER_SUBJECT_PENALTY
                return text, score
    return None


def _heading_candidates(page: ParsedPage) -> list[tuple[str, float, int]]:
    """Return the first statement under each heading that announces the mission."""
    found: list[tuple[str, float, int]] = []
    text = page_text(page)
    for section in text.labelled_sections(_MISSION_HEADING):
        heading = section.heading
        if heading.region in NOT_STATEMENTS or heading.in_listing or word_count(heading.text) > 8:
            continue
        # The statement may itself be a heading: a small "Our mission" over a large sentence.
        for block in section.body:
            if block.in_list or block.region in NOT_STATEMENTS:
                continue
            # Under a heading that says so, a mission may be a few words ("Better bread for all.").
            short = (
                _MIN_HEADED_WORDS <= word_count(block.text) < _MIN_WORDS
                and not block.is_heading
                and block.text.endswith(".")
                and not _CALL_TO_ACTION.search(block.text)
            )
            if word_count(block.text) < _MIN_WORDS and not short:
                continue
            cue = _STRONG_CUES if _STRONG_CUES.search(block.text) else None
            statement = block.text if short else _statement(block.text, cue)
            if statement:
                score = 9.0 + (1.0 if _PURPOSE.search(statement) else 0.0)
                if _HISTORY.search(statement):
                    score -= 2.0
                found.append((statement, score + _REGION_BONUS.get(heading.region, 0.0), block.index))
            break
    return found


def _tagline_candidates(page: ParsedPage) -> list[tuple[str, float, int]]:
    """Return hero taglines and straplines of ``page`` that state a purpose."""
    found: list[tuple[str, float, int]] = []
    blocks = page_text(page).blocks
    first_heading_seen = 0
    for block in blocks:
        if block.region in NOT_STATEMENTS or block.region in ("footer", "aside") or block.in_listing:
            continue
        is_hero_heading = block.level in (1, 2) and first_heading_seen < 2
        if block.level in (1, 2):
            first_heading_seen += 1
        hinted = bool(block.hints and _TAGLINE_HINTS.search(block.hints))
        if not (is_hero_heading or hinted):
            continue
        words = word_count(block.text)
        if not (_MIN_WORDS <= words <= 45) or not _PURPOSE.search(block.text):
            continue
        if not block.text.rstrip().endswith((".", "!")) and not hinted:
            continue
        statement = _statement(block.text, _PURPOSE) or block.text
        if not _CLAIM.search(statement):
            found.append((statement, 5.0, block.index))
    return found


def _lead_candidate(page: ParsedPage, own: re.Pattern[str]) -> tuple[str, float, int] | None:
    """Return the first statement of an about or mission page when the organisation says in it
    what it does for whom ("We help farmers sell to restaurants.")."""
    for block in page_text(page).main_blocks():
        if block.is_heading or block.in_list or block.in_listing or word_count(block.text) < _MIN_WORDS:
            continue
        statement = _statement(block.text, None)
        if statement and own.search(statement) and _PURPOSE.search(statement) and not _CLAIM.search(statement):
            return statement, 5.0, block.index
        return None
    return None


def _meta_candidates(page: ParsedPage, own: re.Pattern[str]) -> list[tuple[str, float]]:
    """Return the statements of ``page``'s meta descriptions and JSON-LD that name a mission,
    and a JSON-LD slogan that states a purpose, each with its score."""
    meta = meta_tags(page)
    organisation = organisation_data(page) or {}
    texts = [meta[key] for key in ("description", "og:description") if key in meta]
    texts += [t for t in [json_ld_text(organisation.get("description"))] if t]
    found: list[tuple[str, float]] = []
    for text in texts:
        hit = _cue_candidates(Block(index=0, tag="meta", text=text, region="header"), own)
        if hit:
            found.append((hit[0], hit[1] - 2.0))
    slogan = json_ld_text(organisation.get("slogan"))
    if slogan and _PURPOSE.search(slogan) and word_count(slogan) >= _MIN_WORDS:
        found.append((slogan, 5.0))
    return found


def _page_bonus(page: ParsedPage) -> float:
    """Return how much a statement on ``page`` is trusted, by its role or, failing one, its topic."""
    bonus = _ROLE_BONUS.get(page.role, _ROLE_BONUS["other"])
    if page.role in ("other", "about") and page_is_about(page, _MISSION_HEADING):
        return _ROLE_BONUS["mission"]
    if page.role == "other" and page_is_about(page, _ABOUT_PAGE):
        return _ROLE_BONUS["about"]
    return bonus


def _own_subject(company: str | None) -> re.Pattern[str]:
    pattern = _OWN_SUBJECT
    if company:
        pattern += rf"|^(?:the )?{re.escape(company)}\b|\b{re.escape(company)}['’]s (?:mission|purpose)\b"
    return re.compile(pattern, re.I)


def _candidates(pages: list[ParsedPage], company: str | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    own = _own_subject(company)
    for page_order, page in enumerate(pages):
        bonus = _page_bonus(page)
        order = page_order * 100_000
        for block in page_text(page).blocks:
            if block.region in NOT_STATEMENTS or block.in_listing:
                continue  # a teaser of a post speaks of its own subject, often someone else's mission
            if block.is_heading and block.level < 7 and word_count(block.text) < _MIN_WORDS:
                continue
            hit = _cue_candidates(block, own)
            if hit:
                text, score = hit
                region = _REGION_BONUS.get(block.region, 0.0)
                found.append(_Candidate(text, page.url, score + bonus + region, order + block.index))
        for text, score, index in _heading_candidates(page):
            found.append(_Candidate(text, page.url, score + bonus, order + index))
        if page.role in ("home", "about", "mission"):
            for text, score, index in _tagline_candidates(page):
                found.append(_Candidate(text, page.url, score + bonus, order + index))
        if bonus >= _ROLE_BONUS["about"] and page.role != "home":
            lead = _lead_candidate(page, own)
            if lead:
                found.append(_Candidate(lead[0], page.url, lead[1] + bonus, order + lead[2]))
        for text, score in _meta_candidates(page, own):
            found.append(_Candidate(text, page.url, score + bonus, order + 99_999))
    return found


def extract_mission(pages: list[ParsedPage], *, company: str | None = None) -> Mission | None:
    """Return the clearest mission statement across ``pages``, or None when none is stated.

    ``company``, the organisation's name when known, lets "Acme's mission is …" count as the
    organisation speaking of itself rather than of someone else's mission.
    """
    candidates = _candidates(pages, company)
    if not candidates:
        return None
    own = _own_subject(company)
    language = _site_language(pages)
    for candidate in candidates:
        if own.search(candidate.text):
            candidate.score += _OWN_SUBJECT_BONUS
        spoken = guess_language(candidate.text)
        if language and spoken and spoken != language:
            candidate.score -= _OTHER_LANGUAGE_PENALTY
    # The same statement on many pages (a strapline) ties with itself; its first page wins.
    best = max(candidates, key=lambda c: (c.score, -c.order))
    if best.score < _MIN_SCORE:
        return None
    return Mission(text=best.text, source=best.source)
