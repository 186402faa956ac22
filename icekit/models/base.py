"""The common base of the snippet models: parse from and encode to the compact JSON wire string.

Wire form = what CreateUploadMedia takes: `json.dumps(..., separators=(",", ":"), ensure_ascii=False)`, keys
in the model's field order (the API's PascalCase names), fields that are None left out. For a valid document
`Model.from_wire(m.to_wire()) == m` and `Model.from_wire(w).to_wire()` is the canonical form of `w`.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from icekit.json_input import parse_json
from icekit.models.problems import InvalidDocumentError, Problem, problems_from

__all__ = ["WireModel", "decode_json_object", "encode_wire"]


def decode_json_object(text: str, root: str) -> dict[str, Any]:
    """Parse JSON text that must be an object, strictly (icekit.json_input: duplicate keys, NaN/Infinity, huge
    integers, deep nesting are errors)."""
    try:
        value = parse_json(text)
    except ValueError as exc:
        raise InvalidDocumentError([Problem(root, f"is not valid JSON ({exc})")]) from None
    if not isinstance(value, dict):
        raise InvalidDocumentError([Problem(root, "must be a JSON object")])
    return value


def encode_wire(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


class WireModel(BaseModel):
    """A JSON-string parameter of CreateUploadMedia. Subclasses set WIRE_NAME (the parameter's name)."""

    # defer_build: a snippet model is built on its first use, not on import (`icekit render` imports
    # MediaMetaData for its byte rule and never validates one; WireModel itself validates nothing).
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)

    WIRE_NAME: ClassVar[str] = ""

    @classmethod
    def from_data(cls, data: Any) -> Self:
        """Validate a decoded JSON object; broken rules raise InvalidDocumentError (`<WIRE_NAME>.<field>`)."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidDocumentError(problems_from(exc, cls.WIRE_NAME)) from None

    @classmethod
    def from_wire(cls, wire: str) -> Self:
        """Parse the wire string (the JSON text the API takes)."""
        if not isinstance(wire, str):
            raise InvalidDocumentError([Problem(cls.WIRE_NAME, "must be a JSON string")])
        return cls.from_data(decode_json_object(wire, cls.WIRE_NAME))

    def to_data(self) -> dict[str, Any]:
        """The JSON object, in field order, None fields left out."""
        return self.model_dump(mode="json", exclude_none=True)

    def to_wire(self) -> str:
        return encode_wire(self.to_data())
