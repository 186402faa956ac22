"""The facts icekit builds on, each with one home that every part imports: regions and their endpoints,
environments, file types, id and name patterns, versions, the offline account, credential validity, rule ids
and resource type tokens.

Plain constants and small pure functions only: no pydantic, no pulumi, nothing from the rest of icekit, so
any part (upload clients included) may import a fact without loading anything else. Import the module
(`icekit.facts.regions`); this package re-exports nothing.
"""

from __future__ import annotations

__all__: list[str] = []
