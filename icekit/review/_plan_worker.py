"""Plans the stacks of one checkout in its own process:
`python -P -m icekit.review._plan_worker DIR STACK...`.

Why a process per side: the plan imports the project's Pulumi program (`components/`). The base revision
must run the base's own program, and Python cannot import two versions of one package side by side. The
worker imports icekit (plan machinery and rules: the same for both sides, so both are judged alike) first;
a checkout with its own components/ (this repository) then goes first on sys.path, so `components` comes
from that checkout; one without (a project made by `icekit init`) runs the installed components
(icekit.program).

Prints one JSON document on stdout, an icekit.review.planned.PlannedSide:
{"stacks": {STACK: {"plan": PlanResult, "findings": [Finding, ...]}}}.
On the first stack that fails: `error: stack 'NAME': ...` on stderr, exit 2 for a user mistake (bad stack
file), 3 for anything else. A user mistake is also written as one line `ERROR_MARKER {"stack", "file",
"keyPath", "message"}` (file relative to DIR when inside it: DIR may be a temporary worktree the user never
saw), which the parent turns back into an error naming the file and key path. One process plans all stacks
of a side: the imports dominate the cost.
"""

from __future__ import annotations

import contextlib
import json
import sys
import traceback
from pathlib import Path

from icekit.errors import UserInputError
from icekit.program import TREE_COMPONENTS, has_own_components, program_module
from icekit.review.planned import PlannedSide, PlannedStack

__all__ = ["ERROR_MARKER", "main", "plan_stack"]

ERROR_MARKER = "icekit-plan-error:"


def _program_of(project_dir: Path) -> str:
    """The program module of this side: its own components when it has them, else the installed ones."""
    if not has_own_components(project_dir):
        return program_module()
    # icekit is already imported from the installed tool; its subpackages resolve through icekit.__path__,
    # so only the top-level `components` comes from the checkout.
    sys.path.insert(0, str(project_dir))
    for name in [m for m in sys.modules if m == TREE_COMPONENTS or m.startswith(f"{TREE_COMPONENTS}.")]:
        del sys.modules[name]
    return program_module(TREE_COMPONENTS)


def plan_stack(project_dir: Path, stack: str, program: str | None = None) -> PlannedStack:
    from icekit.plan import load_program, run_plan
    from icekit.plan.checks import evaluate_plan

    plan = run_plan(stack, project_dir, program=load_program(program))
    # Guardrail settings and suppressions are this side's own: the plan carries them from its stack file.
    return PlannedStack(plan=plan, findings=tuple(evaluate_plan(plan)))


def _error_document(stack: str, exc: UserInputError, project_dir: Path) -> dict[str, str | None]:
    file = exc.file
    if file is not None:
        path = Path(file)
        absolute = (path if path.is_absolute() else project_dir / path).resolve()
        if absolute.is_relative_to(project_dir):  # else outside the checkout: shown as it is
            file = absolute.relative_to(project_dir).as_posix()
    return {"stack": stack, "file": file, "keyPath": exc.key_path, "message": exc.message}


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -P -m icekit.review._plan_worker DIR STACK...", file=sys.stderr)
        return 3
    project_dir, stacks = Path(argv[0]).resolve(), argv[1:]
    program = _program_of(project_dir)
    real_stdout = sys.stdout
    results: dict[str, PlannedStack] = {}
    for stack in stacks:
        try:
            # Whatever the program prints must not corrupt the JSON document on stdout.
            with contextlib.redirect_stdout(sys.stderr):
                results[stack] = plan_stack(project_dir, stack, program)
        except UserInputError as exc:
            print(f"error: stack {stack!r}: {exc}", file=sys.stderr)
            print(ERROR_MARKER, json.dumps(_error_document(stack, exc, project_dir)), file=sys.stderr)
            return 2
        except Exception as exc:  # the parent reports it as "stack failed to plan"
            traceback.print_exc(file=sys.stderr)
            print(f"error: stack {stack!r}: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 3
    real_stdout.write(PlannedSide(stacks=results).model_dump_json())
    real_stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
