"""The client configuration files a plan renders: the same files `icekit render` makes from real outputs."""

from __future__ import annotations

from pathlib import Path

from icekit.errors import UserInputError
from icekit.plan.model import PlanResult

__all__ = ["render_plan_files", "write_plan_files"]


def render_plan_files(plan: PlanResult) -> dict[str, str]:
    """`<stack>/<app>/<file>` -> text for every app, rendered in memory (nothing is written yet).

    No auth keys: offline the outputs carry them masked, and `secure:` values are never decrypted.
    """
    from icekit.clientconfig import parse_stack_outputs
    from icekit.render import client_config_dir, render_client_config_files

    outputs = parse_stack_outputs(plan.outputs, file=f"{plan.stackFile} (offline stack outputs)")
    files: dict[str, str] = {}
    for app, config in sorted(outputs.client_configs.items()):
        directory = client_config_dir(config)
        try:
            rendered = render_client_config_files(config)
        except UserInputError as exc:
            raise _in_stack_terms(exc, plan, app) from None
        for name, text in rendered.items():
            files[(directory / name).as_posix()] = text
    return files


def _in_stack_terms(exc: UserInputError, plan: PlanResult, app: str) -> UserInputError:
    """A value the client files cannot carry came from the stack file: name it there (file and key path)."""
    declaration = plan.declaration
    if declaration is None or app not in {decl.name for decl in declaration.apps}:
        return exc
    index = declaration.app_index(app)
    decl = declaration.apps[index]
    part = (exc.key_path or "").removeprefix(f"clientConfigs.{app}").lstrip(".")
    key_path = f"icekit:apps[{index}]"
    if part == "mediaDefaults.tags":
        key_path += ".mediaDefaults.tags"
    elif part == "fileRules":
        key_path += ".fileTypes"
    elif part in ("callback.url", "request.UserData") and decl.callback:
        key_path = f"icekit:callbacks.{decl.callback}.url"
    elif part == "request.UploadTargetConfig":
        key_path = f"icekit:storage.{decl.storage}"
    elif part == "request.PostProcessConfig" and decl.workflow:
        key_path = f"icekit:workflows.{decl.workflow}"
    return UserInputError(exc.message, file=plan.stackFile, key_path=key_path)


def write_plan_files(out_dir: Path, stack: str, files: dict[str, str]) -> list[Path]:
    """Replace `out_dir/<stack>/` with exactly these files (and icekit's manifest), all or nothing.

    An app no longer in the stack loses its directory. Returns the written paths, sorted, without the
    manifest. Raises UserInputError, changing nothing, if `out_dir/<stack>/` holds anything icekit did not
    write (icekit.render.stackdir).
    """
    from icekit.render.stackdir import replace_stack_dir

    return replace_stack_dir(out_dir, stack, files)
