"""The state directory and the object store: atomic writes, nothing half-written on a refused body, records
that a new instance over the same folder reads back."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from icekit.sandbox.object_store import ObjectStore
from icekit.sandbox.refusal import Refusal
from icekit.sandbox.state import StateDirectory

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _refused_after(data: bytes) -> Iterator[bytes]:
    yield data
    raise Refusal("BadDigest", "body did not match")


def test_a_refused_body_leaves_the_previous_object_whole(state: StateDirectory) -> None:
    store = ObjectStore(state)
    store.put("b", "k", [b"first"], content_type="video/mp4", now=NOW)
    with pytest.raises(Refusal):
        store.put("b", "k", _refused_after(b"second, half"), content_type="video/mp4", now=NOW)
    stored = store.head("b", "k")
    assert stored is not None
    with store.open(stored) as handle:
        assert handle.read() == b"first"
    leftovers = [p.name for p in state.folder("objects").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert len(list(state.folder("objects").glob("*.data"))) == 1  # the replaced data files are gone


def test_objects_and_uploads_survive_a_restart(state: StateDirectory) -> None:
    store = ObjectStore(state)
    store.put("b", "dir/k.mp4", [b"abc", b"def"], content_type="video/mp4", now=NOW)
    upload = store.initiate("b", "big.mp4", content_type="video/mp4", now=NOW)
    store.put_part(upload.upload_id, 1, [b"x" * 10])

    again = ObjectStore(StateDirectory(state.root))
    stored = again.head("b", "dir/k.mp4")
    assert stored is not None
    assert (stored.size, stored.etag) == (6, hashlib.md5(b"abcdef").hexdigest().upper())
    assert again.upload(upload.upload_id) == upload
    assert list(again.parts(upload.upload_id)) == [1]


def test_multipart_etag_is_the_md5_of_the_part_md5s(state: StateDirectory) -> None:
    store = ObjectStore(state)
    upload = store.initiate("b", "k", content_type="video/mp4", now=NOW)
    parts = [store.put_part(upload.upload_id, n, [data]) for n, data in ((1, b"one"), (2, b"two"))]
    stored = store.complete(upload, parts, now=NOW)
    joined = hashlib.md5(hashlib.md5(b"one").digest() + hashlib.md5(b"two").digest()).hexdigest().upper()
    assert stored.etag == f"{joined}-2"
    assert store.upload(upload.upload_id) is None


def test_records_are_deterministic_and_events_keep_their_order(state: StateDirectory) -> None:
    state.write_record("media", "m1", {"b": 1, "a": "é"})
    first = state.record_path("media", "m1").read_bytes()
    state.write_record("media", "m1", {"a": "é", "b": 1})
    assert state.record_path("media", "m1").read_bytes() == first
    names = [state.append_event({"EventType": f"E{n}"}) for n in range(3)]
    assert [record["EventType"] for _, record in StateDirectory(state.root).records("events")] == [
        "E0",
        "E1",
        "E2",
    ]
    assert names == sorted(names)


@pytest.mark.parametrize("name", ["../escape", "a/b", "", ".hidden", "x.tmp"])
def test_record_names_cannot_leave_their_folder(state: StateDirectory, name: str) -> None:
    with pytest.raises(ValueError, match="not a state record name"):
        state.write_record("media", name, {})
