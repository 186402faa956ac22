"""The stack declaration: one model of the whole `icekit:` namespace (guardrail settings and suppressions
included), built from small sources by one build with one set of messages.

- model, parts: `model` (StackDeclaration, GuardrailDeclaration, AppDecl), `sections` (storage, callbacks,
  workflows), `guardrails` (GuardrailSettings, Suppression), `secret` (SecretValue), `references` (checks
  between sections), `naming` (the cloud names derived from stack and app names);
- sources: `stack_file` (StackFile: a stack file read and parsed once, values and line index), `runtime`
  (the Pulumi runtime config, as the CLI feeds a program or CrossGuard's analyzer; imports pulumi, so it is
  not imported here);
- the build: `build` (build_declaration, build_guardrails), `messages`, `keys`;
- for the Pulumi program: `program_input` (the offline plan's hand-off), `feed` (the config a stack file
  feeds a program, as the CLI would), `lines` (LineIndex).

Importing this package imports neither pulumi nor the rules.
"""

from __future__ import annotations

from icekit.stack.build import KNOWN_KEYS, build_declaration, build_guardrails, load_stack
from icekit.stack.feed import RuntimeConfig, runtime_config, runtime_config_of
from icekit.stack.guardrails import Enforcement, GuardrailSettings, Suppression, environment_from_stack_name
from icekit.stack.lines import LineIndex
from icekit.stack.model import AppDecl, Conditions, GuardrailDeclaration, StackDeclaration
from icekit.stack.program_input import ProgramInput, handed_to_program
from icekit.stack.secret import SecretValue
from icekit.stack.sections import (
    CallbackDecl,
    HttpCallback,
    MnsCallback,
    OwnBucket,
    StorageDecl,
    WorkflowDecl,
)
from icekit.stack.sources import ConfigSource, Source
from icekit.stack.stack_file import StackFile

__all__ = [
    "KNOWN_KEYS",
    "AppDecl",
    "CallbackDecl",
    "Conditions",
    "ConfigSource",
    "Enforcement",
    "GuardrailDeclaration",
    "GuardrailSettings",
    "HttpCallback",
    "LineIndex",
    "MnsCallback",
    "OwnBucket",
    "ProgramInput",
    "RuntimeConfig",
    "SecretValue",
    "Source",
    "StackDeclaration",
    "StackFile",
    "StorageDecl",
    "Suppression",
    "WorkflowDecl",
    "build_declaration",
    "build_guardrails",
    "environment_from_stack_name",
    "handed_to_program",
    "load_stack",
    "runtime_config",
    "runtime_config_of",
]
