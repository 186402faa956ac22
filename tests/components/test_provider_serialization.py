"""The ICE dynamic provider as the Pulumi CLI handles it: serialized with the SDK's own `serialize_provider`
(dill, recurse=True) into the resource's `__provider` input, then loaded with `dill.loads` in another process
(`python -m pulumi.dynamic`, started by the engine with the project's virtualenv), which calls the methods
positionally (pulumi/dynamic/__main__.py) and reads the result objects' attributes.
"""

from __future__ import annotations

import base64
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pulumi.dynamic import CheckResult, CreateResult, DiffResult, ReadResult, ResourceProvider, UpdateResult
from pulumi.dynamic.dynamic import serialize_provider

from components.ice.event_callback import EventCallbackProvider

# Modules the provider process must not need just to load the provider: the program's whole graph
# (components.program, icekit's spec/rules), pulumi-alicloud and the ICE SDK (imported inside each call).
HEAVY = ("components.program", "icekit", "pulumi_alicloud", "alibabacloud_ice20201109")

_LOADER = """
import base64, json, sys
import dill
before = set(sys.modules)
provider = dill.loads(base64.b64decode(sys.stdin.read()))
news = {"callbackType": "MNS", "callbackQueueName": "ice-callback-x", "eventTypeList": "A"}
check = provider.check({}, news)
print(json.dumps({
    "class": f"{type(provider).__module__}.{type(provider).__qualname__}",
    "state": vars(provider),
    "new_modules": sorted(set(sys.modules) - before),
    "check_failures": [f.property for f in check.failures],
}))
"""


def test_provider_loads_in_a_fresh_process_without_the_program(tmp_path: Path) -> None:
    serialized = serialize_provider(EventCallbackProvider(endpoint="http://127.0.0.1:1"))
    # by reference to the importable class plus one string: small, and no client, config or Output inside
    assert len(base64.b64decode(serialized)) < 300
    # -I: no cwd or PYTHONPATH on sys.path, so the class comes from the project installed in the venv
    # (uv sync installs it, editable), as in the provider process the engine starts
    done = subprocess.run(
        [sys.executable, "-I", "-c", _LOADER],
        input=serialized,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    assert loaded["class"] == "components.ice.event_callback.EventCallbackProvider"
    assert loaded["state"] == {"endpoint": "http://127.0.0.1:1"}
    assert loaded["check_failures"] == []
    heavy = [m for m in loaded["new_modules"] if m.startswith(HEAVY)]
    assert heavy == []


def test_serialization_is_deterministic() -> None:
    # the serialized provider is an input: a byte change would show as a diff on every preview
    first = serialize_provider(EventCallbackProvider(endpoint=None))
    assert serialize_provider(EventCallbackProvider(endpoint=None)) == first
    assert serialize_provider(EventCallbackProvider(endpoint="http://127.0.0.1:1")) != first


@pytest.mark.parametrize("method", ["check", "diff", "create", "read", "update", "delete"])
def test_methods_take_the_sdk_positional_arguments(method: str) -> None:
    ours = inspect.signature(getattr(EventCallbackProvider, method))
    sdk = inspect.signature(getattr(ResourceProvider, method))
    kinds = [p.kind for p in ours.parameters.values()]
    assert len(ours.parameters) == len(sdk.parameters)
    assert set(kinds) <= {inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.POSITIONAL_ONLY}
    assert getattr(EventCallbackProvider, method) is not getattr(ResourceProvider, method)


def test_result_types_are_the_sdk_ones() -> None:
    hints = {
        "check": CheckResult,
        "diff": DiffResult,
        "create": CreateResult,
        "read": ReadResult,
        "update": UpdateResult,
    }
    for method, result in hints.items():
        annotation = inspect.signature(getattr(EventCallbackProvider, method)).return_annotation
        assert annotation in (result, result.__name__), method
    provider = EventCallbackProvider()
    diff = provider.diff("cn-shanghai/event-callback", {"region": "cn-shanghai"}, {"region": "cn-shenzhen"})
    assert isinstance(diff, DiffResult)
    assert (diff.changes, diff.replaces, diff.delete_before_replace) == (True, ["region"], True)
