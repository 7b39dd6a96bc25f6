"""Make untrusted web text safe for a terminal, for Markdown and for spreadsheets.

Everything taken from the web is untrusted: it may carry terminal escape sequences
(``ESC[2J``, OSC 8/52, the C1 CSI byte 0x9B), bidi overrides that reorder what a reader
sees, or Markdown/HTML that runs scripts or loads remote images when rendered.
"""

from __future__ import annotations

import json
import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other 2-byte escapes.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL / ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
)
# Bidi marks, embeddings, overrides and isolates: invisible characters that reorder text.
_BIDI_CHARS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BIDI = re.compile(f"[{_BIDI_CHARS}]")
# C0 controls but tab and newline (handled apart), DEL and C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Every character terminal_safe removes (escape sequences start with one of the controls).
_REMOVED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_CHARS}]")
# Characters JSON may carry as data but a terminal must never receive raw: DEL and C1 controls,
# bidi controls, line and paragraph separators, and lone surrogates (which cannot be encoded).
# json.dumps already escapes C0 controls inside strings; raw ones are only its own indentation.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029\ud800-\udfff{_BIDI_CHARS}]")


def terminal_safe(text: str, *, keep_newlines: bool = True) -> str:
    """Return ``text`` without escape sequences, control, C1 and bidi-override characters.

    Newlines (and tabs, as spaces) are kept when ``keep_newlines``; a carriage return never is,
    since it lets text overwrite what came before it on the line.
    """
    if text.isprintable():
        # Escape sequences start with a control character and bidi controls are format
        # characters, neither of which is printable: nothing below would change this text.
        return text
    if not _REMOVED.search(text):
        # Only tabs and line breaks: the common case of text taken from a page, done in one pass.
        text = text.replace("\t", " ").replace("\r", " ")
        return text if keep_newlines else text.replace("\n", " ")
    text = _ANSI.sub("", text)
    text = _BIDI.sub("", text)
    text = text.replace("\t", " ").replace("\r", " ")
    if not keep_newlines:
        text = text.replace("\n", " ")
    return _CONTROLS.sub("", text)


def one_line(text: str) -> str:
    """Return terminal-safe text on a single line with runs of whitespace collapsed."""
    return " ".join(terminal_safe(text, keep_newlines=False).split())


_UNDECODABLE = re.compile("[\ud800-\udfff]")


def replace_undecodable(text: str) -> str:
    """Return ``text`` with lone surrogates replaced by "\ufffd".

    Python gives a command-line argument in an encoding other than the terminal's (a byte
    that is not UTF-8) as lone surrogates, which no file or terminal can be written with.
    """
    return _UNDECODABLE.sub("\ufffd", text)


def json_dumps(data: object, *, indent: int | None = 2) -> str:
    """Return ``data`` as JSON that is safe to print: readable UTF-8, unsafe characters as escapes.

    The one rule for every ``--json`` output: "Zoë" and "トヨタ" stay as written, while control,
    bidi and separator characters become ``\\u`` escapes, so printing the text cannot drive or
    garble a terminal and a JSON parser still reads back exactly the same data.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def markdown_text(text: str) -> str:
    """Escape web text for inline Markdown: no HTML, links, images, headings or code fences survive."""
    text = one_line(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # A leading "-", "=" or "1." would start a list or a setext heading when the text starts a line.
    text = re.sub(r"^([-=]|\d+[.)])", r"\\\1", text)
    return text


def safe_url(url: str | None) -> str | None:
    """Return ``url`` when it is an http(s) URL without spaces or control characters, else None."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s<>\"'`\x00-\x1f\x7f-\x9f]+$", url, re.IGNORECASE):
        return None
    return url


def markdown_link(text: str, url: str | None) -> str:
    """Return a Markdown link when ``url`` is http(s), otherwise just the escaped text."""
    label = markdown_text(text)
    target = safe_url(url)
    if target is None:
        return label
    target = target.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{label}]({target})"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """Return a CSV cell that spreadsheets will not run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
