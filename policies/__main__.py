"""icekit's CrossGuard pack: `pulumi preview --policy-pack policies`.

The policies are built by icekit's CrossGuard adapter, icekit.crossguard (importable from the installed
package, tested); this module only starts the pack.
"""

from pulumi_policy import EnforcementLevel, PolicyPack

from icekit.crossguard import PACK_NAME, build_policies

PolicyPack(
    name=PACK_NAME,
    policies=build_policies(),
    enforcement_level=EnforcementLevel.ADVISORY,
    description="icekit guardrails: RAM1xx policies, STS2xx trust, OSS3xx buckets, CB4xx callbacks, ICE5xx.",
)
