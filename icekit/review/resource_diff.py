"""Resource diff of one stack, attachments aside (icekit.review.attachment_diff): every resource added,
removed or changed, with its changed input fields, and how well buckets, callbacks and roles stay
protected (a bucket's ACL and encryption, a callback's scheme and auth, a role's session duration)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from icekit.facts.type_tokens import BUCKET as BUCKET_TYPE
from icekit.facts.type_tokens import BUCKET_ACL as BUCKET_ACL_TYPE
from icekit.facts.type_tokens import CALLBACK_ENDPOINT as CALLBACK_TYPE
from icekit.facts.type_tokens import DYNAMIC as DYNAMIC_TYPE
from icekit.facts.type_tokens import RAM_POLICY as POLICY_TYPE
from icekit.facts.type_tokens import RAM_ROLE as ROLE_TYPE
from icekit.facts.type_tokens import ROLE_POLICY_ATTACHMENT as ATTACHMENT_TYPE
from icekit.report.model import ChangeKind, ResourceChange
from icekit.review.classification import classify
from icekit.review.fields import diff_fields
from icekit.review.plan_reader import Plan, inputs, resource_key, resources

__all__ = ["resource_changes"]

_ACL_RANK = {"private": 0, "public-read": 1, "public-read-write": 2}


def _is_on(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.casefold() in ("on", "true", "enabled"))


def _scheme(url: Any) -> str | None:
    return urlsplit(url).scheme.casefold() if isinstance(url, str) and url else None


def _sse(fields: Mapping[str, Any]) -> Any:
    rule = fields.get("serverSideEncryptionRule")
    return rule.get("sseAlgorithm") if isinstance(rule, Mapping) else None


_PROTECTED_BUCKET = {"acl": "private", "serverSideEncryptionRule": {"sseAlgorithm": "AES256"}}


def _acl(base: Mapping[str, Any] | None, head: Mapping[str, Any] | None) -> tuple[list[str], list[str]]:
    # A new bucket (or ACL) is judged against a private one; an unknown ACL ranks as public.
    old = base if base is not None else _PROTECTED_BUCKET
    new = head if head is not None else old
    old_rank = _ACL_RANK.get(str(old.get("acl") or "private"), 2)
    new_rank = _ACL_RANK.get(str(new.get("acl") or "private"), 2)
    if new_rank > old_rank:
        return [f"acl {new.get('acl')} (was {old.get('acl') or 'private'})"], []
    if new_rank < old_rank:
        return [], [f"acl {new.get('acl') or 'private'} (was {old.get('acl')})"]
    return [], []


def _bucket(base: Mapping[str, Any] | None, head: Mapping[str, Any] | None) -> tuple[list[str], list[str]]:
    broadening, narrowing = _acl(base, head)
    old = base if base is not None else _PROTECTED_BUCKET
    new = head if head is not None else old
    if _sse(old) and not _sse(new):
        broadening.append("server-side encryption off")
    elif _sse(new) and not _sse(old):
        narrowing.append("server-side encryption on")
    return broadening, narrowing


_PROTECTED_CALLBACK = {
    "url": "https://",
    "callbackUrl": "https://",
    "authEnabled": True,
    "authSwitch": "on",
    "allowInsecureHttp": False,
}


def _callback(base: Mapping[str, Any] | None, head: Mapping[str, Any] | None) -> tuple[list[str], list[str]]:
    present = {**(base or {}), **(head or {})}
    # A new callback is judged against a fully protected one; a removed one protects nothing less.
    old = base if base is not None else _PROTECTED_CALLBACK
    new = head if head is not None else old
    broadening, narrowing = [], []
    for key in ("url", "callbackUrl"):
        if key in present:
            was, now = _scheme(old.get(key)), _scheme(new.get(key))
            if was != "http" and now == "http":
                broadening.append(f"{key} uses plain http")
            elif was == "http" and now not in (None, "http"):
                narrowing.append(f"{key} uses {now}")
    if "allowInsecureHttp" in present:
        if _is_on(new.get("allowInsecureHttp")) and not _is_on(old.get("allowInsecureHttp")):
            broadening.append("allowInsecureHttp on")
        elif _is_on(old.get("allowInsecureHttp")) and not _is_on(new.get("allowInsecureHttp")):
            narrowing.append("allowInsecureHttp off")
    kind = str(present.get("kind") or present.get("callbackType") or "").casefold()
    for key in ("authEnabled", "authSwitch"):
        if key in present and kind != "mns":  # an MNS queue has no auth key; RAM guards it
            if _is_on(old.get(key, True)) and not _is_on(new.get(key)):
                broadening.append(f"{key} off")
            elif not _is_on(old.get(key)) and _is_on(new.get(key)):
                narrowing.append(f"{key} on")
    return broadening, narrowing


def _role(base: Mapping[str, Any] | None, head: Mapping[str, Any] | None) -> tuple[list[str], list[str]]:
    if base is None or head is None:
        return [], []  # its trust policy statements carry the verdict
    old, new = base.get("maxSessionDuration"), head.get("maxSessionDuration")
    if isinstance(old, int | float) and isinstance(new, int | float) and old != new:
        text = f"maxSessionDuration {new} (was {old})"
        return ([text], []) if new > old else ([], [text])
    return [], []


def _is_event_callback(resource: Mapping[str, Any]) -> bool:
    return resource.get("type") == DYNAMIC_TYPE and inputs(resource).get("iceResource") == "EventCallback"


Judge = Callable[[Mapping[str, Any] | None, Mapping[str, Any] | None], tuple[list[str], list[str]]]


def _judge(resource: Mapping[str, Any]) -> tuple[str, Judge | None]:
    kind = str(resource.get("type"))
    if kind == BUCKET_TYPE:
        return "bucket", _bucket
    if kind == BUCKET_ACL_TYPE:
        return "bucket acl", _acl
    if kind == CALLBACK_TYPE or _is_event_callback(resource):
        return ("event callback" if _is_event_callback(resource) else "callback"), _callback
    if kind == ROLE_TYPE:
        return "role", _role
    if kind == POLICY_TYPE:
        return "policy", None
    return kind, None


_DOCUMENTS = ("policyDocument", "assumeRolePolicyDocument")


def resource_changes(base: Plan | None, head: Plan | None) -> list[ResourceChange]:
    """Every added/removed/changed resource but the attachments, with its input fields."""
    changes: list[ResourceChange] = []
    before = {resource_key(r): r for r in resources(base) if r.get("type") != ATTACHMENT_TYPE}
    after = {resource_key(r): r for r in resources(head) if r.get("type") != ATTACHMENT_TYPE}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        old_inputs = inputs(old) if old is not None else None
        new_inputs = inputs(new) if new is not None else None
        # Policy documents are compared statement by statement (icekit.review.statement_diff), not as text.
        fields = tuple(
            f for f in diff_fields(old_inputs, new_inputs) if f.path.split(".")[0] not in _DOCUMENTS
        )
        if old is not None and new is not None and not fields:
            continue
        resource = new if new is not None else old
        assert resource is not None
        kind, judge = _judge(resource)
        broadening, narrowing = judge(old_inputs, new_inputs) if judge else ([], [])
        change: ChangeKind = "added" if old is None else "removed" if new is None else "changed"
        if change != "changed":
            fields = ()  # the resource's inputs are shown by the plan; listing every leaf adds noise
        reasons = tuple(broadening or narrowing)
        changes.append(
            ResourceChange(
                kind, str(resource.get("name")), change, classify(broadening, narrowing), reasons, fields
            )
        )
    return changes
