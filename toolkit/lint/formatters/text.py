"""Human output: findings grouped by file, a summary line; colours only on a terminal."""

from __future__ import annotations

from itertools import groupby

from toolkit.lint.formatters import Formatter, RunInfo, register
from toolkit.lint.model import Finding

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _entry_label(f: Finding) -> str:
    if f.msgid is None:
        return ""
    text = f.msgid.replace("\n", "\\n")
    if len(text) > 50:
        text = text[:47] + "..."
    ctx = f"[{f.msgctxt}] " if f.msgctxt else ""
    return f"  ({ctx}msgid {text!r})"


@register("text")
class TextFormatter(Formatter):
    def format(self, findings: list[Finding], info: RunInfo) -> str:
        c = info.color

        def paint(s: str, code: str) -> str:
            return f"{code}{s}{_RESET}" if c else s

        out: list[str] = []
        for path, group in groupby(findings, key=lambda f: f.path):
            out.append(paint(path, _BOLD))
            for f in group:
                where = f"{f.line}:{f.column}" if f.line else "-"
                sev = paint(f"{f.severity.value:<7}", _COLOURS[f.severity.value])
                out.append(f"  {where:>8}  {sev}  {f.code}  {f.message}"
                           + paint(_entry_label(f), _DIM))
                if f.suggestion:
                    out.append(f"  {'':>8}  {'':7}  {'':5}  -> {f.suggestion}")
            out.append("")
        counts = {s: sum(1 for f in findings if f.severity.value == s)
                  for s in ("error", "warning", "info")}
        files_with = len({f.path for f in findings})
        parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items()]
        summary = (f"{', '.join(parts)} in {files_with} of {len(info.files)} file(s) "
                   f"({info.entries} entries checked)")
        if info.baselined:
            summary += f"; {info.baselined} known finding(s) hidden by the baseline"
        out.append(paint(summary, _BOLD) if findings else summary)
        return "\n".join(out)
