"""Converting the Pulumi wire format (protobuf Structs) to plain values and back, masking secrets.

The signatures are the ones of the Pulumi SDK's `pulumi/runtime/rpc.py` (`_special_sig_key` and friends):
a secret travels as `{"4dabf1...": "1b4706...", "value": ...}`, a resource reference as
`{"4dabf1...": "5cf8f7...", "urn": ...}`.
"""

from __future__ import annotations

from typing import Any

from google.protobuf import struct_pb2  # type: ignore[import-untyped]

from icekit.secrets import MASK, is_offline_placeholder

__all__ = ["SECRET_SIG", "SIG_KEY", "UNKNOWN", "plain_to_struct", "struct_to_plain"]

SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
# A computed value that is not known during a preview (pulumi/runtime/rpc.py `UNKNOWN`).
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
UNKNOWN_TEXT = "[unknown]"


def struct_to_plain(struct: struct_pb2.Struct, *, mask_secrets: bool = True) -> dict[str, Any]:
    """A Struct as JSON-like values, sorted keys, secrets (and offline placeholders) as MASK.

    Keys starting with `__` are engine-internal (`__provider`: the pickled dynamic provider) and are dropped.
    """
    plain = _struct(struct, mask_secrets)
    if not isinstance(plain, dict):  # a top-level signature object: not a property bag
        return {"value": plain}
    return plain


def _struct(struct: struct_pb2.Struct, mask: bool) -> Any:
    fields = struct.fields
    sig = fields.get(SIG_KEY)
    if sig is not None:
        kind = sig.string_value
        if kind == SECRET_SIG:
            return MASK if mask else _value(fields["value"], mask)
        if kind == RESOURCE_SIG:
            return fields["urn"].string_value
    return {key: _value(fields[key], mask) for key in sorted(fields) if not key.startswith("__")}


def _value(value: struct_pb2.Value, mask: bool) -> Any:
    kind = value.WhichOneof("kind")
    if kind == "string_value":
        text = value.string_value
        if text == UNKNOWN:
            return UNKNOWN_TEXT
        if mask and is_offline_placeholder(text):
            return MASK
        return text
    if kind == "struct_value":
        return _struct(value.struct_value, mask)
    if kind == "list_value":
        return [_value(item, mask) for item in value.list_value.values]
    if kind == "number_value":
        number = value.number_value
        return int(number) if number.is_integer() else number
    if kind == "bool_value":
        return value.bool_value
    return None


def plain_to_struct(values: dict[str, Any]) -> struct_pb2.Struct:
    """Plain JSON-like values (secrets in their wire form) as a Struct, without pumping the event loop."""
    struct = struct_pb2.Struct()
    struct.update(values)
    return struct
