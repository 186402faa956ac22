"""UserData is at most 1,024 UTF-8 bytes as a wire string (icekit.facts.limits), static part and Extend."""

from __future__ import annotations

import json

import pytest

from icekit.facts.limits import USER_DATA_MAX_BYTES
from icekit.models import InvalidDocumentError, UserData


def _wire_of_size(size: int) -> str:
    # {"Extend":{"k":"..."}} is 19 bytes around the value; "é" is 2 bytes
    filler = size - len('{"Extend":{"k":""}}')
    value = "é" * (filler // 2) + "x" * (filler % 2)
    wire = json.dumps({"Extend": {"k": value}}, separators=(",", ":"), ensure_ascii=False)
    assert len(wire.encode("utf-8")) == size
    return wire


def test_a_wire_string_of_1024_bytes_passes() -> None:
    assert UserData.from_wire(_wire_of_size(USER_DATA_MAX_BYTES)).Extend is not None


def test_one_byte_more_is_refused_in_bytes() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        UserData.from_wire(_wire_of_size(USER_DATA_MAX_BYTES + 1))
    expected = "the UserData wire string is 1025 bytes in UTF-8; ICE allows at most 1024 bytes"
    assert expected in str(caught.value)
