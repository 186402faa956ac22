"""A bundled stack scaled to N applications, and a project to plan it in, for the benchmarks."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

__all__ = ["generated_stack", "prod_and_scaled", "scaled_stack_document", "write_stack_project"]

ROOT = Path(__file__).resolve().parents[1]
Row = TypeVar("Row")


def scaled_stack_document(template: Path, apps: int) -> dict[str, Any]:
    """`template`'s stack document with `apps` apps cycling through its own app declarations.

    An own bucket serves one app only, so apps modelled on an own-bucket app get a bucket of their own;
    storage that no generated app uses is dropped (the declaration refuses unused own buckets' sharing).
    """
    document: dict[str, Any] = yaml.safe_load(template.read_text(encoding="utf-8"))
    config = document["config"]
    storage = config["icekit:storage"]
    template_apps = config["icekit:apps"]
    generated = []
    for index in range(apps):
        app = dict(template_apps[index % len(template_apps)])
        app["name"] = f"app-{index:04d}"
        own = storage[app["storage"]].get("ownBucket")
        if own is not None:
            storage[f"bucket-{index:04d}"] = {"ownBucket": {**own, "name": f"{own['name']}-{index:04d}"}}
            app["storage"] = f"bucket-{index:04d}"
        generated.append(app)
    config["icekit:apps"] = generated
    config["icekit:storage"] = {
        name: decl for name, decl in storage.items() if any(a["storage"] == name for a in generated)
    }
    return document


def generated_stack(template: Path, directory: Path, apps: int) -> Path:
    """`template` scaled to `apps` apps, written as `directory/Pulumi.bench<apps>.yaml`."""
    path = directory / f"Pulumi.bench{apps}.yaml"
    document = scaled_stack_document(template, apps)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def write_stack_project(project: Path, stack: str, document: dict[str, Any]) -> None:
    """A project directory (icekit's Pulumi.yaml) holding `document` as stacks/Pulumi.<stack>.yaml."""
    (project / "stacks").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "Pulumi.yaml", project / "Pulumi.yaml")
    text = yaml.safe_dump(document, sort_keys=False)
    (project / "stacks" / f"Pulumi.{stack}.yaml").write_text(text, encoding="utf-8")


def prod_and_scaled(
    measure: Callable[[str, str, int], Row], template: Path, args: argparse.Namespace
) -> list[Row]:
    """`measure(label, stack, repeat)` for the bundled prod stack, then for `template` scaled to
    `args.apps` apps (in a temporary directory, with half the repetitions: it is the slow one)."""
    rows = [measure("prod", "prod", args.repeat)]
    with tempfile.TemporaryDirectory() as tmp:
        path = generated_stack(template, Path(tmp), args.apps)
        rows.append(measure(f"{args.apps} apps", str(path), max(1, args.repeat // 2)))
    return rows
