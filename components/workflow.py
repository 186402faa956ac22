"""WorkflowTemplate: the ICE workflow that an app's PostProcessConfig (`ProcessType: Workflow`) references.

The SDK (alibabacloud-ice20201109 6.20) has no getter for a workflow definition: GetWorkflowTask reads a task,
ListWorkflowTasks lists task runs (an unused workflow and a missing one look the same). So the id's format is
validated (32 hex characters, by the declaration), not its existence; see docs/components.md.
"""

from __future__ import annotations

import pulumi

from icekit.facts.type_tokens import WORKFLOW_TEMPLATE as TYPE
from icekit.models.post_process_config import PostProcessConfig
from icekit.stack.sections import WorkflowDecl

from .args import WorkflowTemplateArgs

__all__ = ["TYPE", "WorkflowTemplate", "post_process_config"]


def post_process_config(workflow: WorkflowDecl) -> str:
    """The PostProcessConfig wire string that runs `workflow` after an upload."""
    return PostProcessConfig(ProcessType="Workflow", ProcessID=workflow.workflow_id).to_wire()


class WorkflowTemplate(pulumi.ComponentResource):
    # Attributes are annotated in __init__, not on the class: the SDK reads a resource class's annotations
    # (and compiles string ones) at every registration to type its outputs, which components do not need.

    def __init__(
        self, name: str, args: WorkflowTemplateArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        decl = args.declaration
        props = {"name": name, "workflowId": decl.workflow_id, "declarationPath": f"icekit:workflows.{name}"}
        super().__init__(TYPE, name, props, opts)
        self.workflow_id: str = decl.workflow_id
        self.post_process_config: str = post_process_config(decl)
        self.register_outputs({"workflowId": self.workflow_id, "postProcessConfig": self.post_process_config})
