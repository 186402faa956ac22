"""`icekit review`: plan a base and a head revision of the stacks and say what the change does to access,
to each application's client configuration and to the guardrail findings.

Kept import-light: the plan worker process imports this package before it touches the checkout.
"""

from __future__ import annotations

__all__: list[str] = []
