"""Render client configuration files (jinja2) and write file sets atomically. Never imports pulumi."""

from __future__ import annotations

from icekit.render.atomic import replace_tree, write_files_atomically
from icekit.render.files import (
    CLIENT_CONFIG_FILES,
    client_config_dir,
    render_client_config_files,
    render_dotenv,
    render_python_snippet,
)
from icekit.render.stackdir import replace_stack_dir

__all__ = [
    "CLIENT_CONFIG_FILES",
    "client_config_dir",
    "render_client_config_files",
    "render_dotenv",
    "render_python_snippet",
    "replace_stack_dir",
    "replace_tree",
    "write_files_atomically",
]
