"""RAM1xx: permission policy documents (`alicloud:ram/policy:Policy`)."""

__all__: list[str] = []
