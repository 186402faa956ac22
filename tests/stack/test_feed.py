"""The config the offline plan feeds the program, encoded as the Pulumi CLI passes it."""

from __future__ import annotations

from pathlib import Path

from icekit.secrets import offline_placeholder
from icekit.stack import runtime_config


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
    fed = runtime_config(path)
    values, secret_keys = fed.values, fed.secret_keys
    assert values == {
        "icekit:count": "3",
        "icekit:flag": "true",
        "icekit:obj": '{"a":"' + offline_placeholder("icekit:obj.a") + '","b":1}',
        "icekit:plain": "text",
        "icekit:token": offline_placeholder("icekit:token"),
    }
    assert secret_keys == ["icekit:obj", "icekit:token"]
    assert "v1:abc" not in str(values) and "v1:def" not in str(values)
