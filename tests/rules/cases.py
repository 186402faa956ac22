"""At least one failing and one passing fixture per rule: (rule id, name, resources, context, fails)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from icekit.rules.context import RuleContext
from icekit.rules.view import ResourceView
from tests.rules.builders import (
    ACCOUNT,
    OTHER_ACCOUNT,
    SECURE,
    WORKFLOW_ID,
    attachment,
    bucket,
    callback,
    ctx,
    declared,
    event_callback,
    policy,
    profile,
    statement,
    storage,
    trust,
    view,
    workflow,
)


@dataclass(frozen=True)
class Case:
    rule_id: str
    name: str
    resources: tuple[ResourceView, ...]
    context: RuleContext
    fails: bool


def case(
    rule_id: str, name: str, *resources: ResourceView, context: RuleContext | None = None, fails: bool
) -> Case:
    return Case(rule_id, name, resources, context or ctx(), fails)


OSS_OBJECTS = "acs:oss:*:*:acme-dev-ice-import/incoming/*"
UPLOAD = ["ice:CreateUploadMedia", "ice:GetMediaInfo"]
OWN_BUCKET = ("ice:RegisterMediaInfo", "oss:PutObject")


def role_with(*statements: dict[str, object]) -> tuple[ResourceView, ...]:
    """Role `r`, trusted by a backend, with policy `p` of these statements attached."""
    return (trust({"RAM": [f"acs:ram::{ACCOUNT}:role/backend"]}), attachment(), policy(*statements))


CASES: list[Case] = [
    # RAM100
    case("RAM100", "valid", policy(statement()), fails=False),
    case("RAM100", "not-json", policy(raw="{not json"), fails=True),
    case("RAM100", "no-statement", policy(raw=json.dumps({"Version": "1"})), fails=True),
    case("RAM100", "bad-effect", policy(statement(effect="Permit")), fails=True),
    # RAM101
    case(
        "RAM101",
        "named-actions",
        policy(statement(["ice:CreateUploadMedia", "ice:GetMediaInfo"])),
        fails=False,
    ),
    case("RAM101", "star", policy(statement("*")), fails=True),
    case("RAM101", "service-star", policy(statement("ice:*")), fails=True),
    case("RAM101", "oss-star", policy(statement("oss:*", OSS_OBJECTS)), fails=True),
    case("RAM101", "fragment", policy(statement(["ice:Create*"])), fails=True),
    case("RAM101", "deny-wildcard-ok", policy(statement(), statement("ram:*", effect="Deny")), fails=False),
    # RAM102
    case(
        "RAM102", "known", policy(statement(["ice:CreateUploadMedia", "ice:RefreshUploadMedia"])), fails=False
    ),
    case("RAM102", "unknown", policy(statement(["ice:CreateUploadMedias"])), fails=True),
    case("RAM102", "wrong-case", policy(statement(["ice:createuploadmedia"])), fails=True),
    case("RAM102", "other-service-ignored", policy(statement(["oss:PutObject"], OSS_OBJECTS)), fails=False),
    # RAM103
    case("RAM103", "ice-star", policy(statement(["ice:CreateUploadMedia"], "*")), fails=False),
    case("RAM103", "oss-scoped", policy(statement(["oss:PutObject"], OSS_OBJECTS)), fails=False),
    case("RAM103", "oss-star", policy(statement(["oss:PutObject"], "*")), fails=True),
    case("RAM103", "oss-arn-star", policy(statement(["oss:PutObject"], "acs:oss:*:*:*")), fails=True),
    case("RAM103", "ram-star", policy(statement(["ram:PassRole"], "*")), fails=True),
    # RAM104
    case("RAM104", "plain-allow", policy(statement()), fails=False),
    case(
        "RAM104",
        "deny-not-action-ok",
        policy(statement(), {"Effect": "Deny", "NotAction": "ice:CreateUploadMedia", "Resource": "*"}),
        fails=False,
    ),
    case(
        "RAM104",
        "allow-not-action",
        policy({"Effect": "Allow", "NotAction": "ram:*", "Resource": "*", "Condition": SECURE}),
        fails=True,
    ),
    case(
        "RAM104",
        "allow-not-resource",
        policy(
            {"Effect": "Allow", "Action": "oss:GetObject", "NotResource": OSS_OBJECTS, "Condition": SECURE}
        ),
        fails=True,
    ),
    # RAM105
    case("RAM105", "small", policy(statement()), fails=False),
    case("RAM105", "too-big", policy(*[statement(f"ice:GetMediaInfo{i}") for i in range(80)]), fails=True),
    # RAM106
    case("RAM106", "dev-secure", policy(statement(condition=SECURE)), fails=False),
    case("RAM106", "dev-missing", policy(statement(condition={})), fails=True),
    case("RAM106", "prod-no-ip", policy(statement(condition=SECURE)), context=ctx("prod"), fails=True),
    case("RAM106", "prod-ok", policy(statement()), context=ctx("prod"), fails=False),
    case(
        "RAM106",
        "secure-transport-false",
        policy(statement(condition={"Bool": {"acs:SecureTransport": ["false"]}})),
        fails=True,
    ),
    case(
        "RAM106",
        "secure-transport-list-true",
        policy(statement(condition={"Bool": {"acs:SecureTransport": ["true"]}})),
        fails=False,
    ),
    case(
        "RAM106",
        "declared-extra",
        policy(statement()),
        context=ctx("dev", requiredConditions=["acs:MFAPresent"]),
        fails=True,
    ),
    case(
        "RAM106",
        "prod-network-held-by-a-deny",
        policy(
            statement(condition=SECURE),
            statement("*", effect="Deny", condition={"NotIpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}}),
        ),
        context=ctx("prod"),
        fails=False,
    ),
    case(
        "RAM106",
        "prod-every-address",
        policy(statement(condition={**SECURE, "IpAddress": {"acs:SourceIp": ["0.0.0.0/0", "::/0"]}})),
        context=ctx("prod"),
        fails=True,
    ),
    case(
        "RAM106",
        "defaults-off",
        policy(statement(condition={})),
        context=ctx("prod", environmentDefaults=False),
        fails=False,
    ),
    # RAM107
    case("RAM107", "video-refresh", profile(actions=["GetMediaInfo", "RefreshUploadMedia"]), fails=False),
    case("RAM107", "no-refresh", profile(fileTypes=["image"], actions=["GetMediaInfo"]), fails=False),
    case(
        "RAM107",
        "images-refresh",
        profile(fileTypes=["image", "text"], actions=["RefreshUploadMedia"], postProcessConfig=None),
        fails=True,
    ),
    # RAM108
    case("RAM108", "as-declared", *role_with(statement(UPLOAD)), context=declared(), fails=False),
    case("RAM108", "no-declaration-known", *role_with(statement("*")), fails=False),
    case(
        "RAM108",
        "unlisted-action",
        *role_with(statement([*UPLOAD, "ice:Delete*"])),
        context=declared(),
        fails=True,
    ),
    case("RAM108", "listed-not-allowed", *role_with(statement(UPLOAD[:1])), context=declared(), fails=True),
    case(
        "RAM108",
        "wider-network",
        *role_with(statement(UPLOAD, condition={**SECURE, "IpAddress": {"acs:SourceIp": ["10.0.0.0/7"]}})),
        context=declared(),
        fails=True,
    ),
    case(
        "RAM108",
        "https-not-required",
        *role_with(statement(UPLOAD, condition={"IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}})),
        context=declared(),
        fails=True,
    ),
    case(
        "RAM108",
        "own-bucket",
        *role_with(statement(["ice:RegisterMediaInfo"]), statement(["oss:PutObject"], OSS_OBJECTS)),
        context=declared(actions=OWN_BUCKET, objects=OSS_OBJECTS),
        fails=False,
    ),
    case(
        "RAM108",
        "whole-bucket",
        *role_with(
            statement(["ice:RegisterMediaInfo"]),
            statement(["oss:PutObject"], "acs:oss:*:*:acme-dev-ice-import/*"),
        ),
        context=declared(actions=OWN_BUCKET, objects=OSS_OBJECTS),
        fails=True,
    ),
    # STS201
    case("STS201", "named-role", trust({"RAM": [f"acs:ram::{ACCOUNT}:role/backend"]}), fails=False),
    case("STS201", "star", trust("*"), fails=True),
    case("STS201", "ram-star", trust({"RAM": "*"}), fails=True),
    case("STS201", "any-account", trust({"RAM": ["acs:ram::*:root"]}), fails=True),
    # STS202
    case("STS202", "same-account", trust({"RAM": [f"acs:ram::{ACCOUNT}:role/backend"]}), fails=False),
    case("STS202", "other-account", trust({"RAM": [f"acs:ram::{OTHER_ACCOUNT}:root"]}), fails=True),
    case("STS202", "other-account-bare", trust({"RAM": OTHER_ACCOUNT}), fails=True),
    case(
        "STS202",
        "other-account-condition",
        trust({"RAM": [f"acs:ram::{OTHER_ACCOUNT}:root"]}, {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}}),
        fails=False,
    ),
    case("STS202", "federated", trust({"Federated": [f"acs:ram::{ACCOUNT}:saml-provider/idp"]}), fails=True),
    case("STS202", "service", trust({"Service": ["ice.aliyuncs.com"]}), fails=False),
    # OSS301
    case("OSS301", "private", bucket(), fails=False),
    case("OSS301", "public-read", bucket(acl="public-read"), fails=True),
    case(
        "OSS301",
        "acl-resource",
        view("alicloud:oss/bucketAcl:BucketAcl", {"acl": "public-read-write"}),
        fails=True,
    ),
    # OSS302
    case("OSS302", "aes", bucket(), fails=False),
    case("OSS302", "kms", bucket(serverSideEncryptionRule={"sseAlgorithm": "KMS"}), fails=False),
    case("OSS302", "none", bucket(serverSideEncryptionRule=None), fails=True),
    case("OSS302", "bad-algorithm", bucket(serverSideEncryptionRule={"sseAlgorithm": "ROT13"}), fails=True),
    # CB401
    case("CB401", "https", callback(), event_callback(), fails=False),
    case("CB401", "http-undeclared", callback(url="http://hooks.example.com/ice"), fails=True),
    case(
        "CB401",
        "http-declared-dev",
        callback(url="http://h.example.com/", allowInsecureHttp=True),
        fails=False,
    ),
    case(
        "CB401",
        "http-declared-prod",
        callback(url="http://h.example.com/", allowInsecureHttp=True),
        context=ctx("prod"),
        fails=True,
    ),
    case(
        "CB401",
        "event-callback-inherits",
        callback(url="http://h.example.com/", allowInsecureHttp=True),
        event_callback(callbackUrl="http://h.example.com/"),
        fails=False,
    ),
    case("CB401", "event-callback-http", event_callback(callbackUrl="http://h.example.com/"), fails=True),
    case("CB401", "mns-ignored", callback(kind="mns", url=None, queueName="ice-callback-q"), fails=False),
    # CB402
    case("CB402", "auth-on", callback(), event_callback(), fails=False),
    case("CB402", "auth-off", callback(authEnabled=False), fails=True),
    case("CB402", "event-auth-off", event_callback(authSwitch="off"), fails=True),
    case(
        "CB402",
        "mns-no-auth",
        callback(kind="mns", authEnabled=False, queueName="ice-callback-q"),
        fails=False,
    ),
    # CB403
    case("CB403", "dns-prod", callback(), context=ctx("prod"), fails=False),
    case("CB403", "ip-prod", callback(url="https://203.0.113.7/ice"), context=ctx("prod"), fails=True),
    case("CB403", "ipv6-prod", callback(url="https://[2001:db8::1]/ice"), context=ctx("prod"), fails=True),
    case(
        "CB403",
        "localhost-prod",
        event_callback(callbackUrl="https://localhost/x"),
        context=ctx("prod"),
        fails=True,
    ),
    case("CB403", "ip-dev", callback(url="https://127.0.0.1:8443/ice"), fails=False),
    # CB404
    case("CB404", "prefixed", callback(kind="mns", queueName="ice-callback-dev"), fails=False),
    case("CB404", "unprefixed", callback(kind="mns", queueName="uploads"), fails=True),
    case(
        "CB404",
        "service-queue",
        view("alicloud:message/serviceQueue:ServiceQueue", {"queueName": "q"}),
        fails=True,
    ),
    case(
        "CB404",
        "event-mns",
        event_callback(callbackType="MNS", callbackUrl=None, callbackQueueName="ice-callback-x"),
        fails=False,
    ),
    # CB405
    case(
        "CB405",
        "current-events",
        callback(events=["FileUploadComplete", "MediaConvertComplete"]),
        fails=False,
    ),
    case(
        "CB405",
        "transcode-parent",
        callback(events=["FileUploadComplete", "TranscodeParentComplete"]),
        fails=True,
    ),
    case("CB405", "transcode", callback(events=["TranscodeComplete"]), fails=True),
    # ICE501
    case("ICE501", "shanghai", fails=False),
    case("ICE501", "hangzhou", context=ctx(region="cn-hangzhou"), fails=True),
    case("ICE501", "unset", context=ctx(region=""), fails=True),
    # ICE502
    case(
        "ICE502", "same", storage(), callback(kind="mns", queueName="ice-callback-q"), profile(), fails=False
    ),
    case("ICE502", "storage-region", storage(region="cn-beijing"), fails=True),
    case(
        "ICE502",
        "location-region",
        storage(storageLocation="outin-0123456789abcdef.oss-cn-beijing.aliyuncs.com"),
        fails=True,
    ),
    case(
        "ICE502",
        "queue-region",
        callback(kind="mns", queueName="ice-callback-q", region="cn-shenzhen"),
        fails=True,
    ),
    case("ICE502", "http-anywhere", callback(region="cn-shenzhen"), fails=False),
    case("ICE502", "event-callback", event_callback(region="cn-beijing"), fails=True),
    # ICE503
    case("ICE503", "video", profile(), fails=False),
    case(
        "ICE503",
        "image-only",
        profile(fileTypes={"image": {"extensions": ["png"], "maxSizeBytes": 1}}),
        fails=True,
    ),
    case(
        "ICE503",
        "image-no-workflow",
        profile(fileTypes={"image": {}}, postProcessConfig=None, workflow=None),
        fails=False,
    ),
    case("ICE503", "list-shape", profile(fileTypes=[{"type": "text"}]), fails=True),
    case("ICE503", "profile-shape-image", profile(fileTypes=["image", "text"]), fails=True),
    case("ICE503", "profile-shape-video", profile(fileTypes=["video"]), fails=False),
    # ICE504
    case("ICE504", "declared", profile(), workflow(), fails=False),
    case(
        "ICE504",
        "per-type-declared",
        profile(
            workflow=None,
            postProcessConfig=None,
            workflows={"audio": "transcode-hd"},
            postProcessConfigs={"audio": json.dumps({"ProcessType": "Workflow", "ProcessID": WORKFLOW_ID})},
        ),
        workflow(),
        fails=False,
    ),
    case(
        "ICE504",
        "per-type-undeclared",
        profile(workflow=None, postProcessConfig=None, workflows={"audio": "loudness"}),
        workflow(),
        fails=True,
    ),
    case(
        "ICE504",
        "per-type-undeclared-id",
        profile(
            workflow=None,
            postProcessConfig=None,
            postProcessConfigs={"video": json.dumps({"ProcessType": "Workflow", "ProcessID": "0" * 32})},
        ),
        workflow(),
        fails=True,
    ),
    case("ICE504", "undeclared-id", profile(), workflow("0" * 32), fails=True),
    case(
        "ICE504", "undeclared-name", profile(postProcessConfig=None, workflow="other"), workflow(), fails=True
    ),
    case(
        "ICE504",
        "wrong-type",
        profile(postProcessConfig=json.dumps({"ProcessType": "Template", "ProcessID": "x"})),
        workflow(),
        fails=True,
    ),
    # ICE505
    case("ICE505", "video-only", profile(), fails=False),
    case("ICE505", "mixed", profile(fileTypes={"video": {}, "image": {}}), fails=True),
    case("ICE505", "profile-shape-mixed", profile(fileTypes=["image", "video"]), fails=True),
]
