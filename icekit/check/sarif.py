"""SARIF 2.1.0 report: one run, every rule in the driver, results located at the stack file line.

Levels: mandatory -> `error`, advisory -> `warning`. Suppressed findings carry a `suppressions` entry
(kind `inSource`: the suppression is declared in the stack file) with the reason as justification.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from icekit import __version__
from icekit.check.report import CheckReport, LocatedFinding
from icekit.check.stable_json import stable_json
from icekit.rules import RULES

__all__ = [
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "render_sarif",
    "render_sarif_reports",
    "sarif_document",
    "sarif_documents",
]

SARIF_VERSION = "2.1.0"
# the `$id` of the OASIS schema (oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json)
SARIF_SCHEMA = (
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
)
_LEVEL = {"mandatory": "error", "advisory": "warning"}


def _rule_descriptor(rule: Any) -> dict[str, Any]:
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


def _properties(report: CheckReport) -> dict[str, Any]:
    return {"target": report.target, "environment": report.environment, "region": report.region}


def sarif_documents(reports: Sequence[CheckReport]) -> dict[str, Any]:
    """One run over every report: each result points at its own stack file, `artifacts` lists every file
    once. One report keeps its target/environment/region as the run's properties; several list theirs,
    in order, under `properties.stacks`."""
    rule_index: dict[str, int] = {rule.id: index for index, rule in enumerate(RULES)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "icekit",
                "version": __version__,
                "rules": [_rule_descriptor(rule) for rule in RULES],
            }
        },
        "results": [_result(item, rule_index) for report in reports for item in report.findings],
        "properties": (
            _properties(reports[0])
            if len(reports) == 1
            else {"stacks": [_properties(report) for report in reports]}
        ),
    }
    files = dict.fromkeys(f.replace("\\", "/") for report in reports for f in report.files)
    if files:
        run["artifacts"] = [{"location": {"uri": uri}} for uri in files]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def sarif_document(report: CheckReport) -> dict[str, Any]:
    return sarif_documents([report])


def render_sarif(report: CheckReport) -> str:
    return stable_json(sarif_document(report))


def render_sarif_reports(reports: Sequence[CheckReport]) -> str:
    return stable_json(sarif_documents(reports))
