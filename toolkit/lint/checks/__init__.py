"""The rule modules; importing this package registers every rule in ``RULES``."""

from toolkit.lint.checks import consistency, content, file, state, typography  # noqa: F401
