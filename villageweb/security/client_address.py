"""The visitor's address, as one setting decides: `VILLAGEWEB_TRUSTED_PROXIES`.

Behind nginx/Caddy/Varnish every request comes from the proxy, so REMOTE_ADDR alone would make all
citizens one visitor (one contact-form allowance, one log-in throttle). X-Forwarded-For, though, is
whatever the client writes. It is read only when REMOTE_ADDR is a trusted proxy, from the right: each
trusted hop is skipped and the first address not trusted is the client. A header from anybody else is
ignored. Used by the log-in throttle (django-axes' AXES_CLIENT_IP_CALLABLE), the contact form's rate
limit and every audit entry; nothing else may read REMOTE_ADDR for this.
"""

import ipaddress
import logging
import time
from functools import cache

from django.conf import settings
from django.core.checks import Error, Tags, register

logger = logging.getLogger(__name__)
LOG_EVERY_SECONDS = 60
_last_logged = [0.0]

TRUSTED_PROXIES_MISSING = (
    "VILLAGEWEB_TRUSTED_PROXIES is empty: behind Caddy and Varnish every request reaches the application "
    "from 127.0.0.1, so every citizen would be one visitor (one log-in throttle, one contact-form "
    "allowance, 127.0.0.1 in every audit entry). Set it to the proxies' addresses, "
    "e.g. VILLAGEWEB_TRUSTED_PROXIES=127.0.0.1,::1 (docs/deployment.md)."
)


def trusted_proxies_problem(entries) -> str | None:
    """Why this list of proxies cannot be used (empty, or an entry that is no address or CIDR), or None."""
    if not entries:
        return TRUSTED_PROXIES_MISSING
    for entry in entries:
        try:
            ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            return f"VILLAGEWEB_TRUSTED_PROXIES: {entry!r} is not an IP address or CIDR range."
    return None


@register(Tags.security, deploy=True)
def trusted_proxies_check(app_configs, **kwargs):
    """`check --deploy` fails without the proxies: the documented stack always has two (Caddy, Varnish)."""
    problem = trusted_proxies_problem(settings.VILLAGEWEB_TRUSTED_PROXIES)
    return [Error(problem, id="villageweb.E010")] if problem else []


def _untrusted_proxy_report(remote: str) -> None:
    """A forwarded request from an address not in the list: a proxy the settings do not know."""
    now = time.monotonic()
    if now - _last_logged[0] >= LOG_EVERY_SECONDS:
        _last_logged[0] = now
        logger.error(
            "X-Forwarded-For from %s, which VILLAGEWEB_TRUSTED_PROXIES does not list: if this is the "
            "platform's own proxy, every visitor counts as %s.",
            remote,
            remote,
        )


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
        if "HTTP_X_FORWARDED_FOR" in request.META:
            _untrusted_proxy_report(remote)
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
