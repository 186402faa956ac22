"""The program fed exactly as the Pulumi CLI feeds it, with a real (decrypted) auth key.

The CLI's Python language host puts the stack's config in the `PULUMI_CONFIG` environment variable: one JSON
object, key -> string, where object- and list-valued keys are JSON-encoded strings with their `secure:` leaves
already decrypted, and `PULUMI_CONFIG_SECRET_KEYS` lists the top-level keys that held a secret. Its exec
script (pulumi/pulumi sdk/python/cmd/pulumi-language-python-exec) then calls
`pulumi.runtime.set_all_config(get_config_env(), get_config_secret_keys_env())` before running
`__main__.py`. pulumi.Config hands such values back in clear (its is_config_secret warning is commented out
in pulumi/config.py `_get`, pulumi 3.272), so the program must mark the auth keys secret itself.
"""

from __future__ import annotations

import contextvars
import json
import logging
import runpy
from pathlib import Path
from typing import Any

import pytest
import yaml
from pulumi.runtime import config as runtime_config
from pulumi.runtime import rpc

from icekit.errors import UserInputError
from icekit.stack import StackDeclaration, build_declaration
from icekit.stack.runtime import runtime_source

from .conftest import ROOT, STACKS
from .harness import CapturingMonitor, RecordingMocks, run_mocked

# what `pulumi config set --secret` would decrypt to: distinctive, so any leak is found by substring
PLAINTEXT_KEY = "Prod4uthKey-9f2c7e1d-ZZ"


def _decrypted(value: Any) -> tuple[Any, bool]:
    """The value with every `secure:` leaf decrypted (to PLAINTEXT_KEY), and whether it held one."""
    if isinstance(value, dict):
        if set(value) == {"secure"}:
            return PLAINTEXT_KEY, True
        pairs = {k: _decrypted(v) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs.items()}, any(s for _, s in pairs.values())
    if isinstance(value, list):
        items = [_decrypted(v) for v in value]
        return [v for v, _ in items], any(s for _, s in items)
    return value, False


def cli_environment(stack_file: Path) -> dict[str, str]:
    """PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS as the language host sets them (Go's encoding/json:
    compact, map keys sorted; scalars as their YAML text)."""
    config: dict[str, str] = {}
    secret_keys: list[str] = []
    for key, value in yaml.safe_load(stack_file.read_text())["config"].items():
        plain, secret = _decrypted(value)
        if isinstance(plain, bool):
            config[key] = "true" if plain else "false"
        elif isinstance(plain, dict | list):
            config[key] = json.dumps(plain, sort_keys=True, separators=(",", ":"))
        else:
            config[key] = str(plain)
        if secret:
            secret_keys.append(key)
    return {
        "PULUMI_CONFIG": json.dumps(config, sort_keys=True, separators=(",", ":")),
        "PULUMI_CONFIG_SECRET_KEYS": json.dumps(sorted(secret_keys)),
    }


def leaks(value: Any, where: str = "") -> list[str]:
    """Paths where PLAINTEXT_KEY appears outside a secret (rpc-serialized secrets are skipped)."""
    if rpc.is_rpc_secret(value):
        return []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaks(v, f"{where}.{k}")]
    if isinstance(value, list | tuple):
        return [p for i, v in enumerate(value) for p in leaks(v, f"{where}[{i}]")]
    return [where] if isinstance(value, str) and PLAINTEXT_KEY in value else []


class EveryOutputMonitor(CapturingMonitor):
    """Also keeps every component's registered outputs, secrets still wrapped."""

    def __init__(self, mocks: RecordingMocks) -> None:
        super().__init__(mocks)
        self.all_outputs: dict[str, Any] = {}

    def RegisterResourceOutputs(self, request: Any) -> Any:
        self.all_outputs[request.urn] = rpc.deserialize_properties(request.outputs, keep_internal=True)
        return super().RegisterResourceOutputs(request)


@pytest.fixture
def prod_cli_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = cli_environment(STACKS / "Pulumi.prod.yaml")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def test_the_cli_environment_is_what_the_sdk_reads(prod_cli_env: dict[str, str]) -> None:
    # guards the fixture itself: the secret is there in clear, and only its top-level key is listed
    callbacks = json.loads(runtime_config.get_config_env()["icekit:callbacks"])
    assert callbacks["hooks"]["authKey"] == PLAINTEXT_KEY
    assert runtime_config.get_config_secret_keys_env() == ["icekit:callbacks"]
    assert isinstance(runtime_config.get_config_env()["icekit:apps"], str)


