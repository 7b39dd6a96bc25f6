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
def _extractor():  # type: ignore[no-untyped-def]
    import tldextract

    # The bundled public-suffix snapshot only: no network, no cache folder. Private suffixes
    # (github.io, blogspot.com) count, so that one tenant is not "the same site" as another.
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), include_psl_private_domains=True)


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """Return the registrable domain of ``host`` (``www.acme.co.uk`` → ``acme.co.uk``), or the host itself.

    IP addresses and single-label names (``localhost``) are their own site.
    """
    host = host.lower().strip("[]").rstrip(".")
    if parse_address(host) is not None:
        return host
    result = _extractor()(host)
    # Under a suffix the list does not know (.test, .internal), the last two labels are the site.
    return result.top_domain_under_public_suffix or ".".join(host.split(".")[-2:])


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
    domain = registrable_domain(host)
    if "." not in domain or parse_address(host) is not None:
        # An address or a single-label name (localhost) is one server: the port is part of the site.
        return host_key(host, port, parts.scheme)
    return domain


def same_site(url: str, site_url: str) -> bool:
    """Return True when ``url`` is http(s) on the same registrable domain as ``site_url``."""
    key = site_key(url)
    return key is not None and key == site_key(site_url)
