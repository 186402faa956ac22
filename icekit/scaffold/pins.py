"""The pinned dependency file of a scaffolded project: icekit and every distribution it needs, at the
versions installed beside the running icekit (what `icekit init` ran with, so what is known to work)."""

from __future__ import annotations

import re
from importlib import metadata

__all__ = ["pinned_requirements"]

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_ROOT = "icekit"


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements_of(name: str) -> list[str]:
    """The distributions `name` requires (extras left out), by normalized name."""
    found = []
    for requirement in metadata.requires(name) or []:
        if "extra ==" in requirement.replace('extra=="', 'extra == "'):
            continue
        match = _NAME.match(requirement)
        if match:
            found.append(_normalized(match.group(1)))
    return found


def pinned_requirements() -> list[tuple[str, str]]:
    """(name, version) of icekit and of its installed dependency closure, sorted by name."""
    pins: dict[str, str] = {}
    pending = [_ROOT]
    while pending:
        name = pending.pop()
        if name in pins:
            continue
        try:
            pins[name] = metadata.version(name)
        except metadata.PackageNotFoundError:  # a requirement whose marker excludes this interpreter
            continue
        pending.extend(_requirements_of(name))
    return sorted(pins.items())
