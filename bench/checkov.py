"""`icekit check` against checkov on the equivalent Terraform, at the bundled size, 200 and 1,000 apps.

For the bundled prod stack and prod scaled to N apps (bench/scaled_stack.py), in one run:
  1. `icekit plan STACK --format json` (untimed): the plan document, turned into the alicloud Terraform of the
     same resources (bench/plan_terraform.py: RAM roles, policies, attachments, the OSS bucket);
  2. interleaved repetitions (the order rotating) of fresh processes, output discarded:
       icekit check STACK
       checkov -d DIR --framework terraform --skip-download --quiet [--compact]
     each timed (wall clock) and measured by the kernel's accounting of that process and what it waited for
     (os.wait4: CPU seconds, peak resident memory of the largest process in it);
  3. what each tool finds (untimed JSON runs): on the stack as it is, and on a seeded copy whose every third
     app lacks its `acs:SourceIp` condition (a prod guardrail) - the same infrastructure to both tools.
It prints min/median/max per tool, icekit/checkov of the medians (time, CPU, memory) and the findings.

checkov runs from its own virtual environment, .tools/checkov (pinned; installed with pip when missing). If
it cannot be installed, the bench says so and stops.

    .venv/bin/python bench/checkov.py [--apps 200,1000] [--reps 5] [--large-reps 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from plan_terraform import terraform_files, terraform_type
from scaled_stack import scaled_stack_document, write_stack_project

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.prod.yaml"
ICEKIT = Path(sys.executable).with_name("icekit")  # the installed console script
CHECKOV_VERSION = "3.3.30"
CHECKOV_VENV = ROOT / ".tools" / "checkov"
CHECKOV = CHECKOV_VENV / "bin" / "checkov"
LARGE = 1000  # sizes from here on run --large-reps times
# checkov asks PyPI for a newer version of itself on every start (1 s time-out) unless told not to.
CHILD_ENV = {**os.environ, "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"}


def checkov_ready() -> str | None:
    """None when the pinned checkov runs; otherwise why not (after trying to install it)."""
    if _checkov_version() == CHECKOV_VERSION:
        return None
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(CHECKOV_VENV)],
        [str(CHECKOV_VENV / "bin" / "pip"), "install", "--quiet", f"checkov=={CHECKOV_VERSION}"],
    ]
    print(f"installing checkov {CHECKOV_VERSION} into {CHECKOV_VENV.relative_to(ROOT)} ...", flush=True)
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return f"`{' '.join(step)}` failed: {done.stderr.strip()[-500:]}"
    found = _checkov_version()
    return None if found == CHECKOV_VERSION else f"installed checkov reports version {found!r}"


def _checkov_version() -> str | None:
    if not CHECKOV.exists():
        return None
    done = subprocess.run([str(CHECKOV), "--version"], capture_output=True, text=True, env=CHILD_ENV)
    return done.stdout.strip() if done.returncode == 0 else None


@dataclass
class Sample:
    FIELDS: ClassVar[tuple[str, ...]] = ("wall", "cpu", "peak_mib")
    wall: float
    cpu: float
    peak_mib: float


def measured(argv: list[str], *, capture: bool = False) -> tuple[Sample, str]:
    """Run `argv` (exit 0 or 1: findings are not failures); wall time and the child's rusage (os.wait4).

    Output goes to files, not pipes: nothing to drain while waiting, and `wait4` reaps the child itself.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        stdout = out if capture else subprocess.DEVNULL
        child = subprocess.Popen(argv, cwd=ROOT, env=CHILD_ENV, stdout=stdout, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}): {err.read().strip()[-2000:]}")
        out.seek(0)
        # Linux: ru_maxrss in KiB, the largest of the child and the descendants it waited for
        return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024), out.read()


@dataclass
class Case:
    """One stack: where its stack file and its Terraform are, and the samples of each tool."""

    label: str
    project: Path
    stack: str
    terraform: Path
    apps: int
    resources: int
    tf_resources: int
    tf_files: int
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def commands(self) -> dict[str, list[str]]:
        checkov = [str(CHECKOV), "-d", str(self.terraform), "--framework", "terraform", "--skip-download"]
        return {
            "icekit check": [str(ICEKIT), "check", self.stack, "--project-dir", str(self.project)],
            "checkov --quiet": [*checkov, "--quiet"],
            "checkov --quiet --compact": [*checkov, "--quiet", "--compact"],
        }


def seeded(document: dict[str, Any]) -> dict[str, Any]:
    """The same stack with every third app's `sourceIp` condition dropped (prod requires acs:SourceIp)."""
    copy: dict[str, Any] = json.loads(json.dumps(document))
    for app in copy["config"]["icekit:apps"][::3]:
        app.get("conditions", {}).pop("sourceIp", None)
    return copy


