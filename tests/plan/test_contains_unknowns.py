"""icekit.plan.runtime.contains_unknowns answers as the SDK's `rpc.contains_unknowns` does, leaves no cyclic
garbage, and is swapped in only while a plan runs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pulumi
import pytest
from pulumi.output import Unknown
from pulumi.runtime import rpc

from icekit.plan import run_plan
from icekit.plan.runtime import contains_unknowns
from tests.plan.tiny_program import main as tiny_main

SDK_CONTAINS_UNKNOWNS = rpc.contains_unknowns


def _values() -> Iterator[Any]:
    unknown = Unknown()
    shared: list[Any] = [1, "a"]
    looped: list[Any] = [0]
    looped.append(looped)
    looped_unknown: dict[str, Any] = {"a": 1}
    looped_unknown["self"] = looped_unknown
    looped_unknown["z"] = [unknown]
    yield from (None, 0, 1.5, "", "text", True, b"bytes", (), [], {})
    yield from (unknown, [unknown], {"a": unknown}, (unknown,), {unknown}, {"a": (unknown,)})
    yield {"a": {"b": [1, {"c": [None, {"d": unknown}]}]}}
    yield {"a": {"b": [1, {"c": [None, {"d": "known"}]}]}}
    yield [shared, shared, {"again": shared}]
    yield [unknown, unknown, {"u": unknown}]
    yield [[unknown], [unknown]]
    yield looped
    yield looped_unknown
    yield pulumi.Output.from_input(1)
    yield [pulumi.Output.from_input({"a": 1}), {"out": pulumi.Output.secret("s")}]
    yield {"k": [{}, [], [[[[unknown]]]]]}
    yield [0, 0, 0, unknown]  # small ints share one id: skipped as seen, then the Unknown still counts


@pytest.mark.parametrize("value", list(_values()))
def test_answers_as_the_sdk_does(value: Any) -> None:
    assert contains_unknowns(value) is SDK_CONTAINS_UNKNOWNS(value)


def test_both_find_unknowns_where_there_are_some() -> None:
    answers = [contains_unknowns(value) for value in _values()]
    assert True in answers and False in answers


def _cyclic_garbage_of(function: Any, value: Any) -> int:
    gc.collect()
    gc.disable()
    try:
        function(value)
        return gc.collect()
    finally:
        gc.enable()


def test_leaves_no_cyclic_garbage_where_the_sdk_does() -> None:
    value = {"a": [1, {"b": Unknown()}], "c": [2, 3]}
    assert _cyclic_garbage_of(SDK_CONTAINS_UNKNOWNS, value) > 0
    assert _cyclic_garbage_of(contains_unknowns, value) == 0


def test_swapped_in_only_while_a_plan_runs(project: Path) -> None:
    seen: list[Any] = []

    def program() -> None:
        seen.append(rpc.contains_unknowns)
        tiny_main()

    run_plan("dev", project, program=program)
    assert seen == [contains_unknowns]
    assert rpc.contains_unknowns is SDK_CONTAINS_UNKNOWNS
