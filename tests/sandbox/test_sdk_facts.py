"""Facts the sandbox copied from the SDKs' source stay in step with the installed SDKs."""

from __future__ import annotations

from alibabacloud_oss_v2.signer.v1 import SignerV1
from oss2.auth import ProviderAuth

from icekit.sandbox import oss_signature


def test_v1_subresources_are_the_union_of_both_sdks_lists() -> None:
    sdk_lists = set(ProviderAuth._subresource_key_set) | set(SignerV1._subresource_key_set)
    assert set(oss_signature._V1_SUBRESOURCES) == sdk_lists


def test_the_sandbox_never_imports_pulumi() -> None:
    """The sandbox serves upload clients; like icekit.models and icekit.clientconfig it stays pulumi-free."""
    import subprocess
    import sys

    probe = (
        "import pkgutil, importlib, sys, icekit.sandbox as s\n"
        "for m in pkgutil.iter_modules(s.__path__): importlib.import_module('icekit.sandbox.' + m.name)\n"
        "forbidden = {'pulumi', 'pulumi_alicloud', 'pulumi_policy'}\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in forbidden))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
