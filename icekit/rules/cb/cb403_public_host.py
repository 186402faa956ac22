"""CB403: in prod, the callback host is a DNS name, not an IP literal or a loopback name."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from icekit.models.urls import host_address
from icekit.rules.base import ResourceRule
from icekit.rules.cb.common import CALLBACK_TYPES, callback_facts
from icekit.rules.context import RuleContext
from icekit.rules.view import ResourceView

__all__ = ["CallbackPublicHost", "host_problem"]


def host_problem(url: str) -> str | None:
    """Why the URL's host is unfit for prod, or None. An IP address counts in every form a resolver reads
    (`2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`: icekit.models.urls.host_address)."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return "has no parsable host"
    if not host:
        return "has no host"
    if host == "localhost" or host.endswith(".localhost"):
        return f"points at loopback host {host!r}"
    address = host_address(host)
    if address is None:
        return None
    written = "" if str(address) == host else f" (written {host})"
    if address.is_loopback:
        return f"points at loopback address {address}{written}"
    return f"uses IP literal {address}{written}"


class CallbackPublicHost(ResourceRule):
    id = "CB403"
    slug = "callback-public-host"
    title = "Prod callbacks use a DNS host name (no IP literal, no loopback)"
    severity = "medium"
    enforcement = "mandatory"
    rationale = (
        "An IP literal cannot carry a certificate name check for HTTPS and breaks when the receiver moves; "
        "a loopback host means ICE's events go nowhere."
    )
    fix = "Point the prod callback at the receiver's DNS name, e.g. https://hooks.example.com/ice."
    resource_types = CALLBACK_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        if not ctx.is_prod:
            return
        facts = callback_facts(view)
        if facts is None or facts.kind != "http" or facts.url is None:
            return
        problem = host_problem(facts.url)
        if problem:
            yield f"{facts.noun} {facts.url!r} {problem}"
