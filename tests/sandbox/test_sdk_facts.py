"""Facts the sandbox copied from the SDKs' source stay in step with the installed SDKs."""

from __future__ import annotations

from alibabacloud_oss_v2.signer.v1 import SignerV1
from oss2.auth import ProviderAuth

from icekit.sandbox import oss_signature


def test_v1_subresources_are_the_union_of_both_sdks_lists() -> None:
    sdk_lists = set(ProviderAuth._subresource_key_set) | set(SignerV1._subresource_key_set)
    assert set(oss_signature._V1_SUBRESOURCES) == sdk_lists
