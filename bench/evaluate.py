"""Score briefings against the labelled corpus: each site served on 127.0.0.1, briefed, compared.

Usage: python bench/evaluate.py [--corpus ../shared/corpus] [--site ID] [-v] [--json]
       [--max-pages N] [--latency MS]

Each site's folder is served by a real threaded HTTP server, the way a static host would serve
it: ``/x`` finds ``x``, ``x.html`` or ``x/index.html``; a saved query string (``x@a=b.html``)
answers ``x?a=b``; a path prefix the site was hosted under (``/prefix/…``) is mapped to the
root, taken from the site's ``root`` field or, when that is empty, detected from the home page's
links (a first path segment most site-absolute links share that is not a folder of the site).

Text comparisons are normalised (case, accents, quotes, punctuation) and fuzzy: two texts match
when the words they share make up at least 80 % of either one's words (``token overlap ≥ 0.8
either way``); people match on their normalised full name. Scores:
- mission: right when it matches the label, or when both are null;
- values: precision, recall and F1 of value names;
- achievements: recall of labelled items by title; dates right on matched items whose label has
  a date (a label's ``YYYY-MM`` is right when the briefing's date is in that month);
- people: recall of labelled names; titles right on matched people (a null label is right
  when the briefing also has no title).
The exit status is 0 unless the script itself fails.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import os
import re
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from companyscout.errors import ScoutError
from companyscout.pipeline import BriefOptions, build_briefing

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
MATCH_OVERLAP = 0.8


# --- serving a folder like a static host ---------------------------------------------------


def detect_prefix(folder: Path, home: str) -> str:
    """Return the path prefix the site's links carry (``/civicactions-homesite``), or ''.

    A prefix is a first path segment that is not in the folder, shared by most of the home
    page's site-absolute anchors, whose remainders are pages of the folder.
    """
    try:
        text = (folder / home).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    hrefs = re.findall(r"""<a\b[^>]*?href=["']?(/[^"'#?\s>]*)""", text, re.IGNORECASE)
    firsts = Counter(h.split("/")[1] for h in hrefs if h.count("/") >= 2 and h.split("/")[1])
    if not firsts:
        return ""
    segment, count = firsts.most_common(1)[0]
    if (folder / segment).exists() or count < 0.5 * len(hrefs):
        return ""
    rests = [h.split("/", 2)[2] for h in hrefs if h.startswith(f"/{segment}/")]
    found = sum(
        1
        for r in rests
        if any(Path(folder, r.rstrip("/") + suffix).exists() for suffix in ("", ".html", "/index.html"))
    )
    return "/" + segment if found >= 0.5 * len(rests) else ""


class SiteServer(ThreadingHTTPServer):
    """A threaded HTTP server for one corpus folder, with an optional added latency."""

    daemon_threads = True

    def __init__(self, folder: Path, prefix: str, latency: float = 0.0) -> None:
        self.folder = folder.resolve()
        self.prefix = prefix.rstrip("/")
        self.latency = latency
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def find(self, raw_path: str) -> Path | None:
        """Return the file a static host would answer ``raw_path`` with, or None."""
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        if self.prefix and (path == self.prefix or path.startswith(self.prefix + "/")):
            path = path[len(self.prefix) :] or "/"
        relative = path.lstrip("/")
        target = (self.folder / relative).resolve()
        if self.folder not in target.parents and target != self.folder:
            return None
        candidates = []
        if parts.query:
            candidates.append(Path(f"{target}@{parts.query}.html"))
            candidates.append(Path(f"{target}/index.html@{parts.query}.html"))
        candidates += [
            target,
            target / "index.html",
            target / "index.htm",
            Path(f"{target}.html"),
            Path(f"{target}.htm"),
        ]
        return next((c for c in candidates if c.is_file()), None)


class _Handler(SimpleHTTPRequestHandler):
    server: SiteServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self.server.requests.append(self.path)
        if self.server.latency:
            time.sleep(self.server.latency)
        found = self.server.find(self.path)
        if found is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body = found.read_bytes()
        content_type = mimetypes.guess_type(found.name)[0]
        if content_type is None or found.suffix == "":
            head = body[:200].lstrip().lower()
            content_type = (
                "application/xml"
                if head.startswith((b"<?xml", b"<rss", b"<feed"))
                else "text/html"
                if head.startswith(b"<")
                else "text/plain"
            )
        if content_type.startswith("text/") and "charset" not in content_type:
            content_type += "; charset=utf-8" if _is_utf8(body) else "; charset=iso-8859-1"
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- comparing -------------------------------------------------------------------------------


def normalise(text: str | None) -> list[str]:
    """Return the words of ``text``: lower-case, accents and punctuation removed."""
    if not text:
        return []
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.findall(r"[a-z0-9]+", text)


def overlap(expected: str | None, got: str | None) -> float:
    """Return the larger share of either text's words that the other text has too."""
    a, b = Counter(normalise(expected)), Counter(normalise(got))
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    shared = sum((a & b).values())
    return max(shared / sum(a.values()), shared / sum(b.values()))


def same_text(expected: str | None, got: str | None) -> bool:
    """Return True when the shared words make up ≥ 80 % of either text's words."""
    return overlap(expected, got) >= MATCH_OVERLAP


def best_match(expected: str, candidates: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    """Return the candidate whose ``key`` text matches ``expected`` best, if it matches at all."""
    scored = [(overlap(expected, c[key]), c) for c in candidates]
    scored = [pair for pair in scored if pair[0] >= MATCH_OVERLAP]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def same_date(expected: str, got: str | None) -> bool:
    """Return True when ``got`` is the labelled date, or lies within a labelled month/year."""
    return bool(got) and (got == expected or got.startswith(expected + "-"))  # type: ignore[union-attr]


@dataclass
class SiteScore:
    site: str
    mission_right: bool = False
    values: tuple[int, int, int] = (0, 0, 0)  # matched, got, expected
    achievements: tuple[int, int] = (0, 0)  # matched, expected
    dates: tuple[int, int] = (0, 0)  # right, dated matched
    people: tuple[int, int] = (0, 0)
    titles: tuple[int, int] = (0, 0)
    pages: int = 0
    seconds: float = 0.0
    error: str | None = None
    misses: list[str] = field(default_factory=list)


def score_site(site: dict[str, Any], briefing: dict[str, Any], score: SiteScore) -> None:
    """Fill ``score`` by comparing one briefing's JSON with the site's labels."""
    labels = site["labels"]
    mission = (briefing.get("mission") or {}).get("text")
    if labels["mission"] is None:
        score.mission_right = mission is None
    else:
        score.mission_right = mission is not None and same_text(labels["mission"], mission)
    if not score.mission_right:
        score.misses.append(f"mission: expected {labels['mission']!r}, got {mission!r}")

    got_values = [v["name"] for v in briefing.get("values", [])]
    matched = [e for e in labels["values"] if any(same_text(e, g) for g in got_values)]
    right_got = [g for g in got_values if any(same_text(e, g) for e in labels["values"])]
    score.values = (len(matched), len(got_values), len(labels["values"]))
    for e in labels["values"]:
        if e not in matched:
            score.misses.append(f"value missed: {e!r}")
    for g in got_values:
        if g not in right_got:
            score.misses.append(f"value extra: {g!r}")

    got_items = briefing.get("achievements", [])
    found = dated = right = 0
    for expected in labels["achievements"]:
        match = best_match(expected["title"], got_items, "title")
        if match is None:
            score.misses.append(f"achievement missed: {expected['date']} {expected['title']!r}")
            continue
        found += 1
        if expected["date"]:
            dated += 1
            if same_date(expected["date"], match["date"]):
                right += 1
            else:
                score.misses.append(
                    f"achievement date: {expected['title']!r} expected {expected['date']}, got {match['date']}"
                )
    score.achievements, score.dates = (found, len(labels["achievements"])), (right, dated)

    got_people = {" ".join(normalise(p["name"])): p for p in briefing.get("people", [])}
    found = titled = 0
    for expected in labels["people"]:
        person = got_people.get(" ".join(normalise(expected["name"])))
        if person is None:
            score.misses.append(f"person missed: {expected['name']!r} ({expected['title']})")
            continue
        found += 1
        if (
            expected["title"] is None
            and person["title"] is None
            or (expected["title"] and person["title"] and same_text(expected["title"], person["title"]))
        ):
            titled += 1
        else:
            score.misses.append(
                f"person title: {expected['name']!r} expected {expected['title']!r}, got {person['title']!r}"
            )
    score.people, score.titles = (found, len(labels["people"])), (titled, found)
    score.pages = len([p for p in briefing.get("pages", []) if p.get("status")])


def evaluate_site(site: dict[str, Any], corpus: Path, *, max_pages: int, latency: float) -> SiteScore:
    """Serve one site, brief it, and return its scores."""
    folder = corpus / site["id"]
    prefix = site.get("root") or detect_prefix(folder, site["pages"]["home"])
    server = SiteServer(folder, prefix, latency)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    score = SiteScore(site["id"])
    try:
        home = f"{server.base_url}{prefix}/"
        # Sites served one after another may reuse a port: never answer one from another's cache.
        options = BriefOptions(max_pages=max_pages, no_external=True, trusted=True, refresh=True)
        started = time.perf_counter()
        try:
            briefing = build_briefing(home, options=options).to_dict()
        except ScoutError as exc:
            score.error = str(exc)
            briefing = {}
        score.seconds = time.perf_counter() - started
        score_site(site, briefing, score)
    finally:
        server.shutdown()
        server.server_close()
    return score


# --- reporting -------------------------------------------------------------------------------


def _ratio(pair: tuple[int, int]) -> str:
    return f"{pair[0] / pair[1]:.2f} ({pair[0]}/{pair[1]})" if pair[1] else "  –"


def _f1(matched: int, got: int, expected: int) -> tuple[float | None, float | None, float | None]:
    precision = matched / got if got else (1.0 if not expected else 0.0)
    recall = matched / expected if expected else None
    if recall is None:
        return (precision if got else None), None, None
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _fmt(value: float | None) -> str:
    return "  –" if value is None else f"{value:.2f}"


def table(scores: list[SiteScore]) -> str:
    """Return the per-site and total table as text."""
    header = (
        f"{'site':<13} {'mission':<7} {'values P/R/F1':<16} {'achievements':<13} "
        f"{'dates ok':<12} {'people':<14} {'titles ok':<13} {'pages':>5} {'secs':>6}"
    )
    rows = [header, "-" * len(header)]
    for s in scores:
        p, r, f = _f1(*s.values)
        rows.append(
            f"{s.site:<13} {'yes' if s.mission_right else 'NO':<7} "
            f"{_fmt(p)}/{_fmt(r)}/{_fmt(f):<5} {_ratio(s.achievements):<13} "
            f"{_ratio(s.dates):<12} {_ratio(s.people):<14} {_ratio(s.titles):<13} "
            f"{s.pages:>5} {s.seconds:>6.2f}" + (f"  ERROR {s.error}" if s.error else "")
        )
    total = _totals(scores)
    p, r, f = _f1(*total.values)
    rows.append("-" * len(header))
    rows.append(
        f"{'total':<13} {sum(s.mission_right for s in scores)}/{len(scores):<5} "
        f"{_fmt(p)}/{_fmt(r)}/{_fmt(f):<5} {_ratio(total.achievements):<13} "
        f"{_ratio(total.dates):<12} {_ratio(total.people):<14} {_ratio(total.titles):<13} "
        f"{total.pages:>5} {total.seconds:>6.2f}"
    )
    return "\n".join(rows)


def _totals(scores: list[SiteScore]) -> SiteScore:
    total = SiteScore("total")

    def add(name: str) -> Any:
        return tuple(map(sum, zip(*(getattr(s, name) for s in scores), strict=True)))

    total.values = add("values")
    total.achievements, total.dates = add("achievements"), add("dates")
    total.people, total.titles = add("people"), add("titles")
    total.pages = sum(s.pages for s in scores)
    total.seconds = sum(s.seconds for s in scores)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--site", action="append", help="only this site id (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each site's misses")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--max-pages", type=int, default=25)
    parser.add_argument("--latency", type=float, default=0.0, help="added ms per response")
    args = parser.parse_args(argv)
    sites_file = args.corpus / "sites.json"
    if not sites_file.is_file():
        print(f"no corpus at {args.corpus}; nothing to evaluate", file=sys.stderr)
        return 0
    sites = json.loads(sites_file.read_text(encoding="utf-8"))
    # The page cache lives in SCOUT_HOME: keep the evaluation's pages out of the user's data.
    os.environ["SCOUT_HOME"] = tempfile.mkdtemp(prefix="scout-evaluate-")
    if args.site:
        sites = [s for s in sites if s["id"] in args.site]
    scores = [evaluate_site(s, args.corpus, max_pages=args.max_pages, latency=args.latency / 1000) for s in sites]
    if args.json:
        print(json.dumps([s.__dict__ for s in scores], indent=2))
        return 0
    print(table(scores))
    if args.verbose:
        for s in scores:
            if s.misses:
                print(f"\n{s.site}:")
                for miss in s.misses:
                    print(f"  {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
