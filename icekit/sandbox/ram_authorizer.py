"""The Authorizer the `icekit sandbox` verb runs: the stack's own RAM documents, decided by
icekit.ram.evaluate.

- `sts:AssumeRole` on a role: the role's trust policy decides for the caller (its ARN, or for an STS session
  the ARN of the role it holds: role chaining). The caller's own side (it needs `sts:AssumeRole` in its own
  policies, ice-upload-facts.md) is outside the stack: a trusted principal is taken to hold it, unless the
  caller is itself a session of a stack role, whose policies then decide too.
- Anything else: the caller must be a session of a stack role; the policies attached to that role decide,
  intersected with the session policy AssumeRole was given (both must allow; a Deny in either denies). A
  principal that holds no stack role has no policies the sandbox knows: denied.
The request context carries acs:SourceIp, acs:SecureTransport and acs:CurrentTime (authorizer.RequestContext).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from icekit.ram import (
    CompiledPolicy,
    Decision,
    EvaluationError,
    PolicyDocumentError,
    Request,
    compile_policy,
    evaluate,
)
from icekit.ram import Principal as RamPrincipal
from icekit.sandbox.authorizer import AuthorizationDecision, RequestContext
from icekit.sandbox.principals import Principal

__all__ = ["ASSUME_ROLE", "RamAuthorizer", "RoleDocuments"]

ASSUME_ROLE = "sts:AssumeRole"
SESSION_POLICY_NAME = "session policy"


@dataclass(frozen=True)
class RoleDocuments:
    """A role of the stack: its trust policy and the permission policies attached to it, compiled once."""

    arn: str
    trust: CompiledPolicy
    permissions: tuple[CompiledPolicy, ...]


def _decision(decision: Decision, action: str, whose: str) -> AuthorizationDecision:
    statement = decision.statement.render() if decision.statement is not None else None
    if decision.allowed:
        return AuthorizationDecision(True, decision.render(), statement)
    if decision.kind == "explicit-deny":
        return AuthorizationDecision(False, f"explicit deny in {whose}", statement)
    return AuthorizationDecision(False, f"no statement of {whose} allows {action} in this context", None)


class RamAuthorizer:
    def __init__(self, roles: Mapping[str, RoleDocuments]) -> None:
        self._roles = dict(roles)

    def authorize(
        self, principal: Principal, action: str, resource: str, context: RequestContext
    ) -> AuthorizationDecision:
        request = Request.of(
            action,
            resource=resource,
            principal=RamPrincipal("RAM", principal.role_arn or principal.arn),
            source_ip=context.source_ip,
            secure_transport=context.secure_transport,
            current_time=context.current_time,
        )
        if action.casefold() == ASSUME_ROLE.casefold():
            return self._assume_role(principal, request)
        return self._identity(principal, request)

    def _assume_role(self, principal: Principal, request: Request) -> AuthorizationDecision:
        role = self._roles.get(request.resource)
        if role is None:
            return AuthorizationDecision(False, f"{request.resource} is not a role of the stack")
        if principal.role_arn is not None:  # a session of a stack role needs its own permission too
            own = self._identity(principal, request)
            if not own.allowed:
                return own
        trust = evaluate([role.trust], request)
        return _decision(trust, request.action, f"the trust policy of {role.arn}")

    def _identity(self, principal: Principal, request: Request) -> AuthorizationDecision:
        role = self._roles.get(principal.role_arn or "")
        if role is None:
            return AuthorizationDecision(
                False,
                f"{principal.arn} holds no role of the stack: the sandbox knows no policy of it "
                "(assume one of the stack's roles)",
            )
        decided = _decision(
            evaluate(role.permissions, request), request.action, f"the policies of {role.arn}"
        )
        if not decided.allowed or principal.session_policy is None:
            return decided
        return self._session(principal.session_policy, request, decided)

    @staticmethod
    def _session(text: str, request: Request, decided: AuthorizationDecision) -> AuthorizationDecision:
        try:
            session: Sequence[CompiledPolicy] = [compile_policy(text, name=SESSION_POLICY_NAME)]
        except (PolicyDocumentError, EvaluationError) as error:
            return AuthorizationDecision(False, f"the session policy cannot be evaluated: {error}")
        narrowed = evaluate(session, request)
        if narrowed.allowed:
            return decided
        return _decision(narrowed, request.action, "the session policy")
