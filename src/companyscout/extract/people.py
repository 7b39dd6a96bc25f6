"""People named on team, leadership, board and staff pages, with their titles.

Pages show people in a few recurring ways, and each is read from the page's lines of text:
- repeated records (cards, list items, table rows): the record's first line is a name and a
  later line is a role (``<strong>Name</strong><p>Role</p>``, ``Name<br><b>Role</b><br>…``);
  names-only cards count when several sibling records look alike;
- one-line forms: ``Name – Title``, ``Name, Title``, ``Name (Role)``, ``Name | Title``;
- a heading that is a name followed by a role line.
A title is a role (it names a position), never a bio sentence, an e-mail or an affiliation
when a role line is present; a bio's first sentence gives its role ("Jane is our Chief
Financial Officer."). People quoted in testimonials and quotes are customers, not the team.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter

import lxml.html

from companyscout.extract.caseless import CaselessPattern
from companyscout.extract.page import ParsedPage, TextLine, clean_text, main_content, text_lines
from companyscout.model import Person

MAX_PEOPLE = 60
MAX_TITLE_WORDS = 12
# Record lines read after a name when looking for its role.
MAX_RECORD_LINES = 10
# Sibling records alike (cards, list items, rows) that make a list of people.
MIN_REPEATS = 3

# Words that name a position, in the languages scout meets most (lower-case stems, matched as
# word prefixes so that "direct" covers director, directrice, directeur).
ROLE_WORDS = CaselessPattern(
    r"\b(?:chief|ceo|cto|cfo|coo|cio|ciso|cmo|cpo|officer|president|vice|vp|svp|evp|direct|"
    r"manag|head|lead|founder|co-?founder|partner|chair|treasurer|secretary|member|board|"
    r"trustee|advis|engineer|developer|designer|scientist|research|analyst|consultant|"
    r"specialist|coordinator|administrat|architect|editor|strateg|owner|principal|associate|"
    r"assistant|intern|fellow|professor|executive|counsel|accountant|recruit|producer|"
    r"maintainer|steward|curator|librarian|organi[sz]er|ambassador|representative|"
    r"geschäftsführ|gründer|vorstand|vorsitz|leiter|fondat|présiden|fundador|presidente|"
    r"gerente|gérant|amministrat|delegat|inhaber|prokurist|responsable|coordinat|technician|writer|"
    r"chef|charg[ée]|counsel|marketing|sales|"
    r"operations|finance|product|program|project|community|communication|hr|people|talent|"
    r"support|success|devops|qa|ux|ui|software|staff|volunteer|emerit)\w*"
    r"|diretor\w*|oprichter\w*|eigena[ar]\w*|s[óo]ci[oa]s?"
    # German compounds put the role at the end of the word: Projektleiterin, Geschäftsführer.
    # Matched from the word's start, where a search meets such a word first: tried inside
    # every word, the stems cost more than all the words above.
    r"|\b\w*(?:leiter|führer|direktor|berater|entwickler|ingenieur|referent|vorstand|gründer)\w*"
)
# Titles that put a person in the leadership, listed first.
LEADERSHIP_WORDS = CaselessPattern(
    r"\b(?:chief|ceo|cto|cfo|coo|cio|ciso|president|founder|co-?founder|chair\w*|"
    r"managing director|executive director|general manager|geschäftsführ\w*|vorsitz\w*|"
    r"présiden\w*|presidente)\b"
)
SENIOR_WORDS = CaselessPattern(
    r"\b(?:vice|vp|svp|evp|director|directeur|directrice|head|board|trustee|treasurer|"
    r"secretary|partner|principal|lead)\b"
)

# Capitalised words that are not parts of person names (page furniture and common nouns).
NON_NAME_WORDS = frozenset(
    """
