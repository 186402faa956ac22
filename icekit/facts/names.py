"""The forms of the names a stack declares and of the cloud names derived from them."""

from __future__ import annotations

__all__ = [
    "BUCKET_NAME_PATTERN",
    "BUCKET_PREFIX_PATTERN",
    "NAME_PATTERN",
    "RAM_NAME_MAX",
    "RAM_NAME_PATTERN",
    "STACK_NAME_PATTERN",
]

# Storage, callback, workflow and app names: 2-32 lower-case letters, digits and hyphens.
NAME_PATTERN = r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$"
# A stack name (from `Pulumi.<stack>.yaml`): at most 20 of the same characters.
STACK_NAME_PATTERN = r"^[a-z][a-z0-9-]{0,19}$"
# OSS bucket names (3-63 of a-z 0-9 -), and the key prefix an own-bucket app writes under (empty or `.../`).
BUCKET_NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"
BUCKET_PREFIX_PATTERN = r"^$|^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}/$"
# RAM role and policy names: at most 64 characters of `[A-Za-z0-9.-]`.
RAM_NAME_MAX = 64
RAM_NAME_PATTERN = r"^[A-Za-z0-9.-]{1,64}$"
