"""CB4xx: callbacks (icekit:callback:CallbackEndpoint and the ICE event-callback resource)."""

__all__: list[str] = []
