"""`DIR/<stack>/` belongs to icekit as a whole: each run replaces it with exactly what the stack renders now.

So an app removed from the stack (or renamed) leaves no directory behind. To never delete what someone else
put there, icekit writes a manifest, `DIR/<stack>/.icekit-managed`, listing the files it wrote, and replaces
`DIR/<stack>/` only when it does not exist, is empty, or holds that manifest and nothing beyond the files it
lists. Anything else is refused with UserInputError before anything is touched.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from pathlib import Path

from icekit.errors import UserInputError
from icekit.render.atomic import STAGING_PREFIX, replace_tree

__all__ = ["MANIFEST_HEADER", "MARKER", "check_replaceable", "manifest_text", "replace_stack_dir"]

MARKER = ".icekit-managed"
MANIFEST_HEADER = (
    "# icekit-managed v1: written by `icekit plan --out` / `icekit render --out`, which replace this"
    " directory as a whole. Files:"
)


def manifest_text(relative_paths: Collection[str]) -> str:
    """The manifest: the header, then one path (relative to the stack directory) per line, sorted."""
    return "".join(f"{line}\n" for line in (MANIFEST_HEADER, *sorted(relative_paths)))


def _listed_files(marker: Path) -> set[str] | None:
    """The paths a manifest lists, or None if the file is not an icekit manifest."""
    try:
        lines = marker.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0] != MANIFEST_HEADER:
        return None
    return set(lines[1:])


def _foreign_entries(stack_dir: Path, listed: set[str]) -> list[str]:
    """Entries under `stack_dir` the manifest does not account for (symbolic links are never followed)."""
    foreign: list[str] = []
    for root, dirs, names in os.walk(stack_dir):
        base = Path(root).relative_to(stack_dir)
        for name in dirs:
            if (Path(root) / name).is_symlink():
                foreign.append((base / name).as_posix())
        for name in names:
            rel = (base / name).as_posix()
            if rel != MARKER and rel not in listed:
                foreign.append(rel)
    return sorted(foreign)


def check_replaceable(stack_dir: Path) -> None:
    """Raise UserInputError unless icekit may replace `stack_dir` as a whole."""
    advice = "icekit replaces this directory as a whole: move it away, or choose another --out"
    if not stack_dir.exists() and not stack_dir.is_symlink():
        return
    if stack_dir.is_symlink() or not stack_dir.is_dir():
        raise UserInputError(f"is not a directory icekit wrote; {advice}", file=stack_dir)
    if not any(stack_dir.iterdir()):
        return
    marker = stack_dir / MARKER
    listed = None if marker.is_symlink() or not marker.is_file() else _listed_files(marker)
    if listed is None:
        raise UserInputError(
            f"exists and was not written by icekit (no {MARKER} manifest); {advice}", file=stack_dir
        )
    foreign = _foreign_entries(stack_dir, listed)
    if foreign:
        more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
        raise UserInputError(
            f"holds {foreign[0]}{more}, which icekit did not write; {advice}", file=stack_dir
        )


def replace_stack_dir(
    out_dir: str | Path, stack: str, files: Mapping[str, str], *, private: Collection[str] = ()
) -> list[Path]:
    """Replace `out_dir/<stack>/` with `files` (`{"<stack>/<app>/<file>": text}`) plus the manifest.

    `private` names files (same keys) written with mode 0600. Returns the written paths, sorted, without the
    manifest. Raises UserInputError, with nothing changed, if the directory holds anything icekit did not
    write or cannot be written.
    """
    out = Path(out_dir)
    if stack in ("", ".", "..") or "/" in stack or "\\" in stack or stack.startswith(STAGING_PREFIX):
        raise UserInputError(f"stack name {stack!r} cannot be used as a directory name", file=out)
    prefix = f"{stack}/"
    outside = sorted(name for name in files if not name.startswith(prefix))
    if outside:
        raise ValueError(f"{outside[0]!r} is not a file of stack {stack!r}")
    inner = {name[len(prefix) :]: text for name, text in files.items()}
    inner[MARKER] = manifest_text(inner)
    stack_dir = out / stack
    check_replaceable(stack_dir)
    written = replace_tree(
        stack_dir, inner, private=[name[len(prefix) :] for name in private if name.startswith(prefix)]
    )
    return sorted(path for path in written if path != stack_dir / MARKER)
