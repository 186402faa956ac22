"""The Terraform (alicloud provider) equivalent of a plan, from the JSON of `icekit plan --format json`.

Only the provider's resources have a Terraform twin: icekit's components (groupings) and the ICE event
callback (a Pulumi dynamic resource; the alicloud provider has no ICE resource) are left out. Each
`alicloud:<module>/<member>:<Name>` becomes `alicloud_<module>_<name in snake case>` (the provider bridge's
own naming), each input its snake-case attribute; a name attribute (`role_name`, `policy_name`, ...) that
equals the same attribute of a resource declared earlier is written as a reference to it, as hand-written
Terraform would (`role_name = alicloud_ram_role.x.role_name`), so that checkov builds the same graph. One
file per app (named after the last component of the resource's parent), the provider in `_provider.tf`.

Read from the CLI's JSON document only (not icekit's modules), so that it keeps working whatever icekit's
internals become.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

__all__ = ["terraform_files", "terraform_type"]

PROVIDER = "alicloud"
MAP_ATTRIBUTES = frozenset({"tags"})  # dict-valued inputs that are maps in Terraform; the others are blocks


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def terraform_type(type_token: str) -> str | None:
    """`alicloud:ram/rolePolicyAttachment:RolePolicyAttachment` -> `alicloud_ram_role_policy_attachment`."""
    package, member, name = type_token.split(":")
    if package != PROVIDER:
        return None
    return f"{package}_{member.split('/')[0]}_{_snake(name)}"


def _label(name: str) -> str:
    label = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    return label if label[:1].isalpha() or label[:1] == "_" else f"r_{label}"


def _string(text: str) -> str:
    """An HCL quoted string: JSON escapes, plus the template sequences HCL would interpolate."""
    return json.dumps(text).replace("${", "$${").replace("%{", "%%{")


def _value(value: Any, indent: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item, indent) for item in value) + "]"
    if isinstance(value, dict):
        inner = indent + "  "
        rows = [f"{inner}{_string(str(key))} = {_value(item, inner)}" for key, item in value.items()]
        return "{\n" + "\n".join(rows) + f"\n{indent}}}"
    raise TypeError(f"no HCL form for {value!r}")


def _body(inputs: dict[str, Any], references: dict[str, str], indent: str) -> list[str]:
    lines = []
    for key, value in inputs.items():
        attribute = _snake(key)
        if attribute in references:
            lines.append(f"{indent}{attribute} = {references[attribute]}")
        elif isinstance(value, dict) and attribute not in MAP_ATTRIBUTES:
            lines.append(f"{indent}{attribute} {{")
            lines.extend(_body(value, {}, indent + "  "))
            lines.append(f"{indent}}}")
        else:
            lines.append(f"{indent}{attribute} = {_value(value, indent)}")
    return lines


def _header(region: str) -> str:
    return (
        "terraform {\n  required_providers {\n"
        f'    {PROVIDER} = {{\n      source = "aliyun/alicloud"\n    }}\n  }}\n}}\n\n'
        f'provider "{PROVIDER}" {{\n  region = {_string(region)}\n}}\n'
    )


def terraform_files(plan: dict[str, Any]) -> dict[str, str]:
    """{file name: HCL} for the plan document's provider resources, grouped by the app they serve."""
    named: dict[tuple[str, str], tuple[str, str]] = {}  # (attribute, value) -> (tf type, address)
    blocks: dict[str, list[str]] = defaultdict(list)
    for resource in plan["resources"]:
        tf_type = terraform_type(resource["type"]) if resource["custom"] else None
        if tf_type is None:
            continue
        address = f"{tf_type}.{_label(resource['name'])}"
        references = {}
        for key, value in resource["inputs"].items():
            attribute = _snake(key)
            if not attribute.endswith("_name") or not isinstance(value, str):
                continue
            earlier = named.get((attribute, value))
            if earlier is not None and earlier[0] != tf_type:
                references[attribute] = f"{earlier[1]}.{attribute}"
            named.setdefault((attribute, value), (tf_type, address))
        body = "\n".join(_body(resource["inputs"], references, "  "))
        block = f'resource "{tf_type}" "{_label(resource["name"])}" {{\n{body}\n}}\n'
        parent = resource["parent"]
        # app names start with a letter: the two files of the stack's own cannot clash with an app's
        blocks[f"{parent.rsplit('::', 1)[-1]}.tf" if parent else "_stack.tf"].append(block)
    files = {"_provider.tf": _header(plan["region"])}
    files.update((name, "\n".join(parts)) for name, parts in sorted(blocks.items()))
    return files
