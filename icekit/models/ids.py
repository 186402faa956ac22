"""The two plain-string identifiers of CreateUploadMedia as validated types: AppId and EntityId.

Their forms are facts (icekit.facts.ids); this module turns them into pydantic types with user words.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from icekit.facts.ids import APP_ID_PATTERN, DEFAULT_APP_ID, ENTITY_ID_PATTERN

__all__ = ["AppId", "EntityId", "validate_app_id", "validate_entity_id"]


def validate_app_id(value: str) -> str:
    """Return `value` if it is an ICE AppId (`app-<digits>`), else raise ValueError in user words."""
    if not re.fullmatch(APP_ID_PATTERN, value):
        raise ValueError(f"{value!r} is not an ICE AppId (app-<digits>, e.g. {DEFAULT_APP_ID})")
    return value


def validate_entity_id(value: str) -> str:
    """Return `value` if it is an ICE EntityId (32 hex characters), else raise ValueError in user words."""
    if not re.fullmatch(ENTITY_ID_PATTERN, value):
        raise ValueError(f"{value!r} is not an ICE EntityId (32 hex characters, as returned by CreateEntity)")
    return value


AppId = Annotated[str, Field(json_schema_extra={"pattern": APP_ID_PATTERN}), AfterValidator(validate_app_id)]
EntityId = Annotated[
    str, Field(json_schema_extra={"pattern": ENTITY_ID_PATTERN}), AfterValidator(validate_entity_id)
]
