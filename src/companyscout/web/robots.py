"""robots.txt per RFC 9309: parsing (pure) and the policy that follows from fetching it.

``urllib.robotparser`` is not used: its ``read()`` has no timeout and no size cap, and its
matcher knows neither ``*`` and ``$`` patterns nor the longest-match rule of the RFC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote, unquote, urlsplit

from companyscout.version import USER_AGENT

# The product token robots.txt groups are matched against (RFC 9309 §2.2.1).
AGENT_TOKEN = USER_AGENT.split("/", 1)[0].lower()
# Characters kept as they are when paths and patterns are brought to one percent-encoded form.
_PATH_SAFE = "/?&=:;@!$'()*+,-._~"


def _normal_path(text: str) -> str:
    """Return ``text`` percent-encoded the one way, so ``/caf%C3%A9`` and ``/café`` compare equal."""
    return quote(unquote(text), safe=_PATH_SAFE)


@dataclass(frozen=True)
class Rule:
    """One Allow or Disallow line."""

    allow: bool
    pattern: str

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Return the pattern as a regex anchored at the start: ``*`` is any run, a final ``$`` the end."""
        anchored = self.pattern.endswith("$")
        body = self.pattern[:-1] if anchored else self.pattern
        return re.compile(".*".join(re.escape(part) for part in body.split("*")) + ("$" if anchored else ""))

    @cached_property
    def prefix(self) -> str:
        """Return the literal start of the pattern, a cheap test before the regex."""
        return self.pattern.split("*", 1)[0].rstrip("$")

    def matches(self, path: str) -> bool:
        """Return True when the rule applies to ``path`` (path and query, normalised)."""
        return path.startswith(self.prefix) and self.regex.match(path) is not None


@dataclass
class Robots:
    """What a site's robots.txt allows scout to fetch."""

    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None
    sitemaps: list[str] = field(default_factory=list)
    disallow_all: bool = False

    @classmethod
    def allowing_all(cls) -> Robots:
        """Return the policy of a site without robots.txt (RFC 9309: 4xx means no restriction)."""
        return cls()

    @classmethod
    def disallowing_all(cls) -> Robots:
        """Return the policy of a site whose robots.txt is unreachable (5xx, timeout): nothing is fetched."""
        return cls(disallow_all=True)

    def allows(self, url: str) -> bool:
        """Return True when scout may fetch ``url``: the longest matching rule decides, Allow winning ties."""
        parts = urlsplit(url)
        path = _normal_path(parts.path or "/") + (f"?{_normal_path(parts.query)}" if parts.query else "")
        if path == "/robots.txt":
            return True
        if self.disallow_all:
            return False
        best: Rule | None = None
        for rule in self.rules:
            if rule.matches(path) and (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow)
            ):
                best = rule
        return best is None or best.allow


def parse_robots(text: str, *, agent: str = AGENT_TOKEN) -> Robots:
    """Return the policy ``text`` (a robots.txt body) sets for the product token ``agent``.

    The groups naming ``agent`` are combined; without one, the ``*`` groups apply.
    """
    agent = agent.lower()
    own: list[Rule] = []
    anyone: list[Rule] = []
    own_delay: float | None = None
    any_delay: float | None = None
    found_own = False
    sitemaps: list[str] = []
    group_agents: list[str] = []
    in_rules = False  # a user-agent line after rule lines starts a new group
    for raw_line in text.splitlines():
        line = raw_line.split("#", 1)[0].strip()
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "sitemap":
            if value:
                sitemaps.append(value)
            continue
        if key in ("user-agent", "useragent"):
            if in_rules:
                group_agents, in_rules = [], False
            token = value.split("/", 1)[0].strip().lower()
            group_agents.append(token)
            found_own = found_own or token == agent
            continue
        if not group_agents:
            continue  # rules before any user-agent line belong to no group
        in_rules = True
        mine, for_anyone = agent in group_agents, "*" in group_agents
        if key in ("allow", "disallow"):
            if not value:
                continue  # an empty Disallow allows everything: no rule
            pattern = _normal_path(value if value.startswith(("/", "*")) else "/" + value)
            rule = Rule(allow=key == "allow", pattern=pattern)
            if mine:
                own.append(rule)
            if for_anyone:
                anyone.append(rule)
        elif key == "crawl-delay":
            try:
                delay = float(value)
            except ValueError:
                continue
            if delay != delay or delay < 0:  # NaN or negative
                continue
            if mine:
                own_delay = delay
            if for_anyone:
                any_delay = delay
    if found_own:
        return Robots(rules=own, crawl_delay=own_delay, sitemaps=sitemaps)
    return Robots(rules=anyone, crawl_delay=any_delay, sitemaps=sitemaps)


def decode_robots(content: bytes) -> str:
    """Return a robots.txt body as text: UTF-8 (RFC 9309), invalid bytes replaced, BOM dropped."""
    return content.decode("utf-8", errors="replace").lstrip("\ufeff")
