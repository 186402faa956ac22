"""The facts package: one spelling per fact, and nothing imported with it."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import get_args

import pytest

from icekit.facts import environments, file_types, ids, regions, rule_ids, type_tokens
from icekit.facts.versions import schema_id

FACTS = Path(__file__).resolve().parents[2] / "icekit" / "facts"


def test_tuples_are_the_literals() -> None:
    assert (
        regions.SUPPORTED_REGIONS == get_args(regions.Region) == ("cn-beijing", "cn-shanghai", "cn-shenzhen")
    )
    assert environments.ENVIRONMENTS == ("dev", "staging", "prod")
    assert get_args(file_types.FileType) == file_types.FILE_TYPES
    assert get_args(rule_ids.RuleId) == rule_ids.RULE_IDS


@pytest.mark.parametrize("region", regions.SUPPORTED_REGIONS)
def test_endpoints(region: str) -> None:
    assert regions.ice_endpoint(region) == f"ice.{region}.aliyuncs.com"
    assert regions.ice_vpc_endpoint(region) == f"ice-vpc.{region}.aliyuncs.com"
    assert regions.oss_endpoint(region) == f"oss-{region}.aliyuncs.com"


def test_an_unsupported_region_has_no_endpoint() -> None:
    with pytest.raises(ValueError, match="not a region where ICE CreateUploadMedia exists"):
        regions.ice_endpoint("cn-hangzhou")


def test_workflow_ids_are_lower_case_hex() -> None:
    assert re.fullmatch(ids.WORKFLOW_ID_PATTERN, "74ba870f1a4873a3ba238e0bf6fa9c01")
    assert not re.fullmatch(ids.WORKFLOW_ID_PATTERN, "74BA870F1A4873A3BA238E0BF6FA9C01")
    assert re.fullmatch(ids.ENTITY_ID_PATTERN, "9E177CAC2FB44F8B8C67B199FCC7BFFD")


def test_component_tokens() -> None:
    assert type_tokens.UPLOAD_PROFILE == "icekit:profile:UploadProfile"
    assert type_tokens.component_type("storage", "StorageLocation") == type_tokens.STORAGE_LOCATION


def test_extensions_normalise_and_schema_ids() -> None:
    assert file_types.normalise_extensions(["MP4", "mov", "mp4"]) == ["mov", "mp4"]
    assert schema_id("file-info") == "https://icekit.dev/schemas/file-info/v1.json"


def test_every_rule_id_is_a_rule() -> None:
    from icekit.rules import RULES

    assert tuple(rule.id for rule in RULES) == rule_ids.RULE_IDS


@pytest.mark.parametrize("module", sorted(FACTS.glob("*.py")), ids=lambda p: p.name)
def test_facts_import_only_the_standard_library(module: Path) -> None:
    imported: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    # Facts are data: the standard library only (no icekit module, no third-party package).
    assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)