def prepare(workdir: Path, label: str, stack: str, document: dict[str, Any]) -> Case:
    """Write the stack, plan it through the CLI and write the Terraform of the plan's document."""
    project = workdir / stack
    write_stack_project(project, stack, document)
    plan_argv = [str(ICEKIT), "plan", stack, "--project-dir", str(project), "--format", "json"]
    _, out = measured([*plan_argv, "--out", str(workdir / f"{stack}-out")], capture=True)
    plan = json.loads(out)
    terraform = workdir / f"{stack}-tf"
    terraform.mkdir()
    files = terraform_files(plan)
    for name, text in files.items():
        (terraform / name).write_text(text, encoding="utf-8")
    apps = len(document["config"]["icekit:apps"])
    tf_resources = sum(1 for r in plan["resources"] if r["custom"] and terraform_type(r["type"]))
    return Case(label, project, stack, terraform, apps, len(plan["resources"]), tf_resources, len(files))


def findings(case: Case) -> tuple[Counter[str], Counter[str], int]:
    """(icekit rule ids, checkov failed check ids, checkov passed checks) on one case."""
    _, icekit_out = measured([*case.commands()["icekit check"], "--format", "json"], capture=True)
    checkov_argv = [*case.commands()["checkov --quiet"][:-1], "--output", "json"]
    _, checkov_out = measured(checkov_argv, capture=True)
    icekit = Counter(finding["ruleId"] for finding in json.loads(icekit_out)["findings"])
    report = json.loads(checkov_out)
    reports = report if isinstance(report, list) else [report]
    failed: Counter[str] = Counter()
    passed = 0
    for part in reports:
        if "results" in part:  # an empty scan is a bare summary
            failed.update(check["check_id"] for check in part["results"]["failed_checks"])
            passed += part["summary"]["passed"]
    return icekit, failed, passed


def time_case(case: Case, reps: int) -> None:
    """`reps` rounds, each tool once per round, the order rotating (no tool always runs first)."""
    commands = case.commands()
    names = list(commands)
    case.samples = {name: [] for name in names}
    for rep in range(reps):
        shift = rep % len(names)
        for name in names[shift:] + names[:shift]:
            case.samples[name].append(measured(commands[name])[0])


def _median(samples: list[Sample], what: str) -> float:
    return statistics.median(float(getattr(sample, what)) for sample in samples)


def print_times(case: Case) -> None:
    print(
        f"== {case.label}: {case.resources} planned resources, {case.tf_resources} Terraform resources in "
        f"{case.tf_files} files; {len(case.samples['icekit check'])} interleaved reps; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"   {'':28s} {'wall s: min':>11s} {'median':>7s} {'max':>7s} {'cpu s':>7s} {'peak MiB':>9s}")
    for name, samples in case.samples.items():
        walls = [sample.wall for sample in samples]
        print(
            f"   {name:28s} {min(walls):11.2f} {statistics.median(walls):7.2f} {max(walls):7.2f} "
            f"{_median(samples, 'cpu'):7.2f} {_median(samples, 'peak_mib'):9.1f}"
        )
    icekit = case.samples["icekit check"]
    for name, samples in case.samples.items():
        if name == "icekit check":
            continue
        ratios = {what: _median(icekit, what) / _median(samples, what) for what in Sample.FIELDS}
        best = min(s.wall for s in icekit) / min(s.wall for s in samples)
        print(
            f"   icekit / {name}: time {ratios['wall']:.2f}x (of the mins {best:.2f}x), "
            f"cpu {ratios['cpu']:.2f}x, memory {ratios['peak_mib']:.2f}x"
        )


def _counts(counter: Counter[str]) -> str:
    total = sum(counter.values())
    return f"{total}" + (f" ({', '.join(f'{k} x{v}' for k, v in sorted(counter.items()))})" if total else "")


def print_findings(label: str, case: Case) -> None:
    icekit, failed, passed = findings(case)
    print(f"   findings, {label}: icekit {_counts(icekit)}")
    print(f"   {'':{len(label) + 11}s} checkov failed {_counts(failed)}, passed {passed}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--apps", default="200,1000", help="scaled sizes, comma-separated (bundled always)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--large-reps", type=int, default=3, help=f"reps at {LARGE} apps and more")
    args = parser.parse_args()
    reason = checkov_ready()
    if reason is not None:
        print(f"skipped: checkov {CHECKOV_VERSION} cannot be run here ({reason})")
        return
    template: dict[str, Any] = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    stacks = [("prod (bundled, 3 apps)", "prod", template)]
    for apps in (int(size) for size in args.apps.split(",") if size):
        stacks.append((f"prod scaled to {apps} apps", f"prod{apps}", scaled_stack_document(TEMPLATE, apps)))
    print(f"checkov {CHECKOV_VERSION}, {CHECKOV_VENV.relative_to(ROOT)}; icekit {ICEKIT.parent.parent.name}")
    with tempfile.TemporaryDirectory(prefix="icekit-checkov-") as tmp:
        for label, stack, document in stacks:
            workdir = Path(tmp) / stack
            case = prepare(workdir, label, stack, document)
            time_case(case, args.large_reps if case.apps >= LARGE else args.reps)
            print_times(case)
            print_findings("as declared", case)
            flawed = prepare(workdir / "seeded", label, stack, seeded(document))
            dropped = len(document["config"]["icekit:apps"][::3])
            print_findings(f"seeded ({dropped} apps without sourceIp)", flawed)
            shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
