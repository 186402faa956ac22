"""UploadAccess and the own-bucket StorageLocation on the mock runtime: roles, policies (parsed, compared as
data), attachments, parents."""

from __future__ import annotations

import json
from typing import Any

import pytest

from components.access import UploadAccess
from components.args import UploadAccessArgs, WorkflowTemplateArgs
from components.program import callback_endpoints, upload_profiles
from components.workflow import WorkflowTemplate
from icekit.errors import UserInputError
from icekit.stack import ProgramInput, StackDeclaration

from .conftest import spec_from
from .harness import ACCOUNT_ID, RecordingMocks, resolve, run_mocked

POLICY = "alicloud:ram/policy:Policy"
ROLE = "alicloud:ram/role:Role"
ATTACH = "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment"


def _profiles(spec: StackDeclaration) -> RecordingMocks:
    async def body() -> dict[str, str]:
        given = ProgramInput(spec, f"stacks/Pulumi.{spec.stack}.yaml")
        callbacks = callback_endpoints(spec)
        workflows = {n: WorkflowTemplate(n, WorkflowTemplateArgs(d)) for n, d in spec.workflows.items()}
        assert set(workflows) == set(spec.workflows)
        profiles = list(upload_profiles(given, callbacks).values())
        urns = {}
        for p in profiles:
            urns[f"role:{p.access.role._name}"] = (await resolve(p.access.role.urn)).value
            urns[f"access:{p.access._name}"] = (await resolve(p.access.urn)).value
        return urns

    mocks, urns = run_mocked(body, stack=spec.stack)
    mocks.urns = urns  # type: ignore[attr-defined]
    return mocks


def _doc(mocks: RecordingMocks, typ: str, name: str, key: str) -> Any:
    return json.loads(mocks.one(typ, name).inputs[key])


def test_mobile_app_gets_exactly_its_ice_actions(dev_config: dict[str, Any]) -> None:
    mocks = _profiles(spec_from(dev_config))
    role = mocks.one(ROLE, "icekit-dev-mobile-video")
    assert role.inputs["roleName"] == "icekit-dev-mobile-video"
    assert role.inputs["maxSessionDuration"] == 3600
    assert json.loads(role.inputs["assumeRolePolicyDocument"]) == {
        "Version": "1",
        "Statement": [
            {
                "Action": "sts:AssumeRole",
                "Effect": "Allow",
                "Principal": {"RAM": [f"acs:ram::{ACCOUNT_ID}:role/mobile-backend"]},
            }
        ],
    }
    assert _doc(mocks, POLICY, "icekit-dev-mobile-video-upload", "policyDocument") == {
        "Version": "1",
        "Statement": [
            {
                "Action": ["ice:CreateUploadMedia", "ice:GetMediaInfo", "ice:RefreshUploadMedia"],
                "Effect": "Allow",
                "Resource": ["*"],
                "Condition": {"Bool": {"acs:SecureTransport": ["true"]}},
            }
        ],
    }
    attach = mocks.one(ATTACH, "icekit-dev-mobile-video-upload").inputs
    assert attach == {
        "roleName": "icekit-dev-mobile-video",
        "policyName": "icekit-dev-mobile-video-upload",
        "policyType": "Custom",
    }


def test_undeclared_actions_are_not_granted(dev_config: dict[str, Any]) -> None:
    mocks = _profiles(spec_from(dev_config))
    statement = _doc(mocks, POLICY, "icekit-dev-cms-assets-upload", "policyDocument")["Statement"]
    assert [s["Action"] for s in statement] == [["ice:CreateUploadMedia", "ice:GetMediaInfo"]]


def test_prod_conditions_land_on_every_allow_statement(prod_config: dict[str, Any]) -> None:
    mocks = _profiles(spec_from(prod_config, stack="prod"))
    for policy in mocks.of_type(POLICY):
        for statement in json.loads(policy.inputs["policyDocument"])["Statement"]:
            assert statement["Condition"]["Bool"] == {"acs:SecureTransport": ["true"]}, policy.name
            assert statement["Condition"]["IpAddress"]["acs:SourceIp"], policy.name
    mobile = _doc(mocks, POLICY, "icekit-prod-mobile-video-upload", "policyDocument")
    assert mobile["Statement"][0]["Condition"]["IpAddress"] == {
        "acs:SourceIp": ["47.106.10.0/24", "47.106.11.0/24"]
    }


