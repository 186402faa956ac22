"""ICE's event-callback catalogue: the event names `SetEventCallback` accepts, grouped as ICE publishes them.

Source (verified): ICE "Event list" (事件列表), https://help.aliyun.com/document_detail/444780.htm
(English: https://help.aliyun.com/en/ims/user-guide/event-list-2; also "Callback events overview",
https://help.aliyun.com/document_detail/610204.html). The groups and names below are the page's tables 1-7,
in the page's order. `FileUploaded` is not an ICE event.

Retirement (verified): the page marks `TranscodeComplete` ("sub-task transcode complete") and
`TranscodeParentComplete` ("parent task transcode complete") as expected to go offline on 2025-12-31
(预计于2025年12月31日下线).
The replacements are inferred, not stated by the page: the same table lists the MediaConvert events, and their
descriptions pair up with the retiring ones (job <-> parent task, output and output group <-> sub-task).

This module imports nothing from icekit: it is data plus two small look-ups.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = [
    "ALL_EVENTS",
    "DEFAULT_EVENT",
    "EVENT_GROUPS",
    "EVENT_SOURCE",
    "KNOWN_EVENTS",
    "RETIRING_EVENTS",
    "Retirement",
    "closest_event",
    "group_of",
    "is_known_event",
]

EVENT_SOURCE: Final = (
    'ICE "Event list" (事件列表), https://help.aliyun.com/document_detail/444780.htm; '
    "https://help.aliyun.com/en/ims/user-guide/event-list-2"
)

EVENT_GROUPS: Final = MappingProxyType(
    {
        # Table 1, media asset upload (媒资上传)
        "upload": (
            "FileUploadComplete",
            "UploadByURLComplete",
            "ImageUploadComplete",
            "AttachedMediaUploadComplete",
            "RegisterStreamComplete",
            "StreamUploadComplete",
            "UploadStreamByURLComplete",
        ),
        # Table 2, media asset management (媒资管理)
        "media": (
            "CreateAuditComplete",
            "RegisterMediaComplete",
            "DeleteMediaComplete",
            "MediaBaseChangeComplete",
        ),
        # Table 3, workflow (工作流)
        "workflow": ("WorkflowTaskComplete",),
        # Table 4, media processing (点播媒体处理)
        "processing": (
            "VideoAnalysisComplete",
            "SnapshotComplete",
            "DynamicImageComplete",
            "TranscodeComplete",
            "TranscodeParentComplete",
            "MediaConvertComplete",
            "MediaConvertOutputGroupComplete",
            "MediaConvertOutputComplete",
        ),
        # Table 5, video AI (视频AI)
        "ai": ("AIMediaAuditComplete", "AIProduceComplete", "MediaAiAnalysisComplete"),
        # Table 6, intelligent editing (智能剪辑)
        "editing": ("ProduceMediaComplete", "BatchProduceMediaComplete"),
        # Table 7, real-time media processing (实时媒体处理)
        "live": ("LiveRecordFileCreated", "LiveRecordTaskStatus", "LiveSnapshotFileCreated"),
    }
)

ALL_EVENTS: Final[tuple[str, ...]] = tuple(name for names in EVENT_GROUPS.values() for name in names)
KNOWN_EVENTS: Final[frozenset[str]] = frozenset(ALL_EVENTS)

# What a callback subscribes to when a declaration names no events: the upload of an audio or video file.
DEFAULT_EVENT: Final = "FileUploadComplete"


@dataclass(frozen=True)
class Retirement:
    """An event ICE has announced it will stop sending, and the events to subscribe to instead."""

    event: str
    offline_on: datetime.date
    replacements: tuple[str, ...]
    # Why these replacements: the page names the date, not the successors (see the module docstring).
    basis: str


_OFFLINE_ON = datetime.date(2025, 12, 31)

RETIRING_EVENTS: Final = MappingProxyType(
    {
        "TranscodeComplete": Retirement(
            event="TranscodeComplete",
            offline_on=_OFFLINE_ON,
            replacements=("MediaConvertOutputComplete", "MediaConvertOutputGroupComplete"),
            basis="inferred: one transcode sub-task corresponds to one MediaConvert output (or output group)",
        ),
        "TranscodeParentComplete": Retirement(
            event="TranscodeParentComplete",
            offline_on=_OFFLINE_ON,
            replacements=("MediaConvertComplete",),
            basis="inferred: the parent transcode task corresponds to the MediaConvert job",
        ),
    }
)

_GROUP_OF: Final = {name: group for group, names in EVENT_GROUPS.items() for name in names}
_BY_FOLDED: Final = {name.casefold(): name for name in ALL_EVENTS}
_CANDIDATES: Final = tuple(sorted(_BY_FOLDED))
# difflib's ratio: "FileUploaded" scores 0.73 against "FileUploadComplete", "ProduceMedia" 0.75 against
# "ProduceMediaComplete"; a bare "Completed" stays below (0.64) rather than suggesting some event at random.
_SIMILARITY_CUTOFF: Final = 0.7


def is_known_event(name: str) -> bool:
    """Whether `name` is an ICE event, spelt exactly as ICE publishes it (ICE's names are case-sensitive)."""
    return name in KNOWN_EVENTS


def group_of(name: str) -> str | None:
    """The catalogue group (upload, media, workflow, processing, ai, editing, live) of a known event."""
    return _GROUP_OF.get(name)


def closest_event(name: str) -> str | None:
    """The known event `name` most likely means, compared case-insensitively; None when nothing is close.

    A known name (in any case) gives its published spelling. Ties go to the alphabetically first name, so the
    answer is the same on every run.
    """
    folded = name.strip().casefold()
    if not folded:
        return None
    if folded in _BY_FOLDED:
        return _BY_FOLDED[folded]
    # max() keeps the first of equal scores, and the candidates are sorted: deterministic.
    best = max(_CANDIDATES, key=lambda candidate: difflib.SequenceMatcher(None, folded, candidate).ratio())
    score = difflib.SequenceMatcher(None, folded, best).ratio()
    return _BY_FOLDED[best] if score >= _SIMILARITY_CUTOFF else None
