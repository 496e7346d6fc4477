"""``json``: every finding as an object, plus a summary, for scripts."""

from __future__ import annotations

import json

from toolkit.lint.formatters import Formatter, RunInfo, register
from toolkit.lint.model import Finding


@register("json")
class JsonFormatter(Formatter):
    def format(self, findings: list[Finding], info: RunInfo) -> str:
        data = {
            "version": 1,
            "tool": {"name": "toolkit check", "version": info.version},
            "summary": {
                "files": len(info.files),
                "entries": info.entries,
                "findings": len(findings),
                "baselined": info.baselined,
                **{s: sum(1 for f in findings if f.severity.value == s)
                   for s in ("error", "warning", "info")},
            },
            "findings": [f.to_dict() | {"fingerprint": f.fingerprint} for f in findings],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
