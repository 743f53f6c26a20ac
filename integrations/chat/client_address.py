"""Which address a request comes from, for every rate limit and bound of the gateway.

`X-Forwarded-For` is read only when the direct peer is one of the project's own proxies
(setting TRUSTED_PROXIES); from anyone else the header is ignored, so a stranger cannot pick a
new address for every request. Pure logic; `client_address` only reads the request.
"""

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address

from fastapi import Request

Network = IPv4Network | IPv6Network


def _trusted(address: str, proxies: Sequence[Network]) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in proxies)


def resolve_client_address(
    peer: str | None, forwarded_for: str | None, proxies: Sequence[Network]
) -> str:
    """The client's address: the direct peer, unless that is a trusted proxy; then the last
    address in X-Forwarded-For that is not a trusted proxy itself (the header is read from
    the right: only what our own proxies appended can be believed)."""
    client = peer or "unknown"
    if not proxies or not forwarded_for or not _trusted(client, proxies):
        return client
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        try:
            hop = str(ip_address(hop))
        except ValueError:
            return client  # junk in the header: the last proxy we trust is all we know
        client = hop
        if not _trusted(hop, proxies):
            return hop
    return client


def client_address(request: Request) -> str:
    """The address every limit counts for this request."""
    peer = request.client.host if request.client else None
    proxies: Sequence[Network] = request.app.state.settings.trusted_proxies
    # Several X-Forwarded-For headers count as one list, in order.
    forwarded = ", ".join(request.headers.getlist("x-forwarded-for")) or None
    return resolve_client_address(peer, forwarded, proxies)
