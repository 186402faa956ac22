"""Regenerate icekit/data/ice_ram_actions.json from the installed alibabacloud-ice20201109 SDK.

Usage: .venv/bin/python tools/gen_ice_ram_actions.py

The SDK is scraped here, never at run time: icekit reads the shipped file (icekit.ram.ice_actions), and
tests/ram/test_ice_actions.py keeps the file equal to what `actions_from_sdk()` derives.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

from icekit.ram.ice_actions import DATA_FILE, ICE_SERVICE

__all__ = ["TARGET", "actions_from_sdk", "actions_from_sdk_source", "main"]

TARGET = Path(__file__).resolve().parent.parent / "icekit" / "data" / DATA_FILE
_SDK_PACKAGE = "alibabacloud_ice20201109"
_SDK_DISTRIBUTION = "alibabacloud-ice20201109"
_ACTION_RE = re.compile(r"\baction\s*=\s*'([A-Za-z0-9]+)'")


def actions_from_sdk_source(source: str) -> list[str]:
    """`ice:<Action>` for every `action = '<Action>'` in an SDK client source, sorted and unique."""
    return sorted({f"{ICE_SERVICE}:{name}" for name in _ACTION_RE.findall(source)})


def _sdk_client_path() -> Path:
    spec = importlib.util.find_spec(_SDK_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"the SDK package {_SDK_PACKAGE} is not installed")
    return Path(spec.origin).parent / "client.py"


def actions_from_sdk() -> dict[str, Any]:
    """The document icekit/data/ice_ram_actions.json holds, derived from the installed SDK."""
    actions = actions_from_sdk_source(_sdk_client_path().read_text(encoding="utf-8"))
    return {
        "service": ICE_SERVICE,
        "source": (
            "Derived from the official Alibaba Cloud SDK alibabacloud-ice20201109 (API version 2020-11-09): "
            "each OpenAPI operation in alibabacloud_ice20201109/client.py is authorized by RAM as "
            "ice:<Action>. "
            "Regenerate with tools/gen_ice_ram_actions.py."
        ),
        "sdkPackage": _SDK_DISTRIBUTION,
        "sdkVersion": version(_SDK_DISTRIBUTION),
        "actions": actions,
    }


def main() -> None:
    text = json.dumps(actions_from_sdk(), indent=2, sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(dir=TARGET.parent, prefix=".ice_ram_actions.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, TARGET)
    print(f"wrote {TARGET} ({len(json.loads(text)['actions'])} actions)")


if __name__ == "__main__":
    main()
