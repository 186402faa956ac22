"""Render client configuration files (jinja2) and write file sets atomically. Never imports pulumi."""

from __future__ import annotations

from icekit.render.atomic import write_files_atomically
from icekit.render.files import (
    CLIENT_CONFIG_FILES,
    client_config_dir,
    render_client_config_files,
    render_dotenv,
    render_python_snippet,
)

__all__ = [
    "CLIENT_CONFIG_FILES",
    "client_config_dir",
    "render_client_config_files",
    "render_dotenv",
    "render_python_snippet",
    "write_files_atomically",
]
