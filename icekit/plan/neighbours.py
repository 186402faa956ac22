"""The other stacks of the project that share a stack's account and region: they share its ICE event
callback (one per account and region) and its RAM names (one set per account).

Each is read with the one stack-file reader (icekit.stack.StackFile), its `icekit:accountId` and
`alicloud:region` taken as declared: no declaration is built, nothing is planned. A stack file that cannot be
read is passed over: it is not the one being planned, and planning it says what is wrong.
"""

from __future__ import annotations

import re

from icekit.errors import UserInputError
from icekit.facts.ids import ACCOUNT_ID_PATTERN
from icekit.project import StackLocation
from icekit.stack import StackDeclaration, StackFile
from icekit.stack.keys import REGION_KEY

__all__ = ["ACCOUNT_KEY", "stacks_sharing_account_and_region"]

ACCOUNT_KEY = "icekit:accountId"


def stacks_sharing_account_and_region(location: StackLocation, declaration: StackDeclaration) -> list[str]:
    """Sorted names of the project's other stacks declaring the same account and region (none when this
    stack declares no account: the offline placeholder says nothing about which account it is)."""
    if declaration.account_id is None:
        return []
    project = location.project
    sharing: list[str] = []
    for name in project.stack_names():
        path = project.stack_file(name)
        if name == location.name or path.resolve() == location.path.resolve():
            continue
        try:
            values = StackFile.read(path).values
        except UserInputError:
            continue
        account, region = values.get(ACCOUNT_KEY), values.get(REGION_KEY)
        if not isinstance(account, str) or not re.fullmatch(ACCOUNT_ID_PATTERN, account):
            continue
        if account == declaration.account_id and region == declaration.region:
            sharing.append(name)
    return sharing
