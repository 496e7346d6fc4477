"""Rule registry: each rule is a small function registered with a code, name and severity.

Codes are grouped by family (``TK0xx`` file, ``TK1xx`` must-keep content, ``TK2xx``
typography, ``TK3xx`` translation state, ``TK4xx`` catalog consistency, ``TK5xx`` glossary).
The scope says what a rule receives:

- ``file``: ``func(ctx) -> Iterable[Hit]`` once per file (``ctx`` is a :class:`FileContext`).
- ``entry``: ``func(entry, ctx) -> hits`` for every live, non-header entry.
- ``pair``: ``func(source, translation, entry, ctx) -> hits`` for every translated form of a
  translated, non-fuzzy entry (each plural form paired with the source it translates).
- ``catalog``: ``func(ctx) -> Iterable[Hit]`` once per file, after the entries (cross-entry).

A rule may also look at all files of one locale together (``@locale_pass(code)``):
``func(contexts) -> Iterable[(FileContext, Hit)]``, run once per locale after the files.

Entry and pair rules return ``None`` when clean (the common case, kept cheap), a message
string, a :class:`Hit`, or a list of those.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.lint.model import Severity

__all__ = ["Rule", "Hit", "RULES", "LOCALE_PASSES", "rule", "locale_pass", "rule_description",
           "SCOPES"]

SCOPES = ("file", "entry", "pair", "catalog")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports; the engine adds path, code and severity.

    ``entry`` (a PoEntry) locates entry-level hits reported by file/catalog rules;
    ``line``/``column`` override the entry's line; ``severity`` overrides the rule default.
    """

    message: str
    suggestion: str | None = None
    line: int | None = None
    column: int = 1
    entry: Any = None
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule."""

    code: str
    name: str
    severity: Severity
    scope: str
    description: str
    func: Callable[..., Any]
    #: languages the rule applies to (None: all)
    langs: frozenset[str] | None = None
    #: off unless selected explicitly or configured (e.g. accelerators)
    opt_in: bool = False
    #: pair rules: characters one of which must occur in the source or translation for the
    #: rule to have anything to say (the engine skips the call otherwise; None: always call)
    needs: frozenset[str] | None = None
    #: entry rules: the entry states it can fire on (``untranslated``, ``fuzzy``,
    #: ``translated``, ``plural``, ``leading-space``); the engine skips the call otherwise
    when: frozenset[str] | None = None
    #: pair rules: given all the pairs of a file (a :class:`toolkit.lint.prefilter.Pairs`),
    #: the indexes of those the rule may report on, ascending, found at C speed (the engine
    #: calls the rule on those alone; None: see ``needs``)
    select: Callable[[Any], Sequence[int]] | None = None


ENTRY_STATES = frozenset({"untranslated", "fuzzy", "translated", "plural", "leading-space"})

RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, scope: str, *,
         langs: tuple[str, ...] | None = None,
         opt_in: bool = False,
         needs: str | None = None,
         when: tuple[str, ...] | None = None,
         select: Callable[[Any], Sequence[int]] | None = None,
         ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as rule *code*; its docstring's first paragraph
    describes it. *needs* and *select*: see :attr:`Rule.needs` and :attr:`Rule.select` (cheap
    pre-filters, not a substitute for the rule's own checks)."""
    if scope not in SCOPES:
        raise ValueError(f"bad scope {scope!r}")
    if when is not None and not set(when) <= ENTRY_STATES:
        raise ValueError(f"bad entry states {when!r}")

    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        description = rule_description(func.__doc__) or name
        RULES[code] = Rule(code, name, Severity(severity), scope, description, func,
                           frozenset(langs) if langs else None, opt_in,
                           frozenset(needs) if needs else None,
                           frozenset(when) if when else None, select)
        return func

    return deco


def rule_description(doc: str | None) -> str:
    """A rule's description: the first paragraph of its docstring on one line (``check
    --list-rules`` shows it translated; ``catalog extract`` takes the same text)."""
    para = (doc or "").strip().split("\n\n")[0]
    return " ".join(para.split())


LOCALE_PASSES: dict[str, Callable[..., Any]] = {}


def locale_pass(code: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a whole-locale pass of the already registered rule *code*."""

    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        if code not in RULES:
            raise ValueError(f"locale pass for unknown rule {code}")
        LOCALE_PASSES[code] = func
        return func

    return deco
