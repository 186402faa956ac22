"""What a plan says besides its resources: which other stacks share its account and region, and, for an MNS
callback, the authorisation icekit cannot provision (docs/ice-facts.md, section 8)."""

from __future__ import annotations

from icekit.project import StackLocation
from icekit.stack import StackDeclaration
from icekit.stack.sections import MnsCallback

__all__ = ["plan_notes"]


def _sharing_note(location: StackLocation, declaration: StackDeclaration, sharing: list[str]) -> str:
    others = ", ".join(f"{name} ({location.project.stack_label(name)})" for name in sharing)
    return (
        f"stacks sharing account {declaration.account_id} and region {declaration.region} with "
        f"{location.name}: {others}. They share its ICE event callback (one per account and region) and its "
        f"RAM names; check them together: icekit check {' '.join([location.name, *sharing])}"
    )


def _mns_note(name: str, callback: MnsCallback) -> str:
    return (
        f"MNS callback {name!r} (icekit:callbacks.{name}): ICE must be authorised to write to MNS before "
        f"events reach queue {callback.queue_name}. icekit cannot provision that: the official documentation "
        "makes it a console step (grant MNS access permissions to ICE), naming no role or policy icekit "
        "could create (docs/ice-facts.md, section 8). Until an administrator grants it, ICE drops each "
        "message after three failed writes. icekit provisions the queue"
    )


def plan_notes(location: StackLocation, declaration: StackDeclaration, sharing: list[str]) -> list[str]:
    notes = [_sharing_note(location, declaration, sharing)] if sharing else []
    for name, callback in declaration.callbacks.items():
        if isinstance(callback, MnsCallback):
            note = _mns_note(name, callback)
            if declaration.event_callback == name:
                note += " and the region's event callback that names it"
            notes.append(note + ".")
    return notes
