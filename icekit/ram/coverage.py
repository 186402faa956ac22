"""Containment of the patterns RAM documents use: `*`/`?` globs, CIDR blocks and principals.

"covers(general, specific)" answers: is every request matched by `specific` also matched by `general`?
The answers are sound (never claim containment that does not hold), which is what a broadening check needs:
anything not provably covered counts as new access.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from icekit.ram.principals import account_root, principal_account

__all__ = ["action_covered", "cidr_covered", "glob_covers", "principal_covered", "value_covered"]


def glob_covers(general: str, specific: str, *, case_sensitive: bool = True) -> bool:
    """True when every string matched by the glob `specific` is matched by the glob `general`."""
    if not case_sensitive:
        general, specific = general.casefold(), specific.casefold()
    return _covers(general, specific)


@lru_cache(maxsize=4096)
def _covers(general: str, specific: str) -> bool:
    # table[i][j]: general[i:] covers specific[j:]; filled from the end so it runs in O(len*len).
    rows, cols = len(general), len(specific)
    table = [[False] * (cols + 1) for _ in range(rows + 1)]
    table[rows][cols] = True
    for i in range(rows - 1, -1, -1):
        g = general[i]
        for j in range(cols, -1, -1):
            if g == "*":
                # `*` may match nothing, or swallow one more token of `specific` (even its own `*`).
                table[i][j] = table[i + 1][j] or (j < cols and table[i][j + 1])
            elif j == cols:
                table[i][j] = False
            else:
                s = specific[j]
                if s == "*":
                    table[i][j] = False  # only a `*` covers a `*`
                elif s == "?":
                    table[i][j] = g == "?" and table[i + 1][j + 1]
                else:
                    table[i][j] = (g == "?" or g == s) and table[i + 1][j + 1]
    return table[0][0]


def action_covered(action: str, by: Iterable[str]) -> bool:
    """RAM action names compare case-insensitively (`ice:GetMediaInfo` == `ICE:getmediainfo`)."""
    return any(glob_covers(general, action, case_sensitive=False) for general in by)


def value_covered(value: str, by: Iterable[str], *, glob: bool, case_sensitive: bool = True) -> bool:
    if glob:
        return any(glob_covers(general, value, case_sensitive=case_sensitive) for general in by)
    if case_sensitive:
        return value in set(by)
    return value.casefold() in {general.casefold() for general in by}


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        return None


def cidr_covered(block: str, by: Iterable[str]) -> bool:
    """A CIDR block (or bare address) lies inside one of `by`; unparsable values compare as text."""
    network = _network(block)
    for general_text in by:
        general = _network(general_text)
        if network is None or general is None:
            if block.strip() == general_text.strip():
                return True
            continue
        if network.version == general.version and network.subnet_of(general):  # type: ignore[arg-type]
            return True
    return False


def principal_covered(principal: tuple[str, str], by: Iterable[tuple[str, str]]) -> bool:
    """`principal` is (kind, value), e.g. ("RAM", "acs:ram::123:role/x"); kinds compare exactly."""
    kind, value = principal
    for general_kind, general_value in by:
        if general_value == "*" and general_kind in (kind, "*"):
            return True
        if general_kind != kind:
            continue
        if glob_covers(general_value, value):
            return True
        root_account = account_root(general_value)
        if root_account is not None and principal_account(value) == root_account:
            return True
    return False
