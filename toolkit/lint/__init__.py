"""``toolkit check``: CI checks on gettext catalogs (see docs/check.md).

Public API::

    from toolkit.lint import check_paths, load_check_config, RULES, Finding, Severity
    report = check_paths(["locales/"], load_check_config())
    for finding in report.findings: ...

The PO reader it uses is :mod:`toolkit.po`.
"""

from toolkit.lint import checks as _checks  # noqa: F401  (registers the rules)
from toolkit.lint.config import CheckConfig, load_check_config
from toolkit.lint.engine import FileResult, Report, check_file, check_paths
from toolkit.lint.model import Finding, Severity
from toolkit.lint.registry import RULES, Rule

__all__ = [
    "CheckConfig", "FileResult", "Finding", "RULES", "Report", "Rule",
    "Severity", "check_file", "check_paths", "load_check_config",
]
