"""Render every app of a stack's outputs: `{"<stack>/<app>/<file>": text}` for write_files_atomically."""

from __future__ import annotations

from icekit.clientconfig.outputs import StackOutputs
from icekit.errors import UserInputError
from icekit.render.files import client_config_dir, render_client_config_files

__all__ = ["render_stack_outputs"]


def render_stack_outputs(
    outputs: StackOutputs, *, include_secrets: bool = False, file: str | None = None
) -> dict[str, str]:
    """All files of all apps. With `include_secrets`, every app with an authenticated callback needs its auth
    key in clear in the outputs (`pulumi stack output --json --show-secrets`), else UserInputError."""
    files: dict[str, str] = {}
    for app, config in sorted(outputs.client_configs.items()):
        auth_key = None
        if include_secrets and config.callback is not None and config.callback.authEnabled:
            auth_key = outputs.auth_key_for(app)
            if auth_key is None:
                why = "masked as [secret]" if outputs.auth_keys_masked else "missing"
                raise UserInputError(
                    f"is {why}: run `pulumi stack output --json --show-secrets` to render the auth key, "
                    "or render without --include-secrets",
                    file=file,
                    key_path=f"callbackAuthKeys.{app}",
                )
        base = client_config_dir(config)
        for name, text in render_client_config_files(config, auth_key).items():
            files[str(base / name)] = text
    return files
