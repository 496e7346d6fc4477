"""``github``: GitHub Actions workflow commands (``::error file=...,line=...::message``), which
show as annotations on the pull request's diff."""

from __future__ import annotations

from toolkit.lint.formatters import Formatter, RunInfo, register
from toolkit.lint.model import Finding

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


@register("github")
class GithubFormatter(Formatter):
    def format(self, findings: list[Finding], info: RunInfo) -> str:
        lines = []
        for f in findings:
            props = [f"file={_prop(f.path)}"]
            if f.line:
                props += [f"line={f.line}", f"col={f.column}"]
            props.append(f"title={_prop(f'{f.code} {f.rule}'.strip())}")
            msg = f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
            lines.append(f"::{_LEVEL[f.severity.value]} {','.join(props)}::{_data(msg)}")
        return "\n".join(lines)
