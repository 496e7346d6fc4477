"""``toolkit glossary``: inspect, edit, convert, validate glossaries; find terms in text.

Thin layer over :mod:`toolkit.glossary`; heavy libraries load inside the commands.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from toolkit.cli.common import (
    OUTPUT_PATH,
    FilePath,
    check_outputs,
    echo_json,
    encoding_option,
    force_option,
    from_option,
    glossary_options,
    handle_errors,
    is_stdout,
    json_option,
    lang_option,
    read_text_input,
    shadowed_note,
    table,
    to_option,
)
from toolkit.cli.localized import LocalizedGroup
from toolkit.errors import GlossaryError
from toolkit.i18n import N_, PluralMessage, _, localized, ngettext

F = TypeVar("F", bound=Callable[..., Any])
TYPES = ("full", "acronym", "short", "variant")
STATUSES = ("preferred", "admitted", "deprecated", "forbidden")


def term_arguments(func: F) -> F:
    """FILE CONCEPT_ID LANG TEXT: the address of one term in one glossary file."""
    for decorator in reversed((click.argument("file", type=FilePath()),
                               click.argument("concept_id"), click.argument("lang"),
                               click.argument("text"))):
        func = decorator(func)
    return func


edit_force_option = force_option(N_(
    "Rewrite a TBX file even if that drops elements the toolkit does not model (they are "
    "listed otherwise). FILE itself is edited in place: that is the command's purpose."))


def _paths(glossary_files: Sequence[str], no_shipped: bool) -> list[Path]:
    from toolkit.glossary import shipped_glossary_paths
    from toolkit.glossary.files import configured_glossary_paths

    shipped = [] if no_shipped else shipped_glossary_paths()
    return [*shipped, *configured_glossary_paths(), *(Path(p) for p in glossary_files)]


def _load(glossary_files: Sequence[str], no_shipped: bool, encoding: str | None = None) -> Any:
    from toolkit.glossary import load_glossary, shipped_glossary_paths

    paths = _paths(glossary_files, no_shipped)
    if not paths:
        raise GlossaryError(_("no glossary: give --glossary FILE or drop --no-shipped"))
    glossary = load_glossary(paths, encoding)
    shipped = {p.resolve() for p in shipped_glossary_paths()}
    for conflict in glossary.conflicts:
        if conflict.kind == "override" and conflict.origins and conflict.origins[0].path \
                and Path(conflict.origins[0].path).resolve() in shipped:
            # a project concept replacing a shipped one of the same id is the design (what
            # `glossary add` makes; translate says nothing either): `validate` lists them
            continue
        click.echo(_("toolkit: warning: {message}").format(message=localized(conflict.message)),
                   err=True)
    shadowed_note(glossary)
    return glossary


def _read_text(path: str, encoding: str | None = None) -> str:
    """The text of *path*; an HTML page as the text a reader sees, at the page's own
    offsets (:func:`toolkit.text.formats.html.text_view`: a name in a script, a comment or
    an attribute other than alt/title is no mention, and lines and columns stay the page's)."""
    from toolkit.textio import guess_format

    text = read_text_input(path, encoding)[0]
    if guess_format(path, text=text) == "html":
        from toolkit.text.formats.html import text_view

        return text_view(text)
    return text


_LANG_SUFFIX = re.compile(r"\.(en|ru|zh(?:[-_][A-Za-z]+)?)(?:\.[^.]+)?$")


def guess_lang(path: str, text: str) -> str:
    """Language of a document: from a ``name.ru.md`` style suffix, else from its script."""
    match = _LANG_SUFFIX.search(Path(path).name)
    if match:
        return match.group(1)
    from toolkit.text.scripts import detect_language

    return detect_language(text)


def _line_col(text: str) -> Callable[[int], tuple[int, int]]:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    return at


def _table(rows: list[list[str]], headers: list[str]) -> None:
    click.echo(table(rows, headers))


@click.group(cls=LocalizedGroup)
def glossary() -> None:
    """Glossaries: concepts with approved ru/en/zh names, their files, and term checks.

    The glossary is the one shipped with the toolkit plus every --glossary/-g file, later
    files replacing earlier ones concept by concept.

    \b
    Examples:
      toolkit glossary list
      toolkit glossary show spbpu
      toolkit glossary find examples/press-release.ru.md
      toolkit glossary check examples/press-release.en.md examples/press-release.ru.md
      toolkit glossary add my.csv spbpu en "Polytechnic" --type short --status admitted
      toolkit glossary export deepl-en-ru.csv --format deepl --from en --to ru
      toolkit glossary validate -g my.tbx
    """


@glossary.command("list")
@glossary_options
@lang_option(help="Columns to show (default: all).", dest="langs", multiple=True)
@json_option
@handle_errors
def list_cmd(glossary_files: tuple[str, ...], no_shipped: bool, langs: tuple[str, ...],
             as_json: bool, encoding: str | None = None) -> None:
    """List concepts with their preferred full term per language.

    \b
    Example:
      toolkit glossary list --lang en --lang ru
    """
    from toolkit.langs import normalize

    gl = _load(glossary_files, no_shipped, encoding)
    codes = [normalize(code) for code in langs] or list(gl.languages)
    rows = []
    for concept in gl.concepts:
        names = {}
        for code in codes:
            term = concept.preferred(code, "full") or concept.preferred(code, None)
            names[code] = term.text if term else ""
        rows.append((concept.id, names))
    if as_json:
        echo_json([{"concept": cid, "terms": names} for cid, names in rows])
        return
    _table([[cid, *names.values()] for cid, names in rows], [N_("concept"), *codes])


def _term_dict(term: Any) -> dict[str, Any]:
    return {"text": term.text, "lang": term.lang, "type": term.type, "status": term.status,
            "case_sensitive": term.case_sensitive, "dnt": term.dnt, "pos": term.pos,
            "gender": term.gender, "note": term.note,
            "origin": str(term.origin) if term.origin else None}


@glossary.command("show")
@click.argument("concept_id")
@glossary_options
@json_option
@handle_errors
def show_cmd(concept_id: str, glossary_files: tuple[str, ...], no_shipped: bool,
             as_json: bool, encoding: str | None = None) -> None:
    """Show every term of CONCEPT_ID (type, status, flags, notes).

    \b
    Examples:
      toolkit glossary show spbpu
      toolkit glossary show nanjing --json
    """
    gl = _load(glossary_files, no_shipped, encoding)
    concept = gl.get(concept_id)
    if concept is None:
        raise GlossaryError(_("no concept {concept!r}{hint}; see `toolkit glossary list`").format(
            concept=concept_id, hint=_did_you_mean(gl, concept_id)))
    if as_json:
        echo_json({"concept": concept.id, "note": concept.note,
                   "full_form_first": concept.full_form_first,
                   "terms": [_term_dict(t) for t in concept.terms]})
        return
    click.echo(f"{concept.id}" + (f": {concept.note}" if concept.note else ""))
    if concept.full_form_first:
        click.echo(_("full form first: yes"))
    rows = []
    for t in concept.terms:
        flags = ",".join(f for f, on in (("case", t.case_sensitive), ("dnt", t.dnt)) if on)
        rows.append([t.lang, t.type, t.status, flags, t.text, t.note])
    _table(rows, [N_("lang"), N_("type"), N_("status"), N_("flags"), N_("term"), N_("note")])


def _edit_file(path: str, create: bool, change: Callable[[Any], Any],
               force: bool = False, encoding: str | None = None) -> None:
    """Apply *change* to the glossary FILE in place, under its lock. A CSV/TSV file read in
    another *encoding* is written back in UTF-8, as every glossary the toolkit writes, with a
    note saying so."""
    import codecs

    from toolkit.fsutil import check_target, locked

    check_target(path, force=True)  # editing FILE in place is the point: only writability
    with locked(path):  # two edits at once: the second waits and reads the first's result
        converted = _edit_locked(path, create, change, force, encoding)
    if converted and encoding and codecs.lookup(encoding).name not in ("utf-8", "utf-8-sig"):
        click.echo(_("note: {file}: read as {encoding}, written in UTF-8").format(
            file=path, encoding=encoding), err=True)


def _edit_locked(path: str, create: bool, change: Callable[[Any], Any], force: bool,
                 encoding: str | None = None) -> bool:
    """The edit itself; whether an existing CSV/TSV file was read (and so re-encoded)."""
    from toolkit.glossary.files import format_of, read_glossary_file, write_glossary_file
    from toolkit.glossary.model import Glossary
    from toolkit.glossary.tbx import rewrite_losses

    fmt = format_of(path)
    exists = Path(path).exists()
    if exists:
        gl = read_glossary_file(path, encoding)
    elif create:
        gl = Glossary()
    else:
        raise GlossaryError(_("no such glossary file"), path=path)
    new = change(gl)
    if exists and fmt == "tbx" and not force:
        dropped = rewrite_losses(new, Path(path).read_bytes(), path)
        if dropped:
            what = ", ".join(f"{name} x{n}" for name, n in sorted(dropped.items()))
            raise GlossaryError(_("rewriting would drop data the toolkit does not model "
                                  "({what}); pass --force to accept").format(what=what),
                                path=path)
    write_glossary_file(new, path)
    return exists and fmt != "tbx"


def _from_shipped(gl: Any, path: str, concept_id: str, copied: list[Any]) -> Any:
    """:func:`toolkit.glossary.files.concept_to_edit`, putting a copied shipped concept in
    *copied* (for the note)."""
    from toolkit.glossary.files import concept_to_edit

    concept, shipped = concept_to_edit(gl, path, concept_id)
    if shipped:
        copied.append(concept)
    return concept


def _copied_note(copied: list[Any], file: str) -> None:
    if copied:
        click.echo(_("note: {concept} is a concept of the shipped glossary, which a concept of "
                     "the same id in {file} replaces whole: it was copied into {file} first, with "
                     "all its terms ({n})").format(concept=copied[0].id, file=file,
                                            n=len(copied[0].terms)), err=True)


def _did_you_mean(gl: Any, query: str) -> str:
    from toolkit.glossary.model import closest_concept

    guess = closest_concept(gl, query)
    return " " + _("(did you mean {guess!r}?)").format(guess=guess) if guess else ""


def _find_term(gl: Any, path: str, concept_id: str, lang: str, text: str,
               copied: list[Any]) -> tuple[Any, Any]:
    from toolkit.langs import normalize

    concept = _from_shipped(gl, path, concept_id, copied)
    if concept is None:
        raise GlossaryError(_("no concept {concept!r}{hint}").format(
            concept=concept_id, hint=_did_you_mean(gl, concept_id)), path=path)
    for term in concept.terms:
        if term.lang == normalize(lang) and term.text == text:
            return concept, term
    raise GlossaryError(_("concept {concept!r} has no {lang} term {text!r}").format(
        concept=concept_id, lang=lang, text=text), path=path)


def _check_preferred(concept: Any, term: Any, path: str) -> None:
    if term.status != "preferred":
        return
    for other in concept.terms_for(term.lang):
        if other is not term and other.status == "preferred" and other.type == term.type \
                and other.text != term.text:
            raise GlossaryError(_(
                "{concept} already has the preferred {lang} {type} term {text!r}; add this "
                "one as admitted, or edit that one first").format(
                concept=concept.id, lang=term.lang, type=term.type, text=other.text), path=path)


# the term options add and edit share: one help text each
_DNT_HELP = N_("Do not translate: the same text in every language.")
_POS_HELP = N_("Part of speech (noun, properNoun, adjective, ...).")
_GENDER_HELP = N_("Grammatical gender (masculine, feminine, neuter).")
_NOTE_HELP = N_("Note on the term.")
_TYPE_HELP = N_("What the term is: the full name, an acronym, a short form or a variant "
                "spelling.")
_STATUS_HELP = N_("preferred: the term to use; admitted: accepted too; deprecated: a warning "
                  "where it is used; forbidden: an error.")


@glossary.command("add")
@term_arguments
@click.option("--type", "type_", type=click.Choice(TYPES), default="full", show_default=True,
              help=_TYPE_HELP)
@click.option("--status", type=click.Choice(STATUSES), default="preferred", show_default=True,
              help=_STATUS_HELP)
@click.option("--case-sensitive/--case-insensitive", default=None,
              help="Default: acronyms, do-not-translate and CamelCase terms are sensitive.")
@click.option("--dnt", is_flag=True, help=_DNT_HELP)
@click.option("--pos", help=_POS_HELP)
@click.option("--gender", help=_GENDER_HELP)
@click.option("--note", default="", help=_NOTE_HELP)
@click.option("--concept-note", default=None, help="Note on the concept (new concepts).")
@click.option("--full-form-first/--no-full-form-first", default=None,
              help="The full form must come before the acronym in running text.")
@edit_force_option
@encoding_option
@handle_errors
def add_cmd(file: str, concept_id: str, lang: str, text: str, type_: str, status: str,
            case_sensitive: bool | None, dnt: bool, pos: str | None, gender: str | None,
            note: str, concept_note: str | None, full_form_first: bool | None,
            force: bool, encoding: str | None) -> None:
    """Add a term to FILE (.csv/.tsv/.tbx, created if missing); writes atomically.

    FILE is edited in place (no --force needed) under a lock, so edits run at the same time
    all land; one waits up to 10 s for another, then fails saying which process holds it.

    \b
    Example:
      toolkit glossary add project.csv spbpu en "Polytechnic" --type short --status admitted
    """
    from toolkit.glossary.model import Concept, Term

    if not text.strip():
        raise GlossaryError(_("empty term: give the term's text"), path=file)

    copied: list[Any] = []

    def change(gl: Any) -> Any:
        term = Term(text, lang, type_, status, case_sensitive, dnt, pos, gender, note)
        concept = _from_shipped(gl, file, concept_id, copied) or Concept(concept_id)
        if any(t.lang == term.lang and t.text == text for t in concept.terms):
            raise GlossaryError(_("{concept} already has the {lang} term {text!r}; use "
                                  "`toolkit glossary edit`").format(
                concept=concept_id, lang=term.lang, text=text), path=file)
        concept = replace(concept, terms=(*concept.terms, term))
        if concept_note is not None:
            concept = replace(concept, note=concept_note)
        if full_form_first is not None:
            concept = replace(concept, full_form_first=full_form_first)
        _check_preferred(concept, term, file)
        return gl.with_concept(concept)

    _edit_file(file, True, change, force, encoding)
    _copied_note(copied, file)
    click.echo(_("added {lang} {type} term {text!r} to {concept} in {file}").format(
        lang=lang, type=type_, text=text, concept=concept_id, file=file), err=True)


@glossary.command("edit")
@term_arguments
@click.option("--text", "new_text", help="New term text.")
@click.option("--type", "type_", type=click.Choice(TYPES), help=_TYPE_HELP)
@click.option("--status", type=click.Choice(STATUSES), help=_STATUS_HELP)
@click.option("--case-sensitive/--case-insensitive", default=None,
              help="Match the term only as written, or in any case.")
@click.option("--dnt/--no-dnt", default=None, help=_DNT_HELP)
@click.option("--pos", help=_POS_HELP)
@click.option("--gender", help=_GENDER_HELP)
@click.option("--note", help=_NOTE_HELP)
@edit_force_option
@encoding_option
@handle_errors
def edit_cmd(file: str, concept_id: str, lang: str, text: str, new_text: str | None,
             type_: str | None, status: str | None, case_sensitive: bool | None,
             dnt: bool | None, pos: str | None, gender: str | None, note: str | None,
             force: bool, encoding: str | None) -> None:
    """Change the term TEXT of CONCEPT_ID in LANG in FILE; only the options given change.

    \b
    Example:
      toolkit glossary edit project.csv nanjing en Nanking --status forbidden
    """
    from toolkit.glossary.model import replace_term

    changes = {k: v for k, v in (("text", new_text), ("type", type_), ("status", status),
                                 ("case_sensitive", case_sensitive), ("dnt", dnt),
                                 ("pos", pos), ("gender", gender), ("note", note))
               if v is not None}
    if not changes:
        raise GlossaryError(_("nothing to change: give --text, --type, --status, ..."))
    if new_text is not None and not new_text.strip():
        raise GlossaryError(_("empty term: --text needs the term's new text"), path=file)

    copied: list[Any] = []

    def change(gl: Any) -> Any:
        concept, term = _find_term(gl, file, concept_id, lang, text, copied)
        new = replace(term, **changes)
        concept = replace_term(concept, term, new)
        _check_preferred(concept, new, file)
        return gl.with_concept(concept)

    _edit_file(file, False, change, force, encoding)
    _copied_note(copied, file)
    click.echo(_("edited {lang} term {text!r} of {concept} in {file}").format(
        lang=lang, text=text, concept=concept_id, file=file), err=True)


@glossary.command("remove")
@click.argument("file", type=FilePath())
@click.argument("concept_id")
@click.argument("lang", required=False)
@click.argument("text", required=False)
@edit_force_option
@encoding_option
@handle_errors
def remove_cmd(file: str, concept_id: str, lang: str | None, text: str | None,
               force: bool, encoding: str | None) -> None:
    """Remove a term (CONCEPT_ID LANG TEXT) or a whole concept (CONCEPT_ID) from FILE.

    \b
    Examples:
      toolkit glossary remove project.csv nanjing en Nanking
      toolkit glossary remove project.csv nanjing
    """
    from toolkit.glossary.model import replace_term

    if (lang is None) != (text is None):
        raise GlossaryError(_("give both LANG and TEXT to remove a term, or neither to remove "
                              "the concept"))

    copied: list[Any] = []

    def change(gl: Any) -> Any:
        if lang is None:
            if gl.get(concept_id) is None:
                raise GlossaryError(_("no concept {concept!r}{hint}").format(
                    concept=concept_id, hint=""), path=file)
            return gl.without_concept(concept_id)
        concept, term = _find_term(gl, file, concept_id, lang, text or "", copied)
        concept = replace_term(concept, term, None)
        return gl.with_concept(concept) if concept.terms else gl.without_concept(concept_id)

    _edit_file(file, False, change, force, encoding)
    _copied_note(copied, file)
    if lang:
        click.echo(_("removed {concept} {lang} {text!r} from {file}").format(
            lang=lang, text=text, concept=concept_id, file=file), err=True)
    else:
        click.echo(_("removed {concept} from {file}").format(concept=concept_id, file=file),
                   err=True)


#: ``glossary import --format``: what the input file is. ``--from`` was its name until every
#: command took ``--from`` for the source language; ``--from deepl`` (a format's name, never
#: a language code) is still read as the format, so scripts written then keep working.
IMPORT_FORMATS = ["csv", "tsv", "tbx", "deepl", "google", "amazon", "pairs", "locale-header"]


@glossary.command("import")
@click.argument("source", type=FilePath(exists=True))
@click.argument("dest", type=FilePath())
@click.option("--format", "fmt", type=click.Choice(IMPORT_FORMATS),
              help="Input format (default: from the extension and the first row).")
@from_option("source_lang", help="Source language of a two-column file.")
@to_option("target_lang", help="Target language of a two-column file.", unshown=("--target-lang",))
@click.option("--source-lang", "source_lang_was", hidden=True)  # its name until -f/--from
@force_option(N_("Overwrite DEST if it exists, even when it is SOURCE (refused otherwise)."))
@encoding_option
@handle_errors
def import_cmd(source: str, dest: str, fmt: str | None, source_lang: str | None,
               source_lang_was: str | None, target_lang: str | None, force: bool,
               encoding: str | None = None) -> None:
    """Convert a glossary (TBX, CSV, DeepL/Google/Amazon CSV) into DEST (.csv/.tsv/.tbx).

    An existing DEST is refused unless --force.

    \b
    Examples:
      toolkit glossary import deepl.csv project.csv --from en --to ru
      toolkit glossary import amazon-terms.csv project.tbx
      toolkit glossary import old.tbx project.csv
    """
    from toolkit.fsutil import check_target
    from toolkit.glossary.files import import_file, write_glossary_file

    if source_lang in IMPORT_FORMATS:  # the old --from FORMAT (see IMPORT_FORMATS)
        fmt, source_lang = fmt or source_lang, None
    if source_lang_was is not None:
        if source_lang is not None and source_lang != source_lang_was:
            raise click.UsageError(_("--from {first} and --source-lang {second} name two "
                                     "source languages; give one").format(
                                         first=source_lang, second=source_lang_was))
        source_lang = source_lang_was
    check_target(dest, force=force, inputs=[source])
    gl = import_file(source, fmt, source_lang=source_lang, target_lang=target_lang,
                     encoding=encoding)
    write_glossary_file(gl, dest)
    click.echo(ngettext("imported {n} concept from {source} into {dest}",
                        "imported {n} concepts from {source} into {dest}", len(gl)).format(
        n=len(gl), source=source, dest=dest), err=True)


@glossary.command("export")
@click.argument("dest", type=FilePath(allow_dash=True))
@glossary_options
@click.option("--format", "fmt", type=click.Choice(
    ["csv", "tsv", "tbx", "tbx2008", "deepl", "google", "amazon"]),
    help="Output format (default: from DEST's extension).")
@from_option("source_lang", help="Source language (deepl; xml:lang of TBX).",
             unshown=("--source-lang",))
@to_option("target_lang", help="Target language (deepl).", unshown=("--target-lang",))
@lang_option(help="Columns of google/amazon files.", dest="langs", multiple=True)
@force_option(N_("Overwrite DEST if it exists, even when it is one of the --glossary files "
                 "(refused otherwise)."))
@handle_errors
def export_cmd(dest: str, glossary_files: tuple[str, ...], no_shipped: bool, fmt: str | None,
               source_lang: str | None, target_lang: str | None,
               langs: tuple[str, ...], force: bool, encoding: str | None = None) -> None:
    """Write the glossary to DEST ("-" for stdout) in a native or vendor format.

    An existing DEST is refused unless --force; the write is atomic and goes through a
    symlink to the file it points to.

    \b
    Examples:
      toolkit glossary export all.tbx
      toolkit glossary export - --format tbx2008
      toolkit glossary export en-ru.csv --format deepl --from en --to ru
      toolkit glossary export amazon.csv --format amazon --lang en --lang ru --lang zh
    """
    from toolkit.fsutil import check_target
    from toolkit.glossary.files import export_file, format_of, render

    if fmt is None:
        if dest == "-":
            raise GlossaryError(_("give --format when writing to stdout"))
        fmt = format_of(dest)
    if dest != "-":
        check_target(dest, force=force, inputs=glossary_files)
    gl = _load(glossary_files, no_shipped, encoding)
    kwargs = {"source_lang": source_lang, "target_lang": target_lang, "langs": langs or None}
    if fmt in ("deepl", "google", "amazon"):
        from toolkit.glossary.tabular import vendor_losses

        pair = [source_lang, target_lang] if fmt == "deepl" else (langs or gl.languages)
        lost = vendor_losses(gl, [code for code in pair if code])
        if lost:
            click.echo(_("toolkit: note: the {format} format cannot hold {lost}; only "
                         "preferred terms are paired, per concept and term type").format(
                format=fmt, lost=", ".join(lost)), err=True)
    if dest == "-":
        click.echo(render(gl, fmt, path="<stdout>", **kwargs), nl=False)
    else:
        export_file(gl, dest, fmt, **kwargs)
        click.echo(ngettext("exported {n} concept to {dest} ({format})",
                            "exported {n} concepts to {dest} ({format})", len(gl)).format(
            n=len(gl), dest=dest, format=fmt), err=True)


@glossary.command("validate")
@click.argument("files", nargs=-1, type=FilePath())
@glossary_options
@json_option
@handle_errors
def validate_cmd(files: tuple[str, ...], glossary_files: tuple[str, ...], no_shipped: bool,
                 as_json: bool, encoding: str | None = None) -> None:
    """Check glossary files; exit 1 if anything needs fixing.

    FILES default to the shipped glossary plus --glossary files. Findings: duplicate terms
    across concepts, a concept missing a language, two preferred terms, a term approved here
    and rejected elsewhere, empty or whitespace-padded terms, overrides between files.

    \b
    Examples:
      toolkit glossary validate
      toolkit glossary validate project.tbx --json
    """
    from toolkit.glossary import load_glossary
    from toolkit.glossary.validate import validate_glossary

    paths = [Path(f) for f in files] if files else _paths(glossary_files, no_shipped)
    findings = validate_glossary(load_glossary(paths, encoding))
    if as_json:
        echo_json([f.to_dict() for f in findings])
    else:
        for f in findings:
            click.echo(f"{f.location()}: {f.code} {f.kind}: {localized(f.message)}")
        click.echo(localized(PluralMessage("{n} problem(s) in {files} file(s)",
                                           "{n} problems in {files} file(s)", len(findings),
                                           n=len(findings), files=len(paths))), err=True)
    if findings:
        click.get_current_context().exit(1)


@glossary.command("find")
@click.argument("file", type=FilePath(exists=True, allow_dash=True))
@glossary_options
@lang_option(help="Language of FILE (default: from name.LANG.ext or the script).")
@json_option
@handle_errors
def find_cmd(file: str, glossary_files: tuple[str, ...], no_shipped: bool, lang: str | None,
             as_json: bool, encoding: str | None = None) -> None:
    """List every glossary term found in FILE, with line, column, concept and status.

    \b
    Examples:
      toolkit glossary find examples/press-release.ru.md
      toolkit glossary find notes.txt --lang zh-Hant --json
    """
    from toolkit.glossary.match import find_mentions

    text = _read_text(file, encoding)
    gl = _load(glossary_files, no_shipped, encoding)
    code = lang or guess_lang(file, text)
    mentions = find_mentions(gl, text, code)
    at = _line_col(text)
    if as_json:
        echo_json([{**m.to_dict(), "line": at(m.start)[0], "column": at(m.start)[1]}
                   for m in mentions])
        return
    rows = [[f"{at(m.start)[0]}:{at(m.start)[1]}", m.concept_id, m.term.type, m.status,
             m.surface.replace("\n", " ")] for m in mentions]
    if rows:
        _table(rows, [N_("line:col"), N_("concept"), N_("type"), N_("status"), N_("text")])
    else:  # a header over nothing looked like output cut short; exit 0 as memory lookup's
        click.echo(_("no match"))
    click.echo(localized(PluralMessage("{n} mention(s) in {file} ({lang})",
                                       "{n} mentions in {file} ({lang})", len(mentions),
                                       n=len(mentions), file=file, lang=code)), err=True)


@glossary.command("check")
@click.argument("source", type=FilePath(allow_dash=True))
@click.argument("translations", nargs=-1, type=FilePath())
@glossary_options
@from_option("source_lang", help="Language of SOURCE (default: guessed).",
             unshown=("--source-lang",))
@to_option("target_lang", help="Language of the first TRANSLATION (default: guessed).",
           unshown=("--target-lang",))
@json_option
@handle_errors
def check_cmd(source: str, translations: tuple[str, ...], glossary_files: tuple[str, ...],
              no_shipped: bool, source_lang: str | None, target_lang: str | None,
              as_json: bool, encoding: str | None = None) -> None:
    """Check terminology of SOURCE alone, or of one or two TRANSLATIONS of it (any
    direction); exit 1 on findings.

    Reports deprecated and forbidden terms, names in the wrong case or script, near misses of
    names the glossary lists (a word swapped, a letter off, a wrong Russian ending), one
    concept written two ways, acronyms before their full form, and, across the files, a
    concept of paragraph N of one missing from the aligned paragraph of another (with the span
    there that probably stands for it).

    \b
    Examples:
      toolkit glossary check examples/press-release.en.md examples/press-release.ru.md
      toolkit glossary check A.en.md A.ru.md A.zh.md
      toolkit glossary check draft.ru.md --json
    """
    from toolkit.glossary.align import Version, check_versions
    from toolkit.glossary.consistency import check_monolingual, check_translation

    if len(translations) > 2:
        raise GlossaryError(_("give at most three files: a release and two translations"))
    gl = _load(glossary_files, no_shipped, encoding)
    src_text = _read_text(source, encoding)
    src = source_lang or guess_lang(source, src_text)
    texts = {"source": src_text, "text": src_text}
    names = {"source": source, "text": source}
    versions = [Version(src_text, src, "source", source)]
    for n, path in enumerate(translations):
        side = "target" if n == 0 else f"target{n + 1}"
        text = _read_text(path, encoding)
        lang = (target_lang if n == 0 else None) or guess_lang(path, text)
        texts[side], names[side] = text, path
        versions.append(Version(text, lang, side, path))
    if not translations:
        findings = check_monolingual(gl, src_text, src)
    elif len(translations) == 1:
        tgt = versions[1]
        findings = check_translation(gl, src_text, src, tgt.text, tgt.lang)
        findings += [f for f in check_versions(gl, versions)
                     if f.kind == "missing-in-paragraph" and f.span.side == "target"
                     and not any(g.kind == "missing-term" and g.concept_id == f.concept_id
                                 for g in findings)]
    else:
        findings = check_versions(gl, versions)
    if as_json:
        out = []
        for f in findings:
            data = f.to_dict()
            for span in data["spans"]:
                line, col = _line_col(texts[span["side"]])(span["start"])
                span.update(path=names[span["side"]], line=line, column=col)
            out.append(data)
        echo_json(out)
    else:
        for f in findings:
            line, col = _line_col(texts[f.span.side])(f.span.start)
            hint = " " + _("[suggest: {suggestion}]").format(
                suggestion=f.suggestion) if f.suggestion else ""
            click.echo(f"{names[f.span.side]}:{line}:{col}: {f.code} {f.severity}: "
                       f"{localized(f.message)}{hint}")
        click.echo(localized(PluralMessage("{n} finding(s)", "{n} findings", len(findings),
                                           n=len(findings))), err=True)
    if findings:
        click.get_current_context().exit(1)


@glossary.command("suggest")
@click.argument("release", type=FilePath(allow_dash=True))
@click.argument("translations", nargs=-1, type=FilePath())
@glossary_options
@click.option("--csv", "csv_out", type=OUTPUT_PATH,
              help="Also write the proposals as a long-format CSV to review and import; '-' "
                   "is stdout (instead of the table); missing directories are created.")
@json_option
@handle_errors
def suggest_cmd(release: str, translations: tuple[str, ...], glossary_files: tuple[str, ...],
                no_shipped: bool, csv_out: str | None, as_json: bool,
                encoding: str | None = None) -> None:
    """Names in RELEASE the glossary does not know, with their rendering in TRANSLATIONS.

    Multi-word capitalised names, acronyms, Russian and Chinese proper names; each rendering
    comes from the aligned paragraph (transliteration, then position). Names with no rendering
    in any translation are left out. Review the list, then `glossary add` or import the CSV.

    \b
    Examples:
      toolkit glossary suggest news.en.md news.ru.md news.zh.md
      toolkit glossary suggest news.en.md news.ru.md --csv new-names.csv
    """
    from toolkit.glossary.files import render, write_glossary_file
    from toolkit.glossary.model import Concept, Glossary, Term
    from toolkit.glossary.suggest import suggest

    if len(translations) > 2:
        raise GlossaryError(_("give at most three files: a release and two translations"))
    check_outputs({"--csv": csv_out}, inputs=[release, *translations],
                  stdout_used_by="--json" if as_json else None)
    gl = _load(glossary_files, no_shipped, encoding)
    versions = []
    for path in (release, *translations):
        text = _read_text(path, encoding)
        versions.append((text, guess_lang(path, text)))
    proposals = suggest(gl, versions)
    if csv_out:
        taken: set[str] = set()
        concepts = []
        for p in proposals:
            cid = p.concept_id
            while cid in taken:
                cid += "_"
            taken.add(cid)
            concepts.append(Concept(cid, tuple(Term(t, lang, status="admitted",
                                                    note=f"suggested: {p.evidence[lang]}")
                                              for lang, t in p.terms.items())))
        if is_stdout(csv_out):
            click.echo(render(Glossary(tuple(concepts)), "csv"), nl=False)
        else:
            write_glossary_file(Glossary(tuple(concepts)), csv_out)
    if as_json:
        echo_json([p.to_dict() for p in proposals])
    elif not is_stdout(csv_out):
        langs = [lang[:2] for _path, lang in versions]
        _table([[p.concept_id, *(p.terms.get(code, "") for code in langs)] for p in proposals],
               [N_("concept"), *langs])
    if not as_json:
        click.echo(localized(PluralMessage("{n} name(s) the glossary does not know",
                                           "{n} names the glossary does not know",
                                           len(proposals), n=len(proposals))), err=True)
