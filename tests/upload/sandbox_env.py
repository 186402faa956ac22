"""The dev stack's upload path on loopback for icekit.upload's tests, assembled in process from icekit.sandbox
(STS, ICE with the upload actions, OSS, events, the credential store and a test Authorizer), with a ready file
of the shape `icekit sandbox --ready-file` writes (issue 13).

When the `icekit sandbox` verb lands, `sandbox_for` is the one thing to replace: start the verb on the dev
stack with `--ready-file`, read the file, and hand the same `SandboxEnv` fields on (the tests read only the
ready file, the clock and the request records)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icekit.clientconfig import ClientConfig, OwnBucketClientConfig, VodClientConfig
from icekit.models import UploadTargetConfig
from icekit.sandbox.authorizer import AuthorizationDecision, RequestContext
from icekit.sandbox.callback_http import CallbackRedirects, DeliveryRules
from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.event_delivery import EventDispatcher
from icekit.sandbox.ice_app import IceUploads, ice_application
from icekit.sandbox.media_library import MediaLibrary
from icekit.sandbox.object_store import ObjectStore
from icekit.sandbox.oss_app import OssApplication
from icekit.sandbox.principals import Principal
from icekit.sandbox.request_log import RequestRecord
from icekit.sandbox.serving import RunningServer, running_server
from icekit.sandbox.state import StateDirectory
from icekit.sandbox.sts_app import RoleSettings, sts_application
from icekit.sandbox.upload_completion import UploadCompletion
from icekit.sandbox.upload_issuer import UploadStorage
from tests.sandbox.doubles import ScriptedAuthorizer
from tests.sandbox.upload_rig import CallbackReceiver, ShiftedClock

__all__ = ["AUTH_KEY", "OssRequest", "SandboxEnv", "sandbox_for", "stack_for_sandbox"]

AUTH_KEY = "SandboxKey123"  # the auth key the region's event callback signs with
ACCOUNT = "1234567890123456"
QUICK_RULES = DeliveryRules(timeout_seconds=2.0, retries=2, retry_pause_seconds=0.05)


@dataclass(frozen=True)
class OssRequest:
    method: str
    path: str
    query: str
    status: str


@dataclass
class OssTap:
    """Records every OSS request's method, path, query and answer status (which parts were sent when)."""

    app: Any
    seen: list[OssRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        def recording(status: str, headers: Any, *rest: Any) -> Any:
            with self.lock:
                self.seen.append(
                    OssRequest(
                        environ["REQUEST_METHOD"], environ["PATH_INFO"], environ["QUERY_STRING"], status
                    )
                )
            return start_response(status, headers, *rest)

        result: Iterable[bytes] = self.app(environ, recording)
        return result


@dataclass
class TrustingAuthorizer(ScriptedAuthorizer):
    """The test double, plus each role's trust policy: only the principals it names may assume it."""

    trust: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def authorize(
        self, principal: Principal, action: str, resource: str, context: RequestContext
    ) -> AuthorizationDecision:
        decision = super().authorize(principal, action, resource, context)
        if action == "sts:AssumeRole" and principal.arn not in self.trust.get(resource, frozenset()):
            return AuthorizationDecision(
                False, f"the trust policy of {resource} does not name the caller", "trust"
            )
        return decision


@dataclass
class SandboxEnv:
    ready_file: Path
    ready: dict[str, Any]
    clock: ShiftedClock
    receiver: CallbackReceiver
    callback_url: str  # the URL ICE signs callbacks for (the declared one, redirected to the receiver)
    oss_requests: list[OssRequest]
    ice_records: list[RequestRecord]
    sts_records: list[RequestRecord]
    library: MediaLibrary
    authorizer: TrustingAuthorizer


def _locations(configs: Iterable[ClientConfig]) -> tuple[str, ...]:
    found = {
        UploadTargetConfig.from_wire(c.request.UploadTargetConfig).StorageLocation
        for c in configs
        if isinstance(c, VodClientConfig) and c.request.UploadTargetConfig
    }
    return tuple(sorted(found))


def _subscribe(ice: RunningServer, key_id: str, secret: str, callback_url: str) -> None:
    from alibabacloud_ice20201109 import models as ice_models
    from alibabacloud_ice20201109.client import Client
    from alibabacloud_tea_openapi import models as open_api_models

    config = open_api_models.Config(
        access_key_id=key_id, access_key_secret=secret, endpoint=ice.endpoint, protocol="http",
        region_id="cn-shanghai",
    )  # fmt: skip
    Client(config).set_event_callback(
        ice_models.SetEventCallbackRequest(
            callback_type="HTTP", callback_url=callback_url, event_type_list="FileUploadComplete",
            auth_switch="on", auth_key=AUTH_KEY,
        )
    )  # fmt: skip


def _callback_urls(configs: Iterable[ClientConfig]) -> list[str]:
    return sorted({c.callback.url for c in configs if c.callback and c.callback.url})


def stack_for_sandbox(
    stack: str, project_dir: Path
) -> tuple[dict[str, ClientConfig], dict[str, frozenset[str]]]:
    """A stack's client configurations and each role's trusted principals, from one offline plan."""
    from icekit.plan import run_plan

    plan = run_plan(stack, project_dir)
    configs = {app: ClientConfig.from_data(doc) for app, doc in plan.clientConfigs.items()}
    roles = {r.inputs["roleName"]: r.inputs for r in plan.resources if r.type == "alicloud:ram/role:Role"}
    trust: dict[str, frozenset[str]] = {}
    for config in configs.values():
        document = json.loads(roles[config.roleArn.rsplit("/", 1)[1]]["assumeRolePolicyDocument"])
        trust[config.roleArn] = frozenset(p for s in document["Statement"] for p in s["Principal"]["RAM"])
    return configs, trust


def _buckets(configs: Iterable[ClientConfig], locations: Iterable[str]) -> dict[str, str]:
    """Bucket -> owning account: the storage locations' buckets and the own buckets."""
    buckets = {UploadStorage.bucket_of(location): ACCOUNT for location in locations}
    return buckets | {c.ownBucket.bucket: ACCOUNT for c in configs if isinstance(c, OwnBucketClientConfig)}


def _ready_document(
    servers: Mapping[str, RunningServer], region: str, keys: Iterable[AccessKey]
) -> dict[str, Any]:
    """What `icekit sandbox --ready-file` writes (issue 13)."""
    return {
        "endpoints": {name: server.url for name, server in servers.items()},
        "region": region,
        "principals": [
            {"arn": k.principal.arn, "accessKeyId": k.access_key_id, "accessKeySecret": k.secret}
            for k in keys
        ],
        "callbackKeys": {"hooks": AUTH_KEY},
    }


@contextmanager
def sandbox_for(
    configs: Mapping[str, ClientConfig],
    root: Path,
    trust: Mapping[str, frozenset[str]],
    *,
    credential_seconds: int = 3000,
) -> Iterator[SandboxEnv]:
    """The sandbox for `configs` (app -> client config); `trust`: role ARN -> the principals its trust policy
    names, each given one long-term key."""
    state, clock, receiver = StateDirectory(root / "state"), ShiftedClock(), CallbackReceiver()
    credentials, authorizer = CredentialStore(state), TrustingAuthorizer(trust=trust)
    trusted = sorted({arn for arns in trust.values() for arn in arns})
    keys = [credentials.new_access_key(Principal(arn)) for arn in trusted]
    ice_records: list[RequestRecord] = []
    sts_records: list[RequestRecord] = []
    region = next(iter(configs.values())).region
    with ExitStack() as stack:
        local = stack.enter_context(running_server(receiver))
        declared = _callback_urls(configs.values())
        redirects = CallbackRedirects.from_options({url: f"{local.url}/ice-events" for url in declared})
        events = EventDispatcher(state, region, redirects=redirects, rules=QUICK_RULES, clock=clock)
        stack.callback(events.close)
        library, objects = MediaLibrary(state), ObjectStore(state)
        locations = _locations(configs.values())
        oss_app = OssApplication(
            objects, credentials, authorizer, region, _buckets(configs.values(), locations),
            clock=clock, uploads=UploadCompletion(library, events),
        )  # fmt: skip
        tap = OssTap(oss_app)
        oss = stack.enter_context(running_server(tap))
        storage = UploadStorage(oss.url, locations, credential_seconds)
        ice_app = ice_application(
            state, region, credentials, authorizer,
            uploads=IceUploads(library, objects, storage), clock=clock, on_record=ice_records.append,
        )  # fmt: skip
        ice = stack.enter_context(running_server(ice_app))
        roles = {c.roleArn: RoleSettings(c.roleArn) for c in configs.values()}
        sts = stack.enter_context(
            running_server(
                sts_application(roles, credentials, authorizer, clock=clock, on_record=sts_records.append)
            )
        )
        _subscribe(ice, keys[0].access_key_id, keys[0].secret, declared[0])
        ice_records.clear()  # the tests look at what the uploads did
        ready = _ready_document({"sts": sts, "ice": ice, "oss": oss}, region, keys)
        ready_file = root / "ready.json"
        ready_file.write_text(json.dumps(ready, indent=2), encoding="utf-8")
        yield SandboxEnv(
            ready_file, ready, clock, receiver, declared[0], tap.seen, ice_records, sts_records, library,
            authorizer,
        )  # fmt: skip
