"""Start a stack's sandbox: STS, ICE and OSS over one state directory, decided by the stack's RAM documents.

`start_sandbox(stack, state, options)` wires the pieces (docs/sandbox-protocols.md section 4) from a
`SandboxStack`: the RAM Authorizer, the stack's roles for STS, its VOD storage locations and own buckets for
ICE and OSS, its apps' upload rules, its principals' AccessKeys and its callbacks' auth keys (stack_keys), the
region's event-callback setting as `icekit:eventCallback` declares it (written at each start, as a deployment
would set it), and the `--callback-url` redirects. `RunningSandbox.ready_document()` is the ready file.
Ports: `port` 0 picks three free ones; any other P serves STS on P, ICE on P+1 and OSS on P+2.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from icekit.errors import UserInputError
from icekit.sandbox.app_rules import UploadRules
from icekit.sandbox.authorizer import ContextOverrides
from icekit.sandbox.callback_http import CallbackRedirects, DeliveryRules
from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.event_delivery import DeliverySink, EventDispatcher, log_delivery
from icekit.sandbox.event_settings import event_callback_record_name
from icekit.sandbox.freshness import Clock, utc_now
from icekit.sandbox.ice_app import IceUploads, ice_application
from icekit.sandbox.media_library import MediaLibrary
from icekit.sandbox.object_store import ObjectStore
from icekit.sandbox.oss_app import OssApplication
from icekit.sandbox.ram_authorizer import RamAuthorizer
from icekit.sandbox.request_log import RecordSink, discard_records
from icekit.sandbox.serving import RunningServer, start_server
from icekit.sandbox.stack_keys import callback_keys, check_callback_keys, principal_keys
from icekit.sandbox.stack_setup import SandboxStack
from icekit.sandbox.state import StateDirectory
from icekit.sandbox.sts_app import RoleSettings, sts_application
from icekit.sandbox.upload_completion import UploadCompletion
from icekit.sandbox.upload_issuer import UploadStorage

__all__ = ["RunningSandbox", "SandboxOptions", "check_options", "default_storage_location", "start_sandbox"]


def default_storage_location(region: str) -> str:
    """The account's default VOD storage location when the stack declares none (ICE always has one)."""
    return f"outin-{'0' * 32}.oss-{region}.aliyuncs.com"


@dataclass(frozen=True)
class SandboxOptions:
    host: str = "127.0.0.1"
    port: int = 0
    allow_remote: bool = False
    callback_urls: Mapping[str, str] = field(default_factory=dict)  # declared name or URL -> local URL
    callback_keys: Mapping[str, str] = field(default_factory=dict)  # declared name -> auth key
    source_ip: str | None = None
    secure_transport: bool | None = None
    delivery_rules: DeliveryRules | None = None
    clock: Clock = utc_now


@dataclass
class RunningSandbox:
    stack: SandboxStack
    sts: RunningServer
    ice: RunningServer
    oss: RunningServer
    events: EventDispatcher
    principals: list[AccessKey]
    callback_keys: dict[str, str]
    _closing: ExitStack

    def ready_document(self) -> dict[str, Any]:
        """The ready file's document, exactly the shape issue 13 fixes (it holds the secrets)."""
        return {
            "endpoints": {"sts": self.sts.url, "ice": self.ice.url, "oss": self.oss.url},
            "region": self.stack.region,
            "principals": [
                {"arn": key.principal.arn, "accessKeyId": key.access_key_id, "accessKeySecret": key.secret}
                for key in self.principals
            ],
            "callbackKeys": dict(self.callback_keys),
        }

    def stop(self) -> None:
        """Stop serving (each server within seconds), then let the queued event deliveries finish."""
        self._closing.close()


def _port(options: SandboxOptions, offset: int) -> int:
    return options.port + offset if options.port else 0


def _set_event_callback(state: StateDirectory, stack: SandboxStack, keys: Mapping[str, str]) -> None:
    if stack.event_callback is None:
        return
    setting = dict(stack.event_callback)
    url = setting.get("CallbackURL")
    declared = next((name for name, cb in stack.callbacks.items() if cb.url and cb.url == url), None)
    if declared is not None and declared in keys and setting.get("AuthSwitch", "").lower() == "on":
        setting["AuthKey"] = keys[declared]
    state.write_record("settings", event_callback_record_name(stack.region), setting, private=True)


