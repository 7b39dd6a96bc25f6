"""``scout config``: the user's details for drafts, with keys and values checked."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from companyscout.cli import cli
from companyscout.config import get_setting, set_setting
from companyscout.errors import UsageError
from companyscout.store import open_database


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_set_get_and_list() -> None:
    assert run("config", "set", "name", "  Ada   Lovelace ").stdout == "name = Ada Lovelace\n"
    assert run("config", "get", "name").stdout == "Ada Lovelace\n"
    assert run("config", "set", "LinkedIn-Tier", "PREMIUM").stdout == "linkedin-tier = premium\n"
    listing = run("config", "list").stdout
    assert "name           Ada Lovelace" in listing and "role           (not set)" in listing
    assert json.loads(run("config", "list", "--json").stdout) == {
        "name": "Ada Lovelace",
        "role": None,
        "signature": None,
        "linkedin-tier": "premium",
    }


def test_tier_defaults_to_free_and_unset_restores_default() -> None:
    assert run("config", "get", "linkedin-tier").stdout == "free\n"
    run("config", "set", "linkedin-tier", "premium")
    assert run("config", "unset", "linkedin-tier").stdout == "linkedin-tier cleared\n"
    assert get_setting(open_database(), "linkedin-tier") == "free"
    assert run("config", "get", "role").stdout == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["set", "colour", "blue"], "unknown setting 'colour'; use one of: name, role, signature, linkedin-tier"),
        (["set", "linkedin-tier", "gold"], "linkedin-tier must be one of: free, premium"),
        (["set", "name", "   "], "name cannot be empty"),
        (["set", "role", "x" * 101], "keep it under 100"),
        (["set", "name", "Ada\x1b[2J"], "control characters"),
        (["get", "colour"], "unknown setting"),
    ],
)
def test_bad_keys_and_values_are_usage_errors(args: list[str], message: str) -> None:
    result = run("config", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert json.loads(run("config", "list", "--json").stdout)["name"] is None


def test_library_set_returns_clean_value_and_rejects_bad_tier() -> None:
    db = open_database()
    assert set_setting(db, "signature", "Ada, ada@example.com") == "Ada, ada@example.com"
    with pytest.raises(UsageError):
        set_setting(db, "linkedin-tier", "basic")
    assert get_setting(db, "signature") == "Ada, ada@example.com"


def test_help_lists_the_settings() -> None:
    result = run("config", "--help")
    assert "linkedin-tier" in result.stdout and "scout config set" in result.stdout
