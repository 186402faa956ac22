"""How broad a statement really is, by the evaluator's matching rather than its text: which actions an
Action/NotAction reaches (counted against ICE's list), and whether the requests a document allows
through a statement are held to any source address (RAM101, RAM104 and RAM106 say so)."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.access.answers import grants_on
from icekit.access.axes import instantiate
from icekit.access.domain import OTHER_SERVICE_ACTION, Domain, domain_of
from icekit.access.grid import DecisionGrid
from icekit.ram import PolicyDocument, Statement, compile_policy
from icekit.ram.compiled import CompiledStatement
from icekit.ram.ice_actions import ice_actions
from icekit.ram.names import SOURCE_IP, action_service

__all__ = ["SourceReach", "action_reach"]

_FUTURE = "IcekitProbe"  # stands for an action the service adds later


def action_reach(statement: Statement) -> str:
    """E.g. "400 ICE actions and any ICE adds later", "2 ICE actions (ice:GetA, ice:GetB)", "every oss
    action", "every action of every other service"."""
    matcher = CompiledStatement.of(0, statement.model_copy(update={"conditions": ()}))
    ice = sorted(a for a in ice_actions() if matcher.matches_action(a))
    parts = []
    if ice:
        listed = f" ({', '.join(ice)})" if len(ice) <= 3 else ""
        parts.append(f"{len(ice)} ICE action{'s' if len(ice) != 1 else ''}{listed}")
    patterns = (*statement.actions, *statement.not_actions)
    future = [f"ice:{_FUTURE}", *(instantiate(p, _FUTURE) for p in patterns if action_service(p) == "ice")]
    if any(matcher.matches_action(action) for action in future):
        parts.append("any ICE adds later")
    services = sorted({action_service(p) for p in patterns} - {"ice", "*"})
    parts += [f"every {s} action" for s in services if matcher.matches_action(f"{s}:{_FUTURE}")]
    if matcher.matches_action(OTHER_SERVICE_ACTION):
        parts.append("every action of every other service")
    return ", ".join(parts) or "no action"


class SourceReach:
    """Whether the requests a document allows through each of its statements are held to a source
    address: the document's domain and grants are found once, and each statement is asked on them."""

    def __init__(self, document: PolicyDocument, domain: Domain | None = None) -> None:
        # `domain`: the document's own unless given (tests give a smaller one to check it against).
        self.domain = domain or domain_of([document], region="*", account="*")
        policy = compile_policy(document, name="document")
        self._grid = DecisionGrid([policy], self.domain)
        self._allowed = grants_on(self._grid)[0]
        self._statements = {s.index: s for s in (*policy.denies, *policy.allows)}

    def through(self, index: int) -> Iterator[list[int]]:
        """Per allowed (action, resource) that Statement[index] matches: the allowed contexts in which it
        applies, in the grants' order (only non-empty lists)."""
        statement = self._statements[index]
        matches: dict[str, bool] = {}  # per action: the grants list each action on several resources
        for (action, resource), hits in self._allowed.items():
            if action not in matches:
                matches[action] = statement.matches_action(action)
            if not matches[action]:
                continue
            applies = self._grid.admitting(statement, resource)
            through = [c for c in sorted(hits) if applies >> c & 1]
            if through:
                yield through

    def source_open(self, index: int) -> str | None:
        """Whether some request the document allows through Statement[index] is allowed from every
        address of an IP version ("every address", "every IPv4 address", "every IPv6 address"), or None
        when the document holds all of them to networks."""
        domain = self.domain
        position = domain.axis(SOURCE_IP)
        trees = domain.axes[position].trees if position is not None else ()
        for through in self.through(index):
            if position is None:
                return "every address"
            seen = {domain.contexts[c][position] for c in through}
            open_versions = [
                t for t in trees if {n.representative for n in t.walk() if n.representative} <= seen
            ]
            if len(open_versions) == len(trees):
                return "every address"
            if open_versions:
                return f"every IPv{open_versions[0].network.version} address"
        return None
