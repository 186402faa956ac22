"""The templates are package data: found through importlib.resources, as they are in an installed wheel."""

from __future__ import annotations

from importlib import resources

from icekit.render import templates as render_templates


def test_every_template_is_package_data() -> None:
    templates = resources.files("icekit") / "templates"
    names = sorted(entry.name for entry in templates.iterdir() if entry.name.endswith(".j2"))
    assert names == [
        "build_client.py.j2",
        "client-config.json.j2",
        "env.j2",
        "upload_request.py.j2",
        "upload_request_own_bucket.py.j2",
    ]
    env = render_templates.environment()
    assert sorted(env.list_templates()) == names
