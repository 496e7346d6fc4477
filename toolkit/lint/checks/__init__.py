"""The rule modules; importing this package registers every rule in ``RULES``."""

from toolkit.lint.checks import (  # noqa: F401
    consistency,
    content,
    file,
    glossary,
    state,
    typography,
)
