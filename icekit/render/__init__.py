"""Render client configuration files (jinja2) and write file sets atomically. Never imports pulumi.

Every name is imported from its home on first use (icekit.lazy): writing files atomically
(icekit.render.atomic) imports neither jinja2 nor the client configuration models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from icekit.lazy import lazy_attributes

if TYPE_CHECKING:
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

if not TYPE_CHECKING:  # mypy reads the imports above; at run time each is imported on first use
    __getattr__, __dir__ = lazy_attributes(__name__)
