from __future__ import annotations

import datetime
import subprocess
import sys
from typing import Any

import pytest

from icekit.callbacks.events import CallbackEvent, FileUploadComplete, NotAnEventError, parse_event

# The event-list page's sample (its masked UserId and ids filled in).
SAMPLE: dict[str, Any] = {
    "EventType": "FileUploadComplete",
    "UserId": 1833220977560000,
    "EventTime": "2022-07-15T08:48:14Z",
    "MessageBody": {
        "Status": "Success",
        "FileUrl": "http://outin-0.oss-cn-shanghai.aliyuncs.com/sv/93ad7c5-182010aa3dc/93ad7c5-182010a0000.mp4",
        "MediaId": "c321b3a0041a71eda1590674a2ce0000",
        "AppId": "app-1000000",
        "Size": "5510872",
        "MediaType": "video",
    },
}


def _with_body(**fields: Any) -> dict[str, Any]:
    return {**SAMPLE, "MessageBody": {**SAMPLE["MessageBody"], **fields}}


def test_the_page_sample_parses() -> None:
    event = parse_event(SAMPLE)
    assert isinstance(event, FileUploadComplete)
    assert event.UserId == 1833220977560000
    assert event.EventTime == datetime.datetime(2022, 7, 15, 8, 48, 14, tzinfo=datetime.UTC)
    body = event.MessageBody
    assert (body.Status, body.MediaType, body.Size) == ("Success", "video", "5510872")
    assert body.size_bytes == 5510872
    assert body.UserData is None


def test_user_data_and_a_failed_upload() -> None:
    event = parse_event(_with_body(Status="Fail", UserData='{"Extend":{"localId":"7"}}'))
    assert isinstance(event, FileUploadComplete)
    assert (event.MessageBody.Status, event.MessageBody.UserData) == ("Fail", '{"Extend":{"localId":"7"}}')


def test_size_as_a_json_number_is_read_as_the_same_size() -> None:
    event = parse_event(_with_body(Size=5510872))
    assert isinstance(event, FileUploadComplete)
    assert event.MessageBody.Size == "5510872"


def test_fields_ice_adds_later_are_kept() -> None:
    event = parse_event({**_with_body(Duration="12.5"), "RequestId": "r-1"})
    assert isinstance(event, FileUploadComplete)
    assert event.model_extra == {"RequestId": "r-1"}
    assert event.MessageBody.model_extra == {"Duration": "12.5"}


def test_an_event_without_a_model_is_the_common_envelope() -> None:
    document = {
        "EventType": "ProduceMediaComplete",
        "UserId": 1,
        "EventTime": "2022-07-15T08:48:14Z",
        "MessageBody": {"JobId": "j-1", "Status": "Success"},
    }
    event = parse_event(document)
    assert type(event) is CallbackEvent
    assert event.EventType == "ProduceMediaComplete"
    assert event.MessageBody == {"JobId": "j-1", "Status": "Success"}
    # a name not (yet) in the catalogue is still an envelope: the signature, not the name, makes it ICE's
    assert type(parse_event({**document, "EventType": "SomethingNewComplete"})) is CallbackEvent


@pytest.mark.parametrize(
    ("document", "says"),
    [
        (None, "null"),
        (3, "a number"),
        ({**SAMPLE, "EventType": ""}, "EventType"),
        ({k: v for k, v in SAMPLE.items() if k != "EventTime"}, "EventTime"),
        ({**SAMPLE, "MessageBody": "x"}, "MessageBody"),
        (_with_body(MediaType="image"), "MessageBody.MediaType"),
        (_with_body(Size="5 MB"), "MessageBody.Size"),
        (_with_body(MediaId=""), "MessageBody.MediaId"),
        ({**SAMPLE, "MessageBody": {"Status": "Success"}}, "MessageBody.FileUrl"),
    ],
)
def test_documents_that_are_not_events(document: Any, says: str) -> None:
    with pytest.raises(NotAnEventError, match=says.replace(".", r"\.")):
        parse_event(document)


def test_a_rejection_does_not_echo_values() -> None:
    with pytest.raises(NotAnEventError) as caught:
        parse_event(_with_body(MediaType="secret-looking-value"))
    assert "secret-looking-value" not in str(caught.value)


def test_importing_callbacks_loads_neither_pulumi_nor_pydantic() -> None:
    probe = (
        "import sys, icekit.callbacks; from icekit.callbacks import verify, sign; "
        "print(sorted(m for m in ('pulumi', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
