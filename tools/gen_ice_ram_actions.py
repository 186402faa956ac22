"""Regenerate icekit/data/ice_ram_actions.json from the installed alibabacloud-ice20201109 SDK.

Usage: .venv/bin/python tools/gen_ice_ram_actions.py
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from icekit.rules.ice_actions import DATA_FILE, actions_from_sdk

TARGET = Path(__file__).resolve().parent.parent / "icekit" / "data" / DATA_FILE


def main() -> None:
    text = json.dumps(actions_from_sdk(), indent=2, sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(dir=TARGET.parent, prefix=".ice_ram_actions.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, TARGET)
    print(f"wrote {TARGET} ({len(json.loads(text)['actions'])} actions)")


if __name__ == "__main__":
    main()
