"""Protobuf structs to plain values: secrets masked wherever they are, internals dropped."""

from __future__ import annotations

from google.protobuf import struct_pb2  # type: ignore[import-untyped]

from icekit.plan.wire import SECRET_SIG, SIG_KEY, UNKNOWN, plain_to_struct, struct_to_plain
from icekit.secrets import MASK, offline_placeholder


def _secret(value: object) -> dict[str, object]:
    return {SIG_KEY: SECRET_SIG, "value": value}


def test_nested_secrets_and_placeholders_are_masked() -> None:
    struct = plain_to_struct(
        {
            "b": [1, 2.5, _secret("k")],
            "a": {"inner": _secret({"x": "y"}), "plain": "text", "leak": offline_placeholder("icekit:x")},
            "__provider": "pickled",
            "none": None,
            "unknown": UNKNOWN,
            "flag": True,
        }
    )
    assert struct_to_plain(struct) == {
        "a": {"inner": MASK, "leak": MASK, "plain": "text"},
        "b": [1, 2.5, MASK],
        "flag": True,
        "none": None,
        "unknown": "[unknown]",
    }


def test_unmasked_view_keeps_values() -> None:
    struct = plain_to_struct({"k": _secret("value")})
    assert struct_to_plain(struct, mask_secrets=False) == {"k": "value"}


def test_keys_are_sorted() -> None:
    struct = struct_pb2.Struct()
    struct.update({"z": 1, "a": 2})
    assert list(struct_to_plain(struct)) == ["a", "z"]
