from __future__ import annotations

import json
from typing import Any

import pytest

from icekit.models import EXTENSIONS_BY_TYPE, MAX_MEDIA_SIZE_BYTES, FileInfo, InvalidDocumentError
from tests.models.samples import FILE_INFO_EXAMPLE


def _wire(**fields: Any) -> str:
    base: dict[str, Any] = {"Type": "video", "Name": "clip", "Ext": "mp4"}
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...})


def _problem(wire: str) -> str:
    with pytest.raises(InvalidDocumentError) as caught:
        FileInfo.from_wire(wire)
    return str(caught.value)


def test_reference_example_parses_and_encodes_identically() -> None:
    info = FileInfo.from_wire(FILE_INFO_EXAMPLE)
    assert (info.Type, info.Name, info.Size, info.Ext) == ("video", "test", 108078336, "mp4")
    assert info.to_wire() == FILE_INFO_EXAMPLE


@pytest.mark.parametrize("file_type", ["video", "image", "audio", "text", "other"])
def test_every_type_accepts_its_own_extensions(file_type: str) -> None:
    exts = EXTENSIONS_BY_TYPE[file_type] or ("bin",)
    for ext in exts:
        assert FileInfo.from_wire(_wire(Type=file_type, Ext=ext)).Ext == ext


@pytest.mark.parametrize("ext", ["MP4", "Mov", "mKv"])
def test_extension_is_compared_case_insensitively_and_kept_as_given(ext: str) -> None:
    assert FileInfo.from_wire(_wire(Ext=ext)).to_wire().endswith(f'"Ext":"{ext}"}}')


def test_other_takes_any_extension() -> None:
    assert FileInfo.from_wire(_wire(Type="other", Ext="xyz123")).Ext == "xyz123"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"Type": "movie"}, "FileInfo.Type: 'movie' is not allowed"),
        ({"Type": ...}, "FileInfo.Type: is required"),
        ({"Name": ...}, "FileInfo.Name: is required"),
        ({"Name": ""}, "FileInfo.Name: must not be empty"),
        ({"Name": "   "}, "FileInfo.Name: must not be blank"),
        ({"Name": "clip.mp4"}, "FileInfo.Name: 'clip.mp4' must be given without its extension"),
        ({"Name": "clip.MOV"}, "FileInfo.Name: 'clip.MOV' must be given without its extension"),
        ({"Ext": ...}, "FileInfo.Ext: is required"),
        ({"Ext": "exe"}, "FileInfo.Ext: 'exe' is not an extension of a video file (allowed: 3gp"),
        ({"Type": "image", "Ext": "mp4"}, "FileInfo.Ext: 'mp4' is not an extension of an image file"),
        ({"Type": "audio", "Ext": "png"}, "FileInfo.Ext: 'png' is not an extension of an audio file"),
        ({"Type": "text", "Ext": "mp3"}, "FileInfo.Ext: 'mp3' is not an extension of a text file"),
        ({"Ext": ".mp4"}, "FileInfo.Ext: '.mp4' must be given without the leading dot"),
        ({"Type": "other", "Ext": "a b"}, "FileInfo.Ext: 'a b' is not a file extension"),
        ({"Size": 0}, "FileInfo.Size: must be greater than 0"),
        ({"Size": -5}, "FileInfo.Size: must be greater than 0"),
        ({"Size": "100"}, "FileInfo.Size: must be an integer, got a string"),
        ({"Size": 1.5}, "FileInfo.Size: must be an integer"),
        ({"Size": True}, "FileInfo.Size: must be an integer, got true/false"),
        (
            {"Size": MAX_MEDIA_SIZE_BYTES + 1},
            "FileInfo.Size: 5368709121 bytes is more than the 5368709120 bytes",
        ),
        (
            {"Type": "audio", "Ext": "mp3", "Size": MAX_MEDIA_SIZE_BYTES + 1},
            "(5 GB) allowed for an audio file",
        ),
        ({"Extra": 1}, "FileInfo.Extra: is not a key this object takes"),
    ],
)
def test_rule_breaks_name_the_field_and_the_rule(fields: dict[str, Any], expected: str) -> None:
    assert expected in _problem(_wire(**fields))


def test_five_gigabytes_exactly_is_allowed_for_video_and_more_for_images() -> None:
    assert FileInfo.from_wire(_wire(Size=MAX_MEDIA_SIZE_BYTES)).Size == MAX_MEDIA_SIZE_BYTES
    big_image = FileInfo.from_wire(_wire(Type="image", Ext="png", Size=MAX_MEDIA_SIZE_BYTES + 1))
    assert big_image.Size == MAX_MEDIA_SIZE_BYTES + 1


def test_a_dot_inside_a_name_is_fine_when_the_suffix_is_no_extension() -> None:
    assert FileInfo.from_wire(_wire(Name="holiday.2024")).Name == "holiday.2024"


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("{", "FileInfo: is not valid JSON"),
        ("[1, 2]", "FileInfo: must be a JSON object"),
        ('{"Type":"video","Type":"image","Name":"a","Ext":"mp4"}', "duplicate key 'Type'"),
        ('{"Type":"video","Name":"a","Ext":"mp4","Size":NaN}', "NaN is not valid JSON"),
    ],
)
def test_malformed_wire_strings_are_user_errors(wire: str, expected: str) -> None:
    assert expected in _problem(wire)


def test_all_problems_are_reported_not_only_the_first() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        FileInfo.from_wire('{"Type":"movie","Size":0}')
    paths = [p.path for p in caught.value.problems]
    assert paths == ["FileInfo.Type", "FileInfo.Name", "FileInfo.Size", "FileInfo.Ext"]


def test_cross_field_problems_are_all_reported_in_field_order() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        FileInfo.from_wire('{"Type":"video","Name":"clip.mp4","Size":6000000000,"Ext":"exe"}')
    assert [p.path for p in caught.value.problems] == ["FileInfo.Name", "FileInfo.Size", "FileInfo.Ext"]
