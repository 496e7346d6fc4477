"""Output formats of ``toolkit check``, one class per format, chosen by name from a registry.

Formatters depend only on :mod:`toolkit.lint.model` and plain data (:class:`RunInfo`), so a new
format is one module with a ``@register("name")`` class and no change elsewhere.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from toolkit.i18n import Message
from toolkit.lint.model import Finding

__all__ = ["Formatter", "RunInfo", "RuleInfo", "FORMATTERS", "register", "get_formatter"]


@dataclass(frozen=True)
class RuleInfo:
    code: str
    name: str
    description: str
    severity: str


@dataclass(frozen=True)
class RunInfo:
    """What a formatter may say besides the findings."""

    files: list[str] = field(default_factory=list)
    entries: int = 0
    baselined: int = 0
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    color: bool = False
    version: str = ""
    fail_on: str = "error"  # the lowest severity that fails the run (JUnit failures)


class Formatter:
    """Base class: ``format`` returns the whole output as one string."""

    name = ""

    def format(self, findings: list[Finding], info: RunInfo) -> str:  # pragma: no cover
        raise NotImplementedError


FORMATTERS: dict[str, type[Formatter]] = {}


def register(name: str) -> Callable[[type[Formatter]], type[Formatter]]:
    def deco(cls: type[Formatter]) -> type[Formatter]:
        cls.name = name
        FORMATTERS[name] = cls
        return cls

    return deco


def get_formatter(name: str) -> Formatter:
    """The formatter called *name* (KeyError with a :class:`Message` listing the known ones)."""
    _load(name)
    try:
        return FORMATTERS[name]()
    except KeyError:
        raise KeyError(Message("unknown format {format!r}; use one of {formats}", format=name,
                               formats=", ".join(sorted(FORMATTERS)))) from None


#: The formatter modules; each registers the format of its own name.
_MODULES = ("github", "json", "junit", "sarif", "text")


def _load(name: str) -> None:
    """Import the module of format *name* only (a run needs one; junit's XML library costs
    start-up), or every module when *name* is none of them, so the error lists them all."""
    for module in (name,) if name in _MODULES else _MODULES:
        importlib.import_module(f"{__name__}.{module}")
