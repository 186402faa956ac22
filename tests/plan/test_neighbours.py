"""The plan of one stack says which other stacks of the project share its account and region (read as
declared, not planned), and what an MNS callback needs that icekit cannot provision."""

from __future__ import annotations

from pathlib import Path

from icekit.plan import run_plan


def test_no_bundled_stack_shares_its_account_and_region(project: Path) -> None:
    assert [run_plan(s, project).sharedAccountRegion for s in ("dev", "staging", "prod")] == [[], [], []]


def test_a_stack_of_the_same_account_and_region_is_named(project: Path) -> None:
    dev = (project / "stacks" / "Pulumi.dev.yaml").read_text(encoding="utf-8")
    (project / "stacks" / "Pulumi.qa.yaml").write_text(dev.replace("environment: dev", "environment: qa"))
    (project / "stacks" / "Pulumi.eu.yaml").write_text(dev.replace("1234567890123456", "9876543210987654"))
    (project / "stacks" / "Pulumi.broken.yaml").write_text("config: [", encoding="utf-8")  # passed over
    plan = run_plan("dev", project)
    assert plan.sharedAccountRegion == ["qa"]
    [note] = [m for m in plan.notes if m.startswith("stacks sharing")]
    assert note == (
        "stacks sharing account 1234567890123456 and region cn-shanghai with dev: qa "
        "(stacks/Pulumi.qa.yaml). They share its ICE event callback (one per account and region) and its "
        "RAM names; check them together: icekit check dev qa"
    )
    assert run_plan("qa", project).sharedAccountRegion == ["dev"]


def test_an_mns_callback_says_plainly_what_icekit_cannot_provision(project: Path) -> None:
    [note] = [m for m in run_plan("dev", project).notes if m.startswith("MNS callback")]
    assert "ICE must be authorised to write to MNS before events reach queue ice-callback-dev-uploads" in note
    assert "icekit cannot provision that" in note and "console step" in note
    assert note.endswith("icekit provisions the queue and the region's event callback that names it.")
    assert not [m for m in run_plan("prod", project).notes if m.startswith("MNS callback")]  # HTTP only
