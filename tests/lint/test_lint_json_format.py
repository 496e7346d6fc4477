"""The json format writes what ``json.dumps(..., indent=2)`` writes, byte for byte (it encodes
the findings with the C encoder and lays them out itself)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.lint.formatters import RunInfo, get_formatter
from toolkit.lint.model import Finding, Severity

TEXT = st.text(st.sampled_from(list('aя中"\\\n\t\x00\u2028 {}[],:') + ["\U0001f600"]), max_size=12)
FINDINGS = st.lists(st.builds(
    Finding, st.sampled_from(["TK101", "TK204"]), st.sampled_from(list(Severity)), TEXT,
    st.integers(0, 10**6), TEXT, st.integers(1, 99), st.none() | TEXT, st.none() | TEXT,
    st.none() | TEXT, TEXT), max_size=5)


def _reference(findings: list[Finding], info: RunInfo) -> str:
    data = {
        "version": 1,
        "tool": {"name": "toolkit check", "version": info.version},
        "summary": {"files": len(info.files), "entries": info.entries,
                    "findings": len(findings), "baselined": info.baselined,
                    **{s: sum(1 for f in findings if f.severity.value == s)
                       for s in ("error", "warning", "info")}},
        "findings": [f.to_dict() | {"fingerprint": f.fingerprint} for f in findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


@settings(max_examples=200, deadline=None)
@given(FINDINGS, st.lists(TEXT, max_size=3), st.integers(0, 10**5))
def test_json_output_is_json_dumps_indented(findings, files, entries) -> None:
    info = RunInfo(files=files, entries=entries, baselined=0, rules={}, color=False,
                   version="1.0", fail_on="error")
    out = get_formatter("json").format(findings, info)
    assert out == _reference(findings, info)
    assert json.loads(out)["summary"]["findings"] == len(findings)
