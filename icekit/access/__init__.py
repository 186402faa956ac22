"""Exact access: what each role of a stack may do, decided by the RAM evaluator (icekit.ram.evaluate) over
a finite domain of requests (docs/access.md).

- `icekit.access.table.access_table(plan, app=None) -> AccessTable`: `icekit access STACK`;
- `icekit.access.can.can(plan, Question(...)) -> CanAnswer`: `icekit access STACK --can ACTION`;
- `icekit.access.diff.compare_roles(base, head)`: the review's comparison, role by role;
- `icekit.access.least_privilege`: RAM108's proof that a role allows what its app declares and no more.

The package root imports nothing, so that the report formatters can read icekit.access.model (plain data)
without pulling in the evaluator, the plan model or the rules.
"""

from __future__ import annotations

__all__: list[str] = []
