"""OSS302: the bucket encrypts objects at rest."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from icekit.facts.type_tokens import BUCKET
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.values import is_opaque
from icekit.rules.view import ResourceView

__all__ = ["SSE_ALGORITHMS", "BucketEncrypted"]

# OSS server-side encryption algorithms (pulumi-alicloud oss.Bucket serverSideEncryptionRule.sseAlgorithm).
SSE_ALGORITHMS = frozenset({"AES256", "KMS", "SM4"})


class BucketEncrypted(ResourceRule):
    id = "OSS302"
    slug = "bucket-encrypted"
    title = "OSS bucket encrypts objects at rest"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        "Media uploads may hold personal data; server-side encryption is free and invisible to clients."
    )
    fix = "Set `serverSideEncryptionRule: {sseAlgorithm: AES256}` (or KMS / SM4)."
    resource_types = (BUCKET,)

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        rule = view.props.get("serverSideEncryptionRule")
        if is_opaque(rule):
            return
        algorithm = rule.get("sseAlgorithm") if isinstance(rule, Mapping) else None
        if is_opaque(algorithm):
            return
        if not isinstance(algorithm, str) or algorithm not in SSE_ALGORITHMS:
            shown = "no serverSideEncryptionRule" if rule is None else f"sseAlgorithm {algorithm!r}"
            expected = ", ".join(sorted(SSE_ALGORITHMS))
            yield f"bucket is not encrypted at rest ({shown}; expected one of {expected})"
