"""One URL rule (icekit.models.urls) for callback URLs everywhere, and one reading of a host as an IP address,
so that CB403 holds in prod whatever form the address is written in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from icekit.models.urls import host_address, require_http_url
from icekit.rules.cb.cb403_public_host import host_problem
from tests.hostile.conftest import DEV, DEV_URL, refused, run, write_stack
from tests.models.samples import client_config_data

BAD_URLS = [
    ("no host", "https:///cb", "is not an http:// or https:// URL with a host"),
    ("broken IPv6", "https://[::1/cb", "is not an http:// or https:// URL with a host"),
    ("not IPv6", "https://[zz]/cb", "is not an http:// or https:// URL with a host"),
    ("port out of range", "https://hooks.example.com:99999/cb", "port 1-65535"),
    ("port zero", "https://hooks.example.com:0/cb", "has port 0"),
    ("credentials", "https://user:pass@hooks.example.com/cb", "carries credentials"),
]


@pytest.mark.parametrize(("name", "url", "message"), BAD_URLS, ids=[c[0] for c in BAD_URLS])
def test_stack_check_plan_and_validate_agree(
    project: Path, tmp_path: Path, name: str, url: str, message: str
) -> None:
    path = write_stack(project, "bad", DEV.replace(DEV_URL, url, 1))
    for verb in ("plan", "check"):
        out = project / "out"
        args = ["--out", str(out)] if verb == "plan" else []
        result = run(verb, "bad", "--project-dir", str(project), *args)
        refused(result, f"{path}: icekit:callbacks.hooks.url: ")
        assert message in result.stderr and "pass@" not in result.stderr
        assert not out.exists()
    user_data = tmp_path / "user-data.json"
    user_data.write_text(json.dumps({"MessageCallback": {"CallbackURL": url}}), encoding="utf-8")
    result = run("validate", "user-data", str(user_data))
    refused(result, f"{user_data}: UserData.MessageCallback.CallbackURL: ")
    assert message in result.stderr and "pass@" not in result.stderr


def test_client_configuration_refuses_them_too(tmp_path: Path) -> None:
    callback = {
        "kind": "http",
        "url": "https://u:p@hooks.example.com/x",
        "authEnabled": True,
        "queueName": None,
    }
    path = tmp_path / "client-config.json"
    path.write_text(json.dumps(client_config_data(callback=callback)), encoding="utf-8")
    result = run("validate", "client-config", str(path))
    assert result.returncode == 2 and "carries credentials" in result.stderr and "u:p@" not in result.stderr


LOOPBACK = [
    "2130706433",
    "0x7f.1",
    "0x7f000001",
    "0177.0.0.1",
    "127.1",
    "[::ffff:127.0.0.1]",
    "[::1]",
    "127.0.0.1.",
]
OTHER_IPS = ["10.1", "0xa.0.0.1", "[::ffff:10.0.0.1]", "192.168.1.1", "[2001:db8::1]"]


@pytest.mark.parametrize("host", LOOPBACK)
def test_loopback_in_every_form(host: str) -> None:
    address = host_address(host.strip("[]"))
    assert address is not None and address.is_loopback
    assert "loopback" in (host_problem(f"https://{host}/cb") or "")


@pytest.mark.parametrize("host", OTHER_IPS)
def test_ip_literals_in_every_form(host: str) -> None:
    assert "IP literal" in (host_problem(f"https://{host}/cb") or "")


@pytest.mark.parametrize("host", ["hooks.example.com", "0x7f.example.com", "1.2.3.4.5", "999.1.1.1"])
def test_dns_names_are_not_addresses(host: str) -> None:
    assert host_address(host) is None
    assert host_problem(f"https://{host}/cb") is None
    assert require_http_url(f"https://{host}/cb")


@pytest.mark.parametrize("host", ["2130706433", "0x7f.1", "[::ffff:127.0.0.1]"])
def test_cb403_holds_in_prod(project: Path, host: str) -> None:
    prod = (project / "stacks" / "Pulumi.prod.yaml").read_text(encoding="utf-8")
    url = "https://hooks.acme-media.example/ice/callback"
    assert url in prod
    write_stack(project, "evil-prod", prod.replace(url, f"https://{host}/ice/callback", 1))
    result = run("check", "evil-prod", "--project-dir", str(project), "--format", "json")
    assert result.returncode == 1, result.stderr
    assert '"CB403"' in result.stdout
