"""The visitor's address, as one setting decides: `VILLAGEWEB_TRUSTED_PROXIES`.

Behind nginx/Caddy/Varnish every request comes from the proxy, so REMOTE_ADDR alone would make all
citizens one visitor (one contact-form allowance, one log-in throttle). X-Forwarded-For, though, is
whatever the client writes. It is read only when REMOTE_ADDR is a trusted proxy, from the right: each
trusted hop is skipped and the first address not trusted is the client. A header from anybody else is
ignored. Used by the log-in throttle (django-axes' AXES_CLIENT_IP_CALLABLE), the contact form's rate
limit and every audit entry; nothing else may read REMOTE_ADDR for this.
"""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _trusted_networks(entries: tuple[str, ...]):
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def _parse(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _trusted(address) -> bool:
    networks = _trusted_networks(tuple(settings.VILLAGEWEB_TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_address(request) -> str:
    """The client's IP address (a string, "" when unknown)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_parse(remote)):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # A hop that is not an address: what lies left of it cannot be trusted either.
            return remote
        if not _trusted(address):
            return str(address)
    return str(_parse(hops[0])) if hops else remote
