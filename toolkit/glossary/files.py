"""Glossary files on disk: pick the format from the extension, read, write atomically, merge.

``.tbx``/``.xml`` are TBX (v3 or 2008, detected from the root element); ``.csv``/``.tsv``
are the long CSV format. Vendor formats (two-column pairs, language-header CSV) are only read
through :func:`import_file` and written through :func:`export_file`, since they lose data.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

from toolkit.errors import GlossaryError, ToolkitError
from toolkit.fsutil import atomic_write_text
from toolkit.glossary import tabular, tbx
from toolkit.glossary.model import Concept, Glossary, merge, overlay
from toolkit.i18n import _
from toolkit.textio import decode

#: Formats :func:`write_glossary_file` and :func:`export_file` know.
NATIVE_FORMATS = ("csv", "tsv", "tbx", "tbx2008")
EXPORT_FORMATS = (*NATIVE_FORMATS, "deepl", "google", "amazon")
IMPORT_FORMATS = ("csv", "tsv", "tbx", "deepl", "google", "amazon", "pairs", "locale-header")


def format_of(path: str | Path) -> str:
    """The native format implied by *path*'s extension."""
    suffix = Path(path).suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix in (".tsv", ".tab"):
        return "tsv"
    if suffix in (".csv", ".txt"):
        return "csv"
    raise GlossaryError(_("unknown glossary extension {suffix!r}; use .csv, .tsv or .tbx"
                          ).format(suffix=suffix or "(none)"), path=str(path))


def read_text_file(path: str | Path, encoding: str | None = None) -> str:
    """A CSV/TSV glossary's text: UTF-8 (or what a BOM says, or *encoding*); errors name the
    file, the line and the encoding the bytes look like (see :func:`toolkit.textio.decode`)."""
    with open(path, "rb") as fh:
        return decode(fh.read(), str(path), encoding)


def read_glossary_file(path: str | Path, encoding: str | None = None) -> Glossary:
    """Read one glossary file in a native format (long CSV/TSV or TBX).

    *encoding* applies to CSV/TSV; TBX is XML and declares its own.
    """
    name = str(path)
    fmt = format_of(path)
    if fmt == "tbx":
        with open(path, "rb") as fh:
            return tbx.read_tbx(fh, name)
    text = read_text_file(path, encoding)
    return tabular.read_long(io.StringIO(text, newline=""), name,
                             "\t" if fmt == "tsv" else None)


def load_glossary(paths: Sequence[str | Path], encoding: str | None = None) -> Glossary:
    """The union of the glossary files *paths*; later files override earlier ones per concept.

    The user's files (all but the shipped ones) are the project's glossary: where they name
    a shipped concept's terms under another id, theirs wins (:func:`model.overlay`; the
    shipped ids left out are in ``Glossary.shadowed``). Overrides and clashes land in
    ``Glossary.conflicts`` (see :func:`model.merge`). *encoding* is that of the user's
    CSV/TSV files; the shipped glossary is always UTF-8.
    """
    shipped = {p.resolve() for p in shipped_glossary_paths()}
    base, project = [], []
    for p in paths:
        ours = Path(p).resolve() in shipped
        (base if ours else project).append(read_glossary_file(p, None if ours else encoding))
    if base and project:
        return overlay(merge(base), merge(project))
    return merge([*base, *project])


def render(glossary: Glossary, fmt: str, *, source_lang: str | None = None,
           target_lang: str | None = None, langs: Sequence[str] | None = None,
           path: str | Path | None = None) -> str:
    """*glossary* as text in *fmt* (see :data:`EXPORT_FORMATS`); a value the format cannot
    hold is a GlossaryError naming *path*, the file it is for."""
    try:
        return _render(glossary, fmt, source_lang=source_lang, target_lang=target_lang,
                       langs=langs)
    except GlossaryError as exc:
        if exc.path is not None or path is None:
            raise
        raise GlossaryError(exc.message, path=str(path)) from None


def _render(glossary: Glossary, fmt: str, *, source_lang: str | None,
            target_lang: str | None, langs: Sequence[str] | None) -> str:
    out = io.StringIO()
    if fmt in ("csv", "tsv"):
        tabular.write_long(glossary, out, "\t" if fmt == "tsv" else ",")
    elif fmt in ("tbx", "tbx2008"):
        tbx.write_tbx(glossary, out, "2008" if fmt == "tbx2008" else "3", source_lang or "en")
    elif fmt == "deepl":
        if not source_lang or not target_lang:
            raise GlossaryError(_("the deepl format needs a source and a target language"))
        tabular.write_pairs(glossary, out, source_lang, target_lang)
    elif fmt in ("google", "amazon"):
        tabular.write_locale_header(glossary, out, langs or glossary.languages)
    else:
        raise GlossaryError(_("unknown format {format!r}; use one of {formats}").format(
            format=fmt, formats=", ".join(EXPORT_FORMATS)))
    return out.getvalue()


