"""`icekit init`: a team's own Pulumi project that depends on the installed icekit (not a copy of it).

`project_files(options)` is the whole file set (relative path -> text), rendered from the jinja2 templates
in templates/ and the CrossGuard pack of this repository (icekit.scaffold.files); icekit.cli.init writes it.
"""

from __future__ import annotations

from icekit.scaffold.project import ScaffoldOptions, project_files

__all__ = ["ScaffoldOptions", "project_files"]
