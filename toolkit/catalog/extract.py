"""``catalog extract``: source files -> a ``.pot`` template, with Babel's extractors.

Settings come from ``[tool.toolkit.catalog]`` in pyproject.toml (or a ``babel.cfg`` mapping
file): which sources, which extraction method per file pattern, which keywords. The template
is written with :mod:`toolkit.po.writer`, so it wraps like the catalogs, and it is rewritten
only when a message changed: a re-extract that finds nothing new leaves the file (and its
``POT-Creation-Date``) alone, which is what ``--check`` tests in CI.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import CatalogError, ConfigError, ToolkitError
from toolkit.i18n import Message
from toolkit.po.reader import PoFile, parse_po

__all__ = ["ExtractSettings", "TemplateChanges", "extract_template", "same_messages",
           "settings_from_config", "template_changes"]

DEFAULT_KEYWORDS = ("_", "gettext", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3", "N_")


@dataclass
class ExtractSettings:
    """What to extract and how (the ``[tool.toolkit.catalog]`` table)."""

    sources: list[Path]
    template: Path | None = None
    mapping: list[tuple[str, str]] = field(default_factory=lambda: [("**.py", "python")])
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: keywords beyond :data:`DEFAULT_KEYWORDS` (see :func:`_keywords`)
    keywords: tuple[str, ...] = ()
    #: xgettext's convention and Django's/Sphinx's (Babel compares them case-sensitively)
    comment_tags: tuple[str, ...] = ("TRANSLATORS:", "Translators:")
    locations: bool = True
    sort: bool = False
    project: str = "PROJECT"
    version: str = "VERSION"
    bugs_address: str = ""


def _keywords(specs: tuple[str, ...]) -> dict[str, Any]:
    """Babel's keyword table for the defaults and then *specs*, the configured ``keywords``:
    they add to the defaults (a later spec of the same function wins), as ``pybabel extract
    -k`` and xgettext's ``--keyword`` add. Replacing them lost every ``_()`` and ``ngettext``
    message of a Django project that listed only its ``gettext_lazy`` and ``pgettext_lazy``:
    they left the template without a word, and the next ``update`` made their translations
    obsolete."""
    from babel.messages.frontend import parse_keywords

    return parse_keywords([*DEFAULT_KEYWORDS, *specs])


#: the keys of ``[tool.toolkit.catalog]`` (checked by :func:`toolkit.config.load_section`)
CATALOG_KEYS = frozenset({"sources", "template", "mapping-file", "mapping", "keywords",
                          "comment-tags", "locations", "sort-output", "project", "version",
                          "msgid-bugs-address"})


def settings_from_config(table: dict[str, Any], root: Path,
                         project: dict[str, Any] | None = None) -> ExtractSettings:
    """Build settings from ``[tool.toolkit.catalog]`` (paths relative to *root*); the
    template header names the ``[project]`` table's *project* name and version unless the
    table sets ``project``/``version`` (a template said ``PROJECT VERSION`` beside a
    pyproject.toml that knew both)."""
    def path_list(value: Any) -> list[Path]:
        return [root / v for v in ([value] if isinstance(value, str) else value or [])]

    settings = ExtractSettings(sources=path_list(table.get("sources", ["."])))
    if "template" in table:
        settings.template = root / table["template"]
    mapping_file = table.get("mapping-file")
    if mapping_file is None and (root / "babel.cfg").is_file() and "mapping" not in table:
        mapping_file = "babel.cfg"
    if mapping_file is not None:
        from babel.messages.frontend import parse_mapping_cfg

        path = root / mapping_file
        try:
            with open(path, encoding="utf-8") as fh:
                settings.mapping, settings.options = parse_mapping_cfg(fh, filename=str(path))
        except OSError as exc:
            raise ConfigError(Message("cannot read mapping file: {error}", error=exc.strerror),
                              path=str(path)) from None
        except Exception as exc:  # noqa: BLE001 - configparser/Babel errors of many kinds
            raise ConfigError(Message("bad mapping file: {error}", error=str(exc)),
                              path=str(path)) from None
    elif "mapping" in table:
        mapping = table["mapping"]
        if not isinstance(mapping, list) or not all(
                isinstance(m, dict) and "pattern" in m and "method" in m for m in mapping):
            raise ConfigError(Message("[tool.toolkit.catalog] mapping must be a list of "
                                      "{pattern = ..., method = ...} tables"))
        settings.mapping = [(m["pattern"], m["method"]) for m in mapping]
        settings.options = {m["pattern"]: {k: v for k, v in m.items()
                                           if k not in ("pattern", "method")}
                            for m in mapping}
    for pattern, method in settings.mapping:
        _check_method(method, str(root / mapping_file) if mapping_file is not None else None)
        if method == "jinja2":  # Jinja skips a template that does not parse, without a word
            settings.options.setdefault(pattern, {}).setdefault("silent", "false")
    if "keywords" in table:
        settings.keywords = tuple(table["keywords"])
    if "comment-tags" in table:
        settings.comment_tags = tuple(table["comment-tags"])
    settings.locations = bool(table.get("locations", True))
    settings.sort = bool(table.get("sort-output", False))
    project = project or {}
    settings.project = str(table.get("project", project.get("name", settings.project)))
    settings.version = str(table.get("version", project.get("version", settings.version)))
    settings.bugs_address = str(table.get("msgid-bugs-address", ""))
    return settings


def _check_method(method: str, path: str | None) -> None:
    """Refuse an extraction method no installed package provides, before any file is read
    (Babel raised ValueError in the middle of the walk: a traceback). ``jinja2`` comes with
    Jinja2, ``django`` with Django: they must be installed where the toolkit runs."""
    if ":" in method or "." in method:  # a callable Babel imports itself (module:function)
        return
    from importlib.metadata import entry_points

    from babel.messages import extract as babel_extract

    known = {*getattr(babel_extract, "_BUILTIN_EXTRACTORS", {}),
             *(ep.name for ep in entry_points(group="babel.extractors"))}
    if method not in known:
        raise ConfigError(Message(
            "unknown extraction method {method!r}: no installed package provides it (known: "
            "{known}); install the package that does (Jinja2 for jinja2) in the toolkit's "
            "environment", method=method, known=", ".join(sorted(known))), path=path)


def extract_template(settings: ExtractSettings, *, root: Path | None = None) -> PoFile:
    """Extract every message from the sources into a template (not written)."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(project=settings.project, version=settings.version,
                      msgid_bugs_address=settings.bugs_address or None, fuzzy=True)
    keywords = _keywords(settings.keywords)
    base = root or Path.cwd()
    current: list[str] = []  # the file extract_from_dir is reading, for its errors

    def reading(filename: str, method: str, options: dict) -> None:
        current[:] = [filename]

    for source in settings.sources:
        current[:] = [str(source)]
        if not source.exists():
            raise CatalogError(Message("no such file or directory"), path=str(source))
        try:
            _extract_source(catalog, source, settings, keywords, base, reading)
        except ToolkitError:
            raise
        except Exception as exc:  # noqa: BLE001 - each extractor fails its own way
            path = os.path.join(source, current[0]) if source.is_dir() else str(source)
            raise _source_error(exc, os.path.relpath(path)) from None
    return _to_pofile(catalog, settings)


