"""Deciding a request against documents with RAM's semantics (docs/ram-evaluation.md):

1. an explicit Deny that matches wins, whatever allows the request;
2. otherwise an Allow that matches allows it;
3. otherwise it is denied implicitly (RAM denies by default).

The decision names the statement that decided: the first matching Deny, else the first matching Allow, in
the order the documents are given and the statements are written.
"""

from __future__ import annotations

from collections.abc import Iterable

from icekit.ram.compiled import CompiledPolicy, compile_policy
from icekit.ram.decision import DecidingStatement, Decision
from icekit.ram.model import PolicyDocument
from icekit.ram.request import Request

__all__ = ["evaluate"]


_IMPLICIT_DENY = Decision("implicit-deny")


def evaluate(documents: Iterable[PolicyDocument | CompiledPolicy], request: Request) -> Decision:
    """The decision for `request` under all `documents` together (e.g. every policy attached to a role, or
    a role's trust policy for `sts:AssumeRole`). Pass CompiledPolicy values (`compile_policy`) when
    evaluating many requests; a PolicyDocument is compiled here (cached) and named `document[<i>]`."""
    # Only statements whose Action matches can decide; each compiled policy remembers them per action.
    candidates = []
    for position, document in enumerate(documents):
        policy = (
            document
            if isinstance(document, CompiledPolicy)
            else compile_policy(document, name=f"document[{position}]")
        )
        denies, allows = policy.for_action(request.action)
        if denies or allows:
            candidates.append((position, policy, denies, allows))
    for deny in (True, False):
        for position, policy, denies, allows in candidates:
            for statement in denies if deny else allows:
                if statement.admits(request):
                    deciding = DecidingStatement(policy.name, position, statement.index, statement.statement)
                    return Decision("explicit-deny" if deny else "allow", deciding)
    return _IMPLICIT_DENY
