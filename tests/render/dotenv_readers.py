"""Two independent readers of a rendered `.env`: python-dotenv's rules and a real `source` in bash.

`read_like_python_dotenv` follows python-dotenv's parser (0.20-1.x, `dotenv/parser.py`: the value regexes and
escape sets below are copied from it) and its `${NAME}` expansion, which applies whatever the quotes
(`dotenv/variables.py`); an expansion is reported as an error, since it would change the value.
"""

from __future__ import annotations

import codecs
import re
import shutil
import subprocess
from pathlib import Path

__all__ = ["BASH", "read_like_python_dotenv", "source_in_bash"]

BASH = shutil.which("bash")

_KEY = re.compile(r"(?:export[^\S\r\n]+)?([^=\#\s]+)=")
_SINGLE = re.compile(r"'((?:\\'|[^'])*)'")
_DOUBLE = re.compile(r'"((?:\\"|[^"])*)"')
_UNQUOTED = re.compile(r"([^\r\n]*)")
_END = re.compile(r"[^\S\r\n]*(?:#[^\r\n]*)?(?:\r\n|\n|\r|$)")
_SINGLE_ESCAPES = re.compile(r"\\[\\']")
_DOUBLE_ESCAPES = re.compile(r"\\[\\'\"abfnrtv]")
_VARIABLE = re.compile(r"\$\{[^\}:]*(?::-[^\}]*)?\}")


def _decode(escapes: re.Pattern[str], text: str) -> str:
    return escapes.sub(lambda m: codecs.decode(m.group(0), "unicode-escape"), text)


def read_like_python_dotenv(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        blank = re.compile(r"\s*").match(text, pos)
        assert blank is not None
        pos = blank.end()
        if pos >= len(text):
            break
        if text[pos] == "#":
            pos = text.find("\n", pos) + 1 or len(text)
            continue
        key = _KEY.match(text, pos)
        assert key is not None, f"no KEY= at {text[pos : pos + 40]!r}"
        pos = key.end()
        if text.startswith("'", pos):
            match, escapes = _SINGLE.match(text, pos), _SINGLE_ESCAPES
        elif text.startswith('"', pos):
            match, escapes = _DOUBLE.match(text, pos), _DOUBLE_ESCAPES
        else:
            match, escapes = _UNQUOTED.match(text, pos), None
        assert match is not None, f"unterminated value of {key.group(1)}"
        raw = match.group(1)
        value = _decode(escapes, raw) if escapes else raw.strip()
        assert not _VARIABLE.search(value), f"python-dotenv would expand a variable in {key.group(1)}"
        values[key.group(1)] = value
        end = _END.match(text, match.end())
        assert end is not None, f"junk after the value of {key.group(1)}"
        pos = end.end()
    return values


def source_in_bash(env_file: Path, keys: list[str]) -> dict[str, str]:
    """`source` the file in a clean bash and print the keys' values NUL-separated (stderr must stay empty)."""
    assert BASH is not None
    script = 'set -e; source "$1"; shift; for k in "$@"; do printf "%s\\0" "${!k}"; done'
    done = subprocess.run(
        [BASH, "--noprofile", "--norc", "-c", script, "bash", str(env_file), *keys],
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
        check=False,
    )
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    return dict(zip(keys, done.stdout.decode().split("\0")[:-1], strict=True))
