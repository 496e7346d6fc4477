"""``sarif``: SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDE viewers)."""

from __future__ import annotations

import json

from toolkit.lint.formatters import Formatter, RunInfo, register
from toolkit.lint.model import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


@register("sarif")
class SarifFormatter(Formatter):
    def format(self, findings: list[Finding], info: RunInfo) -> str:
        codes = sorted(set(info.rules) | {f.code for f in findings})
        index = {code: i for i, code in enumerate(codes)}
        rules = []
        for code in codes:
            r = info.rules.get(code)
            rules.append({
                "id": code,
                "name": r.name if r else code,
                "shortDescription": {"text": r.description if r else code},
                "defaultConfiguration": {"level": _LEVEL[r.severity] if r else "warning"},
            })
        results = []
        for f in findings:
            location: dict = {"artifactLocation": {"uri": f.path}}
            if f.line:
                location["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
            result = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _LEVEL[f.severity.value],
                "message": {"text": f.message + (f" (suggestion: {f.suggestion})"
                                                 if f.suggestion else "")},
                "locations": [{"physicalLocation": location}],
                "partialFingerprints": {"toolkitFinding/v1": f.fingerprint},
            }
            if f.msgid is not None:
                result["properties"] = {"msgid": f.msgid, "msgctxt": f.msgctxt}
            results.append(result)
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "toolkit check",
                    "version": info.version,
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        }
        return json.dumps(log, ensure_ascii=False, indent=2)
