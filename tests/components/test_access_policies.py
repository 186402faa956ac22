"""The declared conditions as RAM's Condition block (moved from tests/components/test_ram_documents.py)."""

from __future__ import annotations

from components.access_policies import conditions_block
from icekit.stack.model import Conditions


def test_conditions_from_declaration() -> None:
    block = conditions_block(Conditions(source_ip=["10.0.0.0/8", "192.168.1.1"], secure_transport=True))
    assert block == {
        "IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.1.1"]},
        "Bool": {"acs:SecureTransport": ["true"]},
    }
    assert conditions_block(Conditions()) == {}
    assert conditions_block(Conditions(secure_transport=False)) == {
        "Bool": {"acs:SecureTransport": ["false"]}
    }
