"""Quote a value for a `.env` file so that `source` in bash and python-dotenv both read back the same text.

The two dialects agree only on a small common ground (python-dotenv 0.20-1.x `parser.py`, bash QUOTING):

- single quotes: bash takes everything literally; python-dotenv decodes `\\\\` and `\\'`. So a value
  without `'` and `\\` is safe single-quoted, newlines and `$` included.
- double quotes: both decode `\\\\` and `\\"`; but bash expands `$` and runs backticks, where python-dotenv
  keeps `\\$` and `` \\` `` as they are. So a value with `'` or `\\` is safe double-quoted only without `$`
  and backticks.
- python-dotenv expands `${NAME}` whatever the quotes, takes a `\\` before the closing quote for an
  escaped quote (its value regex is `(?:\\"|[^"])*`), and no environment holds a NUL character.

A value outside that common ground raises ValueError (the caller names where it came from): writing it in
either dialect would hand the other one a different value, or run a command when the file is sourced.
"""

from __future__ import annotations

__all__ = ["dotenv_quote"]


def dotenv_quote(value: str) -> str:
    if "\0" in value:
        raise ValueError("contains a NUL character, which no environment variable can hold")
    if "${" in value:
        raise ValueError("contains `${`, which dotenv readers expand as a variable even inside quotes")
    if value.endswith("\\"):
        raise ValueError("ends with a backslash, which dotenv readers take for an escaped closing quote")
    if "'" not in value and "\\" not in value:
        return f"'{value}'"
    if "$" not in value and "`" not in value:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    raise ValueError(
        "contains a single quote or a backslash together with `$` or a backtick: no quoting reads back "
        "the same in bash and in dotenv readers"
    )
