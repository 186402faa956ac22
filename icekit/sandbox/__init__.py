"""The sandbox: STS, ICE and OSS as the upload path uses them, served on loopback for the official SDKs.

Start with docs/sandbox-protocols.md (what each SDK sends, where that is in its source, which module checks
it). The service applications are `sts_app.sts_application`, `ice_app.ice_application` and
`oss_app.OssApplication`; `serving.start_server` runs one; `authorizer.Authorizer` is the question they ask.
The upload path joins them: ICE's upload actions (`ice_app.IceUploads`) hand out addresses and credentials,
the OSS decides those credentials by `upload_grants.UploadGrant` and reports finished objects to
`upload_completion.UploadCompletion`, which emits events through `event_delivery.EventDispatcher`.
The verb `icekit sandbox` (docs/sandbox.md) reads a stack from its plan (`stack_setup.sandbox_stack`), decides
with the stack's RAM documents (`ram_authorizer.RamAuthorizer`) and the apps' rules (`app_rules`), wires it
all (`runner.start_sandbox`) and runs it (`session.serve_until`).
"""

from __future__ import annotations

__all__: list[str] = []
