"""The engine on a tiny program of its own: recording, masking, mocks, isolation, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pulumi
import pytest
import yaml
from pulumi.runtime import config as pulumi_config
from pulumi.runtime import settings as pulumi_settings

from icekit.errors import UserInputError
from icekit.plan import PlanResult, run_plan
from icekit.secrets import MASK, OFFLINE_SECRET_PREFIX
from tests.plan.tiny_program import main as tiny_main


def _plan(project: Path, stack: str = "dev") -> PlanResult:
    return run_plan(stack, project, program=tiny_main)


def _edit_config(project: Path, stack: str, **changes: object) -> None:
    path = project / "stacks" / f"Pulumi.{stack}.yaml"
    document = yaml.safe_load(path.read_text())
    for key, value in changes.items():
        full = key.replace("__", ":")
        if value is None:
            document["config"].pop(full, None)
        else:
            document["config"][full] = value
    path.write_text(yaml.safe_dump(document))


def test_records_every_registration_with_parent_and_declaration_path(project: Path) -> None:
    plan = _plan(project)
    apps = [
        app["name"]
        for app in yaml.safe_load((project / "stacks/Pulumi.dev.yaml").read_text())["config"]["icekit:apps"]
    ]
    components = plan.resources_of_type("icekit:access:UploadAccess")
    assert [c.name for c in components] == apps
    assert all(c.parent is None and not c.custom for c in components)
    for index, component in enumerate(components):
        assert component.declarationPath == f"icekit:apps[{index}]"
        children = [r for r in plan.resources if r.parent == component.urn]
        assert sorted(r.type for r in children) == [
            "alicloud:ram/policy:Policy",
            "alicloud:ram/role:Role",
            "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment",
        ]
        # custom resources carry no declarationPath of their own: they inherit their component's
        assert {r.declarationPath for r in children} == {f"icekit:apps[{index}]"}
        assert all(r.custom for r in children)
    role = plan.resources_of_type("alicloud:ram/role:Role")[0]
    assert role.inputs["maxSessionDuration"] == 3600  # numbers come back as ints, not 3600.0
    assert role.urn.endswith("icekit:access:UploadAccess$alicloud:ram/role:Role::mobile-video-role")


def test_cloud_only_values_come_from_the_mocks_with_the_declared_account(project: Path) -> None:
    plan = _plan(project)
    assert plan.accountId == "1234567890123456" and not plan.accountIdOffline
    assert (
        plan.clientConfigs["mobile-video"]["roleArn"]
        == "acs:ram::1234567890123456:role/icekit-dev-mobile-video"
    )
    attachment = plan.resources_of_type("alicloud:ram/rolePolicyAttachment:RolePolicyAttachment")[0]
    # an input computed from another resource's mocked output
    assert attachment.inputs["roleName"] == "icekit-dev-mobile-video"


def test_without_account_id_the_offline_placeholder_account_is_used(project: Path) -> None:
    _edit_config(project, "dev", icekit__accountId=None)
    plan = _plan(project)
    assert plan.accountId == "000000000000" and plan.accountIdOffline
    assert plan.clientConfigs["cms-assets"]["roleArn"] == "acs:ram::000000000000:role/icekit-dev-cms-assets"


def test_secure_values_stay_secret_and_masked(project: Path) -> None:
    stack_text = (project / "stacks/Pulumi.dev.yaml").read_text()
    ciphertext = yaml.safe_load(stack_text)["config"]["icekit:callbacks"]["hooks"]["authKey"]["secure"]
    plan = _plan(project)
    component = plan.resources_of_type("icekit:access:UploadAccess")[0]
    assert component.inputs["authKey"] == MASK
    assert plan.outputs["callbackAuthKeys"] == MASK
    dumped = json.dumps(plan.model_dump(mode="json"))
    assert OFFLINE_SECRET_PREFIX not in dumped
    assert ciphertext not in dumped


def test_the_program_sees_placeholders_as_secret_config(project: Path) -> None:
    seen: dict[str, object] = {}

    def program() -> None:
        config = pulumi.Config("icekit")
        seen["callbacks"] = config.get_object("callbacks")
        seen["secret"] = pulumi_config.is_config_secret("icekit:callbacks")
        seen["region"] = pulumi.Config("alicloud").get("region")
        seen["stack"], seen["project"] = pulumi.get_stack(), pulumi.get_project()

    run_plan("dev", project, program=program)
    callbacks = seen["callbacks"]
    assert isinstance(callbacks, dict)
    assert callbacks["hooks"]["authKey"] == f"{OFFLINE_SECRET_PREFIX}icekit:callbacks.hooks.authKey"
    assert seen["secret"] is True
    assert (seen["region"], seen["stack"], seen["project"]) == ("cn-shanghai", "dev", "icekit")


def test_a_second_plan_is_identical_and_global_state_is_clean(project: Path) -> None:
    monitor_before = pulumi_settings.SETTINGS.monitor
    config_before = dict(pulumi_config.CONFIG.get())
    first = _plan(project)
    second = _plan(project)
    assert first.model_dump_json() == second.model_dump_json()
    assert pulumi_settings.get_root_resource() is None
    assert pulumi_settings.SETTINGS.monitor is monitor_before
    assert dict(pulumi_config.CONFIG.get()) == config_before
    # another stack in the same process does not see the first one's resources or config
    staging = _plan(project, "staging")
    assert staging.stack == "staging"
    assert all(":staging::" in r.urn for r in staging.resources)


def test_stack_file_path_is_accepted(project: Path) -> None:
    plan = run_plan(str(project / "stacks" / "Pulumi.prod.yaml"), project, program=tiny_main)
    assert plan.stack == "prod" and plan.stackFile == "stacks/Pulumi.prod.yaml"


def test_unknown_stack_lists_the_known_ones(project: Path) -> None:
    with pytest.raises(UserInputError) as caught:
        _plan(project, "qa")
    message = str(caught.value)
    assert "Pulumi.qa.yaml" in message and "dev, prod, staging" in message


def test_missing_stack_file_path(project: Path) -> None:
    with pytest.raises(UserInputError, match="not found"):
        run_plan(str(project / "stacks" / "Pulumi.nope.yaml"), project, program=tiny_main)


def test_invalid_declaration_names_file_and_key_path(project: Path) -> None:
    _edit_config(project, "dev", alicloud__region="us-east-1")
    with pytest.raises(UserInputError) as caught:
        _plan(project)
    assert caught.value.file is not None and caught.value.file.endswith("Pulumi.dev.yaml")
    assert caught.value.key_path == "alicloud:region"


def test_missing_project_file(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="no Pulumi project"):
        run_plan("dev", tmp_path, program=tiny_main)


def test_a_user_error_raised_by_the_program_surfaces_as_is(project: Path) -> None:
    def program() -> None:
        raise UserInputError("bad reference", key_path="icekit:apps[0].storage")

    with pytest.raises(UserInputError) as caught:
        run_plan("dev", project, program=program)
    assert caught.value.key_path == "icekit:apps[0].storage"
    assert caught.value.file == "stacks/Pulumi.dev.yaml"
    # and the runtime is clean for the next plan
    assert _plan(project).stack == "dev"


def test_reads_and_invokes_are_answered_offline(project: Path) -> None:
    seen: dict[str, object] = {}

    def program() -> None:
        import pulumi_alicloud as alicloud

        existing = alicloud.ram.Role.get("existing", "some-role")
        identity = alicloud.get_caller_identity()
        seen["account"] = identity.account_id
        pulumi.export("existingArn", existing.arn)
        pulumi.export("clientConfigs", {})

    plan = run_plan("dev", project, program=program)
    assert seen["account"] == "1234567890123456"
    assert plan.resources == []  # a read is not something the stack creates
    assert plan.outputs["existingArn"] == "acs:ram::1234567890123456:role/some-role"


def test_program_warnings_are_collected_once_and_not_printed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def program() -> None:
        for _ in range(3):
            pulumi.log.warn("storage location looks odd")
        pulumi.log.debug("noise")
        pulumi.export("clientConfigs", {})

    first = run_plan("dev", project, program=program)
    second = run_plan("dev", project, program=program)
    assert first.messages == second.messages == ["warning: storage location looks odd"]
    captured = capsys.readouterr()
    assert "looks odd" not in captured.err + captured.out
