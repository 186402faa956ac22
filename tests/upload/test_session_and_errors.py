"""Two threads uploading at once share one STS session, also across its renewal; refusals carry the service's
Code and RequestId; bad input is refused before any call; throttling is retried with backoff."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from alibabacloud_tea_openapi.exceptions import ClientException, ServerException

from icekit.errors import UserInputError
from icekit.upload import ServiceError
from icekit.upload.retry import RetryPolicy, call_openapi
from icekit.upload.session import REFRESH_MARGIN_SECONDS
from tests.upload.helpers import MULTIPART, SMALL, a_file, uploader_for
from tests.upload.sandbox_env import SandboxEnv


def _upload_in_threads(uploader: object, paths: list[Path]) -> list[object]:
    results: list[object] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(paths))

    def run(path: Path) -> None:
        start.wait()
        try:
            results.append(uploader.upload(path, title=path.stem))  # type: ignore[attr-defined]
        except BaseException as error:  # re-raised in the main thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


def test_two_threads_share_one_refreshed_session(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    now = [1_000_000_000.0]
    uploader = uploader_for("mobile-video", sandbox, config_files)
    # the session's own clock decides freshness: move it past the margin and two threads race to renew
    uploader.session._clock = lambda: now[0]  # the test drives the session's clock
    first = uploader.session.credential()
    assert uploader.session.assumed == 1
    paths = [a_file(tmp_path / "a", "one.mp4", MULTIPART), a_file(tmp_path / "b", "two.mp4", MULTIPART)]
    assert len(_upload_in_threads(uploader, paths)) == 2
    assert uploader.session.assumed == 1  # both threads used the cached session
    now[0] = first.expires_at - REFRESH_MARGIN_SECONDS + 1  # inside the renewal margin
    sandbox.clock.advance(60)  # so that the renewed session expires a minute later than the first
    paths = [a_file(tmp_path / "c", "three.mp4", SMALL), a_file(tmp_path / "d", "four.mp4", SMALL)]
    assert len(_upload_in_threads(uploader, paths)) == 2
    assert uploader.session.assumed == 2  # one renewal, shared
    granted = [r for r in sandbox.sts_records if r.action == "AssumeRole" and r.allowed]
    assert len(granted) == 2  # (the principals the role does not trust were refused before)


def test_an_ice_refusal_carries_code_and_request_id(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    uploader = uploader_for("mobile-video", sandbox, config_files)
    sandbox.authorizer.denied_actions.add("ice:CreateUploadMedia")
    with pytest.raises(ServiceError) as refused:
        uploader.upload(a_file(tmp_path, "clip.mp4", SMALL), title="Clip")
    error = refused.value
    assert (error.service, error.action, error.code, error.status) == (
        "ice",
        "CreateUploadMedia",
        "Forbidden.RAM",
        403,
    )
    assert error.request_id == sandbox.ice_records[-1].request_id
    assert error.request_id in str(error)


def test_an_untrusted_principal_is_refused_by_sts(sandbox: SandboxEnv, config_files: dict[str, Path]) -> None:
    sandbox.authorizer.trust = {}  # no role trusts anyone any more
    with pytest.raises(ServiceError) as refused:
        uploader_for("mobile-video", sandbox, config_files)
    assert (refused.value.service, refused.value.code) == ("sts", "NoPermission")


@pytest.mark.parametrize(
    ("name", "size", "extra", "key_path", "says"),
    [
        ("clip.exe", SMALL, {}, "FileInfo.Ext", "'exe' is not an extension app mobile-video may upload"),
        ("clip.png", SMALL, {}, "FileInfo.Ext", "allowed: video: mov, mp4"),
        ("noextension", SMALL, {}, "FileInfo.Ext", "has no extension"),
        (
            "clip.mp4",
            SMALL,
            {"title": "é" * 65},
            "MediaMetaData.Title",
            "130 bytes in UTF-8; ICE allows at most 128 bytes",
        ),
        ("clip.mp4", SMALL, {"business_type": "cover"}, "MediaMetaData.BusinessType", "cover"),
        ("clip.mp4", SMALL, {"extend": {"pad": "x" * 1000}}, "UserData", "ICE allows at most 1024 bytes"),
        ("clip.mp4", SMALL, {"tags": ["a,b"]}, "MediaMetaData.Tags", "comma"),
    ],
)
def test_bad_input_is_refused_before_any_call(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path,
    name: str, size: int, extra: dict[str, object], key_path: str, says: str,
) -> None:  # fmt: skip
    uploader = uploader_for("mobile-video", sandbox, config_files)
    extra.setdefault("title", "Clip")
    with pytest.raises(UserInputError) as refused:
        uploader.upload(a_file(tmp_path, name, size), **extra)  # type: ignore[arg-type]
    assert refused.value.key_path == key_path
    assert refused.value.file == name
    assert says in refused.value.message
    assert sandbox.ice_records == [] and sandbox.oss_requests == []


def test_a_file_larger_than_the_rule_is_refused(sandbox: SandboxEnv, config_files: dict[str, Path]) -> None:
    uploader = uploader_for("cms-assets", sandbox, config_files)
    with pytest.raises(UserInputError) as refused:
        uploader.request_for("subs.srt", 1048577, title="Subtitles")
    assert refused.value.key_path == "FileInfo.Size"
    assert "1048577 bytes is more than the 1048576 bytes app cms-assets allows for text files" in str(
        refused.value
    )


def test_throttling_and_5xx_are_retried_with_backoff_then_surface() -> None:
    pauses: list[float] = []
    policy = RetryPolicy(attempts=3, base_seconds=0.1, sleep=pauses.append)
    answers: list[Exception | str] = [
        ServerException(code="ServiceUnavailable", status_code=503, request_id="R1", message="busy"),
        ClientException(code="Throttling.User", status_code=400, request_id="R2", message="slow down"),
        "done",
    ]

    def call() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert call_openapi("ice", "GetMediaInfo", call, policy) == "done"
    assert len(pauses) == 2 and all(0 <= p <= 0.2 for p in pauses)

    def always_busy() -> str:
        raise ServerException(code="InternalError", status_code=500, request_id="R9", message="boom")

    with pytest.raises(ServiceError) as gave_up:
        call_openapi("ice", "GetMediaInfo", always_busy, policy)
    assert (gave_up.value.code, gave_up.value.request_id, gave_up.value.status) == (
        "InternalError",
        "R9",
        500,
    )


def test_a_refusal_is_not_retried() -> None:
    calls: list[int] = []

    def refused() -> str:
        calls.append(1)
        raise ClientException(code="InvalidParameter", status_code=400, request_id="R3", message="no")

    with pytest.raises(ServiceError):
        call_openapi("ice", "CreateUploadMedia", refused, RetryPolicy(sleep=lambda _: None))
    assert calls == [1]
