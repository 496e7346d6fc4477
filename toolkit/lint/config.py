"""``[tool.toolkit.check]`` in pyproject.toml -> a frozen :class:`CheckConfig`.

Example::

    [tool.toolkit.check]
    select = ["TK"]                 # code prefixes; opt-in rules need their full code
    ignore = ["TK203"]
    fail-on = "error"               # info | warning | error
    min-translated = 95             # percent, per file and per locale
    max-obsolete = 10               # percent of entries that may be obsolete (#~)
    glossary = ["terms.tbx"]        # relative to pyproject.toml; "shipped" = bundled glossary
    baseline = "toolkit-baseline.json"
    accelerator = "&"               # enables TK208
    source-lang = "en"
    severity = { TK305 = "info" }   # code prefix -> severity

    [[tool.toolkit.check.overrides]]
    paths = ["locales/zh_*/**"]     # globs, relative to pyproject.toml
    ignore = ["TK204"]

Loaded by the nearest pyproject.toml above the current directory (``toolkit.config``) or
an explicit ``--config`` file. Every problem is a :class:`ConfigError` naming the file.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from toolkit.config import (
    check_keys,
    find_pyproject,
    load_section,
    string_list,
    unknown_sections,
)
from toolkit.errors import ConfigError
from toolkit.i18n import Message
from toolkit.lint.model import Severity

__all__ = ["CheckConfig", "FileSettings", "load_check_config", "parse_codes", "project_relative"]

_LIST_KEYS = ("select", "ignore", "extend-select", "glossary", "exclude")
_KEYS = {
    *_LIST_KEYS, "fail-on", "min-translated", "max-obsolete", "baseline", "accelerator",
    "source-lang", "severity", "overrides", "check-fuzzy", "format",
}
_OVERRIDE_KEYS = {"paths", "select", "ignore", "extend-select", "severity", "min-translated",
                  "max-obsolete", "accelerator", "check-fuzzy"}


@dataclass(frozen=True)
class FileSettings:
    """What the rules of one file need: which rules, at which severity, with which limits."""

    select: tuple[str, ...] = ("TK",)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    min_translated: float | None = None
    max_obsolete: float = 10.0
    accelerator: str | None = None
    source_lang: str = "en"
    check_fuzzy: bool = False

    def enabled(self, code: str, opt_in: bool = False) -> bool:
        """Longest matching prefix wins: ``select=["TK"], ignore=["TK2"]`` keeps TK101."""
        sel = max((len(p) for p in self.select if code.startswith(p)), default=0)
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=0)
        if opt_in and sel < len(code) and not (code == "TK208" and self.accelerator):
            return False
        return sel > ign

    def severity_for(self, code: str, default: Severity) -> Severity:
        best, sev = 0, default
        for prefix, value in self.severity:
            if code.startswith(prefix) and len(prefix) > best:
                best, sev = len(prefix), value
        return sev


@dataclass(frozen=True)
class Override:
    paths: tuple[str, ...]
    values: dict[str, Any]


@dataclass(frozen=True)
class CheckConfig:
    """The resolved ``[tool.toolkit.check]`` table (defaults where absent)."""

    base: FileSettings = field(default_factory=FileSettings)
    fail_on: Severity = Severity.ERROR
    glossary: tuple[str, ...] = ()
    baseline: str | None = None
    format: str = "text"
    exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    root: Path = field(default_factory=Path.cwd)
    source: str | None = None  # the pyproject.toml it came from

    def for_path(self, path: str | os.PathLike[str]) -> FileSettings:
        """Settings for one file: the base table with every matching override applied."""
        if not self.overrides:
            return self.base
        rel = project_relative(path, self.root)
        settings = self.base
        for ov in self.overrides:
            if any(fnmatch.fnmatch(rel, pat) for pat in ov.paths):
                settings = _apply(settings, ov.values, self.source)
        return settings

    def excluded(self, path: str | os.PathLike[str]) -> bool:
        rel = project_relative(path, self.root)
        return any(fnmatch.fnmatch(rel, pat) for pat in self.exclude)

    def with_options(self, **values: Any) -> CheckConfig:
        """Command-line options on top of the file (None values are ignored)."""
        base_values = {k: v for k, v in values.items() if v is not None and k in _OVERRIDE_KEYS}
        base = _apply(self.base, base_values, "command line") if base_values else self.base
        top = {k.replace("-", "_"): v for k, v in values.items()
               if v is not None and k not in _OVERRIDE_KEYS}
        if "fail_on" in top:
            top["fail_on"] = _severity(top["fail_on"], "command line", "fail-on")
        return replace(self, base=base, **top)


    def rooted_at(self, baseline: str | None) -> CheckConfig:
        """Without a pyproject.toml the folder of the *baseline* file is the project root,
        so a baseline holds whichever directory the check runs from (a Django project often
        has no pyproject.toml)."""
        if self.source is not None or not baseline:
            return self
        return replace(self, root=Path(baseline).resolve().parent)


def project_relative(path: str | os.PathLike[str], root: Path) -> str:
    """*path* relative to the project *root* (POSIX slashes), or absolute when outside it."""
    p = Path(path).resolve()
    try:
        return p.relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


_SOURCE_LANG = "source-lang: {problem}"  # no words: not a catalog message


def parse_codes(value: Any, where: str | None, key: str) -> tuple[str, ...]:
    """A list of rule codes/prefixes (``TK1``, ``TK101``), or a comma-separated string."""
    from toolkit.lint.registry import RULES

    if isinstance(value, str):
        value = [v for v in value.replace(" ", ",").split(",") if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(Message("{key} must be a list of rule codes", key=key), path=where)
    codes = tuple(v.strip().upper() for v in value if v.strip())
    if not codes and key == "select":  # else no rule runs and every catalog passes
        raise ConfigError(Message("select names no rule code (see toolkit check --list-rules)"),
                          path=where)
    for code in codes:
        if code == "ALL":
            continue
        if not any(rc.startswith(code) for rc in RULES):
            raise ConfigError(Message("{key}: no rule code starts with {code!r} (see toolkit "
                                      "check --list-rules)", key=key, code=code), path=where)
    return tuple("TK" if c == "ALL" else c for c in codes)


def _severity(value: Any, where: str | None, key: str) -> Severity:
    if isinstance(value, Severity):
        return value
    if not isinstance(value, str):
        raise ConfigError(Message("{key} must be info, warning or error", key=key), path=where)
    try:
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(Message("{key}: unknown severity {value!r}; choose from info, warning, "
                                  "error", key=key, value=value), path=where) from None


def _percent(value: Any, where: str | None, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ConfigError(Message("{key} must be a number from 0 to 100", key=key), path=where)
    return float(value)


def _apply(settings: FileSettings, values: dict[str, Any], where: str | None) -> FileSettings:
    changes: dict[str, Any] = {}
    for raw_key, value in values.items():
        key = raw_key.replace("_", "-")
        if key == "select":
            changes["select"] = parse_codes(value, where, key)
        elif key == "extend-select":
            changes["select"] = changes.get("select", settings.select) + parse_codes(
                value, where, key)
        elif key == "ignore":
            changes["ignore"] = parse_codes(value, where, key)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(Message("severity must be a table of code = severity"),
                                  path=where)
            merged = dict(settings.severity)
            for code, sev in value.items():
                (prefix,) = parse_codes([code], where, "severity")
                merged[prefix] = _severity(sev, where, f"severity.{code}")
            changes["severity"] = tuple(merged.items())
        elif key == "min-translated":
            changes["min_translated"] = _percent(value, where, key)
        elif key == "max-obsolete":
            changes["max_obsolete"] = _percent(value, where, key)
        elif key == "accelerator":
            if not isinstance(value, str) or len(value) != 1:
                raise ConfigError(Message("accelerator must be one character such as & or _"),
                                  path=where)
            changes["accelerator"] = value
        elif key == "check-fuzzy":
            changes["check_fuzzy"] = bool(value)
        elif key == "source-lang":
            from toolkit.errors import LanguageError
            from toolkit.langs import normalize

            try:
                changes["source_lang"] = normalize(str(value))
            except LanguageError as exc:
                raise ConfigError(Message(_SOURCE_LANG, problem=exc.message),
                                  path=where) from None
    return replace(settings, **changes)


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    """A string or a list of strings (paths, globs), else ConfigError naming *key*."""
    return string_list(value, key, where)


def load_check_config(config: str | os.PathLike[str] | None = None,
                      start: str | os.PathLike[str] | None = None) -> CheckConfig:
    """Read ``[tool.toolkit.check]`` from *config* or the nearest pyproject.toml."""
    file = Path(config) if config else find_pyproject(start)
    if file is None:
        return CheckConfig()
    unknown_sections(file)
    section = load_section("check", _KEYS, path=file)  # unknown keys: the shared check
    where = str(file)
    root = file.resolve().parent
    norm = dict(section.values)
    for key in _LIST_KEYS:
        if key in norm and isinstance(norm[key], str):
            norm[key] = [norm[key]]
    base = _apply(FileSettings(), {k: v for k, v in norm.items() if k in _OVERRIDE_KEYS
                                   or k == "source-lang"}, where)
    overrides = []
    for i, ov in enumerate(norm.get("overrides", [])):
        if not isinstance(ov, dict) or "paths" not in ov:
            raise ConfigError(Message("overrides[{index}] must be a table with a 'paths' list",
                                      index=i), path=where)
        check_keys(section, ov, _OVERRIDE_KEYS, f"overrides[{i}]")
        paths = _strings(ov["paths"], where, f"overrides[{i}].paths")
        _apply(base, {k: v for k, v in ov.items() if k != "paths"}, where)  # validate now
        overrides.append(Override(tuple(paths), {k: v for k, v in ov.items() if k != "paths"}))
    glossary = tuple(g if g == "shipped" else str(root / g)
                     for g in _strings(norm.get("glossary", []), where, "glossary"))
    baseline = norm.get("baseline")
    if baseline is not None and (not isinstance(baseline, str) or not baseline):
        raise ConfigError(Message("baseline must be a file name, got {value!r}",
                                  value=baseline), path=where)
    return CheckConfig(
        base=base,
        fail_on=_severity(norm.get("fail-on", "error"), where, "fail-on"),
        glossary=glossary,
        baseline=str(root / baseline) if baseline else None,
        format=str(norm.get("format", "text")),
        exclude=_strings(norm.get("exclude", []), where, "exclude"),
        overrides=tuple(overrides),
        root=root,
        source=where,
    )
