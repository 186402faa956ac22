"""STS2xx: role trust policies (`alicloud:ram/role:Role` assumeRolePolicyDocument)."""

__all__: list[str] = []
