"""The config the plan feeds the program is what the spec's own runtime_config says the CLI would pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from icekit.plan.config_feed import cli_config
from icekit.secrets import offline_placeholder
from icekit.spec import read_stack_config, runtime_config
from tests.plan.conftest import BUNDLED_STACKS, PROJECT_ROOT


@pytest.mark.parametrize("stack", BUNDLED_STACKS)
def test_same_as_spec_runtime_config(stack: str) -> None:
    path = PROJECT_ROOT / "stacks" / f"Pulumi.{stack}.yaml"
    values, secret_keys = cli_config(read_stack_config(path))
    expected = runtime_config(path)
    assert values == expected.values
    assert secret_keys == expected.secret_keys


def test_cli_encoding(tmp_path: Path) -> None:
    path = tmp_path / "Pulumi.x.yaml"
    path.write_text(
        "config:\n"
        "  icekit:flag: true\n"
        "  icekit:count: 3\n"
        "  plain: text\n"
        "  icekit:obj: {b: 1, a: {secure: v1:abc}}\n"
        "  icekit:token: {secure: v1:def}\n"
    )
    values, secret_keys = cli_config(read_stack_config(path))
    assert values == {
        "icekit:count": "3",
        "icekit:flag": "true",
        "icekit:obj": '{"a":"' + offline_placeholder("icekit:obj.a") + '","b":1}',
        "icekit:plain": "text",
        "icekit:token": offline_placeholder("icekit:token"),
    }
    assert secret_keys == ["icekit:obj", "icekit:token"]
    assert "v1:abc" not in str(values) and "v1:def" not in str(values)
