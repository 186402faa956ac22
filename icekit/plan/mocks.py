"""What the cloud would answer, made up offline: predictable values derived from the declaration.

Every value only the cloud knows is clearly marked: ids start with `offline-`, the default account id is
`000000000000`, and ARNs follow the real formats (`acs:ram::<accountId>:role/<roleName>`, see
pulumi_alicloud/ram/role.py `arn`) so that rendered client configuration has the right shape.
"""

from __future__ import annotations

from typing import Any

from pulumi.runtime.mocks import MockCallArgs, MockResourceArgs, Mocks

from icekit.facts.regions import oss_endpoint
from icekit.facts.type_tokens import BUCKET, RAM_POLICY, RAM_ROLE
from icekit.plan.offline import offline_id

__all__ = ["OfflineMocks"]


class OfflineMocks(Mocks):
    """Resource outputs = the inputs plus the computed properties a real create would return."""

    def __init__(self, *, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region
        self.invoked: list[str] = []

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        inputs: dict[str, Any] = args.inputs
        computed = self._computed(args.typ, inputs, args.resource_id)
        state = {**inputs, **computed} if computed else inputs
        return args.resource_id or offline_id(args.typ, args.name), state

    def _computed(self, type_token: str, inputs: dict[str, Any], resource_id: str | None) -> dict[str, Any]:
        if type_token == RAM_ROLE:
            # a read (`Role.get(name, id)`) knows only the id, which for a RAM role is its name
            role_name = inputs.get("roleName") or inputs.get("name") or resource_id
            return {
                "arn": f"acs:ram::{self.account_id}:role/{role_name}",
                "roleId": f"offline-{role_name}",
            }
        if type_token == RAM_POLICY:
            return {"type": "Custom", "defaultVersion": "v1", "attachmentCount": 0}
        if type_token == BUCKET:
            return {
                "location": f"oss-{self.region}",
                "extranetEndpoint": oss_endpoint(self.region),
                "intranetEndpoint": f"oss-{self.region}-internal.aliyuncs.com",
                "owner": self.account_id,
            }
        return {}

    def call(self, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        self.invoked.append(args.token)
        if args.token == "alicloud:index/getCallerIdentity:getCallerIdentity":
            return {
                "id": self.account_id,
                "accountId": self.account_id,
                "arn": f"acs:ram::{self.account_id}:root",
                "identityType": "Account",
            }, None
        if args.token == "alicloud:index/getAccount:getAccount":
            return {"id": self.account_id}, None
        if args.token == "alicloud:index/getRegions:getRegions":
            region = {"id": self.region, "regionId": self.region, "localName": self.region}
            return {"id": self.region, "ids": [self.region], "regions": [region]}, None
        return {}, None
