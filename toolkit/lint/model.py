"""The checker's values: a finding and its severity. No I/O, no rules, no formatting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Severity", "Finding"]


class Severity(StrEnum):
    """How bad a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Parse a user-given severity name (raises ValueError with the choices)."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r}; choose from info, warning, error") from None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
# "at line 126", "in locales/ru/x.po:126": where another entry is, which any edit moves
_LINE_REF = re.compile(r"\bline \d+|(?:(?<=\.po)|(?<=\.pot)):\d+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one place.

    ``line`` is the 1-based line of the offending entry (0: the file or locale as a whole);
    ``msgctxt``/``msgid`` name the entry when there is one, so a finding survives line shifts
    (the baseline fingerprint uses them, not the line). ``path`` is as shown (relative to the
    current directory); ``project_path`` is relative to the project root (the config file's
    folder), so fingerprints do not depend on where the check was run from.
    """

    code: str
    severity: Severity
    path: str
    line: int
    message: str
    column: int = 1
    msgid: str | None = None
    msgctxt: str | None = None
    suggestion: str | None = None
    rule: str = ""
    project_path: str | None = None

    @property
    def fingerprint(self) -> str:
        """Stable identity across unrelated edits and working directories: code, path from
        the project root, entry and message with its line references taken out."""
        key = "\x1f".join((self.code, self.project_path or self.path, self.msgctxt or "\x00",
                           self.msgid if self.msgid is not None else "\x00",
                           _LINE_REF.sub("", self.message)))
        import hashlib  # here: OpenSSL's set-up is ~3 ms of every start-up, few runs need it

        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready dict (the ``json`` output format)."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "msgctxt": self.msgctxt,
            "msgid": self.msgid,
            "message": self.message,
            "suggestion": self.suggestion,
        }
