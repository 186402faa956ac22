"""The ICE calls of the upload path through alibabacloud-ice20201109, signed with the role session's current
temporary key, the endpoint set explicitly, throttling and 5xx retried (icekit.upload.retry)."""

from __future__ import annotations

import threading
from typing import Any

from icekit.upload.endpoints import Endpoint
from icekit.upload.retry import RetryPolicy, call_openapi
from icekit.upload.session import RoleSession

__all__ = ["IceApi"]


class IceApi:
    def __init__(self, session: RoleSession, endpoint: Endpoint, region: str, retry: RetryPolicy) -> None:
        self.session, self.endpoint, self.region, self.retry = session, endpoint, region, retry
        self._lock = threading.Lock()
        self._client: tuple[str, Any] | None = None

    def _client_now(self) -> Any:
        from alibabacloud_ice20201109.client import Client

        from icekit.upload.session import openapi_config

        key = self.session.credential().key
        with self._lock:
            if self._client is None or self._client[0] != key.access_key_id:
                self._client = (key.access_key_id, Client(openapi_config(key, self.endpoint, self.region)))
            return self._client[1]

    def call(self, action: str, request: Any) -> Any:
        """`client.<action in snake case>(request).body`, e.g. call("CreateUploadMedia", request)."""
        method = "".join(f"_{c.lower()}" if c.isupper() else c for c in action).lstrip("_")
        return call_openapi(
            "ice", action, lambda: getattr(self._client_now(), method)(request).body, self.retry
        )

    def create_upload_media(self, **fields: Any) -> Any:
        from alibabacloud_ice20201109 import models as ice_models

        return self.call("CreateUploadMedia", ice_models.CreateUploadMediaRequest(**fields))

    def refresh_upload_media(self, media_id: str) -> Any:
        from alibabacloud_ice20201109 import models as ice_models

        return self.call("RefreshUploadMedia", ice_models.RefreshUploadMediaRequest(media_id=media_id))

    def get_media_info(self, media_id: str) -> Any:
        from alibabacloud_ice20201109 import models as ice_models

        return self.call("GetMediaInfo", ice_models.GetMediaInfoRequest(media_id=media_id)).media_info

    def register_media_info(self, **fields: Any) -> Any:
        from alibabacloud_ice20201109 import models as ice_models

        return self.call("RegisterMediaInfo", ice_models.RegisterMediaInfoRequest(**fields))