def test_main_under_cli_config_keeps_the_auth_key_secret(
    prod_cli_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    mocks = RecordingMocks(account_id="3456789012345678")
    monitor = EveryOutputMonitor(mocks)

    async def body() -> None:
        # the entry point itself, run as the exec script runs it (Pulumi.yaml has no `main`: the project dir)
        runpy.run_path(str(ROOT), run_name="__main__")

    caplog.set_level(logging.DEBUG)
    run_mocked(
        body,
        stack="prod",
        # what pulumi-language-python-exec does with the environment before it runs __main__.py
        config=runtime_config.get_config_env(),
        secret_keys=runtime_config.get_config_secret_keys_env(),
        mocks=mocks,
        monitor=monitor,
    )

    # the key reached the resources that need it, as a secret
    event = mocks.one("pulumi-python:dynamic:Resource", "prod-event-callback").inputs
    assert rpc.is_rpc_secret(event["authKey"]) and event["authKey"]["value"] == PLAINTEXT_KEY
    outputs = monitor.stack_outputs
    assert rpc.is_rpc_secret(outputs["callbackAuthKeys"])
    assert set(outputs["callbackAuthKeys"]["value"].values()) == {PLAINTEXT_KEY}

    # and nowhere else in clear: no resource input, no component or stack output, no log message
    for resource in mocks.resources:
        assert leaks(resource.inputs) == [], f"{resource.type} {resource.name}"
    for urn, registered in monitor.all_outputs.items():
        assert leaks(registered) == [], urn
    assert not [r.getMessage() for r in caplog.records if PLAINTEXT_KEY in r.getMessage()]
    clients = json.dumps(outputs["clientConfigs"])
    assert PLAINTEXT_KEY not in clients and '"authEnabled":true' in clients.replace(" ", "")


def test_project_file_matches_what_the_cli_needs() -> None:
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
    # name: Pulumi's rule (alphanumerics, hyphens, underscores, periods); the harness registers "icekit"
    assert project["name"] == "icekit"
    assert project["runtime"] == {"name": "python", "options": {"toolchain": "uv", "virtualenv": ".venv"}}
    # uv toolchain: `uv sync` needs the lock next to the project; the virtualenv is the one it syncs
    assert (ROOT / "uv.lock").is_file() and (ROOT / "pyproject.toml").is_file()
    assert (ROOT / project["runtime"]["options"]["virtualenv"] / "pyvenv.cfg").is_file()
    # stack files where stackConfigDir says, and the entry point where `main` (default: here) says
    assert project["stackConfigDir"] == "stacks"
    assert {"Pulumi.dev.yaml", "Pulumi.prod.yaml"} <= {p.name for p in STACKS.glob("Pulumi.*.yaml")}
    assert (ROOT / project.get("main", ".") / "__main__.py").is_file()


@pytest.mark.parametrize(
    ("key", "listed"),
    [
        # `pulumi config set --secret icekit:accountId ...`: a scalar
        ("icekit:accountId", ["icekit:accountId", "icekit:callbacks"]),
        # a `secure:` leaf inside an app declaration
        ("icekit:apps", ["icekit:apps", "icekit:callbacks"]),
    ],
)
def test_a_secret_outside_an_auth_key_is_refused_not_used_in_clear(
    prod_cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, key: str, listed: list[str]
) -> None:
    monkeypatch.setenv("PULUMI_CONFIG_SECRET_KEYS", json.dumps(listed))
    with pytest.raises(UserInputError) as caught:
        _spec_as_the_cli_feeds_it()
    assert caught.value.file == "stacks/Pulumi.prod.yaml" and caught.value.key_path == key
    assert "secret" in str(caught.value) and PLAINTEXT_KEY not in str(caught.value)


def test_a_secret_callbacks_object_without_auth_keys_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # dev's callbacks with the auth key dropped: the listed secret must be some other leaf (a URL, a queue)
    env = cli_environment(STACKS / "Pulumi.dev.yaml")
    config = json.loads(env["PULUMI_CONFIG"])
    callbacks = json.loads(config["icekit:callbacks"])
    del callbacks["hooks"]["authKey"]
    config["icekit:callbacks"] = json.dumps(callbacks, sort_keys=True, separators=(",", ":"))
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps(config))
    monkeypatch.setenv("PULUMI_CONFIG_SECRET_KEYS", json.dumps(["icekit:callbacks"]))
    with pytest.raises(UserInputError) as caught:
        _spec_as_the_cli_feeds_it("dev")
    assert caught.value.key_path == "icekit:callbacks"


def test_provider_credentials_may_be_secrets(
    prod_cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # pulumi-alicloud's own keys are not icekit's business: `alicloud:secretKey` is normally a secret
    config = {**json.loads(prod_cli_env["PULUMI_CONFIG"]), "alicloud:secretKey": "Provider-Secret-1"}
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps(config))
    monkeypatch.setenv("PULUMI_CONFIG_SECRET_KEYS", json.dumps(["alicloud:secretKey", "icekit:callbacks"]))
    spec = _spec_as_the_cli_feeds_it()
    assert "Provider-Secret-1" not in repr(spec)


def _spec_as_the_cli_feeds_it(stack: str = "prod") -> StackDeclaration:
    def body() -> StackDeclaration:
        runtime_config.set_all_config(
            runtime_config.get_config_env(), runtime_config.get_config_secret_keys_env()
        )
        return build_declaration(runtime_source(stack))

    return contextvars.copy_context().run(body)