def _redirects(stack: SandboxStack, options: SandboxOptions) -> CallbackRedirects:
    declared = {name: cb.url for name, cb in stack.callbacks.items() if cb.url}
    return CallbackRedirects.from_options(options.callback_urls, declared)


def check_options(stack: SandboxStack, options: SandboxOptions) -> None:
    """The options that name parts of the stack (--callback-url, --callback-key), checked before anything is
    written or listens: a UserInputError for a name the stack does not declare."""
    _redirects(stack, options)
    check_callback_keys(stack.callbacks, options.callback_keys)


def _events(
    state: StateDirectory,
    stack: SandboxStack,
    options: SandboxOptions,
    keys: Mapping[str, str],
    sink: DeliverySink,
) -> EventDispatcher:
    declared = {name: cb.url for name, cb in stack.callbacks.items() if cb.url}
    return EventDispatcher(
        state,
        stack.region,
        redirects=_redirects(stack, options),
        rules=options.delivery_rules,
        on_delivery=sink,
        clock=options.clock,
        auth_keys={declared[name]: key for name, key in keys.items() if name in declared},
    )


def _serve_all(
    stack: SandboxStack,
    state: StateDirectory,
    options: SandboxOptions,
    parts: _Parts,
    closing: ExitStack,
) -> tuple[RunningServer, RunningServer, RunningServer]:
    """OSS first (ICE hands out its URL), then ICE, then STS; each stopped by `closing`."""
    common: dict[str, Any] = {
        "clock": options.clock,
        "overrides": ContextOverrides(options.source_ip, options.secure_transport),
        "on_record": parts.on_record,
    }

    def serve(app: Any, offset: int) -> RunningServer:
        port = _port(options, offset)
        try:
            server = start_server(app, host=options.host, port=port, allow_remote=options.allow_remote)
        except OSError as error:  # the port is taken, or the address is not this machine's
            where = f"{options.host}:{port}"
            raise UserInputError(
                f"cannot listen on {where} ({error.strerror or error})", key_path="--port"
            ) from None
        closing.callback(server.stop)
        return server

    library, objects = MediaLibrary(state), ObjectStore(state)
    locations = stack.storage_locations or (default_storage_location(stack.region),)
    own = {bucket: stack.account_id for bucket in stack.own_buckets}
    buckets = {UploadStorage.bucket_of(location): stack.account_id for location in locations} | own
    oss_app = OssApplication(
        objects, parts.credentials, parts.authorizer, stack.region, buckets,
        uploads=UploadCompletion(library, parts.events), rules=parts.rules, **common,
    )  # fmt: skip
    oss = serve(oss_app, 2)
    uploads = IceUploads(library, objects, UploadStorage(oss.url, locations), parts.rules)
    ice_app = ice_application(
        state, stack.region, parts.credentials, parts.authorizer, uploads=uploads, **common
    )
    ice = serve(ice_app, 1)
    roles = {arn: RoleSettings(arn, role.max_session_seconds) for arn, role in stack.roles.items()}
    sts = serve(sts_application(roles, parts.credentials, parts.authorizer, **common), 0)
    return sts, ice, oss


@dataclass(frozen=True)
class _Parts:
    credentials: CredentialStore
    authorizer: RamAuthorizer
    rules: UploadRules
    events: EventDispatcher
    on_record: RecordSink


def start_sandbox(
    stack: SandboxStack,
    state: StateDirectory,
    options: SandboxOptions,
    *,
    on_record: RecordSink = discard_records,
    on_delivery: DeliverySink = log_delivery,
) -> RunningSandbox:
    credentials = CredentialStore(state)
    principals = principal_keys(state, credentials, stack.principals)
    keys = callback_keys(state, stack.callbacks, options.callback_keys)
    _set_event_callback(state, stack, keys)
    events = _events(state, stack, options, keys, on_delivery)
    authorizer = RamAuthorizer({arn: role.documents for arn, role in stack.roles.items()})
    parts = _Parts(credentials, authorizer, UploadRules(stack.apps), events, on_record)
    closing = ExitStack()
    closing.callback(events.close)  # runs last: after the servers stopped, the queued deliveries finish
    try:
        sts, ice, oss = _serve_all(stack, state, options, parts, closing)
    except BaseException:
        closing.close()
        raise
    return RunningSandbox(stack, sts, ice, oss, events, principals, keys, closing)
