"""Property tests: every valid snippet survives model -> wire -> model unchanged, and any valid JSON text of a
snippet (any key order, any white space) canonicalises to the same wire string."""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from icekit.facts.limits import DESCRIPTION_MAX_BYTES, TAG_MAX_BYTES, TITLE_MAX_BYTES
from icekit.models import (
    BUSINESS_TYPES,
    EXTENSIONS_BY_TYPE,
    MAX_MEDIA_SIZE_BYTES,
    SUPPORTED_REGIONS,
    FileInfo,
    MediaMetaData,
    PostProcessConfig,
    UploadTargetConfig,
    UserData,
    WireModel,
)

FAST = settings(max_examples=60, deadline=None)

_text = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
_no_dot_name = _text.filter(lambda s: "." not in s)
_alnum = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=16)


@st.composite
def file_infos(draw: st.DrawFn) -> FileInfo:
    file_type = draw(st.sampled_from(sorted(EXTENSIONS_BY_TYPE)))
    exts = EXTENSIONS_BY_TYPE[file_type]
    ext = draw(st.sampled_from(exts)) if exts else draw(_alnum)
    ext = "".join(c.upper() if draw(st.booleans()) else c for c in ext)
    limit = MAX_MEDIA_SIZE_BYTES if file_type in ("video", "audio") else 2**53
    size = draw(st.none() | st.integers(min_value=1, max_value=limit))
    return FileInfo.model_validate({"Type": file_type, "Name": draw(_no_dot_name), "Size": size, "Ext": ext})


def _fits(limit: int) -> Any:
    """ICE's limits are UTF-8 bytes (icekit.facts.limits): a valid document's text fits in `limit` bytes."""
    return lambda text: len(text.encode("utf-8")) <= limit


_tag = (
    st.text(min_size=1, max_size=12)
    .map(str.strip)
    .filter(lambda s: s != "" and "," not in s)
    .filter(_fits(TAG_MAX_BYTES))
)
_url = st.builds(lambda host, path: f"https://{host}.example.com/{path}", _alnum, _alnum)


@st.composite
def media_metadata(draw: st.DrawFn) -> MediaMetaData:
    return MediaMetaData(
        Title=draw(st.text(min_size=1, max_size=128).filter(_fits(TITLE_MAX_BYTES))),
        Description=draw(st.none() | st.text(max_size=1024).filter(_fits(DESCRIPTION_MAX_BYTES))),
        Tags=draw(st.none() | st.lists(_tag, min_size=1, max_size=5).map(tuple)),
        CateId=draw(st.none() | st.integers(min_value=-(2**63), max_value=2**63)),
        CoverURL=draw(st.none() | _url),
        DynamicMetaData=draw(st.none() | st.text(max_size=50)),
        BusinessType=draw(st.sampled_from(BUSINESS_TYPES)),
    )


upload_targets = st.builds(
    lambda ident, region: UploadTargetConfig(
        StorageType="oss", StorageLocation=f"outin-{ident}.oss-{region}.aliyuncs.com"
    ),
    _alnum,
    st.sampled_from(SUPPORTED_REGIONS),
)

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def user_datas(draw: st.DrawFn) -> UserData:
    callback = draw(st.none() | _url.map(lambda url: {"CallbackURL": url}))
    extend = draw(st.none() | st.dictionaries(st.text(max_size=8), _json_values, max_size=4))
    return UserData.model_validate({"MessageCallback": callback, "Extend": extend})


post_processes = st.builds(
    lambda ident: PostProcessConfig(ProcessType="Workflow", ProcessID=ident),
    st.from_regex(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}", fullmatch=True),
)

any_snippet = st.one_of(file_infos(), media_metadata(), upload_targets, user_datas(), post_processes)


@FAST
@given(any_snippet)
def test_model_to_wire_to_model_is_lossless(model: WireModel) -> None:
    wire = model.to_wire()
    again = type(model).from_wire(wire)
    assert again == model
    assert again.to_wire() == wire


@FAST
@given(any_snippet)
def test_wire_is_compact_json_in_field_order_without_nulls(model: WireModel) -> None:
    wire = model.to_wire()
    decoded = json.loads(wire)
    assert wire == json.dumps(decoded, separators=(",", ":"), ensure_ascii=False)
    fields = list(type(model).model_fields)
    assert list(decoded) == [f for f in fields if getattr(model, f) is not None]


@FAST
@given(any_snippet, st.randoms(use_true_random=False), st.sampled_from([None, 1, 4]))
def test_any_json_form_canonicalises_to_the_same_wire_string(
    model: WireModel, rnd: random.Random, indent: int | None
) -> None:
    data: dict[str, Any] = json.loads(model.to_wire())
    keys = list(data)
    rnd.shuffle(keys)
    text = json.dumps({k: data[k] for k in keys}, indent=indent, ensure_ascii=True)
    assert type(model).from_wire(text).to_wire() == model.to_wire()
