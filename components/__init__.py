"""Pulumi components that turn an icekit stack declaration into Alibaba Cloud resources."""

__all__: list[str] = []
