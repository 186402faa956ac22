"""The client configuration files a plan renders: the same files `icekit render` makes from real outputs."""

from __future__ import annotations

from pathlib import Path

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
    for _app, config in sorted(outputs.client_configs.items()):
        directory = client_config_dir(config)
        for name, text in render_client_config_files(config).items():
            files[(directory / name).as_posix()] = text
    return files


def write_plan_files(out_dir: Path, files: dict[str, str]) -> list[Path]:
    """All files under `out_dir` at once, all or nothing. Returns the written paths, sorted."""
    from icekit.render import write_files_atomically

    return sorted(write_files_atomically(out_dir, files)) if files else []
