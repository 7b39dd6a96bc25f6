"""Every contacts, config and follow-up command explains itself with an example."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from companyscout.cli import cli

GROUPS = ("contacts", "config", "interview", "promise")
COMMANDS = ("thanks", "followup", "reflect", "next", "status", "agenda")


def command_paths() -> list[list[str]]:
    paths = [[name] for name in COMMANDS]
    ctx = click.Context(cli)
    for group_name in GROUPS:
        group = cli.get_command(ctx, group_name)
        assert isinstance(group, click.Group)
        paths += [[group_name, sub] for sub in group.list_commands(ctx)]
    return paths


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_help_has_an_example_that_runs_the_command_itself(path: list[str]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example usage:" in result.output
    assert f"scout {' '.join(path)}" in result.output.split("Example usage:")[1]
