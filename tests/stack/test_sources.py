"""Every source of a declaration goes through one build with one set of messages: the stack file, the
runtime config as the CLI feeds a program, and the runtime config as the CLI hands it to CrossGuard."""

from __future__ import annotations

import contextvars
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime.config import set_all_config

from icekit.errors import UserInputError
from icekit.stack import StackFile, build_declaration, build_guardrails, runtime_config_of
from icekit.stack.runtime import runtime_source

from .conftest import STACKS


def _in_runtime(values: dict[str, str], secret_keys: list[str], call: Callable[[], Any]) -> Any:
    def body() -> Any:
        set_all_config(values, secret_keys)
        return call()

    return contextvars.copy_context().run(body)


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_file_and_runtime_sources_build_the_same_declaration(stack: str) -> None:
    stack_file = StackFile.read(STACKS / f"Pulumi.{stack}.yaml")
    feed = runtime_config_of(stack_file.values)
    from_runtime = _in_runtime(
        feed.values, feed.secret_keys, lambda: build_declaration(runtime_source(stack, file="x"))
    )
    # auth keys dump as the mask on both sides (the file's is ciphertext, the feed's a placeholder)
    assert from_runtime.model_dump(mode="json") == build_declaration(stack_file).model_dump(mode="json")
    guardrails = _in_runtime(
        feed.values, feed.secret_keys, lambda: build_guardrails(runtime_source(stack, file="x"))
    )
    declared = build_declaration(stack_file)
    assert (guardrails.guardrails, guardrails.suppressions) == (declared.guardrails, declared.suppressions)
    assert guardrails.environment == declared.environment and guardrails.region == declared.region


def _error(call: Callable[[], Any]) -> UserInputError:
    with pytest.raises(UserInputError) as caught:
        call()
    return caught.value


def test_one_set_of_messages(write_stack: Callable[..., Path], dev_document: dict[str, Any]) -> None:
    dev_document["config"]["icekit:guardrails"] = {"enforcement": {"RAM9": "disabled"}}
    path = write_stack(dev_document)
    from_file = _error(lambda: build_declaration(StackFile.read(path)))
    feed = runtime_config_of(StackFile.read(path).values)
    from_runtime = _error(
        lambda: _in_runtime(feed.values, [], lambda: build_declaration(runtime_source("dev", file=str(path))))
    )
    for_crossguard = _error(
        lambda: _in_runtime(feed.values, [], lambda: build_guardrails(runtime_source("dev", file=str(path))))
    )
    assert str(from_file) == str(from_runtime) == str(for_crossguard)
    assert from_file.key_path == "icekit:guardrails.enforcement"
    assert "'RAM9' is neither a rule id nor the start of one" in from_file.message


def test_the_guardrail_part_needs_nothing_else() -> None:
    values = {"icekit:environment": "prod", "icekit:suppressions": json.dumps([])}
    declared = _in_runtime(values, [], lambda: build_guardrails(runtime_source("dev", file="stack config")))
    assert declared.effective_environment == "prod" and declared.region is None
    named = _in_runtime({}, [], lambda: build_guardrails(runtime_source("team-staging", file="stack config")))
    assert named.environment is None and named.effective_environment == "staging"


def test_the_stack_file_is_parsed_once_for_values_and_lines() -> None:
    stack_file = StackFile.read(STACKS / "Pulumi.dev.yaml")
    text = (STACKS / "Pulumi.dev.yaml").read_text(encoding="utf-8").splitlines()
    line = stack_file.lines.line_of("icekit:apps[0].callback")
    assert line is not None and text[line - 1].strip().startswith("callback:")
    assert stack_file.lines.line_of("icekit:apps[0].nothing") == stack_file.lines.line_of("icekit:apps[0]")
    assert stack_file.lines.line_of("icekit:nothing") is None
