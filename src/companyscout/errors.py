"""The errors scout raises. The CLI turns each into ``Error: <message>`` and exit code 1."""

from __future__ import annotations


class ScoutError(Exception):
    """Base class of every error a user can cause or meet; the message says what to do next."""

    exit_code = 1


class UsageError(ScoutError):
    """The command line asks for something that cannot work (exit code 2)."""

    exit_code = 2


class FetchError(ScoutError):
    """A page or site could not be fetched (network, HTTP status, size, content type, policy)."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class NotHTMLError(FetchError):
    """The body is not an HTML document (PDF, image, archive, binary)."""


class BlockedError(FetchError):
    """The request was refused by policy: robots.txt, address guard, off-site, scheme."""


class StoreError(ScoutError):
    """The database could not be read or written."""


class LockTimeout(StoreError):
    """Another scout process holds the database lock."""


class NotFound(ScoutError):
    """A stored record (contact, interview, promise, briefing) does not exist."""


class ResolveError(ScoutError):
    """A company name could not be resolved to a single website."""
