"""Human output: findings grouped by file, a summary line (in the user's language); colours
only on a terminal."""

from __future__ import annotations

from itertools import groupby

from toolkit.i18n import N_, PluralMessage, _, columns, localized, ngettext, padded
from toolkit.lint.formatters import Formatter, RunInfo, register
from toolkit.lint.model import Finding, Severity

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
# the severities as people read them (JSON, SARIF and baselines keep the values)
_SEVERITY_NAMES = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning"),
                   Severity.INFO: N_("info")}


def severity_labels() -> tuple[dict[Severity, str], int]:
    """Each severity's name in the user's language, padded to one width in terminal columns
    (a Chinese character takes two) so the columns after it line up; and that width."""
    labels = padded([_(name) for name in _SEVERITY_NAMES.values()])
    return dict(zip(_SEVERITY_NAMES, labels, strict=True)), columns(labels[0])


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
        labels, width = severity_labels() if findings else ({}, 0)
        blank = " " * width
        for path, group in groupby(findings, key=lambda f: f.path):
            out.append(paint(path, _BOLD))
            for f in group:
                where = f"{f.line}:{f.column}" if f.line else "-"
                sev = paint(labels[f.severity], _COLOURS[f.severity.value])
                # the finding in the user's language (JSON, SARIF and baselines keep English)
                out.append(f"  {where:>8}  {sev}  {f.code}  {localized(f.message)}"
                           + paint(_entry_label(f), _DIM))
                if f.suggestion:
                    out.append(f"  {'':>8}  {blank}  {'':5}  -> {localized(f.suggestion)}")
            out.append("")
        counts = {s: sum(1 for f in findings if f.severity.value == s)
                  for s in ("error", "warning", "info")}
        files_with = len({f.path for f in findings})
        parts = [ngettext("{n} error", "{n} errors", counts["error"]),
                 ngettext("{n} warning", "{n} warnings", counts["warning"]),
                 ngettext("{n} info", "{n} info", counts["info"])]
        parts = [p.format(n=n) for p, n in zip(parts, counts.values(), strict=True)]
        summary = _("{counts} in {with_findings} of {files} file(s) "
                    "({entries} entries checked)").format(
            counts=", ".join(parts), with_findings=files_with, files=len(info.files),
            entries=info.entries)
        if info.baselined:
            summary = localized(PluralMessage(
                "{summary}; {n} known finding(s) hidden by the baseline",
                "{summary}; {n} known findings hidden by the baseline", info.baselined,
                summary=summary, n=info.baselined)) or summary
        out.append(paint(summary, _BOLD) if findings else summary)
        return "\n".join(out)
