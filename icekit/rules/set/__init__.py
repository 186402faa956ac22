"""SET6xx: rules over a set of stacks of one project (what spans stacks): one event callback per account and
region (SET601), RAM names unique per account (SET602). Run by `icekit check` over several stacks and by
`icekit review` (icekit.plan.stack_set builds the members from plans); CrossGuard sees one stack only."""

__all__: list[str] = []
