"""``toolkit check``: CI checks on gettext catalogs (see docs/check.md).

Public API::

    from toolkit.lint import check_paths, load_check_config, RULES, Finding, Severity
    report = check_paths(["locales/"], load_check_config())
    for finding in report.findings: ...
"""

from toolkit.lint import checks as _checks  # noqa: F401  (registers the rules)
from toolkit.lint.config import CheckConfig, load_check_config
from toolkit.lint.engine import FileResult, Report, check_file, check_paths
from toolkit.lint.model import Finding, Severity
from toolkit.lint.po import PoEntry, PoFile, parse_po, read_po
from toolkit.lint.registry import RULES, Rule

__all__ = [
    "CheckConfig", "FileResult", "Finding", "PoEntry", "PoFile", "RULES", "Report", "Rule",
    "Severity", "check_file", "check_paths", "load_check_config", "parse_po", "read_po",
]
