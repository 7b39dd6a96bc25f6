"""What the user typed as TARGET: a URL, a domain, or a company name.

Checked before any request is made: a target that cannot be a company's website or name is a
usage error (exit 2), so a typo never turns into a request to somewhere unexpected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from companyscout.errors import UsageError

MAX_TARGET_LENGTH = 2048
MAX_NAME_LENGTH = 200

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_HOST_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_DOMAIN = re.compile(
    rf"^(?P<host>(?:{_HOST_LABEL}\.)+[a-z][a-z0-9-]{{1,62}}|localhost|\d{{1,3}}(?:\.\d{{1,3}}){{3}}|\[[0-9a-f:.]+\])"
    r"(?::(?P<port>\d{1,5}))?(?P<path>/\S*)?$",
    re.IGNORECASE,
)
# Schemes refused by name even without "//" ("javascript:alert(1)", "mailto:x@acme.com").
_URL_SCHEMES = frozenset({"http", "https", "file", "ftp", "javascript", "data", "mailto", "vbscript", "about", "blob"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

EXAMPLES = 'pass a URL (https://acme.com/), a domain (acme.com) or a company name ("Acme Robotics")'


@dataclass(frozen=True)
class Target:
    """A checked TARGET: ``url`` is set for URLs and domains, ``name`` for company names."""

    kind: Literal["url", "name"]
    text: str
    url: str | None = None

    @property
    def name(self) -> str:
        return self.text


def site_root(url: str) -> str:
    """Return the URL normalised as a site's start page: lower-case scheme and host, path kept."""
    parts = urlsplit(url)
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def site_key(url: str) -> str:
    """Return the key under which a site's briefing is stored: scheme-less host[:port] and path."""
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    if path.endswith(("/index.html", "/index.htm")):
        path = path.rsplit("/", 1)[0]
    return host + path


def parse_url(text: str) -> str:
    """Return ``text`` as a normalised http(s) URL, or raise UsageError saying what works."""
    text = text.strip()
    if len(text) > MAX_TARGET_LENGTH:
        raise UsageError(f"the URL is {len(text)} characters long; {EXAMPLES}")
    if _CONTROL.search(text) or " " in text:
        raise UsageError(f"the URL contains spaces or control characters; {EXAMPLES}")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise UsageError(f"only http:// and https:// sites can be briefed, not {parts.scheme}:; {EXAMPLES}")
    if not parts.hostname:
        raise UsageError(f"'{text}' has no host name; {EXAMPLES}")
    try:
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        raise UsageError(f"'{text}' has an invalid port; {EXAMPLES}") from None
    if parts.username or parts.password:
        raise UsageError("URLs with a user name or password are not supported; pass the site's public URL")
    return site_root(text)


def parse_target(text: str) -> Target:
    """Classify and check TARGET, raising UsageError (exit 2) for anything that cannot work."""
    if not text or not text.strip():
        raise UsageError(f"TARGET is empty; {EXAMPLES}")
    if text != text.strip():
        raise UsageError(f"TARGET starts or ends with blanks ('{text.strip()[:60]}'); {EXAMPLES}")
    if text.startswith("-"):
        raise UsageError(f"'{text[:60]}' looks like an option, not a company; {EXAMPLES}")
    if len(text) > MAX_TARGET_LENGTH:
        raise UsageError(f"TARGET is {len(text)} characters long; {EXAMPLES}")
    if _CONTROL.search(text):
        raise UsageError(f"TARGET contains control characters; {EXAMPLES}")
    scheme = _SCHEME.match(text)
    looks_like_url = scheme and (text[scheme.end() :].startswith("//") or scheme.group(1).lower() in _URL_SCHEMES)
    if looks_like_url and not _DOMAIN.match(text):  # "localhost:8000" is a host and port, not a scheme
        return Target(kind="url", text=text, url=parse_url(text))
    domain = _DOMAIN.match(text)
    if domain:
        host = domain.group("host").lower()
        local = host == "localhost" or host[0].isdigit() or host.startswith("[")
        return Target(kind="url", text=text, url=parse_url(("http://" if local else "https://") + text))
    if len(text) > MAX_NAME_LENGTH:
        raise UsageError(f"a company name of {len(text)} characters is too long; {EXAMPLES}")
    if not any(ch.isalnum() for ch in text):
        raise UsageError(f"'{text}' is not a company name; {EXAMPLES}")
    return Target(kind="name", text=" ".join(text.split()))
