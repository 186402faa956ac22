"""ICE504: PostProcessConfig names a workflow the stack declares."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from icekit.facts.type_tokens import UPLOAD_PROFILE, WORKFLOW_TEMPLATE
from icekit.rules.base import StackRule, Violation
from icekit.rules.context import RuleContext
from icekit.rules.ice.common import post_process, typed_post_processes, typed_workflows
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["DeclaredWorkflow"]


class DeclaredWorkflow(StackRule):
    id = "ICE504"
    slug = "declared-workflow"
    title = "PostProcessConfig names a declared workflow"
    severity = "medium"
    enforcement = "mandatory"
    rationale = (
        "ICE accepts any ProcessID at upload time and fails the workflow later; naming only workflows the "
        "stack declares (icekit:workflows) keeps ids reviewed and in one place."
    )
    fix = "Declare the workflow under `icekit:workflows` and reference it by name in the app's `workflow`."
    resource_types = (UPLOAD_PROFILE, WORKFLOW_TEMPLATE)

    @classmethod
    def check(cls, views: Sequence[ResourceView], ctx: RuleContext) -> Iterator[Violation]:
        templates = [v for v in views if v.type == WORKFLOW_TEMPLATE]
        workflow_ids = {prop_str(v.props, "workflowId") for v in templates} - {None}
        workflow_names = {prop_str(v.props, "name") for v in templates} - {None}
        for view in views:
            if view.type != UPLOAD_PROFILE:
                continue
            name = prop_str(view.props, "workflow")
            if name is not None and name not in workflow_names:
                yield Violation(view, f"workflow {name!r} is not declared")
            for kind, typed_name in typed_workflows(view).items():
                if typed_name not in workflow_names:
                    yield Violation(view, f"workflow {typed_name!r} (for {kind}) is not declared")
            configs = [("PostProcessConfig", post_process(view))]
            configs += [(f"PostProcessConfig of {k}", c) for k, c in typed_post_processes(view).items()]
            for label, config in configs:
                yield from (Violation(view, m) for m in _config_problems(label, config, workflow_ids))


def _config_problems(
    label: str, config: Mapping[str, Any] | str | None, workflow_ids: set[str | None]
) -> Iterator[str]:
    if config is None:
        return
    if not isinstance(config, Mapping):
        yield f"{label} is not a JSON object"
        return
    if config.get("ProcessType") != "Workflow":
        yield f"{label}.ProcessType is {config.get('ProcessType')!r}, not 'Workflow'"
    process_id = config.get("ProcessID")
    if process_id not in workflow_ids:
        yield f"{label}.ProcessID {process_id!r} is not a declared workflow"
