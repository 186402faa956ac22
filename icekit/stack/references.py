"""Checks that span fields or sections: names an app uses must be declared, and their combination must fit."""

from __future__ import annotations

from icekit.facts.names import RAM_NAME_MAX
from icekit.models.business_types import business_type_fits
from icekit.stack.messages import Problems
from icekit.stack.model import AppDecl, StackDeclaration
from icekit.stack.naming import bucket_policy_name, upload_policy_name
from icekit.stack.sections import MnsCallback

__all__ = ["reference_problems"]


def _unknown(kind: str, name: str, declared: list[str]) -> str:
    listed = ", ".join(sorted(declared)) or "none"
    return f"unknown {kind} {name!r} (declared: {listed})"


def reference_problems(spec: StackDeclaration) -> Problems:
    """(key path, message) for every broken reference, in declaration order."""
    problems: Problems = []
    for name, storage in spec.storage.items():
        region = storage.location_region
        if storage.location is not None and region != spec.region:
            problems.append(
                (
                    f"icekit:storage.{name}.location",
                    f"storage location is in {region}, but the stack's alicloud:region is {spec.region}",
                )
            )
    if spec.event_callback is not None and spec.event_callback not in spec.callbacks:
        problems.append(
            ("icekit:eventCallback", _unknown("callback", spec.event_callback, list(spec.callbacks)))
        )
    bucket_users: dict[str, int] = {}
    seen: dict[str, int] = {}
    for index, app in enumerate(spec.apps):
        at = f"icekit:apps[{index}]"
        problems.extend(_name_problems(spec, app, at, seen))
        seen.setdefault(app.name, index)
        problems.extend(_storage_problems(spec, app, at, bucket_users))
        bucket_users.setdefault(app.storage, index)
        problems.extend(_callback_problems(spec, app, at))
        problems.extend(_workflow_problems(spec, app, at))
        problems.extend(_queue_problems(spec, app, at))
        problems.extend(_app_field_problems(app, at))
    return problems


def _name_problems(spec: StackDeclaration, app: AppDecl, at: str, seen: dict[str, int]) -> Problems:
    problems: Problems = []
    if app.name in seen:
        problems.append(
            (f"{at}.name", f"duplicate app name {app.name!r} (also icekit:apps[{seen[app.name]}])")
        )
    longest = max(upload_policy_name(spec.stack, app.name), bucket_policy_name(spec.stack, app.name), key=len)
    if len(longest) > RAM_NAME_MAX:
        problems.append(
            (
                f"{at}.name",
                f"RAM name {longest!r} would exceed {RAM_NAME_MAX} characters; shorten the app name",
            )
        )
    return problems


def _storage_problems(
    spec: StackDeclaration, app: AppDecl, at: str, bucket_users: dict[str, int]
) -> Problems:
    if app.storage not in spec.storage:
        return [(f"{at}.storage", _unknown("storage", app.storage, list(spec.storage)))]
    if spec.storage[app.storage].own_bucket is None:
        return []
    problems: Problems = []
    # the bucket is created with the app that uses it: one app per own bucket
    first = bucket_users.get(app.storage)
    if first is not None:
        problems.append(
            (
                f"{at}.storage",
                f"own bucket {app.storage!r} is used by icekit:apps[{first}] already; "
                "declare one ownBucket storage per app",
            )
        )
    # RegisterMediaInfo (alibabacloud-ice20201109 RegisterMediaInfoRequest) has no AppId or EntityId:
    # refuse them rather than drop them silently from the app's client configuration.
    for field, key in (("app_id", "appId"), ("entity_id", "entityId")):
        if field in app.model_fields_set:
            problems.append(
                (
                    f"{at}.{key}",
                    f"an own-bucket app registers its uploads with RegisterMediaInfo, which takes no "
                    f"{key}; remove it or upload to a VOD storage location",
                )
            )
    return problems


def _callback_problems(spec: StackDeclaration, app: AppDecl, at: str) -> Problems:
    if app.callback is None:
        return []
    callback = spec.callbacks.get(app.callback)
    if callback is None:
        return [(f"{at}.callback", _unknown("callback", app.callback, list(spec.callbacks)))]
    if isinstance(callback, MnsCallback) and spec.event_callback != app.callback:
        # UserData.MessageCallback carries only a CallbackURL; a queue is reached only through the region's
        # event callback setting.
        return [
            (
                f"{at}.callback",
                f"MNS callback {app.callback!r} reaches apps only as the region's event callback: "
                f"set icekit:eventCallback: {app.callback} or use an HTTP callback",
            )
        ]
    return []


def _workflow_problems(spec: StackDeclaration, app: AppDecl, at: str) -> Problems:
    if app.workflow is not None:
        if app.workflow not in spec.workflows:
            return [(f"{at}.workflow", _unknown("workflow", app.workflow, list(spec.workflows)))]
        if not app.uploads_audio_or_video:
            return [
                (
                    f"{at}.workflow",
                    "only apps that upload video or audio may use a workflow (PostProcessConfig); "
                    f"this app uploads {', '.join(sorted(app.file_types))}",
                )
            ]
    problems: Problems = []
    for kind, name in app.workflows.items():
        if name not in spec.workflows:
            problems.append((f"{at}.workflows.{kind}", _unknown("workflow", name, list(spec.workflows))))
        elif kind not in app.file_types:
            problems.append(
                (
                    f"{at}.workflows.{kind}",
                    f"the app uploads no {kind} files (fileTypes: {', '.join(sorted(app.file_types))})",
                )
            )
    return problems


def _queue_problems(spec: StackDeclaration, app: AppDecl, at: str) -> Problems:
    if not app.consume_queue:
        return []
    callback = spec.callbacks.get(app.callback) if app.callback else None
    if not isinstance(callback, MnsCallback):
        return [
            (
                f"{at}.consumeQueue",
                "the app's callback must be an MNS callback: consumeQueue grants reading its own queue only",
            )
        ]
    return []


def _app_field_problems(app: AppDecl, at: str) -> Problems:
    """Checks between fields of one app, reported at the exact key (each file rule checks itself)."""
    business = app.media_defaults.businessType
    if any(business_type_fits(business, kind) for kind in app.file_types):
        return []
    return [
        (
            f"{at}.mediaDefaults.businessType",
            f"{business!r} fits none of the file types this app uploads "
            f"({', '.join(sorted(app.file_types))})",
        )
    ]
