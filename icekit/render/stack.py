"""Render every app of a stack's outputs: `{"<stack>/<app>/<file>": text}` for replace_stack_dir."""

from __future__ import annotations

from icekit.clientconfig.outputs import StackOutputs
from icekit.errors import UserInputError
from icekit.render.files import client_config_dir, render_client_config_files

__all__ = ["render_stack_outputs", "stack_of"]


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
                if outputs.auth_keys_masked:
                    why = (
                        "is masked as [secret]: run `pulumi stack output --json --show-secrets` to render "
                        "the auth key"
                    )
                else:
                    why = (
                        "is missing, although the app's callback has auth on: the outputs do not carry "
                        "its key (are they the full `pulumi stack output --json --show-secrets` of an "
                        "icekit stack?)"
                    )
                raise UserInputError(
                    f"{why}, or render without --include-secrets",
                    file=file,
                    key_path=f"callbackAuthKeys.{app}",
                )
        base = client_config_dir(config)
        try:
            rendered = render_client_config_files(config, auth_key)
        except UserInputError as exc:
            raise UserInputError(exc.message, file=file, key_path=exc.key_path) from None
        for name, text in rendered.items():
            files[str(base / name)] = text
    return files


def stack_of(outputs: StackOutputs, *, file: str | None = None) -> str:
    """The one stack all client configurations belong to (one `pulumi stack output` is one stack).

    Mixed stacks are refused: icekit replaces `DIR/<stack>/` as a whole, from one stack's outputs.
    """
    first_app, first = min(outputs.client_configs.items())
    for app, config in sorted(outputs.client_configs.items()):
        if config.stack != first.stack:
            raise UserInputError(
                f"is {config.stack!r} but clientConfigs.{first_app}.stack is {first.stack!r}: "
                "the outputs of one stack name one stack",
                file=file,
                key_path=f"clientConfigs.{app}.stack",
            )
    return first.stack
