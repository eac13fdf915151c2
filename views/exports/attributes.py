"""Typed attribute declarations and the flattening rules the XML exports (GraphML, GEXF) share.

XML graph formats allow one scalar per attribute, declared once with a type. The rules:

- ``bool`` -> ``boolean``; ``int`` -> ``long``; ``float`` (or ints mixed with floats) ->
  ``double``; ``str`` -> ``string``.
- A **list** is written as JSON text (``["NL DOET", "NLDoet"]``) under the name
  ``<name>__lijst``, declared ``string``. :func:`restore_lists` turns such attributes back into
  lists, so a file read with networkx can be restored exactly.
- An attribute whose values have different types elsewhere is declared ``string`` and written
  as text.
- Control characters that XML 1.0 cannot carry are replaced by U+FFFD, and ``\r\n`` or
  ``\r`` by ``\n`` (:func:`xml_text`).
- Names and ids that are not XML name tokens (GraphML demands ``NMTOKEN``) are encoded the way
  XML tools do it: each offending character becomes ``_xHHHH_`` (a literal ``_x`` is encoded
  too), see :func:`xml_token` and :func:`from_xml_token`. The project's own ids never need it.

>>> specs = attribute_specs([{"naam": "A", "jaar": 2010, "synoniemen": ["a", "b"]}])
>>> [(s.name, s.key, s.xml_type) for s in specs]
[('naam', 'naam', 'string'), ('jaar', 'jaar', 'long'), ('synoniemen', 'synoniemen__lijst', 'string')]
>>> specs[2].text(["a", "b"])
'["a", "b"]'
>>> restore_lists({"synoniemen__lijst": '["a", "b"]', "naam": "A"})
{'synoniemen': ['a', 'b'], 'naam': 'A'}
>>> xml_token("organisatie:club de <b>"), from_xml_token(xml_token("organisatie:club de <b>"))
('organisatie:club_x0020_de_x0020__x003C_b_x003E_', 'organisatie:club de <b>')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

LIST_SUFFIX = "__lijst"

#: Attributes shown first (identity and provenance), the rest follow alphabetically.
LEADING = ("kind", "type", "naam", "bron", "bron_type", "jaar")

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NAME_CHAR = re.compile(r"[\w.\-:\u00B7\u0300-\u036F\u203F-\u2040]")
_ENCODED = re.compile(r"_x([0-9A-F]{4,6})_")


def xml_text(text: str) -> str:
    """Text XML 1.0 can carry: characters it forbids (control codes) become U+FFFD, and line
    ends become ``\n`` (a parser turns a raw ``\r`` into ``\n`` anyway; now the file says so)."""
    return _XML_ILLEGAL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def xml_token(text: str) -> str:
    """``text`` as an XML name token (letters, digits, ``. - _ :``), reversibly encoded."""
    out = []
    for index, char in enumerate(text):
        literal_escape = char == "_" and text[index + 1 : index + 2] == "x"
        if literal_escape or not _NAME_CHAR.fullmatch(char):
            out.append(f"_x{ord(char):04X}_")
        else:
            out.append(char)
    return "".join(out) or "_x0000_"


def from_xml_token(token: str) -> str:
    """Inverse of :func:`xml_token`."""
    if token == "_x0000_":
        return ""
    return _ENCODED.sub(lambda m: chr(int(m.group(1), 16)), token)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list | tuple):
        return "list"
    return "string"


@dataclass(frozen=True)
class AttributeSpec:
    """One declared attribute: its graph name, the name written to the file, and its XML type."""

    name: str
    key: str
    xml_type: str
    is_list: bool = False

    def text(self, value: Any) -> str:
        """The value as the file's text, following the module's rules."""
        if isinstance(value, list | tuple):
            return xml_text(json.dumps(list(value), ensure_ascii=False))
        if isinstance(value, bool):
            return "true" if value else "false"
        if self.xml_type == "double":
            return repr(float(value))
        return xml_text(str(value))


def _order(name: str) -> tuple[int, str]:
    return (LEADING.index(name), "") if name in LEADING else (len(LEADING), name)


def attribute_specs(items: Iterable[Mapping[str, Any]]) -> list[AttributeSpec]:
    """Declarations for every attribute that occurs in ``items``, in a stable order."""
    seen: dict[str, set[str]] = {}
    for attrs in items:
        for name, value in attrs.items():
            seen.setdefault(name, set()).add(_type_name(value))
    specs = []
    for name in sorted(seen, key=_order):
        types = seen[name]
        if types == {"list"}:
            specs.append(AttributeSpec(name, xml_token(name + LIST_SUFFIX), "string", True))
            continue
        if len(types) == 1:
            xml_type = types.pop()
        elif types == {"long", "double"}:
            xml_type = "double"
        else:
            xml_type = "string"
        specs.append(AttributeSpec(name, xml_token(name), xml_type))
    return specs


def restore_lists(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Read side of the rules: names decoded, ``x__lijst`` JSON text becomes the list ``x``."""
    restored: dict[str, Any] = {}
    for token, value in attrs.items():
        name = from_xml_token(token)
        if name.endswith(LIST_SUFFIX) and isinstance(value, str):
            restored[name.removesuffix(LIST_SUFFIX)] = json.loads(value)
        else:
            restored[name] = value
    return restored
