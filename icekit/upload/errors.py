"""The errors icekit.upload raises. A refusal by a service keeps what the service said: its `Code`, its
`RequestId` and the HTTP status, so that a support ticket can quote them. Bad input (a file the app's rules
refuse, a configuration that does not validate) is icekit's `UserInputError`, raised before any call."""

from __future__ import annotations

__all__ = ["ServiceError", "UploadError", "WaitTimeout"]


class UploadError(Exception):
    """Anything that stopped an upload after its input was accepted."""


class ServiceError(UploadError):
    """STS, ICE or OSS refused a call: `service`, `action`, `code`, `request_id`, `status` as the service gave
    them (`status` 0 when no HTTP answer came)."""

    def __init__(
        self,
        service: str,
        action: str,
        *,
        code: str | None,
        message: str,
        request_id: str | None,
        status: int,
    ) -> None:
        super().__init__(f"{service} {action}: {code or 'error'}: {message} (RequestId {request_id or '-'})")
        self.service = service
        self.action = action
        self.code = code
        self.message = message
        self.request_id = request_id
        self.status = status


class WaitTimeout(UploadError):
    """`wait()` gave up: the media was not ready within the timeout; `status` is the last one seen."""

    def __init__(self, media_id: str, status: str | None, timeout: float) -> None:
        super().__init__(
            f"media {media_id} not ready after {timeout:g} s (last status: {status or 'unknown'})"
        )
        self.media_id = media_id
        self.status = status
