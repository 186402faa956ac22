"""A `secure:` value from a stack file: never decrypted by icekit, carried with the key path it came from."""

from __future__ import annotations

from dataclasses import dataclass

from icekit.secrets import MASK, offline_placeholder

__all__ = ["SecretValue"]


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
