"""icekit.upload never imports pulumi and is cheap to import: the SDKs and pydantic load on first use."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pulumi", "pydantic", "alibabacloud_ice20201109", "alibabacloud_oss_v2", "alibabacloud_sts20150401")


def _modules_after(code: str) -> set[str]:
    script = f"import sys; {code}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_the_package_loads_no_sdk_and_no_pydantic() -> None:
    loaded = _modules_after("import icekit.upload")
    assert not [name for name in loaded if name.split(".")[0] in HEAVY]


def test_the_uploader_never_imports_pulumi() -> None:
    loaded = _modules_after(
        "from icekit.upload import Uploader; import icekit.upload.transfer, icekit.upload.tickets"
    )
    assert not [name for name in loaded if name.split(".")[0].startswith("pulumi")]
    assert "icekit.clientconfig" in loaded  # built from the client configuration's model


def test_names_resolve_lazily() -> None:
    import icekit.upload as upload

    for name in upload.__all__:
        assert getattr(upload, name) is not None
