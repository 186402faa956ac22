"""The request snippets `icekit validate` and `icekit schema` take: CLI kind -> model, in the order the API
lists the parameters. Naming the kinds imports no model; `snippet_model` imports (and builds) only the one
asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from icekit.lazy import import_home

if TYPE_CHECKING:
    from icekit.models.base import WireModel

__all__ = ["SNIPPET_KINDS", "snippet_model", "snippet_models"]

# kind -> (module, model class)
_HOMES: dict[str, tuple[str, str]] = {
    "file-info": ("icekit.models.file_info", "FileInfo"),
    "media-metadata": ("icekit.models.media_metadata", "MediaMetaData"),
    "upload-target-config": ("icekit.models.upload_target_config", "UploadTargetConfig"),
    "user-data": ("icekit.models.user_data", "UserData"),
    "post-process-config": ("icekit.models.post_process_config", "PostProcessConfig"),
}

SNIPPET_KINDS: tuple[str, ...] = tuple(_HOMES)


def snippet_model(kind: str) -> type[WireModel]:
    """The model of one snippet kind (KeyError for an unknown kind)."""
    module, name = _HOMES[kind]
    model: type[WireModel] = getattr(import_home(module, name), name)
    return model


def snippet_models() -> dict[str, type[WireModel]]:
    """Every kind's model (imports them all)."""
    return {kind: snippet_model(kind) for kind in SNIPPET_KINDS}
