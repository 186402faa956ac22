"""The one jinja2 environment of the client configuration files, and their bytecode compiled when the
environment is made.

Compiling a template (lex, parse, generate Python, compile) costs `icekit render` more than rendering it,
every run. `make env` runs `python -m icekit.render.templates`, which writes each template's compiled code
into icekit/render/compiled/ as Python's bytecode is written for modules; at run time the environment reads
it back and writes nothing. What jinja2 reads is checked against the template: its source's digest, jinja2's
and Python's bytecode versions, and (in the key) the environment's options, so a changed template, a
changed option or another interpreter compiles the template as before. Without the directory (an installed
wheel) each template is compiled when first rendered, only the ones a run renders.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from icekit.render.dotenv import dotenv_quote

__all__ = ["COMPILED_DIR", "PrecompiledTemplates", "compile_templates", "environment", "make_environment"]

COMPILED_DIR = Path(__file__).with_name("compiled")

# Every option that changes what a template compiles to is part of the key of its bytecode.
_OPTIONS: dict[str, Any] = {"autoescape": False, "keep_trailing_newline": True, "trim_blocks": False}


def _py(value: Any) -> str:
    """A Python literal; repr of str/int/None/tuple/dict is deterministic for the same value."""
    return repr(value)


class PrecompiledTemplates(jinja2.BytecodeCache):
    """Templates' compiled code in `directory`, keyed by template name and environment options (not by
    path: the tree may move). Written only by `compile_templates` (`writable=True`)."""

    def __init__(self, directory: Path, *, writable: bool = False) -> None:
        self.directory = directory
        self.writable = writable

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        options = repr(sorted(_OPTIONS.items()))
        return hashlib.sha256(f"{jinja2.__version__}|{options}|{name}".encode()).hexdigest()

    def _path(self, bucket: Bucket) -> Path:
        return self.directory / f"{bucket.key}.jinja2"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        bucket.bytecode_from_string(data)  # resets the bucket when the source or versions differ

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not self.writable:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(bucket.bytecode_to_string())
        os.replace(temporary, self._path(bucket))


def make_environment(
    loader: jinja2.BaseLoader | None = None, bytecode: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    """The environment of the client configuration templates (package data `icekit/templates`)."""
    env = jinja2.Environment(
        loader=loader or jinja2.PackageLoader("icekit", "templates"),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=bytecode,
        **_OPTIONS,
    )
    env.filters["py"] = _py
    env.filters["dotenv"] = dotenv_quote
    return env


@cache
def environment() -> jinja2.Environment:
    """The one environment renders use: it reads the bytecode `compile_templates` wrote, if any."""
    return make_environment(bytecode=PrecompiledTemplates(COMPILED_DIR))


def compile_templates(directory: Path = COMPILED_DIR) -> list[str]:
    """Compile every template into `directory`; the names compiled."""
    for stale in directory.glob("*.jinja2"):  # a removed template's, or another jinja2's
        stale.unlink()
    env = make_environment(bytecode=PrecompiledTemplates(directory, writable=True))
    names = sorted(env.list_templates())
    for name in names:
        env.get_template(name)
    return names


if __name__ == "__main__":
    compile_templates()
