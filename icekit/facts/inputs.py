"""icekit's own bounds on what it reads from users (stack files, JSON documents, policy files, stdin).

Not ICE's limits: these keep a hostile or broken input from exhausting memory, the stack or the CPU, so every
reader answers with a clean error in well under a second. Each is far above anything a real document needs
(docs/stack-config.md, "Bounds on input").
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_EXPANDED_VALUES",
    "MAX_EXTEND_DEPTH",
    "MAX_INPUT_BYTES",
    "MAX_INTEGER_DIGITS",
    "MAX_NESTING_DEPTH",
]

# A stack file, a client configuration, stack outputs, a policy file: the largest real ones are tens of KB.
MAX_INPUT_BYTES: Final = 8 * 1024 * 1024
# Nesting of arrays and objects (mappings and sequences in YAML), counted from the document's root. The
# deepest real document (a stack file: config > icekit:apps > [i] > fileTypes > video > extensions) is 6.
MAX_NESTING_DEPTH: Final = 64
# Values (scalars, lists, mappings) a stack file holds once its YAML aliases are expanded: a 200-app stack has
# about 10,000; a "billion laughs" file of 1 KB would have 10^9.
MAX_EXPANDED_VALUES: Final = 200_000
# Nesting inside UserData.Extend, a free object echoed back in callbacks (counted from Extend itself).
MAX_EXTEND_DEPTH: Final = 16
# Digits of an integer literal: 5 TB in bytes has 13 digits, an account id (a string) 16-20. Python refuses
# to convert more than 4300 digits with a bare ValueError; icekit refuses far earlier, in its own words.
MAX_INTEGER_DIGITS: Final = 40
