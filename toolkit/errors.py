"""Exception hierarchy: the library raises these; only the CLI turns them into exit codes."""

from __future__ import annotations


class ToolkitError(Exception):
    """Base of every error the toolkit raises on purpose (bad input, missing model, ...).

    ``path`` and ``line`` locate the problem in a user file when known, so the CLI can print
    ``file:line: message`` without a traceback.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 more: list[ToolkitError] | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.more = more or []
        """Further problems of the same input found in the same pass (a glossary's other bad
        rows), printed one per line after this one so one run shows every one of them."""

    def __str__(self) -> str:
        return "\n".join([self._where() + self.message, *map(str, self.more)])

    def _where(self) -> str:
        if self.path:
            return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return ""

    def localized(self) -> str:
        """``file:line: message`` in the user's language (a :class:`toolkit.i18n.Message`
        translated now; str() stays English, e.g. for ``--json``)."""
        from toolkit.i18n import localized

        return "\n".join([self._where() + (localized(self.message) or ""),
                          *(e.localized() for e in self.more)])


class ConfigError(ToolkitError):
    """Bad configuration ([tool.toolkit] in pyproject.toml, environment, options)."""


class LanguageError(ToolkitError):
    """A language code the toolkit does not support or cannot parse."""


class GlossaryError(ToolkitError):
    """A glossary file that cannot be read, or a bad edit to one."""


class CatalogError(ToolkitError):
    """A gettext catalog that cannot be read or written."""


class ModelError(ToolkitError):
    """A translation package that is missing, invalid or cannot be loaded."""


class InputError(ToolkitError):
    """An input document that cannot be read or decoded."""


class OutputError(ToolkitError):
    """A file the toolkit must not or cannot write (exists, is the input, locked, read-only)."""
