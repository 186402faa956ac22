"""An Authorizer for tests only: allows by default, denies what a test scripts, records every question."""

from __future__ import annotations

from dataclasses import dataclass, field

from icekit.sandbox.authorizer import AuthorizationDecision, RequestContext
from icekit.sandbox.principals import Principal

__all__ = ["Question", "ScriptedAuthorizer"]


@dataclass(frozen=True)
class Question:
    principal: Principal
    action: str
    resource: str
    context: RequestContext


@dataclass
class ScriptedAuthorizer:
    denied_actions: set[str] = field(default_factory=set)
    questions: list[Question] = field(default_factory=list)

    def authorize(
        self, principal: Principal, action: str, resource: str, context: RequestContext
    ) -> AuthorizationDecision:
        self.questions.append(Question(principal, action, resource, context))
        if action in self.denied_actions:
            return AuthorizationDecision(False, f"no statement allows {action}", "test double")
        return AuthorizationDecision(True, "allowed by the test double", "test double")
