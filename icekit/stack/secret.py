"""A `secure:` value from a stack file: never decrypted by icekit, carried with the key path it came from."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from icekit.secrets import MASK, offline_placeholder

__all__ = ["SecretValue", "is_pulumi_ciphertext"]

# AES-GCM's tag alone is 16 bytes: no real ciphertext is shorter.
_MIN_SEALED_BYTES = 16


def _b64_bytes(text: str) -> int:
    try:
        return len(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        return -1


def is_pulumi_ciphertext(text: str) -> bool:
    """Whether `text` has the form of a Pulumi `secure:` value: `v1:<base64 nonce>:<base64 ciphertext>` (the
    passphrase and cloud-KMS secrets providers) or plain base64 (the Pulumi Cloud provider). A clear value
    pasted after `secure:` has neither form, and must not pass for a secret."""
    version, sep, rest = text.partition(":")
    if sep:
        nonce, sep, sealed = rest.partition(":")
        return (
            version == "v1"
            and bool(sep)
            and _b64_bytes(nonce) > 0
            and _b64_bytes(sealed) >= _MIN_SEALED_BYTES
        )
    return _b64_bytes(text) >= _MIN_SEALED_BYTES


@dataclass(frozen=True, repr=False)
class SecretValue:
    """A secret declaration value.

    `ciphertext` is the Pulumi `secure: v1:...` text as read from the stack file (icekit never decrypts it).
    `plaintext` is set only inside a Pulumi program, where the engine has already decrypted the value; the
    content rules (e.g. the auth key's) are applied to it then, and only then.
    """

    key_path: str
    ciphertext: str | None = None
    plaintext: str | None = None

    @property
    def is_clear(self) -> bool:
        return self.plaintext is not None

    def program_value(self) -> str:
        """The value a Pulumi program hands to resources (always wrapped as a Pulumi secret by the caller)."""
        return self.plaintext if self.plaintext is not None else offline_placeholder(self.key_path)

    def __repr__(self) -> str:  # never print the value, even by accident
        return f"SecretValue(key_path={self.key_path!r}, value={MASK!r})"

    __str__ = __repr__
