"""Issue 10: the declaration is checked against ICE's catalogues (events, formats) and byte limits; each
refusal names the stack file and the key path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from icekit.errors import UserInputError
from icekit.stack import load_stack

Doc = dict[str, Any]


def _cfg(doc: Doc) -> Doc:
    config: Doc = doc["config"]
    return config


def _refusal(doc: Doc, write_stack: Callable[[Doc], Path]) -> tuple[Path, UserInputError]:
    path = write_stack(doc)
    with pytest.raises(UserInputError) as caught:
        load_stack(path)
    assert caught.value.file == str(path)
    return path, caught.value


def test_file_uploaded_is_refused_with_the_closest_known_event(
    dev_document: Doc, write_stack: Callable[[Doc], Path]
) -> None:
    _cfg(dev_document)["icekit:callbacks"]["hooks"]["events"] = ["FileUploaded", "ProduceMediaComplete"]
    path, error = _refusal(dev_document, write_stack)
    assert error.key_path == "icekit:callbacks.hooks.events[0]"
    assert "'FileUploaded' is not an ICE event; did you mean 'FileUploadComplete'?" in error.message
    assert str(error).startswith(f"{path}: icekit:callbacks.hooks.events[0]: ")


def test_an_unknown_event_far_from_any_known_one_gets_no_guess(
    dev_document: Doc, write_stack: Callable[[Doc], Path]
) -> None:
    _cfg(dev_document)["icekit:callbacks"]["uploads-queue"]["events"] = ["Completed"]
    _path, error = _refusal(dev_document, write_stack)
    assert error.key_path == "icekit:callbacks.uploads-queue.events[0]"
    assert "'Completed' is not an ICE event (" in error.message and "did you mean" not in error.message


def test_events_default_to_file_upload_complete(
    dev_document: Doc, write_stack: Callable[[Doc], Path]
) -> None:
    del _cfg(dev_document)["icekit:callbacks"]["hooks"]["events"]
    del _cfg(dev_document)["icekit:callbacks"]["uploads-queue"]["events"]
    declaration = load_stack(write_stack(dev_document))
    assert [c.events for c in declaration.callbacks.values()] == [["FileUploadComplete"]] * 2


def test_an_extension_ice_does_not_list_is_refused_with_the_supported_ones(
    dev_document: Doc, write_stack: Callable[[Doc], Path]
) -> None:
    _cfg(dev_document)["icekit:apps"][2]["fileTypes"]["video"]["extensions"] = ["mp4", "mxf"]
    _path, error = _refusal(dev_document, write_stack)
    assert error.key_path == "icekit:apps[2].fileTypes.video.extensions"
    assert "mxf: not video extensions ICE supports (supported: 3gp, asf, avi," in error.message


def test_other_files_take_any_short_alphanumeric_extension(
    dev_document: Doc, write_stack: Callable[[Doc], Path]
) -> None:
    _cfg(dev_document)["icekit:apps"][1]["fileTypes"]["other"] = {"extensions": ["pdf"], "maxSizeBytes": 10}
    assert load_stack(write_stack(dev_document)).apps[1].file_types["other"].extensions == ["pdf"]


def test_a_default_tag_over_32_bytes_is_refused_in_bytes(
    dev_document: Doc, write_stack: Callable[[Doc], Path]
) -> None:
    _cfg(dev_document)["icekit:apps"][0]["mediaDefaults"]["tags"] = ["标" * 10 + "ab", "标" * 11]
    _path, error = _refusal(dev_document, write_stack)
    assert error.key_path == "icekit:apps[0].mediaDefaults.tags[1]"
    assert "is 33 bytes in UTF-8; ICE allows at most 32 bytes" in error.message


def test_at_most_16_default_tags(dev_document: Doc, write_stack: Callable[[Doc], Path]) -> None:
    _cfg(dev_document)["icekit:apps"][0]["mediaDefaults"]["tags"] = [f"t{i}" for i in range(17)]
    _path, error = _refusal(dev_document, write_stack)
    assert error.key_path == "icekit:apps[0].mediaDefaults.tags"
    assert "at most 16" in error.message
