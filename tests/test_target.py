"""RELIABILITY case 15: target arguments that cannot work are usage errors, and no request is made."""

from __future__ import annotations

import pytest
import responses
from click.testing import CliRunner

from companyscout.cli import cli
from companyscout.errors import UsageError
from companyscout.target import parse_target, site_key

BAD_TARGETS = [
    "",
    " acme.com",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "ftp://acme.com/",
    "https://acme.com/" + "a" * 3000,
    "--format",
    "-x",
    "http://",
    "https://acme.com:99999/",
    "https://user:pw@acme.com/",
    "acme\x1b[2J.com",
]


@pytest.mark.parametrize("text", BAD_TARGETS)
def test_case15_bad_target_is_usage_error_without_request(text: str) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        result = CliRunner().invoke(cli, ["brief", "--", text])
        assert len(mock.calls) == 0
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: ") or "Usage:" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://Acme.com", "https://acme.com/"),
        ("acme.com", "https://acme.com/"),
        ("acme.co.uk/about", "https://acme.co.uk/about"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
        ("localhost:8000", "http://localhost:8000/"),
    ],
)
def test_urls_and_domains_become_site_urls(text: str, url: str) -> None:
    target = parse_target(text)
    assert (target.kind, target.url) == ("url", url)


@pytest.mark.parametrize("text", ["Acme Robotics", "AT&T", "Foo: Bar", "Müller GmbH"])
def test_names_are_names(text: str) -> None:
    assert parse_target(text).kind == "name"


def test_blank_name_is_refused() -> None:
    with pytest.raises(UsageError):
        parse_target("!!!")


def test_site_key_ignores_scheme_www_and_index() -> None:
    assert site_key("https://www.acme.com/") == site_key("http://acme.com/index.html") == "acme.com"
