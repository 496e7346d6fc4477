"""Baseline files: the findings a project already had, so only new ones fail CI.

A baseline stores fingerprints (code, path, entry, message; not the line, so unrelated edits
do not invalidate it) with how many times each occurs. ``toolkit check --write-baseline F``
writes one; ``--baseline F`` hides up to that many matching findings.
"""

from __future__ import annotations

import json
import os
from collections import Counter

from toolkit.errors import ConfigError
from toolkit.fsutil import atomic_write_text
from toolkit.i18n import Message
from toolkit.lint.model import Finding

__all__ = ["load_baseline", "render_baseline", "write_baseline"]

VERSION = 1


def write_baseline(path: str | os.PathLike[str], findings: list[Finding]) -> int:
    """Write *findings* as a baseline at *path* (atomically); return how many."""
    atomic_write_text(path, render_baseline(findings))
    return len(findings)


def render_baseline(findings: list[Finding]) -> str:
    """The text of a baseline file holding *findings*. Paths are from the project root, as
    the fingerprints are: the file is committed, and written again from a subfolder or with
    absolute paths it is the same file (the path as shown changed every row)."""
    counts = Counter(f.fingerprint for f in findings)
    seen: set[str] = set()
    rows = []
    for f in sorted(findings, key=lambda f: (f.project_path or f.path, f.line, f.code)):
        if f.fingerprint in seen:
            continue
        seen.add(f.fingerprint)
        rows.append({"fingerprint": f.fingerprint, "count": counts[f.fingerprint],
                     "code": f.code, "path": f.project_path or f.path, "msgctxt": f.msgctxt,
                     "msgid": f.msgid, "message": f.message})
    data = {"version": VERSION, "tool": "toolkit check", "findings": rows}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def load_baseline(path: str | os.PathLike[str]) -> dict[str, int]:
    """Fingerprint -> accepted count, from a file written by :func:`write_baseline`."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise ConfigError(Message("baseline file not found (create it with --write-baseline)"),
                          path=str(path)) from None
    except json.JSONDecodeError as exc:  # file:line, as every bad input
        raise ConfigError(Message("baseline is not valid JSON: {error} (column {column})",
                                  error=exc.msg, column=exc.colno),
                          path=str(path), line=exc.lineno) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(Message("baseline is not valid JSON: {error}", error=str(exc)),
                          path=str(path)) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(
            data.get("findings"), list):
        raise ConfigError(Message("not a toolkit check baseline (version 1)"), path=str(path))
    out: dict[str, int] = {}
    for row in data["findings"]:
        try:
            out[str(row["fingerprint"])] = out.get(str(row["fingerprint"]), 0) + int(
                row.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(Message("malformed baseline row"), path=str(path)) from None
    return out
