"""The files `icekit init` copies as they are: this repository's CrossGuard pack (policies/).

The wheel carries them as package data at icekit/scaffold/policies/ (hatch_build.py); a checkout of this
repository (the editable install) has them at the tree's policies/. One copy of the pack, two places.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["POLICY_PACK_FILES", "policy_pack_files"]

POLICY_PACK_FILES = ("PulumiPolicy.yaml", "__main__.py")
_IN_WHEEL = Path(__file__).resolve().parent / "policies"
_IN_TREE = Path(__file__).resolve().parents[2] / "policies"


def policy_pack_files() -> dict[str, str]:
    """`policies/<name>` -> text of the pack's files."""
    directory = _IN_WHEEL if (_IN_WHEEL / POLICY_PACK_FILES[0]).is_file() else _IN_TREE
    return {f"policies/{name}": (directory / name).read_text(encoding="utf-8") for name in POLICY_PACK_FILES}
