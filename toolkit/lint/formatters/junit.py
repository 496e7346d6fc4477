"""``junit``: JUnit XML (one test suite per file, one test case per finding, one passing case
for a clean file), for CI systems that show test reports. A finding fails its test case only
at or above ``--fail-on``, as it fails the run; below, it is a passing case with its message
in ``system-out``, so the report and the exit code agree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from toolkit.lint.formatters import Formatter, RunInfo, register
from toolkit.lint.model import Finding, Severity


@register("junit")
class JunitFormatter(Formatter):
    def format(self, findings: list[Finding], info: RunInfo) -> str:
        root = ET.Element("testsuites", name="toolkit check")
        by_path = {p: list(g) for p, g in groupby(findings, key=lambda f: f.path)}
        paths = list(dict.fromkeys([*info.files, *by_path]))
        total = failures = 0
        threshold = Severity.parse(info.fail_on).rank
        for path in paths:
            group = by_path.get(path, [])
            failing = sum(1 for f in group if f.severity.rank >= threshold)
            suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(len(group), 1)),
                                  failures=str(failing), errors="0", skipped="0")
            total += max(len(group), 1)
            failures += failing
            if not group:
                ET.SubElement(suite, "testcase", classname=path, name="toolkit check")
                continue
            for f in group:
                case = ET.SubElement(suite, "testcase", classname=path,
                                     name=f"{f.code} {f.rule} line {f.line}",
                                     file=path, line=str(f.line))
                body = f"{path}:{f.line}:{f.column}: {f.code} {f.message}"
                if f.msgctxt is not None:  # the same msgid in two contexts reads alike
                    body += f"\nmsgctxt: {f.msgctxt}"
                if f.msgid is not None:
                    body += f"\nmsgid: {f.msgid}"
                if f.suggestion:
                    body += f"\nsuggestion: {f.suggestion}"
                if f.severity.rank >= threshold:
                    fail = ET.SubElement(case, "failure", type=f.severity.value,
                                         message=f"{f.code}: {f.message}")
                    fail.text = body
                else:
                    ET.SubElement(case, "system-out").text = f"{f.severity.value}: {body}"
        root.set("tests", str(total))
        root.set("failures", str(failures))
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode")
