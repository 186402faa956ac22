"""The apps' own upload rules (their client configuration's `fileRules`, and the own bucket's prefix), which
the sandbox enforces on top of ICE's and OSS's: an upload the app's rules do not admit is refused even where
the real service would take it, so that a client is tested against what the stack declares.

Which app a request is for: the stack role the caller's session holds (each app has its own role). A caller
that holds no app's role has no rules here (the Authorizer decides it alone).
- CreateUploadMedia: FileInfo.Type must be one of the app's types, FileInfo.Ext one of that type's
  extensions, FileInfo.Size (when given) at most its maxSizeBytes.
- own-bucket writes (PutObject, InitiateMultipartUpload) and RegisterMediaInfo of the app's own bucket: the
  key's extension must be one of the app's extensions (of any type), a PutObject's size at most that type's
  maxSizeBytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from icekit.models.upload_rules import FileRule
from icekit.sandbox.principals import Principal

__all__ = ["AppRules", "UploadRules", "extension_of"]


def extension_of(key: str) -> str:
    name = key.rpartition("/")[2]
    return name.rpartition(".")[2].lower() if "." in name else ""


@dataclass(frozen=True)
class AppRules:
    """An app's upload rules as its client configuration states them."""

    app: str
    role_arn: str
    file_rules: tuple[FileRule, ...]
    own_bucket: tuple[str, str] | None  # (bucket, prefix) of an own-bucket app

    def _declared(self) -> str:
        return "; ".join(f"{rule.type}: {', '.join(rule.extensions)}" for rule in self.file_rules) or "none"

    def upload_problem(self, file_type: str, extension: str, size: int | None) -> str | None:
        rule = next((rule for rule in self.file_rules if rule.type == file_type), None)
        if rule is None:
            return f"the app {self.app} declares no {file_type} files (its fileRules: {self._declared()})"
        return self._rule_problem(rule, extension.lower(), size)

    def object_problem(self, key: str, size: int | None) -> str | None:
        extension = extension_of(key)
        rule = next((rule for rule in self.file_rules if extension in rule.extensions), None)
        if rule is None:
            return (
                f"the extension {extension or '(none)'!r} of {key} is not one of the app {self.app}'s "
                f"(its fileRules: {self._declared()})"
            )
        return self._rule_problem(rule, extension, size)

    def _rule_problem(self, rule: FileRule, extension: str, size: int | None) -> str | None:
        if extension not in rule.extensions:
            return (
                f"the extension {extension!r} is not one of the app {self.app}'s {rule.type} extensions "
                f"({', '.join(rule.extensions)})"
            )
        if size is not None and rule.maxSizeBytes is not None and size > rule.maxSizeBytes:
            return f"{size} bytes exceed the app {self.app}'s {rule.type} limit of {rule.maxSizeBytes} bytes"
        return None


@dataclass(frozen=True)
class UploadRules:
    apps: Sequence[AppRules] = ()

    def app_of(self, principal: Principal) -> AppRules | None:
        return next((app for app in self.apps if app.role_arn == principal.role_arn), None)

    def upload_problem(
        self, principal: Principal, file_type: str, extension: str, size: int | None
    ) -> str | None:
        app = self.app_of(principal)
        return app.upload_problem(file_type, extension, size) if app is not None else None

    def own_object_problem(self, principal: Principal, bucket: str, key: str, size: int | None) -> str | None:
        """The app's rules on an object of its own bucket; None for any other bucket or caller."""
        app = self.app_of(principal)
        if app is None or app.own_bucket is None or app.own_bucket[0] != bucket:
            return None
        return app.object_problem(key, size)
