"""Reading and setting fields of a catalog header (the ``msgid ""`` entry's msgstr)."""

from __future__ import annotations

__all__ = ["header_fields", "set_header_field"]


def header_fields(msgstr: str) -> dict[str, str]:
    """``Name: value`` lines of a header msgstr (a repeated name: the last one)."""
    fields: dict[str, str] = {}
    for line in msgstr.split("\n"):
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields[name.strip()] = value.strip()
    return fields


def set_header_field(msgstr: str, name: str, value: str) -> str:
    """*msgstr* with field *name* set to *value*: replaced in place when present (the other
    lines and their order untouched), else appended."""
    lines = msgstr.split("\n")
    for i, line in enumerate(lines):
        if line.partition(":")[0].strip() == name:
            lines[i] = f"{name}: {value}"
            return "\n".join(lines)
    if msgstr and not msgstr.endswith("\n"):
        msgstr += "\n"
    return f"{msgstr}{name}: {value}\n"
