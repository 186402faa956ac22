"""ICE504: PostProcessConfig names a workflow the stack declares."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from icekit.facts.type_tokens import UPLOAD_PROFILE, WORKFLOW_TEMPLATE
from icekit.rules.base import StackRule, Violation
from icekit.rules.context import RuleContext
from icekit.rules.ice.common import post_process
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
            config = post_process(view)
            if config is None:
                continue
            if not isinstance(config, Mapping):
                yield Violation(view, "PostProcessConfig is not a JSON object")
                continue
            if config.get("ProcessType") != "Workflow":
                yield Violation(
                    view, f"PostProcessConfig.ProcessType is {config.get('ProcessType')!r}, not 'Workflow'"
                )
            process_id = config.get("ProcessID")
            if process_id not in workflow_ids:
                yield Violation(
                    view, f"PostProcessConfig.ProcessID {process_id!r} is not a declared workflow"
                )
