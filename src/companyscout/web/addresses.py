"""Which hosts and addresses scout may talk to: the address guard and the same-site rule.

A host the user did not type is fetched only when the address actually connected to is
public. The check runs on the connected socket's peer address (see ``http.py``), so a name
that resolves to a public address for one lookup and to 127.0.0.1 for the next gains nothing.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from companyscout.safe import one_line

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Ranges that Python's is_global/is_private do not cover the way a fetcher needs:
# CGNAT is shared with the ISP, NAT64's local-use prefix may reach private networks.
_EXTRA_REFUSED = (
    ipaddress.ip_network("100.64.0.0/10"),
    ipaddress.ip_network("64:ff9b:1::/48"),
)

DEFAULT_PORTS = {"http": 80, "https": 443}


_NUMERIC_HOST = re.compile(r"[0-9a-fA-FxX.]+")


def parse_address(text: str) -> IPAddress | None:
    """Return the IP address written as ``text``, or None when it is a name.

    Besides dotted quads and IPv6 (with or without brackets), this accepts the legacy IPv4
    forms that resolvers still honour: ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``.
    """
    text = text.strip().strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        pass
    if not _NUMERIC_HOST.fullmatch(text):
        return None
    try:
        # inet_aton implements exactly the permissive forms that getaddrinfo accepts.
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except OSError:
        return None


def is_public_address(address: IPAddress | str) -> bool:
    """Return True when ``address`` is a globally routable unicast address scout may connect to."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    refused = (
        ip.is_multicast
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
        or any(ip in net for net in _EXTRA_REFUSED if net.version == ip.version)
    )
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv6 wrapper around an IPv4 address is refused outright: it only serves to
        # smuggle an IPv4 address past checks that look at the IPv6 form.
        wrapped = ip.ipv4_mapped is not None or ip.sixtofour is not None or ip.teredo is not None
        refused = refused or wrapped or ip.is_site_local or bool(ip.scope_id)
    return ip.is_global and not refused


def is_local_name(host: str) -> bool:
    """Return True for names that always mean this machine (``localhost`` and ``*.localhost``)."""
    host = host.lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


def host_key(host: str, port: int | None, scheme: str = "http") -> str:
    """Return ``host:port`` in the normal form used to compare a connection with trusted hosts."""
    host = host.lower().strip("[]").rstrip(".")
    return f"{host}:{port or DEFAULT_PORTS.get(scheme, 80)}"


@dataclass(frozen=True)
class AddressPolicy:
    """The hosts the user typed, which the guard lets through whatever their address.

    Entries are ``host`` (any port) or ``host:port`` (that port only).
    """

    trusted: frozenset[str] = frozenset()

    @classmethod
    def trusting(cls, hosts: frozenset[str] | set[str] | tuple[str, ...] = ()) -> AddressPolicy:
        """Return a policy trusting ``hosts``, normalised (lower case, no brackets or trailing dot)."""
        normal = set()
        for entry in hosts:
            entry = entry.strip().lower()
            if entry.startswith("["):  # [::1]:8000 or [::1]
                addr, _, rest = entry[1:].partition("]")
                normal.add(addr + (f":{rest[1:]}" if rest.startswith(":") else ""))
            elif entry.count(":") == 1:
                name, port = entry.split(":")
                normal.add(f"{name.rstrip('.')}:{port}")
            else:
                normal.add(entry.rstrip("."))
        return cls(frozenset(normal))

    def is_trusted(self, host: str, port: int) -> bool:
        """Return True when the user typed ``host`` (with this port, or without a port)."""
        host = host.lower().strip("[]").rstrip(".")
        return host in self.trusted or f"{host}:{port}" in self.trusted

    def refusal(self, host: str, port: int, address: IPAddress | str | None = None) -> str | None:
        """Return why connecting to ``host`` (at ``address``) is refused, or None when it is allowed."""
        if self.is_trusted(host, port):
            return None
        shown = one_line(host)  # the host comes from a page: no escape sequences into messages
        if is_local_name(host):
            return f"{shown} is this computer; refused (only a host you type yourself is fetched there)."
        literal = parse_address(host)
        ip = literal if address is None else ipaddress.ip_address(str(address).split("%", 1)[0])
        if ip is not None and not is_public_address(ip):
            where = shown if literal is not None and str(literal) == host.strip("[]") else f"{shown} ({ip})"
            return (
                f"{where} is a private, loopback or reserved address; refused "
                "(only a host you type yourself is fetched there)."
            )
        return None


@lru_cache(maxsize=1)
def _suffix_list():  # type: ignore[no-untyped-def]
    from publicsuffixlist import PublicSuffixList

    # The bundled list only, loaded once (a few hundredths of a second): no network, no cache
    # folder. Private suffixes (github.io, blogspot.com) count, so that one tenant is not
    # "the same site" as another; an unknown suffix (.test, .internal) counts as public.
    return PublicSuffixList()


def _plain_host(host: str) -> str:
    return host.lower().strip("[]").rstrip(".")


@lru_cache(maxsize=4096)
def _is_one_server(host: str) -> bool:
    """Return True for an address or a single-label name (``localhost``): one server, not a domain."""
    return "." not in host or parse_address(host) is not None


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """Return the registrable domain of ``host`` (``www.acme.co.uk`` → ``acme.co.uk``), or the host itself.

    IP addresses and single-label names (``localhost``) are their own site.
    """
    host = _plain_host(host)
    if _is_one_server(host):
        return host
    # A host that is itself a public suffix (github.io) is its own site.
    return str(_suffix_list().privatesuffix(host) or host)


def site_key(url: str) -> str | None:
    """Return what identifies the site of ``url``: its registrable domain, or ``host:port`` for a bare host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not host:
        return None
    if _is_one_server(_plain_host(host)):
        # An address or a single-label name (localhost) is one server: the port is part of the site.
        return host_key(host, port, parts.scheme)
    return registrable_domain(host)


def _tail(host: str, labels: int) -> str:
    return ".".join(host.rsplit(".", labels)[-labels:])


def same_site(url: str, site_url: str) -> bool:
    """Return True when ``url`` is http(s) on the same registrable domain as ``site_url``.

    The public-suffix list is consulted only when it can change the answer: equal hosts are
    one site, and hosts whose last two labels differ never are (a registrable domain has at
    least two labels); an address or a single-label name is compared with its port.
    """
    try:
        parts, site = urlsplit(url), urlsplit(site_url)
        host, site_host = parts.hostname, site.hostname
        port, site_port = parts.port, site.port
    except ValueError:
        return False
    if parts.scheme not in DEFAULT_PORTS or site.scheme not in DEFAULT_PORTS or not host or not site_host:
        return False
    host, site_host = _plain_host(host), _plain_host(site_host)
    if _is_one_server(site_host) or _is_one_server(host):
        # One server, not a domain: the same host and port.
        return host_key(host, port, parts.scheme) == host_key(site_host, site_port, site.scheme)
    if host == site_host:
        return True
    if _tail(host, 2) != _tail(site_host, 2):
        return False
    return registrable_domain(host) == registrable_domain(site_host)
