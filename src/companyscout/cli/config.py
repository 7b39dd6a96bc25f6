"""``scout config``: your own details used in drafts."""

from __future__ import annotations

import click

from companyscout.config import SETTINGS_KEYS, get_setting, get_settings, set_setting, unset_setting
from companyscout.safe import json_dumps, one_line
from companyscout.store import open_database

_KEYS_HELP = "\n".join(
    f"  {s.key:<14} {s.help}" + (f" ({'|'.join(s.choices)}, default {s.default})" if s.choices else "")
    for s in SETTINGS_KEYS.values()
)


@click.group(name="config", epilog="\b\nSettings:\n" + _KEYS_HELP)
def config() -> None:
    """Get and set your details used in drafts.

    \b
    Example usage:
        scout config set name "Ada Lovelace"
        scout config set role "Data Engineer"
        scout config set linkedin-tier premium
        scout config list
    """


@config.command(name="get")
@click.argument("key")
def config_get(key: str) -> None:
    """Print the value of KEY (nothing when it is not set).

    \b
    Example usage:
        scout config get linkedin-tier
    """
    value = get_setting(open_database(), key)
    if value is not None:
        click.echo(one_line(value))


@config.command(name="set")
@click.argument("key")
@click.argument("value")
def config_set(key: str, value: str) -> None:
    """Set KEY to VALUE.

    \b
    Example usage:
        scout config set name "Ada Lovelace"
        scout config set linkedin-tier premium
    """
    stored = set_setting(open_database(), key, value)
    click.echo(f"{key.strip().lower()} = {one_line(stored)}")


@config.command(name="unset")
@click.argument("key")
def config_unset(key: str) -> None:
    """Clear KEY, back to its default.

    \b
    Example usage:
        scout config unset signature
    """
    removed = unset_setting(open_database(), key)
    click.echo(f"{key.strip().lower()} cleared" if removed else f"{key.strip().lower()} was not set")


@config.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
def config_list(as_json: bool) -> None:
    """List every setting and its value.

    \b
    Example usage:
        scout config list
        scout config list --json
    """
    settings = get_settings(open_database())
    if as_json:
        click.echo(json_dumps(settings))
        return
    for key, value in settings.items():
        click.echo(f"{key:<14} {one_line(value) if value is not None else '(not set)'}")
