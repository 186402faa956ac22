"""The secrets the sandbox makes up for a stack: one long-term AccessKey per principal its trust policies
name, and one auth key per declared HTTP callback with auth (the stack's own keys are `secure:` values the
offline plan cannot read). Both are kept in the state directory (`settings/stack-keys.json`, private), so
that a restarted sandbox answers to the keys its clients already hold; a `--callback-key NAME=KEY` replaces
one (and is kept from then on).
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Mapping, Sequence
from typing import Final

from icekit.errors import UserInputError
from icekit.facts.callbacks import AUTH_KEY_MAX
from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.principals import Principal
from icekit.sandbox.stack_setup import DeclaredCallback
from icekit.sandbox.state import StateDirectory
from icekit.stack.sections import check_auth_key

__all__ = ["KEYS_RECORD", "callback_keys", "check_callback_keys", "principal_keys"]

KEYS_RECORD: Final = "stack-keys"
_ALPHANUMERIC = string.ascii_letters + string.digits


def _record(state: StateDirectory) -> dict[str, dict[str, str]]:
    stored = state.read_record("settings", KEYS_RECORD) or {}
    return {
        "principals": dict(stored.get("principals") or {}),
        "callbacks": dict(stored.get("callbacks") or {}),
    }


def principal_keys(
    state: StateDirectory, credentials: CredentialStore, arns: Sequence[str]
) -> list[AccessKey]:
    """An AccessKey per principal ARN, the one kept from an earlier run or a new one; all registered."""
    record = _record(state)
    kept = record["principals"]
    keys = []
    for arn in arns:
        if arn in kept:
            key_id, secret = kept[arn].split(":", 1)
            keys.append(credentials.add_access_key(AccessKey(key_id, secret, Principal(arn))))
        else:
            key = credentials.new_access_key(Principal(arn))
            kept[arn] = f"{key.access_key_id}:{key.secret}"
            keys.append(key)
    state.write_record("settings", KEYS_RECORD, record, private=True)
    return keys


def _random_auth_key() -> str:
    """32 letters and digits with at least one upper-case letter, one lower-case letter and one digit."""
    while True:
        key = "".join(secrets.choice(_ALPHANUMERIC) for _ in range(AUTH_KEY_MAX))
        if any(c.isupper() for c in key) and any(c.islower() for c in key) and any(c.isdigit() for c in key):
            return key


def _signed(callbacks: Mapping[str, DeclaredCallback]) -> dict[str, DeclaredCallback]:
    return {name: cb for name, cb in callbacks.items() if cb.kind == "http" and cb.auth_enabled}


def check_callback_keys(
    callbacks: Mapping[str, DeclaredCallback], given: Mapping[str, str]
) -> dict[str, str]:
    """`--callback-key` values, each naming a declared HTTP callback with auth and fit for ICE's AuthKey."""
    signed = _signed(callbacks)
    for name, key in given.items():
        if name not in signed:
            known = ", ".join(sorted(signed)) or "none"
            raise UserInputError(
                f"{name!r} is not a declared HTTP callback with auth (those of the stack: {known})",
                key_path="--callback-key",
            )
        try:
            check_auth_key(key)
        except ValueError as error:
            raise UserInputError(f"{name}: {error}", key_path="--callback-key") from None
    return dict(given)


def callback_keys(
    state: StateDirectory, callbacks: Mapping[str, DeclaredCallback], given: Mapping[str, str]
) -> dict[str, str]:
    """Callback name -> the auth key the sandbox signs its events with, for each HTTP callback with auth."""
    signed = _signed(callbacks)
    chosen = check_callback_keys(callbacks, given)
    record = _record(state)
    kept = record["callbacks"]
    keys = {name: chosen.get(name) or kept.get(name) or _random_auth_key() for name in sorted(signed)}
    record["callbacks"] = keys
    state.write_record("settings", KEYS_RECORD, record, private=True)
    return keys