def write_glossary_file(glossary: Glossary, path: str | Path, fmt: str | None = None,
                        **kwargs: object) -> None:
    """Write *glossary* to *path* in *fmt* (default: from the extension; *kwargs* as for
    :func:`render`) through :func:`toolkit.fsutil.atomic_write_text`: all or nothing, through
    symlinks, the old file's mode kept. Refusing an existing file is the caller's decision
    (:func:`toolkit.fsutil.check_target`); edits in place hold :func:`toolkit.fsutil.locked`."""
    atomic_write_text(path, render(glossary, fmt or format_of(path), path=path,  # type: ignore[arg-type]
                                   **kwargs))


def export_file(glossary: Glossary, path: str | Path, fmt: str, **kwargs: object) -> None:
    """Write *glossary* in any export format (vendor formats included) atomically."""
    write_glossary_file(glossary, path, fmt, **kwargs)


def import_file(path: str | Path, fmt: str | None = None, *, source_lang: str | None = None,
                target_lang: str | None = None, encoding: str | None = None) -> Glossary:
    """Read *path* in any import format; vendor CSVs are recognised from their first row.

    A two-column file without a language header is a pair list and needs both languages.
    """
    name = str(path)
    fmt = fmt or format_of(path)
    if fmt == "tbx":
        return read_glossary_file(path)
    text = read_text_file(path, encoding)
    if fmt in ("csv", "tsv"):
        cells = _first_cells(text, name)
        if tabular.is_long_header([c.strip().lower() for c in cells]):
            return tabular.read_long(io.StringIO(text), name)
        # two columns without a language header are a pair list; anything else must be a
        # header of languages, and read_locale_header names the cell that is not one
        fmt = "pairs" if len(cells) == 2 and not _is_lang_header(cells) else "locale-header"
    if fmt in ("google", "amazon"):
        fmt = "locale-header" if _is_lang_header(_first_cells(text, name)) else "pairs"
    if fmt == "locale-header":
        return tabular.read_locale_header(io.StringIO(text), name)
    if fmt in ("pairs", "deepl"):
        if not source_lang or not target_lang:
            raise GlossaryError(_("a two-column glossary has no language header: give its "
                                  "languages with --from and --to (e.g. --from en --to ru)"),
                                path=name)
        return tabular.read_pairs(io.StringIO(text), source_lang, target_lang, name)
    raise GlossaryError(_("unknown format {format!r}; use one of {formats}").format(
        format=fmt, formats=", ".join(IMPORT_FORMATS)))


def _first_cells(text: str, name: str) -> list[str]:
    """The header row, read by the same CSV reader as the file (a malformed one is an error
    with its line, not a csv.Error traceback)."""
    rows = tabular._rows(io.StringIO(text.lstrip("\ufeff"), newline=""),
                         tabular.sniff_delimiter(text, name), name)
    return rows[0][1] if rows else []


def _is_lang_header(cells: Sequence[str]) -> bool:
    """Whether *cells* name two or more languages, besides note/pos/id columns."""
    from toolkit.langs import parse_lang

    langs = 0
    for cell in cells:
        key = cell.strip()
        if key.lower() in tabular.META_COLUMNS:
            continue
        try:
            parse_lang(key)
        except ToolkitError:
            return False
        langs += 1
    return langs >= 2


def configured_glossary_paths(start: str | Path | None = None) -> list[Path]:
    """The project's glossaries named by ``glossary = [...]`` in ``[tool.toolkit.translate]``
    of the nearest pyproject.toml, relative to that file (``"shipped"`` is left out: the
    shipped glossary is loaded anyway unless ``--no-shipped``)."""
    from toolkit.config import find_pyproject, path_list

    file = find_pyproject(start)
    if file is None:
        return []
    return [Path(p) for p in path_list(file, "translate", "glossary", keep=("shipped",))
            if p != "shipped"]


def shipped_glossary_paths() -> list[Path]:
    """The glossary files shipped inside the package (``toolkit/data/glossaries/``)."""
    root = resources.files("toolkit") / "data" / "glossaries"
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except FileNotFoundError:
        return []
    return [Path(str(p)) for p in entries
            if p.name.endswith((".csv", ".tsv", ".tbx")) and not p.name.startswith(".")]


def concept_to_edit(glossary: Glossary, path: str | Path,
                    concept_id: str) -> tuple[Concept | None, bool]:
    """The concept an edit of *concept_id* in the file *path* (read as *glossary*) starts
    from, and whether it is a copy of the shipped glossary's: the file's own concept, else
    the shipped one of that id (when *path* is not a shipped file), else None.

    A concept in a project file replaces the shipped concept of the same id whole, so a term
    added to (or edited or removed in) a shipped concept in a project file that lacks it
    must start from a copy of the shipped concept: ``add project.csv spbpu en Polytech`` made
    a spbpu of one term, and with the file loaded SPbPU had no Russian or Chinese name."""
    concept = glossary.get(concept_id)
    if concept is not None:
        return concept, False
    shipped = shipped_glossary_paths()
    if not shipped or Path(path).resolve() in {p.resolve() for p in shipped}:
        return None, False
    concept = load_glossary(shipped).get(concept_id)
    if concept is None:
        return None, False
    return replace(concept, origin=None), True
