"""Which uploaded parts a CompleteMultipartUpload request joins, checked as OSS checks them.

The body lists `<Part><PartNumber>n</PartNumber><ETag>"…"</ETag></Part>` in ascending order; each must be a
part uploaded with that ETag; every part but the last at least 100 KiB. With `x-oss-complete-all: yes` and no
body, every uploaded part is joined in number order.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.etree import ElementTree

from icekit.sandbox.object_store import StoredPart
from icekit.sandbox.refusal import Refusal

__all__ = ["MIN_PART_BYTES", "chosen_parts"]

MIN_PART_BYTES = 100 * 1024


def _listed(body: bytes) -> list[tuple[int, str]]:
    try:
        root = ElementTree.fromstring(body)
        listed = [
            (int(part.findtext("PartNumber") or ""), (part.findtext("ETag") or "").strip().strip('"').upper())
            for part in root.iter("Part")
        ]
    except (ElementTree.ParseError, ValueError):
        raise Refusal("MalformedXML", "The XML you provided was not well-formed.") from None
    if root.tag != "CompleteMultipartUpload" or not listed:
        raise Refusal("MalformedXML", "CompleteMultipartUpload must list at least one Part.")
    return listed


def chosen_parts(body: bytes, uploaded: Mapping[int, StoredPart], *, complete_all: bool) -> list[StoredPart]:
    if complete_all and not body:
        parts = [uploaded[number] for number in sorted(uploaded)]
        if not parts:
            raise Refusal("InvalidPart", "No part has been uploaded.")
    else:
        listed = _listed(body)
        numbers = [number for number, _ in listed]
        if numbers != sorted(set(numbers)):
            raise Refusal("InvalidPartOrder", "The list of parts was not in ascending order.")
        parts = []
        for number, etag in listed:
            part = uploaded.get(number)
            if part is None or part.etag != etag:
                raise Refusal("InvalidPart", f"Part {number} was not uploaded, or its ETag differs.")
            parts.append(part)
    if any(part.size < MIN_PART_BYTES for part in parts[:-1]):
        raise Refusal("EntityTooSmall", f"Every part but the last must be at least {MIN_PART_BYTES} bytes.")
    return parts
