"""The address guard and the same-site rule (RELIABILITY 23, 24)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from servers import TestServer, page, redirect, robots

from companyscout.errors import BlockedError
from companyscout.web.addresses import AddressPolicy, is_public_address, parse_address, same_site
from companyscout.web.fetcher import SiteFetcher
from companyscout.web.http import guarded_get, guarded_session
from companyscout.web.limits import FetchLimits

REFUSED = [
    "127.0.0.1",
    "::1",
    "0.0.0.0",
    "::",
    "::ffff:127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "fc00::1",
    "fd12:3456::1",
    "169.254.169.254",
    "fe80::1",
    "100.64.0.1",
    "100.127.255.254",
    "224.0.0.1",
    "ff02::1",
    "240.0.0.1",
    "255.255.255.255",
    "2002:7f00:1::1",
]


@pytest.mark.parametrize("address", REFUSED)
def test_case23_non_public_addresses_refused(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "100.128.0.1"])
def test_case23_public_addresses_allowed(address: str) -> None:
    assert is_public_address(address)


@pytest.mark.parametrize(
    "host", ["2130706433", "0x7f.1", "0177.0.0.1", "127.1", "0x7f000001", "[::1]", "[::ffff:127.0.0.1]"]
)
def test_case23_numeric_forms_of_loopback_recognised(host: str) -> None:
    address = parse_address(host)
    assert address is not None and not is_public_address(address)
    assert AddressPolicy().refusal(host, 80) is not None


@pytest.mark.parametrize("host", ["acme.com", "cafe.be", "deadbeef.com", "1.2.3.4.example.com"])
def test_names_are_not_addresses(host: str) -> None:
    assert parse_address(host) is None


@pytest.mark.parametrize(
    "url", ["http://localhost/", "http://app.localhost:8080/", "http://2130706433/", "http://0x7f.1/", "http://[::1]/"]
)
def test_case23_refused_before_any_connection(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_connections(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr("urllib3.util.connection.socket.getaddrinfo", no_connections)
    with pytest.raises(BlockedError, match="refused"):
        guarded_get(url)


def test_trusted_host_is_exactly_that_host_and_port() -> None:
    policy = AddressPolicy.trusting({"127.0.0.1:8000"})
    assert policy.refusal("127.0.0.1", 8000, "127.0.0.1") is None
    assert policy.refusal("127.0.0.1", 8001, "127.0.0.1") is not None
    assert policy.refusal("localhost", 8000, "127.0.0.1") is not None


def test_case23_redirect_to_loopback_from_a_trusted_host_refused(tmp_path: Path) -> None:
    with TestServer() as typed, TestServer() as internal:
        internal.route("/", page("<html>admin console</html>"))
        typed.route("/robots.txt", robots("User-agent: *\nDisallow:\n"))
        typed.route("/go", redirect(internal.url("/")))
        # Without a same-site rule (as for external services), the address guard alone refuses the hop.
        with pytest.raises(BlockedError, match=r"127\.0\.0\.1 is a private, loopback"):
            guarded_get(typed.url("/go"), trusted_hosts=frozenset({typed.host}))
        with SiteFetcher(typed.url("/"), trusted=True, cache_dir=tmp_path) as fetcher:
            assert fetcher.fetch(typed.url("/go")).error is not None
        assert typed.paths().count("/go") == 2
        assert internal.paths() == []


def test_case23_checked_on_the_address_actually_connected_to(monkeypatch: pytest.MonkeyPatch) -> None:
    # A public-looking name whose DNS answer is 127.0.0.1 (DNS rebinding): the connected peer is refused.
    with TestServer() as internal:
        internal.route("/", page("<html>metadata</html>"))
        real_getaddrinfo = socket.getaddrinfo

        def rebinding(host: str, *args, **kwargs):  # type: ignore[no-untyped-def]
            return real_getaddrinfo("127.0.0.1" if host == "rebind.example" else host, *args, **kwargs)

        monkeypatch.setattr("urllib3.util.connection.socket.getaddrinfo", rebinding)
        with pytest.raises(BlockedError, match=r"rebind\.example \(127\.0\.0\.1\) is a private, loopback"):
            guarded_get(f"http://rebind.example:{internal.port}/", limits=FetchLimits(retries=0))
        assert internal.paths() == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.acme.com/about", True),
        ("https://careers.acme.com/", True),
        ("http://acme.com/", True),
        ("https://evil-acme.com/", False),
        ("https://acme.com.evil.com/", False),
        ("https://acme.co/", False),
        ("ftp://acme.com/", False),
        ("javascript:alert(1)", False),
    ],
)
def test_case24_same_site_and_look_alikes(url: str, expected: bool) -> None:
    assert same_site(url, "https://acme.com/") is expected


def test_case24_private_suffix_tenants_are_different_sites() -> None:
    assert not same_site("https://evil.github.io/", "https://acme.github.io/")
    assert same_site("https://www.acme.co.uk/", "https://acme.co.uk/")


def test_case24_fetcher_never_requests_off_site(tmp_path: Path) -> None:
    with TestServer() as site, TestServer() as other:
        site.route("/robots.txt", robots("User-agent: *\nDisallow:\n"))
        with SiteFetcher(site.url("/"), trusted=True, cache_dir=tmp_path) as fetcher:
            assert not fetcher.in_scope(other.url("/"))
            assert fetcher.fetch(other.url("/")).error == f"{other.url('/')} is not on {site.host}; not fetched."
        assert other.paths() == []


def test_case23_pooled_connection_rechecked_for_a_caller_that_did_not_type_the_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_getaddrinfo = socket.getaddrinfo

    def resolve_to_loopback(host: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        return real_getaddrinfo("127.0.0.1" if host == "intranet.example" else host, *args, **kwargs)

    monkeypatch.setattr("urllib3.util.connection.socket.getaddrinfo", resolve_to_loopback)
    with TestServer(keep_alive=True) as internal:
        internal.route("/", page("<html>intranet</html>"))
        url = f"http://intranet.example:{internal.port}/"
        session = guarded_session()
        assert guarded_get(url, session=session, trusted_hosts=frozenset({f"intranet.example:{internal.port}"}))
        with pytest.raises(BlockedError, match=r"intranet\.example \(127\.0\.0\.1\)"):
            guarded_get(url, session=session)
        assert internal.paths() == ["/"]
