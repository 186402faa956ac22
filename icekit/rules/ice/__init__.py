"""ICE5xx: upload settings (regions, PostProcessConfig)."""

__all__: list[str] = []
