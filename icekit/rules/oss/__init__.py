"""OSS3xx: OSS buckets icekit creates for own-bucket storage."""

__all__: list[str] = []
