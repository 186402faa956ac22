"""A role's access diff in sentences, e.g. "now allowed: `ice:DeleteMediaInfos` on `*` from any address",
"no longer requires HTTPS for `ice:CreateUploadMedia`", "newly assumable by `acs:ram::123:root`".

Actions changed alike share one sentence (an `ice:*` grant is one sentence, not four hundred); every
sentence is computed from the evaluator's answers on both sides (icekit.access.diff).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from icekit.access.describe import describe_contexts, describe_requests
from icekit.access.domain import Domain
from icekit.access.model import AccessChange, ChangeKind, RoleAccessChange, When
from icekit.access.table import action_label
from icekit.ram.names import SECURE_TRANSPORT

if TYPE_CHECKING:
    from icekit.access.diff import RoleComparison
    from icekit.access.model import Classification
    from icekit.access.roles import RoleDocuments

__all__ = ["SHOWN_SUBJECTS", "access_changes", "subjects_text"]

SHOWN_SUBJECTS = 6  # a sentence names this many actions, then says how many more
_Pairs = set[tuple[str, int]]  # (resource, context) of one action
_Template = tuple[ChangeKind, "Classification", str]  # the text holds `{subjects}`


def subjects_text(subjects: Iterable[str]) -> str:
    items = [s if s.startswith("any ") else f"`{s}`" for s in subjects]
    if len(items) > SHOWN_SUBJECTS:
        return ", ".join(items[:SHOWN_SUBJECTS]) + f" and {len(items) - SHOWN_SUBJECTS} more"
    return ", ".join(items)


def _describe(domain: Domain, pairs: _Pairs) -> str:
    return describe_requests(domain, pairs, quote=True)


class _Https:
    """Which contexts of a domain are over HTTPS."""

    def __init__(self, domain: Domain) -> None:
        self.domain = domain
        self.position = domain.axis(SECURE_TRANSPORT)
        self.index = {context: i for i, context in enumerate(domain.contexts)}

    def value(self, context: int) -> str | None:
        return None if self.position is None else self.domain.contexts[context][self.position]

    def secure(self, context: int) -> bool:
        return self.value(context) == "true"

    def required(self, pairs: _Pairs) -> bool:
        return self.position is not None and all(self.secure(c) for _, c in pairs)

    def as_secure(self, pairs: _Pairs) -> _Pairs:
        """The same requests over HTTPS."""
        assert self.position is not None
        out = set()
        for resource, context in pairs:
            values = list(self.domain.contexts[context])
            values[self.position] = "true"
            out.add((resource, self.index[tuple(values)]))
        return out


def _widened(https: _Https, base: _Pairs, head: _Pairs) -> list[_Template]:
    """`head` allows requests `base` did not (and maybe refuses others it allowed)."""
    domain = https.domain
    gained = head - base
    was = f"(was {_describe(domain, base)})"
    if not (https.required(base) and not https.required(head)):
        return [("widened", "broadening", f"{{subjects}} now allowed {_describe(domain, head)} {was}")]
    plain = {(r, c) for r, c in gained if https.value(c) == "false"}
    # Requests that say nothing about HTTPS: part of "no longer requires HTTPS" when plain HTTP is allowed.
    keyless = {(r, c) for r, c in gained if https.value(c) is None}
    found: list[_Template] = []
    if plain:
        text = "no longer requires HTTPS for {subjects}"
        if https.as_secure(plain) != base:  # plain HTTP is not granted exactly where HTTPS was
            text += f" (over plain HTTP now allowed {_describe(domain, plain)})"
        found.append(("widened", "broadening", text))
    elif keyless:
        found.append(("widened", "broadening", f"{{subjects}} now also allowed {_describe(domain, keyless)}"))
    if gained - plain - keyless:
        secure = _describe(domain, head - plain - keyless)
        found.append(("widened", "broadening", f"{{subjects}} over HTTPS now allowed {secure} {was}"))
    return found


def _narrowed(https: _Https, base: _Pairs, head: _Pairs) -> list[_Template]:
    """`head` refuses requests `base` allowed; `widened` already said what else changed."""
    domain = https.domain
    lost = base - head
    if https.required(head) and not https.required(base):
        found: list[_Template] = [("narrowed", "narrowing", "now requires HTTPS for {subjects}")]
        lost = {(r, c) for r, c in lost if https.secure(c)}
        if not lost:
            return found
    else:
        found = []
    if head - base:  # the widened sentence shows the new grant: say what went
        text = f"{{subjects}} no longer allowed {_describe(domain, lost)}"
    else:
        text = f"{{subjects}} now allowed only {_describe(domain, head)} (was {_describe(domain, base)})"
    return [*found, ("narrowed", "narrowing", text)]


def _action_templates(https: _Https, base: _Pairs, head: _Pairs) -> list[_Template]:
    domain = https.domain
    if not base:
        return [("allowed", "broadening", f"now allowed: {{subjects}} {_describe(domain, head)}")]
    if not head:
        was = _describe(domain, base)
        return [("no-longer-allowed", "narrowing", f"no longer allowed: {{subjects}} (was {was})")]
    found = _widened(https, base, head) if head - base else []
    return found + (_narrowed(https, base, head) if base - head else [])


def _by_action(points: Iterable[tuple[str, str, int]]) -> dict[str, _Pairs]:
    found: dict[str, _Pairs] = {}
    for action, resource, context in points:
        found.setdefault(action, set()).add((resource, context))
    return found


def _grant_templates(comparison: RoleComparison) -> dict[_Template, list[str]]:
    domain = comparison.permission
    base = _by_action((a, r, c) for (a, r), hits in comparison.base_answers.allowed.items() for c in hits)
    head = _by_action((a, r, c) for (a, r), hits in comparison.head_answers.allowed.items() for c in hits)
    https = _Https(domain)
    grouped: dict[_Template, list[str]] = {}
    for action in domain.actions:
        before, after = base.get(action, set()), head.get(action, set())
        if before != after:
            for template in _action_templates(https, before, after):
                grouped.setdefault(template, []).append(action_label(domain, action))
    return grouped


def _when(domain: Domain, contexts: Iterable[int]) -> str:
    whens = describe_contexts(domain, contexts)
    return "" if whens == (When(),) else " " + " or ".join(w.render() for w in whens)


def _trust_templates(comparison: RoleComparison) -> dict[_Template, list[str]]:
    domain = comparison.trust

    def label(principal: int) -> str:
        return domain.principal_labels[domain.principals[principal]]

    before = {domain.principal_labels[p] for p in comparison.base_answers.assumable}
    after = {domain.principal_labels[p] for p in comparison.head_answers.assumable}
    grouped: dict[_Template, list[str]] = {}
    for name in dict.fromkeys(domain.principal_labels.values()):
        gained = {c for p, c in comparison.trusts["gained"] if label(p) == name}
        lost = {c for p, c in comparison.trusts["lost"] if label(p) == name}
        found: list[_Template] = []
        if gained:
            text = "newly assumable by {subjects}" if name not in before else "{subjects} may now assume it"
            found.append(("assumable", "broadening", text + _when(domain, gained)))
        if lost and name not in after:
            found.append(("no-longer-assumable", "narrowing", "no longer assumable by {subjects}"))
        elif lost:
            text = "{subjects} may no longer assume it" + _when(domain, lost)
            found.append(("no-longer-assumable", "narrowing", text))
        for template in found:
            grouped.setdefault(template, []).append(name)
    return grouped


def _texts(side: RoleDocuments | None) -> dict[str, str | None]:
    if side is None:
        return {}
    documents = [*side.policies, *([side.trust] if side.trust else [])]
    return {document.name: document.text for document in documents}


def _problem_changes(comparison: RoleComparison) -> list[AccessChange]:
    """Documents the evaluator cannot decide with: new or changed at head counts as broadening (nothing
    proves it harmless); one that is gone was a grant nobody could see: narrowing."""
    before, after = _texts(comparison.base), _texts(comparison.head)
    base_bad = dict(comparison.base_answers.problems)
    changes = []
    for name, why in comparison.head_answers.problems:
        if name not in base_bad or before.get(name) != after.get(name):
            text = f"`{name}`: {why}, so its access cannot be evaluated (counted as broadening)"
            changes.append(AccessChange("not-evaluable", "broadening", text, (name,)))
    for name, why in comparison.base_answers.problems:
        if name not in after:
            text = f"`{name}` no longer attached ({why}: its access was not evaluated)"
            changes.append(AccessChange("not-evaluable", "narrowing", text, (name,)))
    return changes


def access_changes(comparison: RoleComparison) -> RoleAccessChange | None:
    """The role's access changes, broadening ones first; None when its access is the same."""
    grouped = {**_grant_templates(comparison), **_trust_templates(comparison)}
    changes = [
        AccessChange(kind, classification, text.format(subjects=subjects_text(subjects)), tuple(subjects))
        for (kind, classification, text), subjects in grouped.items()
    ]
    changes += _problem_changes(comparison)
    if not changes:
        return None
    changes.sort(key=lambda change: change.classification != "broadening")
    classes = {change.classification for change in changes}
    classification: Classification = (
        "broadening" if "broadening" in classes else "narrowing" if "narrowing" in classes else "neutral"
    )
    return RoleAccessChange(comparison.role, comparison.app, classification, tuple(changes))
