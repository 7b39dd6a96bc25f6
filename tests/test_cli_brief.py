"""`scout brief`, `scout briefs` and `scout demo` end to end, against the demo site served on 127.0.0.1."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from contract import CONTRACT_KEYS

from companyscout.cli import cli
from companyscout.demo import serve_demo_site, serve_folder


@pytest.fixture()
def demo_url() -> Iterator[str]:
    with serve_demo_site() as url:
        yield url


def brief_json(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["brief", *args, "--format", "json", "--no-external"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_brief_of_demo_site_follows_contract_with_sources(demo_url: str) -> None:
    data = brief_json(demo_url)
    assert list(data) == CONTRACT_KEYS
    assert data["company"] == "Northwind Robotics"
    assert data["website"] == demo_url
    assert "safer" in data["mission"]["text"] and data["mission"]["source"].startswith(demo_url)
    assert [v["name"] for v in data["values"]] == [
        "Safety first",
        "Own the outcome",
        "Learn on the floor",
        "Keep it simple",
    ]
    dated = [(a["date"], a["title"]) for a in data["achievements"]]
    assert dated[0] == ("2026-10-01", "Northwind Robotics raises €40M Series B to expand in North America")
    assert [d for d, _ in dated] == sorted((d for d, _ in dated), reverse=True)
    assert ("Amara Okafor", "Chief Executive Officer") in [(p["name"], p["title"]) for p in data["people"]]
    assert 3 <= len(data["talking_points"]) <= 6
    for field in ("values", "culture", "achievements", "people", "talking_points"):
        for fact in data[field]:
            assert fact["source"].startswith(demo_url), (field, fact)
    assert all(len(tp["text"]) <= 220 for tp in data["talking_points"])
    assert {p["role"] for p in data["pages"]} >= {"home", "about", "values", "news", "team", "careers"}
    assert all(p["status"] == 200 for p in data["pages"])


def test_second_brief_is_served_from_the_database_without_the_site(tmp_path: Path) -> None:
    with serve_demo_site() as url:
        first = brief_json(url)
    # The server is gone: only the stored briefing can answer.
    result = CliRunner().invoke(cli, ["brief", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == first
    assert "Stored briefing" in result.stderr
    listing = CliRunner().invoke(cli, ["briefs", "list"])
    assert "Northwind Robotics" in listing.output and url in listing.output


def test_refresh_fetches_again(demo_url: str) -> None:
    first = brief_json(demo_url)
    again = brief_json(demo_url, "--refresh")
    assert again["generated_at"] >= first["generated_at"]
    assert again["pages"]


def test_unreachable_home_page_is_exit_1_naming_the_host() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: connection refused
    result = CliRunner().invoke(cli, ["brief", f"http://127.0.0.1:{port}/", "--no-external"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "127.0.0.1" in result.output
    assert "Traceback" not in result.output


def test_home_page_that_is_not_html_is_exit_1(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256)))
    with serve_folder(tmp_path) as url:
        result = CliRunner().invoke(cli, ["brief", url, "--no-external"])
    assert result.exit_code == 1
    assert "Error: " in result.output and "HTML" in result.output


def test_output_file_format_follows_extension(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "northwind.json"
    result = CliRunner().invoke(cli, ["brief", demo_url, "--no-external", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["company"] == "Northwind Robotics"
    md = tmp_path / "northwind.md"
    CliRunner().invoke(cli, ["brief", demo_url, "-o", str(md)])
    assert md.read_text(encoding="utf-8").startswith("# Northwind Robotics")


def test_markdown_is_the_default_when_stdout_is_not_a_terminal(demo_url: str) -> None:
    result = CliRunner().invoke(cli, ["brief", demo_url, "--no-external"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Northwind Robotics\n")
    assert "## Talking points for your thank-you note" in result.stdout


def test_text_format_lists_sections(demo_url: str) -> None:
    result = CliRunner().invoke(cli, ["brief", demo_url, "--no-external", "--format", "text"])
    assert result.exit_code == 0, result.output
    for heading in ("MISSION", "VALUES", "RECENT ACHIEVEMENTS", "PEOPLE", "TALKING POINTS FOR YOUR THANK-YOU NOTE"):
        assert heading in result.stdout


def test_demo_command_briefs_the_bundled_site() -> None:
    result = CliRunner().invoke(cli, ["demo", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["company"] == "Northwind Robotics" and data["mission"] is not None
    shown = CliRunner().invoke(cli, ["briefs", "show", "Northwind Robotics", "--format", "markdown"])
    assert shown.exit_code == 0 and shown.stdout.startswith("# Northwind Robotics")


def test_briefs_show_unknown_company_says_what_to_do() -> None:
    result = CliRunner().invoke(cli, ["briefs", "show", "Nowhere Inc"])
    assert result.exit_code == 1
    assert "scout brief" in result.output


def test_every_command_has_help() -> None:
    runner = CliRunner()
    top = runner.invoke(cli, ["--help"])
    assert top.exit_code == 0
    from companyscout.cli import COMMANDS

    for name in COMMANDS:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage: " in result.output


def test_help_states_the_time_bound_of_the_fetch_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    import companyscout.cli.brief as brief_cli
    from companyscout.web.limits import FetchLimits

    limits = FetchLimits(
        page_deadline=10, retry_after_cap=20, per_host_connections=2, max_sitemap_files=4, brief_deadline=900
    )
    monkeypatch.setattr(brief_cli, "LIMITS", limits)
    # 25 pages and 2 feeds, 2 at a time: the home page, 3 sitemap rounds, 13 page rounds, 30 s each,
    # plus the news search (10 + 3 s).
    assert brief_cli.worst_case_seconds(25, limits, feeds=2) == (1 + 3 + 13) * 30
    text = " ".join(CliRunner().invoke(cli, ["brief", "--help"]).output.split())
    assert "up to 4 sitemap files and 2 feeds, 2 at a time" in text
    assert "10 s of network time and at most 20 s of waiting" in text
    assert "longer than about 9 minutes" in text  # 523 s
    assert "{" not in text  # every figure filled in, on every showing
    assert text == " ".join(CliRunner().invoke(cli, ["brief", "--help"]).output.split())


def test_help_states_the_briefing_deadline_as_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import companyscout.cli.brief as brief_cli
    from companyscout.web.limits import FetchLimits

    # The rounds would add up to 17 × 30 s; the briefing's deadline of 100 s cuts them short.
    limits = FetchLimits(page_deadline=10, retry_after_cap=20, per_host_connections=2, brief_deadline=100)
    monkeypatch.setattr(brief_cli, "LIMITS", limits)
    assert brief_cli.worst_case_seconds(25, limits, feeds=2) == 100
    text = " ".join(CliRunner().invoke(cli, ["brief", "--help"]).output.split())
    assert "stops after 100 s whatever remains" in text
    assert "longer than about 113 s" in text  # 100 s, plus the news search (10 + 3 s)
