from __future__ import annotations

import datetime

import pytest

from icekit.facts.events import (
    ALL_EVENTS,
    DEFAULT_EVENT,
    EVENT_GROUPS,
    KNOWN_EVENTS,
    RETIRING_EVENTS,
    closest_event,
    group_of,
    is_known_event,
)


def test_catalogue_groups_are_the_event_list_tables_in_order() -> None:
    assert list(EVENT_GROUPS) == ["upload", "media", "workflow", "processing", "ai", "editing", "live"]
    assert EVENT_GROUPS["upload"][0] == "FileUploadComplete"
    assert EVENT_GROUPS["workflow"] == ("WorkflowTaskComplete",)
    live = ("LiveRecordFileCreated", "LiveRecordTaskStatus", "LiveSnapshotFileCreated")
    assert EVENT_GROUPS["live"] == live
    assert len(ALL_EVENTS) == 7 + 4 + 1 + 8 + 3 + 2 + 3
    assert len(KNOWN_EVENTS) == len(ALL_EVENTS), "an event is listed in two groups"


def test_file_uploaded_is_not_an_ice_event_and_the_default_is() -> None:
    assert not is_known_event("FileUploaded")
    assert DEFAULT_EVENT == "FileUploadComplete"
    assert is_known_event(DEFAULT_EVENT)
    assert group_of(DEFAULT_EVENT) == "upload"


def test_names_are_case_sensitive_when_checked_exactly() -> None:
    assert not is_known_event("fileuploadcomplete")
    assert group_of("fileuploadcomplete") is None


def test_retiring_events_are_known_and_name_known_replacements() -> None:
    assert set(RETIRING_EVENTS) == {"TranscodeComplete", "TranscodeParentComplete"}
    for name, retirement in RETIRING_EVENTS.items():
        assert retirement.event == name
        assert is_known_event(name)
        assert group_of(name) == "processing"
        assert retirement.offline_on == datetime.date(2025, 12, 31)
        assert retirement.replacements
        assert all(group_of(r) == "processing" and r not in RETIRING_EVENTS for r in retirement.replacements)
        assert retirement.basis.startswith("inferred")
    assert RETIRING_EVENTS["TranscodeParentComplete"].replacements == ("MediaConvertComplete",)
    assert RETIRING_EVENTS["TranscodeComplete"].replacements[0] == "MediaConvertOutputComplete"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("FileUploaded", "FileUploadComplete"),
        ("fileuploaded", "FileUploadComplete"),
        ("FileUpload", "FileUploadComplete"),
        ("FileUploadCompleted", "FileUploadComplete"),
        ("FileUploadCompete", "FileUploadComplete"),
        ("FILEUPLOADCOMPLETE", "FileUploadComplete"),
        (" FileUploadComplete ", "FileUploadComplete"),
        ("ImageUploaded", "ImageUploadComplete"),
        ("MediaConvertComplet", "MediaConvertComplete"),
        ("MediaConvertDone", "MediaConvertComplete"),
        ("LiveRecordFileCreate", "LiveRecordFileCreated"),
        ("SnapShotComplete", "SnapshotComplete"),
        ("WorkflowComplete", "WorkflowTaskComplete"),
        ("ProduceMedia", "ProduceMediaComplete"),
    ],
)
def test_closest_event_suggests_the_meant_name(typed: str, meant: str) -> None:
    assert closest_event(typed) == meant


@pytest.mark.parametrize("typed", ["", "   ", "Foo", "Completed", "ObjectCreated", "Upload"])
def test_closest_event_suggests_nothing_for_unrelated_names(typed: str) -> None:
    assert closest_event(typed) is None


def test_every_known_name_is_its_own_closest() -> None:
    for name in ALL_EVENTS:
        assert closest_event(name) == name
        assert closest_event(name.lower()) == name
