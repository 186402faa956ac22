from __future__ import annotations

import pytest

from icekit.facts.limits import (
    COVER_URL_MAX_BYTES,
    DESCRIPTION_MAX_BYTES,
    LIMIT_SOURCES,
    TAG_MAX_BYTES,
    TAGS_MAX_COUNT,
    TITLE_MAX_BYTES,
    USER_DATA_MAX_BYTES,
    utf8_len,
)


def test_the_limits() -> None:
    assert (TITLE_MAX_BYTES, DESCRIPTION_MAX_BYTES) == (128, 1024)
    assert (TAGS_MAX_COUNT, TAG_MAX_BYTES) == (16, 32)
    assert (COVER_URL_MAX_BYTES, USER_DATA_MAX_BYTES) == (128, 1024)
    assert set(LIMIT_SOURCES) == {"Title", "Description", "Tags", "CoverURL", "UserData"}
    assert all("https://" in source for source in LIMIT_SOURCES.values())


def test_utf8_len_counts_bytes_not_characters() -> None:
    assert utf8_len("") == 0
    assert utf8_len("Holiday") == 7
    assert utf8_len("é") == 2
    assert utf8_len("假期") == 6
    assert utf8_len("🎬") == 4


def test_a_43_character_cjk_title_is_over_the_title_limit() -> None:
    title = "视" * 43
    assert len(title) == 43 < TITLE_MAX_BYTES
    assert utf8_len(title) == 129 > TITLE_MAX_BYTES
    assert utf8_len("视" * 42 + "ab") == TITLE_MAX_BYTES


def test_text_utf8_cannot_carry_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        utf8_len("\ud800")