about academy access account advisors all and annual app apply approach archive area areas
art awards blog board bios business by call careers case center centre chief club co
code committee community company contact contribute council culture customers data
department design development digital director directors docs documentation donate
download education email engineering events executive faq features find follow for from
get global group help history home how in inc information institute international
involved join jobs learn leadership learning legal life limited llc ltd management media
meet members menu mission more museum my network new news no of officer on open
our overview partners people platform policy press privacy product products program
programs project projects read research resources science search see services sign
society solutions staff started steering story studies support team teams terms
the this to top university us values view vision we welcome what who why with work
working you your
""".split()
)
PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "la",
        "le",
        "del",
        "della",
        "dos",
        "das",
        "do",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "ten",
        "y",
        "e",
        "zu",
        "st.",
    }
)
# The words of a name, particles included ("Ana María de la Cruz").
MAX_NAME_WORDS = 5
# Words that an honorific and a post-nominal add to a name ("Dr.", "Ph. D.").
MAX_NAME_DECORATION_WORDS = 3
HONORIFICS = re.compile(r"^(?:dr|prof|mr|mrs|ms|mx|sir|dame)\.?\s+", re.IGNORECASE)
POST_NOMINALS = re.compile(r",?\s+(?:ph\.?\s?d|m\.?d|mba|jr|sr|ii|iii|esq|msc|m\.?sc|dphil)\.?$", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.|[^\W\d_][^\W\d_'’\-.]*(?:['’\-][^\W\d_]+)*\.?)$")
# One-line forms: the separators between a name and a title.
# The name ends at the first spaced separator; hyphens inside a name ("Jean-Luc") are no separator.
_DASH_FORM = re.compile(r"^(?P<name>[^–—|:]{3,60}?)\s+[–—\-|:]\s+(?P<title>.{2,120})$")
_PAREN_FORM = re.compile(r"^(?P<name>[^()]{3,60}?)\s*\((?P<title>[^()]{2,120})\)$")
_COMMA_FORM = re.compile(r"^(?P<name>[^,]{3,60}?),\s+(?P<title>.{2,120})$")
_NOT_TITLE = re.compile(r"@|https?://|www\.|\+?\d[\d\s().-]{6,}")


def _strip_name(text: str) -> str:
    """Return a name without honorifics and post-nominals, in capitals only where the page
    wrote it in mixed case ("JANE DOE" → "Jane Doe")."""
    text = HONORIFICS.sub("", text.strip())
    text = POST_NOMINALS.sub("", text).strip(" ,;:")
    if not (text.isupper() and len(text.split()) >= 2):
        return text
    words = text.title().split()
    # "JOSÉ CARLOS DE SOUZA" → "José Carlos de Souza": particles inside a name stay lower-case.
    return " ".join(w.lower() if 0 < i < len(words) - 1 and w.lower() in PARTICLES else w for i, w in enumerate(words))


# A team page's reader asks a line whether it is a name, or a name with a title, several times
# (as a record's first line, as a heading, next to a role); the answers are kept.
_KEPT_ANSWERS = 4096


@functools.lru_cache(maxsize=_KEPT_ANSWERS)
def looks_like_name(text: str) -> bool:
    """Return True when ``text`` reads like a person's name (2–4 capitalised words)."""
    if _too_many_words_for_a_name(text):
        return False
    text = _strip_name(text)
    if not 4 <= len(text) <= 48:
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= MAX_NAME_WORDS or _has_role_only_words(text):
        return False
    capitalised = 0
    for position, token in enumerate(tokens):
        if token.lower() in PARTICLES and (token.islower() or position < len(tokens) - 1):
            continue  # "de la Cruz", "van Beek"; a last word is the surname ("Priyanka Das")
        if not _NAME_TOKEN.match(token) or token.lower().strip(".") in NON_NAME_WORDS:
            return False
        if not token[0].isupper():
            return False
        if len(token) > 3 and token.isupper():
            return False  # "GERMANY", "OUR TEAM": shouting, not a name
        capitalised += 1
    return capitalised >= 2


def _too_many_words_for_a_name(text: str) -> bool:
    """Return True when ``text`` has more words than a name even with an honorific and a
    post-nominal ("Dr. Jane Doe, Ph. D."); separators alone (",", ";") are no words.

    Most lines of a page are sentences: counting their words first spares them the patterns.
    """
    words = text.split()
    most = MAX_NAME_WORDS + MAX_NAME_DECORATION_WORDS
    if len(words) <= most:
        return False
    real_words = (word for word in words if word.strip(",;:"))
    return sum(1 for _ in itertools.islice(real_words, most + 1)) > most


