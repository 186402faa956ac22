"""Access diff of one stack: RAM statements, trust policies, attachments, and how well buckets and
callbacks are protected. Pure functions over PlanResult-shaped dicts (`model_dump(mode="json")`).

Statements and attachments are classified by the evaluator when a judge is given (icekit.review.exact:
what the role can do at base against head); the pattern-based comparison below stays for the reasons it
names and for documents the evaluator cannot read. Over 300 lines on purpose: one diff over one set of
plan readers (statements, attachments, other resources); to be split along those three.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from icekit.facts.type_tokens import BUCKET as BUCKET_TYPE
from icekit.facts.type_tokens import BUCKET_ACL as BUCKET_ACL_TYPE
from icekit.facts.type_tokens import CALLBACK_ENDPOINT as CALLBACK_TYPE
from icekit.facts.type_tokens import DYNAMIC as DYNAMIC_TYPE
from icekit.facts.type_tokens import RAM_POLICY as POLICY_TYPE
from icekit.facts.type_tokens import RAM_ROLE as ROLE_TYPE
from icekit.facts.type_tokens import ROLE_POLICY_ATTACHMENT as ATTACHMENT_TYPE
from icekit.ram import Statement
from icekit.ram.compare import (
    compare_statements,
    normalized_statements,
    pairing_key,
    statement_covered_by,
)
from icekit.report.model import ChangeKind, Classification, ResourceChange, StatementChange
from icekit.review.fields import diff_fields

if TYPE_CHECKING:
    from icekit.review.exact import ExactJudge

__all__ = ["ATTACHMENT_TYPE", "POLICY_TYPE", "ROLE_TYPE", "diff_resources", "diff_statements"]

Plan = Mapping[str, Any]


def _resources(plan: Plan | None) -> list[Mapping[str, Any]]:
    return list(plan.get("resources", [])) if plan else []


def _inputs(resource: Mapping[str, Any]) -> Mapping[str, Any]:
    inputs = resource.get("inputs") or {}
    return inputs if isinstance(inputs, Mapping) else {}


def _key(resource: Mapping[str, Any]) -> str:
    return str(resource.get("urn") or f"{resource.get('type')}::{resource.get('name')}")


# --- statements ---------------------------------------------------------------------------------------


def _documents(plan: Plan | None) -> dict[str, tuple[str, Any]]:
    """resource key -> (label, raw document), for every permission policy and every role's trust policy."""
    documents: dict[str, tuple[str, Any]] = {}
    for resource in _resources(plan):
        inputs = _inputs(resource)
        if resource.get("type") == POLICY_TYPE:
            label = f"policy {inputs.get('policyName') or resource.get('name')}"
            documents[_key(resource)] = (label, inputs.get("policyDocument"))
        elif resource.get("type") == ROLE_TYPE:
            label = f"trust policy of role {inputs.get('roleName') or resource.get('name')}"
            documents[_key(resource) + "#trust"] = (label, inputs.get("assumeRolePolicyDocument"))
    return documents


def _pair(base: list[Statement], head: list[Statement]) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """Pairs (base index, head index) of statements that changed; unmatched indexes are removed/added.

    Exact matches pair first (and are dropped as unchanged), then same (Effect, action set), then same
    Effect with the largest action overlap: a statement that gained or lost an action stays one change."""
    free_base = set(range(len(base)))
    free_head = set(range(len(head)))
    pairs: list[tuple[int, int]] = []

    def match(same: Callable[[Statement, Statement], bool], keep: bool) -> None:
        for h in sorted(free_head):
            for b in sorted(free_base):
                if same(base[b], head[h]):
                    free_base.discard(b)
                    free_head.discard(h)
                    if keep:
                        pairs.append((b, h))
                    break

    match(lambda b, h: b.comparable() == h.comparable(), keep=False)
    match(lambda b, h: pairing_key(b) == pairing_key(h), keep=True)
    for h in sorted(free_head):
        head_actions = {a.casefold() for a in head[h].actions}
        overlaps = [
            (len(head_actions & {a.casefold() for a in base[b].actions}), -b)
            for b in free_base
            if base[b].effect == head[h].effect
        ]
        best = max(overlaps, default=(0, 0))
        if best[0] > 0:
            free_base.discard(-best[1])
            free_head.discard(h)
            pairs.append((-best[1], h))
    return sorted(pairs, key=lambda p: p[1]), free_base, free_head


