"""The templates' bytecode compiled when the environment is made (icekit.render.templates): the files
rendered from it are the files rendered from the sources, and bytecode that no longer fits its template is
not used."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from icekit.clientconfig import ClientConfig
from icekit.render import files as render_files
from icekit.render import render_client_config_files
from icekit.render.templates import PrecompiledTemplates, compile_templates, make_environment
from tests.models.samples import client_config_data, own_bucket_config_data

TEMPLATES = [
    "build_client.py.j2",
    "client-config.json.j2",
    "env.j2",
    "upload_request.py.j2",
    "upload_request_own_bucket.py.j2",
]


def _rendered(monkeypatch: pytest.MonkeyPatch, env: jinja2.Environment) -> list[dict[str, str]]:
    monkeypatch.setattr(render_files, "environment", lambda: env)
    configs = [ClientConfig.from_data(client_config_data()), ClientConfig.from_data(own_bucket_config_data())]
    return [render_client_config_files(config, auth_key="k" * 32) for config in configs]


class _Counting(PrecompiledTemplates):
    loaded: list[str]

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        super().load_bytecode(bucket)
        if bucket.code is not None:
            self.loaded.append(bucket.key)


def test_precompiled_templates_render_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert compile_templates(tmp_path) == TEMPLATES
    assert len(list(tmp_path.glob("*.jinja2"))) == len(TEMPLATES)
    precompiled = _Counting(tmp_path)
    precompiled.loaded = []
    from_bytecode = _rendered(monkeypatch, make_environment(bytecode=precompiled))
    assert len(precompiled.loaded) == len(TEMPLATES)  # every template came from its bytecode
    assert from_bytecode == _rendered(monkeypatch, make_environment())
    before = sorted(path.read_bytes() for path in tmp_path.glob("*.jinja2"))
    compile_templates(tmp_path)  # deterministic, and nothing left over
    assert sorted(path.read_bytes() for path in tmp_path.glob("*.jinja2")) == before


def test_bytecode_of_another_source_is_not_used(tmp_path: Path) -> None:
    compile_templates(tmp_path)
    changed = jinja2.DictLoader({"env.j2": "changed {{ 1 + 1 }}\n"})
    env = make_environment(loader=changed, bytecode=PrecompiledTemplates(tmp_path))
    assert env.get_template("env.j2").render() == "changed 2\n"


def test_run_time_writes_no_bytecode(tmp_path: Path) -> None:
    env = make_environment(bytecode=PrecompiledTemplates(tmp_path / "compiled"))
    env.get_template("env.j2")
    assert not (tmp_path / "compiled").exists()


def test_the_key_holds_the_template_name_and_not_its_path(tmp_path: Path) -> None:
    precompiled = PrecompiledTemplates(tmp_path)
    assert precompiled.get_cache_key("env.j2", "/a/env.j2") == precompiled.get_cache_key(
        "env.j2", "/b/env.j2"
    )
    assert precompiled.get_cache_key("env.j2") != precompiled.get_cache_key("client-config.json.j2")