def _has_role_only_words(text: str) -> bool:
    """Return True when ``text`` holds a role word that no surname would be (``Director``)."""
    for match in ROLE_WORDS.finditer(text):
        word = match.group(0).lower()
        # Short stems like "lead" or "head" are also surnames' prefixes only when longer.
        if word in {"partner", "lead", "head", "owner", "people", "program", "support", "staff"}:
            continue
        return True
    return False


def looks_like_title(text: str) -> bool:
    """Return True when ``text`` reads like a role: names a position, short, not a sentence."""
    words = text.split()
    if not words or len(words) > MAX_TITLE_WORDS or _NOT_TITLE.search(text):
        return False
    if text.endswith(".") and len(words) > 6:
        return False
    return bool(ROLE_WORDS.search(text))


def _clean_title(text: str) -> str:
    return clean_text(text).strip(" ,;:–—-|")


# A sentence ends at . ! ? before a space, unless the dot closes an abbreviation ("Sr. QA Engineer").
_SENTENCE_END = re.compile(r"(?<=[\w)])[.!?](?=\s)")
ABBREVIATIONS = frozenset("sr jr dr mr mrs ms st asst assoc inc ltd co corp dept prof exec mgr eng int'l gen".split())
MAX_ROLE_WORDS = 6


def _first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        word = text[: match.start()].rsplit(" ", 1)[-1].lower()
        if word not in ABBREVIATIONS and len(word) > 1:
            return text[: match.start()]
    return text


# A bio's first sentence that names the role: "Jane is our CFO", "serves as COO, overseeing …",
# "joined Acme in 2021 as Chief Technology Officer", "has served as CEO since 2019".
_BIO_ROLE = re.compile(
    r"\b(?:is|serves as|served as|works as|acts as|joined\b[^.,;]{0,40}?\bas)\s+"
    r"(?:(?:the|our|an?|its|their)\s+|[\w.&-]+['’]s\s+)?(?P<role>[^.,;]{2,80}?)"
    r"(?=\s+(?:since|for|from|at|in|who|where|with|and (?:has|is|was|leads|oversees))\b|[.,;]|$)",
    re.IGNORECASE,
)


def _bio_role(sentence: str) -> str | None:
    """Return the role a bio sentence gives its subject ("Jane is our CFO." → "CFO"), or None."""
    for match in _BIO_ROLE.finditer(sentence):
        role = _clean_title(match["role"])
        if len(role.split()) > MAX_ROLE_WORDS or not looks_like_title(role):
            continue
        # A capitalised title ("Chief Financial Officer"), or a plain one that ends in a role
        # ("a curator"), not a phrase that merely holds a role word ("passionate about product").
        if role[0].isupper() or ROLE_WORDS.fullmatch(role.split()[-1]):
            return role
    return None


def role_of(text: str) -> str | None:
    """Return the role a person's line states, without the bio around it, or None.

    "Acme Board Member, community builder and organizer. View …" → "Acme Board Member";
    "Jane is our Chief Financial Officer. She …" → "Chief Financial Officer";
    a line of occupations with no position in it ("Programmer, Inventor") gives None.
    """
    first = _clean_title(_first_sentence(clean_text(text)))
    if _BIO_ROLE.search(first):
        return _bio_role(first)  # a sentence about the person: its role, or none at all
    if len(first.split()) <= MAX_ROLE_WORDS:
        return first if looks_like_title(first) else None
    for part in first.split(","):
        part = _clean_title(part)
        if len(part.split()) <= MAX_ROLE_WORDS and looks_like_title(part):
            return part
    return None


@functools.lru_cache(maxsize=_KEPT_ANSWERS)
def split_name_and_title(text: str) -> tuple[str, str | None] | None:
    """Return (name, title) for one-line forms ("Name – Title", "Name (Role)"), else None."""
    for pattern, needs_role in ((_PAREN_FORM, False), (_DASH_FORM, False), (_COMMA_FORM, True)):
        match = pattern.match(text)
        if not match:
            continue
        name, title = _strip_name(match["name"]), _clean_title(match["title"])
        if not looks_like_name(name) or _NOT_TITLE.search(title):
            continue
        if len(title.split()) > MAX_TITLE_WORDS:
            continue
        if needs_role and not looks_like_title(title):
            continue
        return name, title or None
    return None