def _classify(broadening: list[str], narrowing: list[str]) -> Classification:
    if broadening:
        return "broadening"
    return "narrowing" if narrowing else "neutral"


_EXACT_REASONS: dict[Classification, str] = {
    "broadening": "allows requests the base did not (evaluated)",
    "narrowing": "refuses requests the base allowed (evaluated)",
    "neutral": "no access changed (evaluated)",
}


def _judged(
    heuristic: Classification, reasons: tuple[str, ...], exact: Classification | None
) -> tuple[Classification, tuple[str, ...]]:
    """The evaluator's classification when it has one; the pattern comparison's reasons are kept, with a
    word that the evaluator overruled them."""
    if exact is None or exact == heuristic:
        return heuristic, reasons
    return exact, (*reasons, _EXACT_REASONS[exact])


def _covered_elsewhere(statement: Statement, others: Sequence[Statement]) -> bool:
    return statement_covered_by(statement, others)


def _document_changes(
    label: str,
    base_doc: Any,
    head_doc: Any,
    *,
    trust: bool,
    deny_matters: bool = True,
    judge: ExactJudge | None = None,
) -> list[StatementChange]:
    base = normalized_statements(base_doc)
    head = normalized_statements(head_doc)
    if base is None or head is None:
        if base_doc == head_doc:
            return []
        # An unreadable document cannot be proven harmless, so a change to it counts as broadening.
        return [StatementChange(label, "+", Statement(), "broadening", ("document cannot be parsed",))]
    pairs, removed, added = _pair(base, head)
    changes: list[StatementChange] = []
    reasons: tuple[str, ...]
    for b, h in pairs:
        broadening, narrowing = compare_statements(base[b], head[h])
        # Access moved between statements is neither gained nor lost: judge against all statements.
        granting, denying = head[h].effect == "Allow", head[h].effect == "Deny"
        if broadening and granting and _covered_elsewhere(head[h], base):
            broadening = []
        if narrowing and granting and _covered_elsewhere(base[b], head):
            narrowing = []
        if broadening and denying and _covered_elsewhere(base[b], head):
            broadening = []
        if narrowing and denying and _covered_elsewhere(head[h], base):
            narrowing = []
        classification = _classify(broadening, narrowing)
        reasons = tuple(broadening or narrowing or ["statement rewritten, same access"])
        exact = judge.statement(label, base[b], head[h]) if judge else None
        classification, reasons = _judged(classification, reasons, exact)
        changes.append(StatementChange(label, "-", base[b], classification, reasons))
        changes.append(StatementChange(label, "+", head[h], classification, reasons))
    for b in sorted(removed):
        statement = base[b]
        classification, reasons = _judged(
            *_removed(statement, head, deny_matters),
            judge.statement(label, statement, None) if judge else None,
        )
        changes.append(StatementChange(label, "-", statement, classification, reasons))
    for h in sorted(added):
        statement = head[h]
        classification, reasons = _judged(
            *_added(statement, base, trust), judge.statement(label, None, statement) if judge else None
        )
        changes.append(StatementChange(label, "+", statement, classification, reasons))
    return changes


def _removed(
    statement: Statement, head: Sequence[Statement], deny_matters: bool
) -> tuple[Classification, tuple[str, ...]]:
    if statement.effect == "Deny":
        if not deny_matters:
            return "neutral", ("Deny removed together with the roles it applied to",)
        if _covered_elsewhere(statement, head):
            return "neutral", ("Deny folded into another Deny",)
        return "broadening", ("Deny statement removed",)
    if _covered_elsewhere(statement, head):
        return "neutral", ("still granted by another statement",)
    return "narrowing", ("Allow statement removed",)


def _added(
    statement: Statement, base: Sequence[Statement], trust: bool
) -> tuple[Classification, tuple[str, ...]]:
    if statement.effect == "Deny":
        return "narrowing", ("Deny statement added",)
    if _covered_elsewhere(statement, base):
        return "neutral", ("already granted at base",)
    if trust:
        who = ", ".join(p.render() for p in statement.principals) or "no principal"
        return "broadening", (f"trust policy admits {who}",)
    return "broadening", ("Allow statement added",)


