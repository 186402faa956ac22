"""Run the guardrails for `icekit check`: over a stack's offline plan, or over standalone policy files."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from icekit.errors import UserInputError
from icekit.facts.environments import ENVIRONMENT_PATTERN, is_environment_name
from icekit.facts.type_tokens import RAM_POLICY, RAM_ROLE
from icekit.input_file import read_bounded
from icekit.json_input import parse_json
from icekit.plan.checks import evaluate_plan
from icekit.plan.model import PlanResult
from icekit.ram import PolicyDocumentError, parse_attached_document
from icekit.report.model import LocatedFinding, Report, TargetReport
from icekit.rules import RULES, evaluate, rule_by_id
from icekit.rules.finding import Finding
from icekit.rules.view import ResourceView
from icekit.stack.lines import LineIndex

__all__ = [
    "POLICY_RULE_PREFIXES",
    "check_plan",
    "check_plans",
    "check_policy_files",
    "check_stack",
    "load_policy_file",
]

# `--policy` runs the document rules only: RAM1xx on permission policies, STS2xx on trust policies.
POLICY_RULE_PREFIXES = ("RAM", "STS")
_STATEMENT = re.compile(r"^Statement\[(\d+)\]")


def _stack_key(finding: Finding) -> str | None:
    if finding.declarationPath:
        return finding.declarationPath
    return rule_by_id(finding.ruleId).stack_key


def check_plan(
    plan: PlanResult | Mapping[str, Any],
    extra: Sequence[Finding] = (),
    findings: Sequence[Finding] | None = None,
) -> Report:
    """The findings of a plan (icekit.plan, or its JSON document), located in its stack file by the line index
    the plan carries: nothing is read again. `extra`: the stack's stack-set findings (`check_stacks`);
    `findings`: the plan's own, when they were already evaluated (icekit.plan.stacks)."""
    if not isinstance(plan, PlanResult):
        plan = PlanResult.model_validate(plan)
    lines = plan.lineIndex
    own = evaluate_plan(plan) if findings is None else findings
    located = tuple(LocatedFinding(f, plan.stackFile, lines.line_of(_stack_key(f))) for f in [*own, *extra])
    target = TargetReport(
        kind="stack",
        target=plan.stack,
        environment=plan.environment or None,
        region=plan.region or None,
        files=(plan.stackFile,),
        findings=located,
    )
    return Report("check", (target,))


def check_stack(stack: str, project_dir: Path = Path(".")) -> Report:
    from icekit.plan import run_plan  # the plan runs pulumi (imported as it runs), `check --policy` does not

    return check_plan(run_plan(stack, project_dir))


def check_plans(plans: Sequence[PlanResult], findings: Sequence[Sequence[Finding]] | None = None) -> Report:
    """Several stacks: each one's findings plus what spans them (icekit.rules.set: one event callback per
    account and region, RAM names unique per account), each located in its own stack file. `findings`: each
    plan's own, in the same order, when they were already evaluated."""
    from icekit.plan.stack_set import stack_set_findings

    across = stack_set_findings(plans)
    own: Sequence[Sequence[Finding] | None] = [None] * len(plans) if findings is None else findings
    return Report.joined(
        check_plan(plan, across.get(plan.stack, ()), found) for plan, found in zip(plans, own, strict=True)
    )


def _unwrap(data: Any, path: Path) -> Any:
    """Accept the plain document, or a console/API export holding it under `PolicyDocument`."""
    if isinstance(data, Mapping) and "Statement" not in data:
        where = ""
        for key in ("DefaultPolicyVersion", "PolicyVersion"):
            if isinstance(data.get(key), Mapping):
                data, where = data[key], f"{key}."
        if "PolicyDocument" in data:
            inner = data["PolicyDocument"]
            if not isinstance(inner, str):
                return inner
            try:
                return parse_json(inner)
            except json.JSONDecodeError as exc:  # positions are inside the string, not the file
                raise UserInputError(
                    f"not valid JSON: {exc.msg} (at character {exc.pos + 1} of the string)",
                    file=path,
                    key_path=f"{where}PolicyDocument",
                ) from None
            except ValueError as exc:
                raise UserInputError(
                    f"not valid JSON: {exc}", file=path, key_path=f"{where}PolicyDocument"
                ) from None
    return data


def load_policy_file(path: Path) -> tuple[str, ResourceView]:
    """(text, view): a permission policy becomes a RAM Policy view, a trust policy a RAM Role view."""
    try:
        # utf-8-sig: exports saved by Windows tools start with a byte order mark, which JSON does not allow.
        text = read_bounded(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserInputError(f"cannot read the policy file ({exc})", file=path) from None
    try:
        raw = parse_json(text)
    except json.JSONDecodeError as exc:
        raise UserInputError(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", file=path
        ) from None
    except ValueError as exc:
        raise UserInputError(f"not valid JSON: {exc}", file=path) from None
    data = _unwrap(raw, path)
    try:
        _, kind = parse_attached_document(data)
    except PolicyDocumentError as exc:
        raise UserInputError(f"not a RAM policy document: {exc}", file=path) from None
    # Measure size (RAM105) on the file as written when it is the plain document.
    source = text if data is raw else json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    view = ResourceView(
        urn=str(path),
        type=RAM_ROLE if kind == "trust" else RAM_POLICY,
        name=str(path),
        props={"assumeRolePolicyDocument": source} if kind == "trust" else {"policyDocument": source},
        declaration_path=None,
        labels=(str(path), path.name),
    )
    return text, view


def check_policy_files(
    paths: Sequence[Path], *, environment: str = "prod", account_id: str | None = None
) -> Report:
    """RAM1xx/STS2xx over standalone JSON policy documents."""
    if not is_environment_name(environment):
        raise UserInputError(
            f"--environment must be an environment name ({ENVIRONMENT_PATTERN}), got {environment!r}"
        )
    rules = [rule for rule in RULES if rule.id.startswith(POLICY_RULE_PREFIXES)]
    located: list[LocatedFinding] = []
    for path in paths:
        text, view = load_policy_file(path)
        lines = LineIndex.of_text(text)
        for finding in evaluate(
            [view], stack="", region="", environment=environment, account_id=account_id, rules=rules
        ):
            match = _STATEMENT.match(finding.message)
            line = lines.line_of(f"Statement[{match.group(1)}]") if match else None
            located.append(LocatedFinding(finding, str(path), line or 1))
    target = TargetReport(
        kind="policy",
        target="policy files",
        environment=environment,
        region=None,
        files=tuple(str(p) for p in paths),
        findings=tuple(located),
    )
    return Report("check", (target,))