class _Records:
    """Finds the repeated unit (card, list item, row) that holds a line's block.

    A unit repeats when its parent has at least two more children of the same tag and class;
    children told apart only by their ids (``<div id="header">``, ``<div id="content">``) are
    the page's layout, not records. The count of alike children is kept per parent, so a list
    of many thousands of items costs one pass over it.
    """

    def __init__(self, stop: lxml.html.HtmlElement) -> None:
        self.stop = stop
        self.alike: dict[lxml.html.HtmlElement, Counter[tuple[object, str | None]]] = {}

    @staticmethod
    def _kind(el: lxml.html.HtmlElement) -> tuple[object, str | None]:
        css = el.get("class")
        return el.tag, css if css is not None or el.get("id") is None else "#" + el.get("id", "")

    def record_of(self, block: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        el: lxml.html.HtmlElement | None = block
        while el is not None and el is not self.stop:
            parent = el.getparent()
            if parent is None:
                return None
            counts = self.alike.get(parent)
            if counts is None:
                counts = self.alike[parent] = Counter(self._kind(child) for child in parent)
            if counts[self._kind(el)] >= MIN_REPEATS:
                return el
            el = parent
        return None


def _choose_title(lines: list[TextLine]) -> str | None:
    """Return the role line of one record: an emphasised role first, else the first role."""
    roles = [(line, role) for line in lines if not looks_like_name(line.text) and (role := role_of(line.text))]
    if not roles:
        return None
    emphasised = [role for line, role in roles if line.emphasised]
    return (emphasised or [role for _, role in roles])[0]


# Quotes and the people they are attributed to: customers and partners, not the team.
QUOTE_TAGS = frozenset({"blockquote", "q"})
QUOTE_CLASSES = re.compile(
    r"(?<![a-z])(?:testimonial|quote|review|endorsement|kundenstimme|t[ée]moignage)", re.IGNORECASE
)
# "— Jane Doe, CFO, Acme": the attribution line of a quote.
_ATTRIBUTION = re.compile(r"^[—–―~-]\s*\S")


def _is_quote(el: lxml.html.HtmlElement) -> bool:
    """Return True when ``el`` holds a quote or a testimonial.

    A figure's caption is a quote's attribution only when the figure holds the quote; a team
    card's caption under a portrait names a team member.
    """
    if el.tag in QUOTE_TAGS or QUOTE_CLASSES.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
        return True
    return el.tag == "figure" and el.find(".//blockquote") is not None


def _in_quote(el: lxml.html.HtmlElement, root: lxml.html.HtmlElement, known: dict[lxml.html.HtmlElement, bool]) -> bool:
    """Return True when ``el`` or one of its ancestors below ``root`` is a quote.

    ``known`` keeps the answer for every element asked about under ``root``: the lines of a
    page share most of their ancestors, and each is looked at once.
    """
    path: list[lxml.html.HtmlElement] = []
    node: lxml.html.HtmlElement | None = el
    quoted = False
    while node is not None and node is not root:
        if node in known:
            quoted = known[node]
            break
        path.append(node)
        if _is_quote(node):
            quoted = True
            break
        node = node.getparent()
    for seen in path:
        known[seen] = quoted
    return quoted


def _team_lines(root: lxml.html.HtmlElement) -> list[TextLine]:
    """Return the lines of ``root`` that may name team members: all but quotes and testimonials
    and their attributions ("— Jane Doe, CFO, Acme")."""
    known: dict[lxml.html.HtmlElement, bool] = {}
    lines = text_lines(root)
    return [line for line in lines if not _ATTRIBUTION.match(line.text) and not _in_quote(line.block, root, known)]


def leadership_rank(person: Person) -> int:
    """Return 0 for the leadership, 1 for senior roles, 2 for everyone else."""
    title = person.title or ""
    if LEADERSHIP_WORDS.search(title):
        return 0
    if SENIOR_WORDS.search(title):
        return 1
    return 2


def extract_people(page: ParsedPage) -> list[Person]:
    """Return the people a team/leadership page names, leadership first, else in page order."""
    root = main_content(page)
    lines = _team_lines(root)
    return _people_of_lines(page, root, lines)


# Headings of a page's section that names its people ("Our team", "Leadership", "Advisors").
TEAM_HEADINGS = re.compile(
    r"^(?:(?:our|the|meet the|meet our|unser(?:e)?|notre|nuestro|il nostro)\s+)?"
    r"(?:team|teams|leadership(?: team)?|management(?: team)?|founders|people|staff|board(?: of directors)?|"
    r"advisors|advisory board|executive team|équipe|equipe|direction|geschäftsführung|geschäftsleitung|"
    r"vorstand|equipo|dirección|squadra)$",
    re.IGNORECASE,
)


def extract_team_sections(page: ParsedPage) -> list[Person]:
    """Return the people named under a team heading ("Our team", "Leadership", "Advisors") of a
    page that is not a team page (an about or home page); the rest of the page is not read."""
    root = main_content(page)
    lines = _team_lines(root)
    section: list[TextLine] = []
    level = 0
    for line in lines:
        if line.heading and level and line.heading <= level:
            level = 0
        if line.heading and not level and TEAM_HEADINGS.match(line.text.strip(" :")):
            level = line.heading
            continue
        if level:
            section.append(line)
    return _people_of_lines(page, root, section) if section else []


def _people_of_lines(page: ParsedPage, root: lxml.html.HtmlElement, lines: list[TextLine]) -> list[Person]:
    """Return the people that ``lines`` (of ``root``) name, leadership first, else in page order."""
    found: list[Person] = []
    used: set[int] = set()

    # Repeated records: group consecutive lines by the record that holds them.
    records: list[tuple[lxml.html.HtmlElement, list[int]]] = []
    finder = _Records(root)
    for index, line in enumerate(lines):
        record = finder.record_of(line.block)
        if record is None:
            continue
        if records and records[-1][0] is record:
            records[-1][1].append(index)
        else:
            records.append((record, [index]))

    # Names-only cards count when several sibling records start with a name.
    first_line_names = Counter(
        record.getparent()
        for record, indexes in records
        if looks_like_name(lines[indexes[0]].text) or split_name_and_title(lines[indexes[0]].text)
    )

    for number, (record, indexes) in enumerate(records):
        record_lines = [lines[i] for i in indexes[:MAX_RECORD_LINES]]
        one_line = split_name_and_title(record_lines[0].text)
        if one_line:
            found.append(Person(one_line[0], one_line[1], page.url))
            used.update(indexes)
            continue
        if looks_like_name(record_lines[0].text):
            name, title = record_lines[0].text, _choose_title(record_lines[1:])
        elif len(record_lines) > 1 and looks_like_name(record_lines[1].text) and role_of(record_lines[0].text):
            # The role above the name: <p class="role">CEO</p><h3>Jane Doe</h3>
            name, title = record_lines[1].text, role_of(record_lines[0].text)
        else:
            continue
        if title is None and number + 1 < len(records):
            # Name and role as sibling elements that both repeat: <dt>/<dd>, <h3>/<p>.
            sibling, sibling_indexes = records[number + 1]
            if sibling is record.getnext() and len(sibling_indexes) == 1:
                title = _choose_title([lines[sibling_indexes[0]]])
                if title:
                    used.update(sibling_indexes)
        if title is None and first_line_names[record.getparent()] < MIN_REPEATS:
            continue
        found.append(Person(_strip_name(name), title, page.url))
        used.update(indexes)

    # Lines outside records: one-line forms, and a name heading followed by a role line.
    for index, line in enumerate(lines):
        if index in used:
            continue
        one_line = split_name_and_title(line.text)
        if one_line and one_line[1] and looks_like_title(one_line[1]):
            found.append(Person(one_line[0], one_line[1], page.url))
            continue
        if (line.heading or line.emphasised) and looks_like_name(line.text) and index + 1 < len(lines):
            following = lines[index + 1]
            if following.heading and (not line.heading or following.heading <= line.heading):
                continue  # the next section's heading, not this person's role
            role = None if looks_like_name(following.text) else role_of(following.text)
            if role:
                found.append(Person(_strip_name(line.text), role, page.url))
                used.add(index + 1)

    people = _dedupe(found)
    people.sort(key=leadership_rank)
    return people[:MAX_PEOPLE]


def _dedupe(people: list[Person]) -> list[Person]:
    """Return one record per name (case-insensitive), keeping the first title found."""
    by_name: dict[str, Person] = {}
    for person in people:
        key = person.name.casefold()
        if key not in by_name:
            by_name[key] = person
        elif by_name[key].title is None and person.title:
            by_name[key].title = person.title
    return list(by_name.values())