def _role_names(plan: Plan | None) -> set[str]:
    return {str(_inputs(r).get("roleName")) for r in _resources(plan) if r.get("type") == ROLE_TYPE}


def _deny_still_matters(key: str, base: Plan | None, head: Plan | None) -> bool:
    """A removed document's Deny statements protected its roles; removal broadens access only for a role
    that lives on (a Deny restricts every grant of the role, from any policy)."""
    if key.endswith("#trust"):
        return False  # the role itself is gone
    policy_name = next((str(_inputs(r).get("policyName")) for r in _resources(base) if _key(r) == key), None)
    attached_roles = {role for role, policy, _ in _attachments(base) if policy == policy_name}
    return bool(attached_roles & _role_names(head))


def diff_statements(
    base: Plan | None, head: Plan | None, judge: ExactJudge | None = None
) -> list[StatementChange]:
    base_docs = _documents(base)
    head_docs = _documents(head)
    changes: list[StatementChange] = []
    for key in sorted(set(base_docs) | set(head_docs), key=lambda k: (base_docs.get(k) or head_docs[k])[0]):
        label, base_doc = base_docs.get(key, ("", None))
        head_label, head_doc = head_docs.get(key, ("", None))
        deny_matters = key in head_docs or _deny_still_matters(key, base, head)
        changes += _document_changes(
            head_label or label,
            base_doc,
            head_doc,
            trust=key.endswith("#trust"),
            deny_matters=deny_matters,
            judge=judge,
        )
    return changes


# --- other resources ----------------------------------------------------------------------------------

_ACL_RANK = {"private": 0, "public-read": 1, "public-read-write": 2}


def _is_on(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.casefold() in ("on", "true", "enabled"))


def _scheme(url: Any) -> str | None:
    return urlsplit(url).scheme.casefold() if isinstance(url, str) and url else None


def _sse(inputs: Mapping[str, Any]) -> Any:
    rule = inputs.get("serverSideEncryptionRule")
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
    return resource.get("type") == DYNAMIC_TYPE and _inputs(resource).get("iceResource") == "EventCallback"


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


def _attachments(plan: Plan | None) -> set[tuple[str, str, str]]:
    found = set()
    for resource in _resources(plan):
        if resource.get("type") == ATTACHMENT_TYPE:
            inputs = _inputs(resource)
            found.add(
                (str(inputs.get("roleName")), str(inputs.get("policyName")), str(inputs.get("policyType")))
            )
    return found


def _attachment_changes(
    base: Plan | None, head: Plan | None, judge: ExactJudge | None = None
) -> list[ResourceChange]:
    before, after = _attachments(base), _attachments(head)
    changes = []
    for role, policy, policy_type in sorted(after - before):
        name = f"{policy} ({policy_type}) -> role {role}"
        exact = judge.attachment(role, policy, policy_type, "added") if judge else None
        classification, reasons = _judged("broadening", ("attachment added",), exact)
        changes.append(ResourceChange("policy attachment", name, "added", classification, reasons))
    for role, policy, policy_type in sorted(before - after):
        name = f"{policy} ({policy_type}) -> role {role}"
        exact = judge.attachment(role, policy, policy_type, "removed") if judge else None
        classification, reasons = _judged("narrowing", ("attachment removed",), exact)
        changes.append(ResourceChange("policy attachment", name, "removed", classification, reasons))
    return changes


_DOCUMENTS = ("policyDocument", "assumeRolePolicyDocument")


def diff_resources(
    base: Plan | None, head: Plan | None, exact: ExactJudge | None = None
) -> list[ResourceChange]:
    """Attachments first (judged by `exact` when given), then every other added/removed/changed resource
    with its input fields."""
    changes = _attachment_changes(base, head, exact)
    before = {_key(r): r for r in _resources(base) if r.get("type") != ATTACHMENT_TYPE}
    after = {_key(r): r for r in _resources(head) if r.get("type") != ATTACHMENT_TYPE}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        old_inputs = _inputs(old) if old is not None else None
        new_inputs = _inputs(new) if new is not None else None
        # Policy documents are compared statement by statement above, not as text.
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
                kind, str(resource.get("name")), change, _classify(broadening, narrowing), reasons, fields
            )
        )
    return changes
