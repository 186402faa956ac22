"""The facts against the installed official SDK; the facts modules' independence from the rest of icekit."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import ModuleType

import alibabacloud_ice20201109
import pytest

import icekit.facts.events
import icekit.facts.formats
import icekit.facts.limits
from icekit.facts.events import KNOWN_EVENTS
from icekit.facts.limits import (
    COVER_URL_MAX_BYTES,
    DESCRIPTION_MAX_BYTES,
    TAG_MAX_BYTES,
    TAGS_MAX_COUNT,
    TITLE_MAX_BYTES,
    USER_DATA_MAX_BYTES,
)

_MODELS = Path(alibabacloud_ice20201109.__file__).parent / "models"


def _comments(model_file: str) -> str:
    lines = (_MODELS / model_file).read_text(encoding="utf-8").splitlines()
    return "\n".join(line.strip().lstrip("#").strip() for line in lines if line.strip().startswith("#"))


def _comment_before(model_file: str, field: str) -> str:
    """The comment block of the SDK's `self.<field> = <field>` assignment (comments precede it)."""
    source = (_MODELS / model_file).read_text(encoding="utf-8")
    head = source.split(f"self.{field} = {field}")[0]
    block = head.rsplit("\n        self.", 1)[-1]
    return " ".join(line.strip().lstrip("#").strip() for line in block.splitlines()[1:])


@pytest.mark.parametrize("model", ["_register_media_info_request.py", "_update_media_info_request.py"])
def test_metadata_byte_limits_match_the_sdk_comments(model: str) -> None:
    title = _comment_before(model, "title")
    description = _comment_before(model, "description")
    cover = _comment_before(model, "cover_url")
    tags = _comment_before(model, "media_tags")
    user_data = _comment_before(model, "user_data")
    assert re.search(rf"\b{TITLE_MAX_BYTES} bytes", title), title
    assert re.search(r"\b1,?024 bytes", description) and DESCRIPTION_MAX_BYTES == 1024, description
    assert re.search(rf"\b{COVER_URL_MAX_BYTES} bytes", cover), cover
    assert re.search(rf"\b{TAGS_MAX_COUNT}\b", tags) and re.search(rf"\b{TAG_MAX_BYTES} bytes", tags), tags
    assert re.search(r"\b1,?024 bytes", user_data) and USER_DATA_MAX_BYTES == 1024, user_data


def test_create_upload_media_still_says_characters_which_is_why_bytes_is_the_safe_reading() -> None:
    meta = _comment_before("_create_upload_media_request.py", "media_meta_data")
    assert "128 characters" in meta and "1024 characters" in meta, meta


def test_event_names_the_sdk_mentions_are_in_the_catalogue() -> None:
    text = _comments("_set_event_callback_request.py") + _comments("_get_event_callback_response_body.py")
    mentioned = set(re.findall(r"\b[A-Z][A-Za-z]+Complete\b", text))
    assert "ProduceMediaComplete" in mentioned
    assert mentioned <= KNOWN_EVENTS


@pytest.mark.parametrize("module", [icekit.facts.events, icekit.facts.formats, icekit.facts.limits])
def test_facts_modules_import_nothing_from_icekit(module: ModuleType) -> None:
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    ours = ("icekit", "components", "pulumi")
    assert not [name for name in imported if name and name.split(".")[0] in ours]
