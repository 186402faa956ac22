"""The two plain-string identifiers of CreateUploadMedia: AppId and EntityId.

AppId: the reference page gives the default `app-1000000`; icekit accepts `app-<digits>`.
EntityId: returned by CreateEntity; the reference example `9e177cac2fb44f8b8c67b199fcc7bffd` is 32 hex
characters, which is the format icekit accepts (lower or upper case; kept as given).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

__all__ = [
    "APP_ID_PATTERN",
    "DEFAULT_APP_ID",
    "ENTITY_ID_PATTERN",
    "AppId",
    "EntityId",
    "validate_app_id",
    "validate_entity_id",
]

DEFAULT_APP_ID = "app-1000000"
APP_ID_PATTERN = r"^app-[0-9]+$"
ENTITY_ID_PATTERN = r"^[0-9a-fA-F]{32}$"


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
