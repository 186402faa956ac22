from __future__ import annotations

import pytest

from icekit.facts.formats import (
    FONT_FORMATS,
    PUBLISHED_FORMATS,
    SUBTITLE_FORMATS,
    is_supported,
    supported_extensions,
)


def test_published_lists_are_the_ims_file_formats_page() -> None:
    assert supported_extensions("audio") == tuple(
        sorted(("mp3", "wma", "wav", "aac", "ra", "m4a", "flac", "ape", "ac3", "amr", "caf", "acm"))
    )
    assert supported_extensions("image") == ("gif", "heic", "jpeg", "jpg", "png", "webp")
    assert SUBTITLE_FORMATS == ("srt", "vtt", "ass")
    assert FONT_FORMATS == ("ttf", "ttc", "fon")
    assert supported_extensions("text") == ("ass", "fon", "srt", "ttc", "ttf", "vtt")
    video = supported_extensions("video")
    assert len(video) == 29
    for ext in ("mp4", "ts", "mov", "mkv", "m3u8", "webm", "gif", "ogg", "asf", "mjpeg"):
        assert ext in video


def test_lists_are_lower_case_without_repeats() -> None:
    for exts in PUBLISHED_FORMATS.values():
        assert all(ext == ext.lower() and ext.isalnum() for ext in exts)
        assert len(set(exts)) == len(exts)


def test_formats_icekit_used_to_allow_are_not_supported() -> None:
    # icekit's own earlier lists had these; ICE's published list does not.
    assert not is_supported("video", "mxf")
    assert not is_supported("video", "m2ts")
    assert not is_supported("image", "svg")
    assert not is_supported("image", "bmp")
    assert not is_supported("text", "txt")
    assert not is_supported("text", "woff")
    assert not is_supported("audio", "ogg")


def test_extensions_compare_case_insensitively() -> None:
    assert is_supported("video", "MP4")
    assert is_supported("video", "Mov")
    assert is_supported("image", "HEIC")
    assert is_supported("text", "SRT")


def test_an_extension_is_given_without_its_dot() -> None:
    assert not is_supported("video", ".mp4")


def test_gif_is_both_video_and_image() -> None:
    assert is_supported("video", "gif")
    assert is_supported("image", "gif")
    assert not is_supported("audio", "gif")


def test_other_has_no_published_list_and_takes_any_safe_extension() -> None:
    assert supported_extensions("other") == ()
    for ext in ("bin", "ZIP", "7z", "x" * 16):
        assert is_supported("other", ext)
    for ext in ("", "x" * 17, "tar.gz", "a b", "../x", "e\u0301", "\uff4d\uff50\uff14", "a-b", "a_b"):
        assert not is_supported("other", ext)


def test_unknown_file_types_are_refused() -> None:
    with pytest.raises(ValueError, match="video, audio, image, text, other"):
        supported_extensions("material")
    with pytest.raises(ValueError, match="unknown file type 'Video'"):
        is_supported("Video", "mp4")