def _extract_source(catalog: Any, source: Path, settings: ExtractSettings,
                    keywords: dict[str, Any], base: Path, reading: Any) -> None:
    """Add the messages of one source (a folder: by the mapping; a file: by the first
    mapping pattern it matches, else as Python) to *catalog*."""
    from babel.messages.extract import extract_from_dir, extract_from_file

    if source.is_dir():
        found = ((os.path.join(source, name), *rest) for name, *rest in extract_from_dir(
            source, settings.mapping, settings.options, keywords,
            settings.comment_tags, callback=reading, strip_comment_tags=True))
    else:
        pattern, method = next(((p, m) for p, m in settings.mapping
                                if source.match(p.replace("**", "*"))), ("", "python"))
        found = ((str(source), *rest) for rest in extract_from_file(
            method, source, keywords, settings.comment_tags,
            settings.options.get(pattern), strip_comment_tags=True))
    for filename, lineno, message, comments, context in found:
        where = os.path.relpath(filename, base).replace(os.sep, "/")
        catalog.add(message, None, [(where, lineno)] if settings.locations else [],
                    auto_comments=comments, context=context)


def _source_error(exc: Exception, path: str) -> CatalogError:
    """A source file an extractor cannot read (Python that does not tokenize, a template
    with a syntax error, bytes that are not its encoding) as ``file:line: message``, not a
    traceback: the error and the line the extractor names, when it names one."""
    import tokenize

    if isinstance(exc, tokenize.TokenError) and len(exc.args) > 1:
        line = exc.args[1][0]  # ('EOF in multi-line statement', (line, column))
        text = str(exc.args[0])
    else:
        line = getattr(exc, "lineno", None)
        text = getattr(exc, "msg", None) or getattr(exc, "message", None) or str(exc)
    return CatalogError(Message("cannot extract messages: {error}", error=text or
                                type(exc).__name__), path=path,
                        line=line if isinstance(line, int) else None)


def _to_pofile(catalog: Any, settings: ExtractSettings) -> PoFile:
    import io

    from babel.messages.pofile import write_po

    # Babel decides flags (python-format, python-brace-format) and merges duplicates; its
    # header is the conventional template header. Our writer gives the layout.
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, omit_header=False, sort_output=settings.sort,
             no_location=not settings.locations)
    po = parse_po(buf.getvalue().decode("utf-8"))
    po.text = ""  # every entry rendered by our writer, not kept as Babel wrote it
    po.block_offsets = None
    for e in po.entries:
        e.start = 0
    return po


def same_messages(a: PoFile, b: PoFile) -> bool:
    """Do two templates hold the same messages (the header's dates aside)?"""
    def view(po: PoFile) -> list[tuple]:
        return [(e.msgctxt, e.msgid, e.msgid_plural, tuple(e.flags), e.auto_comments,
                 e.references) for e in po.entries if not e.is_header]
    return view(a) == view(b)


@dataclass
class TemplateChanges:
    """How a re-extracted template differs from the one on disk: messages added and removed
    (msgctxt, msgid), and how many kept messages changed only in their references, flags or
    extracted comments. ``extract --check`` prints them, so a failed CI run says which
    messages the template misses instead of only that it is stale."""

    added: list[tuple[str | None, str]] = field(default_factory=list)
    removed: list[tuple[str | None, str]] = field(default_factory=list)
    other: int = 0


def template_changes(old: PoFile | None, new: PoFile) -> TemplateChanges:
    """The messages *new* adds to and removes from *old* (None: no template yet)."""
    def view(po: PoFile | None) -> dict[tuple[str | None, str], tuple]:
        if po is None:
            return {}
        return {(e.msgctxt, e.msgid): (e.msgid_plural, tuple(e.flags), e.auto_comments,
                                       e.references)
                for e in po.entries if not e.is_header and not e.obsolete}
    a, b = view(old), view(new)
    return TemplateChanges(added=[k for k in b if k not in a],
                           removed=[k for k in a if k not in b],
                           other=sum(1 for k, v in b.items() if k in a and a[k] != v))
