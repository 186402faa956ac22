"""examples/web-upload in a real browser: Debian's headless Chromium, driven by Playwright, chooses a file on
the example's page, which uploads it with the official OSS JavaScript SDK (ali-oss) using a ticket from the
example server (icekit.upload), against `icekit sandbox dev` on 127.0.0.1. The media must become ready in the
sandbox and the server must have verified ICE's signed callback. A screenshot of each run's final page is
kept in build/test-artifacts/web-upload-<case>.png."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from icekit.upload import Uploader, read_ready_file
from tests.examples.web_upload_rig import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Stack,
    require_browser,
    web_upload_stack,
)

pytestmark = pytest.mark.browser

APP = "mobile-video"  # the dev app with an HTTP callback with auth (hooks)
SMALL = 40 * 1024  # below ali-oss's 100 KiB: one PutObject
LARGE = 2 * 1024 * 1024 + 300 * 1024  # three 1 MiB parts (ali-oss's default part size)
RENEW_EVERY_MS = 150  # the page renews the credential that often: RefreshUploadMedia during the upload
DONE = '#result[data-state="done"], #result[data-state="failed"]'


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    require_browser()
    from icekit.plan import run_plan

    config = json.dumps(run_plan("dev", Path(__file__).resolve().parents[2]).clientConfigs[APP])
    with web_upload_stack(tmp_path_factory.mktemp("web-upload"), config) as running:
        yield running


def _server_status(stack: Stack, media_id: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{stack.server_url}/media/{media_id}", timeout=10) as answer:
        document = json.load(answer)
    assert isinstance(document, dict)
    return document


def _upload_in_chromium(stack: Stack, name: str, content: bytes, case: str) -> tuple[str, str, list[str]]:
    """(final state text, MediaId, console messages) of the page after uploading `content` as `name`."""
    from playwright.sync_api import FilePayload, sync_playwright

    console: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            page.goto(f"{stack.server_url}/?renewEvery={RENEW_EVERY_MS}")
            chosen = FilePayload(name=name, mimeType="video/mp4", buffer=content)
            page.set_input_files("#file", files=[chosen])
            page.click("#upload")
            page.wait_for_selector(DONE, timeout=90_000)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"web-upload-{case}.png"), full_page=True)
            return page.inner_text("#state"), page.inner_text("#media"), console
        finally:
            browser.close()


@pytest.mark.parametrize(("case", "size"), [("small", SMALL), ("multipart", LARGE)])
def test_the_page_uploads_with_ali_oss_and_the_media_becomes_ready(
    stack: Stack, case: str, size: int
) -> None:
    content = os.urandom(size)
    state, media_id, console = _upload_in_chromium(stack, f"clip-{case}.mp4", content, case)
    assert state == "ready: media Normal, callback verified", (console, stack.server_log.read_text())

    status = _server_status(stack, media_id)
    assert (status["mediaStatus"], status["callbackVerified"]) == ("Normal", True)
    assert status["callbacks"] == [{"eventType": "FileUploadComplete", "status": "Success"}]

    # The sandbox itself: the media is Normal with the whole file, asked with the app's own credentials.
    uploader = Uploader.for_sandbox(stack.config_file, read_ready_file(stack.ready_file))
    info = uploader.wait(media_id, timeout=10)
    assert [int(f.file_basic_info.file_size) for f in info.file_info_list] == [size]

    lines = stack.sandbox_lines()
    oss = [
        line for line in lines if line.get("service") == "oss" and line.get("action") != "PreflightRequest"
    ]
    assert any(line.get("action") == "PreflightRequest" and line["status"] == 200 for line in lines)
    assert all(line["status"] == 200 for line in oss), oss
    writes = [line["action"] for line in oss if media_id in (line.get("resource") or "")]
    if case == "small":
        assert writes == ["PutObject"]
    else:
        assert writes[0] == "InitiateMultipartUpload" and writes[-1] == "CompleteMultipartUpload"
        assert writes.count("UploadPart") == 3  # each part once, renewals or not
        assert status["renewals"] >= 1  # refreshSTSToken went through /ticket/renew: RefreshUploadMedia
        assert any(line.get("action") == "RefreshUploadMedia" and line["status"] == 200 for line in lines)
    # The sandbox's log of deliveries names no media: every one so far went to the server, each with a 200.
    events = [line for line in lines if line.get("kind") == "event"]
    assert events and all((e["outcome"], e["attempts"]) == ("delivered", ["200"]) for e in events), events


def _post(stack: Stack, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(f"{stack.server_url}{path}", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


def test_the_server_refuses_a_file_the_app_may_not_upload_and_a_forged_callback(stack: Stack) -> None:
    ticket = json.dumps({"fileName": "clip.exe", "size": 10, "title": "clip"}).encode()
    status, body = _post(stack, "/ticket", ticket, {"Content-Type": "application/json"})
    assert status == 400
    assert "'exe' is not an extension app mobile-video may upload" in json.loads(body)["error"]

    forged = {"X-ICE-TIMESTAMP": str(int(time.time())), "X-ICE-SIGNATURE": "0" * 32}
    status, _ = _post(stack, "/ice/callback", b'{"EventType": "FileUploadComplete"}', forged)
    assert status == 403
    assert "ICE callback refused: bad-signature" in stack.server_log.read_text(encoding="utf-8")
