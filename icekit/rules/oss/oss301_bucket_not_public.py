"""OSS301: the bucket is not public."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.facts.type_tokens import BUCKET, BUCKET_ACL
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["PUBLIC_ACLS", "BucketNotPublic"]

PUBLIC_ACLS = frozenset({"public-read", "public-read-write"})


class BucketNotPublic(ResourceRule):
    id = "OSS301"
    slug = "bucket-not-public"
    title = "OSS bucket is private"
    severity = "critical"
    enforcement = "mandatory"
    rationale = (
        "Uploaded media lands in the bucket before ICE registers it; a public ACL exposes every upload."
    )
    fix = "Set `acl: private` (icekit's default) and serve media through ICE/CDN with signed URLs."
    resource_types = (BUCKET, BUCKET_ACL)

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        acl = prop_str(view.props, "acl")
        if acl is not None and acl.lower() in PUBLIC_ACLS:
            yield f"bucket ACL is {acl!r}"