def test_own_bucket_app_writes_its_prefix_and_registers(dev_config: dict[str, Any]) -> None:
    mocks = _profiles(spec_from(dev_config))
    bucket = mocks.one("alicloud:oss/bucket:Bucket", "import-bucket").inputs
    assert bucket["bucket"] == "acme-dev-ice-import"
    assert bucket["acl"] == "private"
    assert bucket["serverSideEncryptionRule"] == {"sseAlgorithm": "AES256"}
    bucket_doc = _doc(mocks, POLICY, "icekit-dev-batch-import-bucket", "policyDocument")
    condition = {"IpAddress": {"acs:SourceIp": ["10.20.0.0/16"]}, "Bool": {"acs:SecureTransport": ["true"]}}
    assert bucket_doc == {
        "Version": "1",
        "Statement": [
            {
                "Action": ["oss:PutObject"],
                "Effect": "Allow",
                "Resource": ["acs:oss:*:*:acme-dev-ice-import/incoming/*"],
                "Condition": condition,
            },
            {
                "Action": ["ice:RegisterMediaInfo"],
                "Effect": "Allow",
                "Resource": ["*"],
                "Condition": condition,
            },
        ],
    }
    upload = _doc(mocks, POLICY, "icekit-dev-batch-import-upload", "policyDocument")
    assert upload["Statement"][0]["Action"] == ["ice:GetMediaInfo"]  # no CreateUploadMedia for own buckets
    attached = sorted(
        a.inputs["policyName"] for a in mocks.of_type(ATTACH) if a.inputs["roleName"].endswith("import")
    )
    assert attached == ["icekit-dev-batch-import-bucket", "icekit-dev-batch-import-upload"]


def test_own_bucket_app_without_extra_actions_has_no_upload_policy(dev_config: dict[str, Any]) -> None:
    dev_config["icekit:apps"][2]["actions"] = []
    mocks = _profiles(spec_from(dev_config))
    assert not [p for p in mocks.of_type(POLICY) if p.name == "icekit-dev-batch-import-upload"]
    attached = [
        a.inputs["policyName"] for a in mocks.of_type(ATTACH) if a.inputs["roleName"].endswith("import")
    ]
    assert attached == ["icekit-dev-batch-import-bucket"]


def test_vod_storage_makes_no_bucket_and_components_carry_declaration_paths(
    dev_config: dict[str, Any],
) -> None:
    mocks = _profiles(spec_from(dev_config))
    assert [b.name for b in mocks.of_type("alicloud:oss/bucket:Bucket")] == ["import-bucket"]
    storage = mocks.one("icekit:storage:StorageLocation", "mobile-video").inputs
    assert storage["storageLocation"].startswith("outin-") and storage.get("ownBucket") is None
    assert storage["declarationPath"] == "icekit:storage.vod-main"
    access = mocks.one("icekit:access:UploadAccess", "cms-assets").inputs
    assert access == {"app": "cms-assets", "declarationPath": "icekit:apps[1]"}
    profile = mocks.one("icekit:profile:UploadProfile", "mobile-video").inputs
    assert (
        profile["postProcessConfig"]
        == '{"ProcessType":"Workflow","ProcessID":"74ba870f1a4873a3ba238e0bf6fa9c01"}'
    )
    assert profile["fileTypes"] == ["video"] and profile["workflow"] == "transcode-hd"


def test_children_are_parented_under_profile_and_access(dev_config: dict[str, Any]) -> None:
    mocks = _profiles(spec_from(dev_config))
    urns = mocks.urns  # type: ignore[attr-defined]
    # the mock monitor's URNs carry the parent's type (one level), enough to show the parent chain
    assert urns["role:icekit-dev-mobile-video"].endswith(
        "::icekit:access:UploadAccess$alicloud:ram/role:Role::icekit-dev-mobile-video"
    )
    assert urns["access:mobile-video"].endswith(
        "::icekit:profile:UploadProfile$icekit:access:UploadAccess::mobile-video"
    )


def test_oversized_policy_is_a_user_error_at_the_app(dev_config: dict[str, Any]) -> None:
    dev_config["icekit:apps"][0]["conditions"] = {
        "sourceIp": [f"10.{i // 250}.{i % 250}.1/32" for i in range(600)]
    }
    spec = spec_from(dev_config)

    async def body() -> None:
        app = spec.apps[0]
        args = UploadAccessArgs(spec.stack, "stacks/Pulumi.dev.yaml", app, "icekit:apps[0]", own_bucket=False)
        UploadAccess(app.name, args)

    with pytest.raises(UserInputError) as caught:
        run_mocked(body)
    assert caught.value.key_path == "icekit:apps[0]"
    assert "RAM allows at most 6144" in caught.value.message
