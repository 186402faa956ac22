"""Every rule, in id order. A new rule module is added here (and tests check both front ends see it)."""

from __future__ import annotations

from icekit.facts.rule_ids import RULE_IDS
from icekit.rules.base import ResourceRule, StackRule
from icekit.rules.cb.cb401_https import CallbackHttps
from icekit.rules.cb.cb402_auth import CallbackAuth
from icekit.rules.cb.cb403_public_host import CallbackPublicHost
from icekit.rules.cb.cb404_mns_queue_name import MnsQueueName
from icekit.rules.cb.cb405_retiring_event import RetiringEvent
from icekit.rules.ice.ice501_supported_region import SupportedRegion
from icekit.rules.ice.ice502_same_region import SameRegion
from icekit.rules.ice.ice503_post_process_media import PostProcessMedia
from icekit.rules.ice.ice504_declared_workflow import DeclaredWorkflow
from icekit.rules.ice.ice505_post_process_mixed import PostProcessMixed
from icekit.rules.oss.oss301_bucket_not_public import BucketNotPublic
from icekit.rules.oss.oss302_bucket_encrypted import BucketEncrypted
from icekit.rules.ram.ram100_valid_document import ValidDocument
from icekit.rules.ram.ram101_no_wildcard_action import NoWildcardAction
from icekit.rules.ram.ram102_known_ice_action import KnownIceAction
from icekit.rules.ram.ram103_unscoped_resource import UnscopedResource
from icekit.rules.ram.ram104_no_not_with_allow import NoNotWithAllow
from icekit.rules.ram.ram105_document_size import DocumentSize
from icekit.rules.ram.ram106_required_conditions import RequiredConditions
from icekit.rules.ram.ram107_refresh_needs_audio_video import RefreshNeedsAudioVideo
from icekit.rules.ram.ram108_least_privilege import LeastPrivilege
from icekit.rules.set.base import StackSetRule
from icekit.rules.set.registry import STACK_SET_RULES
from icekit.rules.sts.sts201_no_public_principal import NoPublicPrincipal
from icekit.rules.sts.sts202_cross_account_condition import CrossAccountCondition

__all__ = ["RULES", "AnyRule", "rule_by_id"]

AnyRule = type[ResourceRule] | type[StackRule]

_ALL: list[AnyRule] = [
    ValidDocument,
    NoWildcardAction,
    KnownIceAction,
    UnscopedResource,
    NoNotWithAllow,
    DocumentSize,
    RequiredConditions,
    RefreshNeedsAudioVideo,
    LeastPrivilege,
    NoPublicPrincipal,
    CrossAccountCondition,
    BucketNotPublic,
    BucketEncrypted,
    CallbackHttps,
    CallbackAuth,
    CallbackPublicHost,
    MnsQueueName,
    RetiringEvent,
    SupportedRegion,
    SameRegion,
    PostProcessMedia,
    DeclaredWorkflow,
    PostProcessMixed,
]
# cfn-lint style grouping: the prefix orders RAM1xx, STS2xx, OSS3xx, CB4xx, ICE5xx by their number.
RULES: tuple[AnyRule, ...] = tuple(
    sorted(_ALL, key=lambda rule: (int("".join(filter(str.isdigit, rule.id))), rule.id))
)
# The declaration validates enforcement keys against icekit.facts.rule_ids: one rule per listed id.
if tuple(rule.id for rule in RULES) != RULE_IDS:
    raise ImportError(
        f"icekit.facts.rule_ids.RULE_IDS {RULE_IDS} != the registered rules {[r.id for r in RULES]}"
    )


def rule_by_id(rule_id: str) -> AnyRule | type[StackSetRule]:
    """A stack's rule, or a stack-set rule (icekit.rules.set) by its id."""
    for rule in (*RULES, *STACK_SET_RULES):
        if rule.id == rule_id.upper():
            return rule
    raise KeyError(rule_id)
