"""Open311 answers as XML: the specification's root and item names, built with ElementTree."""

from __future__ import annotations

import re
import typing
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

__all__ = ["GROUPS", "to_xml"]

GROUPS: typing.Final = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
    "service_request_updates": "request_update",
    "endpoints": "endpoint",
    "formats": "format",
}
"""For each element that holds a list, the name of its items (FixMyStreet's group tags)."""

_DECLARATION: typing.Final = '<?xml version="1.0" encoding="utf-8"?>\n'

# Characters XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, newline
# and carriage return, lone surrogates, and U+FFFE/U+FFFF. They are replaced, never dropped
# silently into an invalid document.
_NOT_XML: typing.Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def to_xml(root: str, data: object) -> str:
    """Return ``data`` (JSON-ready: dicts, lists, text, numbers, booleans, None) as XML.

    A list is written as the element ``root`` (or the field that holds it) with one child per
    item, named after :data:`GROUPS`; a dict as one child per field, in order; None as an
    empty element; booleans as ``true``/``false``. ElementTree escapes the text.
    """
    element = ET.Element(root)
    _fill(element, root, data)
    ET.indent(element, space="  ")
    return _DECLARATION + ET.tostring(element, encoding="unicode") + "\n"


def _fill(element: ET.Element, name: str, data: object) -> None:
    if isinstance(data, Mapping):
        for key, value in data.items():
            _fill(ET.SubElement(element, str(key)), str(key), value)
    elif isinstance(data, Sequence) and not isinstance(data, str):
        item = GROUPS[name]
        for value in data:
            _fill(ET.SubElement(element, item), item, value)
    else:
        element.text = _scalar(data)


def _scalar(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return _NOT_XML.sub("\ufffd", str(value))
