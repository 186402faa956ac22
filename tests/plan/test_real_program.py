"""The engine on the project's own program (components.program.main), in process."""

from __future__ import annotations

from pathlib import Path

import yaml

from icekit.plan import run_plan
from icekit.secrets import MASK


def test_plans_of_several_stacks_in_one_process_are_repeatable(project: Path) -> None:
    first = run_plan("dev", project).model_dump_json()
    staging = run_plan("staging", project)
    again = run_plan("dev", project).model_dump_json()
    assert first == again
    assert staging.stack == "staging" and all(
        r.urn.startswith("urn:pulumi:staging::icekit::") for r in staging.resources
    )


def test_resources_follow_the_declaration(project: Path) -> None:
    plan = run_plan("dev", project)
    apps = yaml.safe_load((project / "stacks/Pulumi.dev.yaml").read_text())["config"]["icekit:apps"]
    profiles = plan.resources_of_type("icekit:profile:UploadProfile")
    assert {p.declarationPath: p.inputs["app"] for p in profiles} == {
        f"icekit:apps[{i}]": app["name"] for i, app in enumerate(apps)
    }
    seen: set[str] = set()
    for resource in plan.resources:  # registration order: a parent always comes before its children
        assert resource.parent is None or resource.parent in seen
        seen.add(resource.urn)
    for resource in plan.resources:
        assert not any(key.startswith("__") for key in resource.inputs)  # no pickled dynamic provider
        if "authKey" in resource.inputs:
            assert resource.inputs["authKey"] == MASK


def test_role_arns_use_the_offline_account_when_none_is_declared(project: Path) -> None:
    path = project / "stacks/Pulumi.staging.yaml"
    document = yaml.safe_load(path.read_text())
    document["config"].pop("icekit:accountId", None)
    path.write_text(yaml.safe_dump(document))
    plan = run_plan("staging", project)
    assert plan.accountIdOffline and plan.accountId == "000000000000"
    assert plan.clientConfigs
    for app, config in plan.clientConfigs.items():
        assert config["roleArn"].startswith("acs:ram::000000000000:role/"), app
