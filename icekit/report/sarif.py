"""SARIF 2.1.0: one run over a report's targets, every rule in the driver, results at their file's line.

Levels: mandatory -> `error`, advisory -> `warning`. Suppressed findings carry a `suppressions` entry
(kind `inSource`: the suppression is declared in the stack file) with the reason as justification.
`check` writes every finding of every stack; `review` the findings its change introduces, at the head's
stack file lines (its one target, built by icekit.review.report).
"""

from __future__ import annotations

from typing import Any

from icekit import __version__
from icekit.report.json import stable_json
from icekit.report.model import LocatedFinding, Report, TargetReport
from icekit.rules import RULES
from icekit.rules.base import Rule
from icekit.rules.set.registry import STACK_SET_RULES

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "render_sarif", "sarif_document"]

SARIF_VERSION = "2.1.0"
# the `$id` of the OASIS schema (oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json)
SARIF_SCHEMA = (
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
)
_LEVEL = {"mandatory": "error", "advisory": "warning"}


def _rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.policy_name(),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": rule.fix},
        "defaultConfiguration": {"level": _LEVEL[rule.enforcement]},
        "properties": {"severity": rule.severity, "enforcement": rule.enforcement, "scope": rule.scope},
    }


def _location(item: LocatedFinding) -> dict[str, Any]:
    finding = item.finding
    location: dict[str, Any] = {}
    if item.file:
        physical: dict[str, Any] = {"artifactLocation": {"uri": item.file.replace("\\", "/")}}
        if item.line:
            physical["region"] = {"startLine": item.line}
        location["physicalLocation"] = physical
    logical: dict[str, Any] = {"kind": "resource"}
    if finding.resourceName:
        logical["name"] = finding.resourceName
    if finding.resourceUrn:
        logical["fullyQualifiedName"] = finding.resourceUrn
    if finding.declarationPath:
        logical["decoratedName"] = finding.declarationPath
    if len(logical) > 1:
        location["logicalLocations"] = [logical]
    return location


def _result(item: LocatedFinding, rule_index: dict[str, int]) -> dict[str, Any]:
    finding = item.finding
    result: dict[str, Any] = {
        "ruleId": finding.ruleId,
        "ruleIndex": rule_index[finding.ruleId],
        "level": _LEVEL[finding.enforcement],
        "message": {"text": finding.message},
        "properties": {"severity": finding.severity, "resourceType": finding.resourceType},
    }
    location = _location(item)
    if location:
        result["locations"] = [location]
    if finding.suppressed:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.suppressionReason or ""}]
    return result


def _properties(target: TargetReport) -> dict[str, Any]:
    return {"target": target.target, "environment": target.environment, "region": target.region}


def sarif_document(report: Report) -> dict[str, Any]:
    """One run over every target: each result points at its own file, `artifacts` lists every file once.
    One target keeps its target/environment/region as the run's properties; several list theirs, in
    order, under `properties.stacks`."""
    targets = report.targets
    # The stack-set rules (icekit.rules.set) are listed when the report has their findings: a check of one
    # stack keeps the same rule list as ever.
    present = {item.finding.ruleId for item in report.findings}
    rules = [*RULES, *(rule for rule in STACK_SET_RULES if rule.id in present)]
    rule_index: dict[str, int] = {rule.id: index for index, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "icekit",
                "version": __version__,
                "rules": [_rule_descriptor(rule) for rule in rules],
            }
        },
        "results": [_result(item, rule_index) for item in report.findings],
        "properties": (
            _properties(targets[0]) if len(targets) == 1 else {"stacks": [_properties(t) for t in targets]}
        ),
    }
    files = dict.fromkeys(f.replace("\\", "/") for target in targets for f in target.files)
    if files:
        run["artifacts"] = [{"location": {"uri": uri}} for uri in files]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report) -> str:
    return stable_json(sarif_document(report))
