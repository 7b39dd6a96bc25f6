"""The user's own details used in drafts: name, target role, signature, LinkedIn tier.

Settings live in the ``settings`` table as ``{"key", "value", "updated"}`` records.
"""

from __future__ import annotations

from dataclasses import dataclass

from tinydb import Query

from companyscout.errors import UsageError
from companyscout.messages import CONNECTION_NOTE_LIMITS
from companyscout.safe import one_line, replace_undecodable
from companyscout.store import SETTINGS, Database, now_iso

LINKEDIN_TIERS: tuple[str, ...] = tuple(CONNECTION_NOTE_LIMITS)


@dataclass(frozen=True)
class Setting:
    """A key users can set, what it is for, and what values it takes."""

    key: str
    help: str
    example: str
    choices: tuple[str, ...] = ()
    default: str | None = None
    max_chars: int = 100


SETTINGS_KEYS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("name", "your name, to sign drafts", "Ada Lovelace"),
        Setting("role", "the role you are applying for", "Data Engineer"),
        Setting("signature", "the closing line of longer messages", "Ada Lovelace, ada@example.com", max_chars=300),
        Setting(
            "linkedin-tier",
            "your LinkedIn account, which sets the length of connection notes",
            "premium",
            choices=LINKEDIN_TIERS,
            default="free",
        ),
    )
}


def _setting(key: str) -> Setting:
    setting = SETTINGS_KEYS.get(key.strip().lower())
    if setting is None:
        raise UsageError(f"unknown setting {one_line(key)[:40]!r}; use one of: {', '.join(SETTINGS_KEYS)}")
    return setting


def check_value(key: str, value: str) -> str:
    """Return the cleaned value for ``key``, or raise UsageError saying what is accepted."""
    setting = _setting(key)
    text = " ".join(replace_undecodable(value).split())
    if setting.choices:
        text = text.lower()
        if text not in setting.choices:
            raise UsageError(f"{setting.key} must be one of: {', '.join(setting.choices)}")
        return text
    if not text:
        raise UsageError(f"{setting.key} cannot be empty; use `scout config unset {setting.key}` to clear it")
    if len(text) > setting.max_chars:
        raise UsageError(f"{setting.key} is {len(text)} characters; keep it under {setting.max_chars}")
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in text):
        raise UsageError(f"{setting.key} contains control characters; type plain text")
    return text


def get_settings(db: Database) -> dict[str, str | None]:
    """Return every known setting: its stored value, else its default, else None."""
    with db.read() as tdb:
        stored = {doc.get("key"): doc.get("value") for doc in tdb.table(SETTINGS).all()}
    return {key: stored.get(key) or setting.default for key, setting in SETTINGS_KEYS.items()}


def get_setting(db: Database, key: str) -> str | None:
    """Return one setting's value (or its default, or None); raise UsageError for an unknown key."""
    return get_settings(db)[_setting(key).key]


def set_setting(db: Database, key: str, value: str) -> str:
    """Return the value stored for ``key`` after checking it."""
    setting = _setting(key)
    cleaned = check_value(setting.key, value)
    with db.transaction() as tdb:
        tdb.table(SETTINGS).upsert(
            {"key": setting.key, "value": cleaned, "updated": now_iso()}, Query().key == setting.key
        )
    return cleaned


def unset_setting(db: Database, key: str) -> bool:
    """Return True when a stored value of ``key`` was removed (back to its default)."""
    setting = _setting(key)
    with db.transaction() as tdb:
        removed = tdb.table(SETTINGS).remove(Query().key == setting.key)
    return bool(removed)
