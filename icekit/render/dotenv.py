"""Quote a value for a `.env` file so that common dotenv readers (python-dotenv, compose) read it back."""

from __future__ import annotations

__all__ = ["dotenv_quote"]


def dotenv_quote(value: str) -> str:
    # Single quotes are literal in dotenv readers (no escapes, no ${} expansion): the safe default.
    if "'" not in value and "\n" not in value:
        return f"'{value}'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("$", "\\$")
    return f'"{escaped}"'
