"""How people work at the organisation: a few sentences from careers and culture pages.

Sentences are taken from careers, culture and "working at" pages, and from sections headed
like them on other pages. A sentence counts when it speaks of the organisation or its people
("we", "our team", the organisation's name) and of how they work (collaboration, autonomy,
flexibility, remote work, learning, trust …); the application process and job ads do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companyscout.extract.caseless import CaselessPattern
from companyscout.extract.page import ParsedPage
from companyscout.extract.text import Block, page_text, split_sentences, unique_by, word_count
from companyscout.model import Culture

_CULTURE_ROLES = frozenset({"careers", "culture"})
_CULTURE_HEADING = re.compile(
    r"\bculture\b|\bworking (?:at|with|here)\b|\bwork at\b|\blife at\b|\bhow we work\b|^(?:our )?environment$"
    r"|\bwork(?:ing)? environment\b|\bwhy join\b|\bwhy work\b|\bteam spirit\b"
    # "kultur" ends the German compounds too (Unternehmenskultur, Arbeitskultur).
    r"|\barbeiten (?:bei|in|im)\b|kultur\b|\btravailler (?:chez|à|avec)\b|\bla vie chez\b|\btrabajar en\b"
    r"|\bcultura\b",
    re.I,
)
_WORK_WORDS = CaselessPattern(
    r"\b(?:culture|collaborat\w*|autonom\w*|flexib\w*|remote\w*|distributed|trust\w*|environment|"
    r"learn\w*|grow\w*|balance\w*|divers\w*|inclusi\w*|open\w*|transparen\w*|support\w*|kind\w*|"
    r"respect\w*|feedback|ownership|mentor\w*|curious|curiosity|work from home|working from home|"
    r"hours|together|care|caring|appreciat\w*|authentic\w*|empower\w*|share|sharing|humble|"
    r"fun|passionate|teamwork|equit\w*|belong\w*|hybrid|office|offices|in person|on-?site|team|teams|"
    r"days? a (?:week|month|quarter|year)|wherever you|leave|holidays?|parental|four-day)\b"
)
_SUBJECT = (
    r"\b(?:we|our|us|employees|everyone|every (?:engineer|employee|team|person|one of us)"
    r"|our (?:team|people|staff)|the (?:whole )?(?:company|team)"
    # The same in the languages whose headings are read above.
    r"|wir|unser\w*|uns|nous|notre|nos|nosotros|nuestr[oa]s?)\b"
)
# Naming the culture outright weighs more than any one word about work.
_CULTURE_WORD = re.compile(r"\bculture\b", re.I)
# The hiring process and the ad around it are not how people work.
_NOT_CULTURE = CaselessPattern(
    r"\b(?:apply|applying|application|applicants?|resumes?|cv|interviews?|cover letter|positions?|"
    r"openings?|vacanc\w*|job posting|hiring process|submit|deadline|salary range|click|email us|"
    r"looking for|we seek|candidates?|bewerb\w*|stellen\w*|wir suchen|candidature|postuler|nous recherchons"
    r"|nous recrutons|buscamos)\b"
    # What the organisation is ("Acme is a non-profit organisation …") is its description.
    r"|\bis an? (?:[\w()-]+ ){0,4}(?:organi[sz]ation|company|firm|non-?profit|startup|project)\b"
)
# News posts that mention culture ("Fostering an inclusive culture: call for participation")
# are events, not a description of the workplace.
_SKIPPED_ROLES = frozenset({"news", "item", "feed"})
_MAX_HEADING_WORDS = 5
_MIN_WORDS = 5
_QUOTES = "\"“‘'«„"
_MAX_CHARS = 300
_MAX_SENTENCES = 3


@dataclass
class _Sentence:
    text: str
    source: str
    score: float
    order: int


def _page_sentences(page: ParsedPage, page_order: int, subject: re.Pattern[str]) -> list[_Sentence]:
    if page.role in _SKIPPED_ROLES:
        return []
    text = page_text(page)
    whole_page = page.role in _CULTURE_ROLES
    found: list[_Sentence] = []
    heading_bonus = 0.0
    in_culture_section = False
    section_level = 0
    directly_under = False  # the nearest heading above is the culture heading itself
    for block in text.main_blocks():
        if block.is_heading:
            if in_culture_section and block.level > section_level:
                directly_under = False  # a subsection ("Open roles") of a culture page
                continue
            in_culture_section = word_count(block.text) <= _MAX_HEADING_WORDS and bool(
                _CULTURE_HEADING.search(block.text)
            )
            directly_under = in_culture_section
            section_level = block.level
            heading_bonus = 2.0 if in_culture_section else 0.0
            continue
        if not (whole_page or in_culture_section) or block.in_list:
            continue
        found.extend(
            _block_sentences(block, page.url, heading_bonus, page_order * 100_000, subject, any_topic=directly_under)
        )
    return found


def _block_sentences(
    block: Block, source: str, bonus: float, order: int, subject: re.Pattern[str], *, any_topic: bool = False
) -> list[_Sentence]:
    """Return the sentences of ``block`` that say how people work, scored by how many words of
    work they use; with ``any_topic`` (a section headed "Life at …"), the heading has said the
    topic, and a sentence about the organisation's people counts without such words."""
    found: list[_Sentence] = []
    for i, sentence in enumerate(split_sentences(block.text)):
        if word_count(sentence) < _MIN_WORDS or len(sentence) > _MAX_CHARS:
            continue
        if sentence.endswith(("?", ":")) or _NOT_CULTURE.search(sentence):
            continue
        hits = len(_WORK_WORDS.findall(sentence)) + len(_CULTURE_WORD.findall(sentence))
        if not (hits or any_topic) or not subject.search(sentence):
            continue
        # A quoted testimonial is one employee's view; the organisation's own words come first.
        quoted = sentence[:1] in _QUOTES
        found.append(
            _Sentence(sentence, source, hits + bonus - (2.0 if quoted else 0.0), order + block.index * 100 + i)
        )
    return found


def extract_culture(pages: list[ParsedPage], *, company: str | None = None) -> list[Culture]:
    """Return up to three sentences on how people work at the organisation, in page order.

    ``company``, the organisation's name when known, counts as a subject like "we".
    """
    subject = re.compile(_SUBJECT + (rf"|\b{re.escape(company)}\b" if company else ""), re.I)
    sentences = [s for i, page in enumerate(pages) for s in _page_sentences(page, i, subject)]
    unique = unique_by(sorted(sentences, key=lambda s: (-s.score, s.order)), lambda s: s.text)
    best = sorted(unique[:_MAX_SENTENCES], key=lambda s: s.order)
    return [Culture(text=s.text, source=s.source) for s in best]
