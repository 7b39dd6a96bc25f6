"""The ``scout`` command: a thin click layer over the companyscout library.

Sub-commands live in one module per group and are imported only when used, so that
``scout --help`` and the commands that never touch the network start fast.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import click

from companyscout.errors import ScoutError
from companyscout.version import __version__

# command name -> "module:attribute"; modules are imported on first use.
COMMANDS: dict[str, str] = {
    "brief": "companyscout.cli.brief:brief",
    "briefs": "companyscout.cli.brief:briefs",
    "demo": "companyscout.cli.brief:demo",
    "path": "companyscout.cli.brief:path",
    "contacts": "companyscout.cli.contacts:contacts",
    "config": "companyscout.cli.config:config",
    "interview": "companyscout.cli.followup:interview",
    "thanks": "companyscout.cli.followup:thanks",
    "promise": "companyscout.cli.followup:promise",
    "reflect": "companyscout.cli.followup:reflect",
    "next": "companyscout.cli.followup:next_step",
    "status": "companyscout.cli.followup:status",
    "followup": "companyscout.cli.followup:followup",
    "agenda": "companyscout.cli.followup:agenda",
}

# One-line help shown by ``scout --help`` without importing the command modules.
SHORT_HELP: dict[str, str] = {
    "brief": "Research a company's website into a sourced briefing.",
    "briefs": "List, show and remove stored briefings.",
    "demo": "Brief the bundled sample company, served on 127.0.0.1.",
    "path": "Print where scout keeps its data.",
    "contacts": "Keep the people to reach out to, and draft notes to them.",
    "config": "Get and set your details used in drafts.",
    "interview": "Record interviews and what was discussed.",
    "thanks": "Draft thank-you emails to your interviewers.",
    "promise": "Track what you promised to send.",
    "reflect": "Debrief an interview: what went well, what to improve.",
    "next": "Record the next step in a company's process, with a checklist.",
    "status": "Show everything due across companies, most urgent first.",
    "followup": "Draft a polite check-in when no word has come.",
    "agenda": "Export every dated item as a calendar file.",
}


INTERRUPTED = "Interrupted; nothing stored was changed by the unfinished step."
EXIT_INTERRUPTED = 130
# After Ctrl-C, how long the command may take to wind down before scout exits anyway.
INTERRUPT_GRACE_SECONDS = 1.0
_told_interrupted = threading.Event()


def _exit_interrupted() -> None:
    """Say the command was interrupted (once) and end the process at once."""
    if not _told_interrupted.is_set():
        _told_interrupted.set()
        click.echo(INTERRUPTED, err=True)
    sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


@contextmanager
def _prompt_ctrl_c() -> Iterator[None]:
    """Make Ctrl-C end the command within INTERRUPT_GRACE_SECONDS, even while pages are in flight.

    Ctrl-C arrives as KeyboardInterrupt in the main thread, which then waits for the fetches
    running in other threads (up to a page's deadline, half a minute or more). The database
    is only ever replaced atomically (old or new state, even under SIGKILL), so ending the
    process after a short grace is safe; a second Ctrl-C ends it at once.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupted(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGINT, lambda signum, frame: _exit_interrupted())
        grace = threading.Timer(INTERRUPT_GRACE_SECONDS, _exit_interrupted)
        grace.daemon = True
        grace.start()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        command: click.Command = getattr(module, attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        _told_interrupted.clear()
        try:
            with _prompt_ctrl_c():
                return super().invoke(ctx)
        except ScoutError as exc:
            from companyscout.safe import terminal_safe

            click.echo(f"Error: {terminal_safe(str(exc), keep_newlines=True)}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            if not _told_interrupted.is_set():
                _told_interrupted.set()
                click.echo(INTERRUPTED, err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="scout")
def cli() -> None:
    """Do the homework after a job interview: research, thank-you notes, contacts, follow-ups.

    scout only drafts: it never sends a message or logs in anywhere.

    \b
    Example usage:
        scout brief https://acme.com/
        scout contacts at "Acme Robotics"
        scout status
    """
