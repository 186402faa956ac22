from __future__ import annotations

import json
from typing import Any

import pytest

from icekit.models import BUSINESS_TYPES, InvalidDocumentError, MediaMetaData
from tests.models.samples import MEDIA_METADATA_EXAMPLE


def _wire(**fields: Any) -> str:
    base: dict[str, Any] = {"Title": "Holiday", "BusinessType": "general"}
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...}, ensure_ascii=False)


def _problem(wire: str) -> str:
    with pytest.raises(InvalidDocumentError) as caught:
        MediaMetaData.from_wire(wire)
    return str(caught.value)


def test_reference_example_parses_with_comma_separated_tags() -> None:
    meta = MediaMetaData.from_wire(MEDIA_METADATA_EXAMPLE)
    assert meta.Tags == ("tag1", "tag2")
    assert meta.BusinessType == "cover"
    assert meta.to_wire() == (
        '{"Title":"UploadTest","Description":"UploadImageTest","Tags":"tag1,tag2","BusinessType":"cover"}'
    )


def test_tags_as_a_list_are_encoded_comma_separated() -> None:
    meta = MediaMetaData.from_wire(_wire(Tags=["a", " b "]))
    assert meta.Tags == ("a", "b")
    assert '"Tags":"a,b"' in meta.to_wire()


def test_all_fields_in_field_order() -> None:
    wire = _wire(
        BusinessType="opening",
        DynamicMetaData='{"k":"v"}',
        CoverURL="https://img.example.com/c.png",
        CateId=42,
        Tags="x",
        Description="d",
    )
    assert MediaMetaData.from_wire(wire).to_wire() == (
        '{"Title":"Holiday","Description":"d","Tags":"x","CateId":42,"CoverURL":"https://img.example.com/c.png",'
        '"DynamicMetaData":"{\\"k\\":\\"v\\"}","BusinessType":"opening"}'
    )


def test_title_limit_is_utf8_bytes_not_characters() -> None:
    # issue 10: the media-library reference counts bytes; 42 CJK characters are 126 bytes, 43 are 129
    assert len(MediaMetaData.from_wire(_wire(Title="视" * 42)).Title) == 42
    assert MediaMetaData.from_wire(_wire(Title="a" * 128)).Title == "a" * 128
    assert _problem(_wire(Title="视" * 43)) == (
        "MediaMetaData.Title: is 129 bytes in UTF-8; ICE allows at most 128 bytes"
    )


def test_description_limit_is_1024_bytes() -> None:
    assert MediaMetaData.from_wire(_wire(Description="é" * 512)).Description == "é" * 512
    assert _problem(_wire(Description="é" * 512 + "x")) == (
        "MediaMetaData.Description: is 1025 bytes in UTF-8; ICE allows at most 1024 bytes"
    )


def test_at_most_16_tags_of_at_most_32_bytes() -> None:
    assert len(MediaMetaData.from_wire(_wire(Tags=",".join(f"t{i}" for i in range(16)))).Tags or ()) == 16
    assert "17 tags; ICE allows at most 16" in _problem(_wire(Tags=",".join(f"t{i}" for i in range(17))))
    assert MediaMetaData.from_wire(_wire(Tags=["标" * 10 + "ab"])).Tags == ("标" * 10 + "ab",)
    assert "is 33 bytes in UTF-8; ICE allows at most 32 bytes" in _problem(_wire(Tags=["标" * 11]))


def test_cover_url_at_most_128_bytes() -> None:
    url = "https://img.example.com/" + "c" * (128 - 24)
    assert MediaMetaData.from_wire(_wire(CoverURL=url)).CoverURL == url
    assert "MediaMetaData.CoverURL: is 129 bytes long in UTF-8; at most 128 bytes allowed" in _problem(
        _wire(CoverURL=url + "c")
    )


@pytest.mark.parametrize("business_type", BUSINESS_TYPES)
def test_every_business_type_the_api_lists_is_accepted(business_type: str) -> None:
    assert MediaMetaData.from_wire(_wire(BusinessType=business_type)).BusinessType == business_type


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"Title": ...}, "MediaMetaData.Title: is required"),
        ({"Title": ""}, "MediaMetaData.Title: must not be empty"),
        ({"Title": "x" * 129}, "MediaMetaData.Title: is 129 bytes in UTF-8; ICE allows at most 128 bytes"),
        (
            {"Description": "x" * 1025},
            "MediaMetaData.Description: is 1025 bytes in UTF-8; ICE allows at most 1024",
        ),
        ({"BusinessType": ...}, "MediaMetaData.BusinessType: is required"),
        ({"BusinessType": "intro"}, "MediaMetaData.BusinessType: 'intro' is not allowed"),
        ({"Tags": "a,,b"}, "MediaMetaData.Tags: tag #2 is empty"),
        ({"Tags": ["a,b"]}, "MediaMetaData.Tags: tag 'a,b' contains a comma"),
        ({"Tags": []}, "MediaMetaData.Tags: must name at least one tag"),
        ({"Tags": 5}, "MediaMetaData.Tags: must be a comma-separated string or an array of strings"),
        ({"Tags": [1]}, "MediaMetaData.Tags: tag #1 must be a string"),
        ({"CateId": "7"}, "MediaMetaData.CateId: must be an integer, got a string"),
        (
            {"CoverURL": "ftp://x.example.com/a.png"},
            "MediaMetaData.CoverURL: 'ftp://x.example.com/a.png' is not an",
        ),
        ({"CoverURL": "https://"}, "MediaMetaData.CoverURL: 'https://' is not an http:// or https:// URL"),
        ({"DynamicMetaData": {"k": "v"}}, "MediaMetaData.DynamicMetaData: must be a string, got an object"),
        ({"Foo": "bar"}, "MediaMetaData.Foo: is not a key this object takes"),
    ],
)
def test_rule_breaks_name_the_field_and_the_rule(fields: dict[str, Any], expected: str) -> None:
    assert expected in _problem(_wire(**fields))
