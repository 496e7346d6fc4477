"""``toolkit memory``: the translation memory (add, import, export, lookup, stats).

Thin layer over :mod:`toolkit.memory`.
"""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import (
    OUTPUT_PATH,
    ReadPath,
    check_outputs,
    echo_json,
    force_option,
    from_option,
    handle_errors,
    is_stdout,
    json_option,
    memory_option,
    no_catalogs_warning,
    skipped_languages_note,
    to_option,
    write_output,
)
from toolkit.cli.localized import LocalizedGroup
from toolkit.i18n import Message, _, localized, ngettext


def _open(path: str | None):  # noqa: ANN202 - toolkit.memory.Memory, imported lazily
    from toolkit.memory.store import Memory, default_path

    return Memory(Path(path) if path else default_path())


@click.group(cls=LocalizedGroup)
def memory() -> None:
    """The translation memory: approved translations, found again exactly or fuzzily.

    One SQLite file (WAL: two processes may write at once). Exact lookups ignore whitespace
    and which placeholder names a message uses; fuzzy lookups give a 0-100 score.

    \b
    Examples:
      toolkit memory import locales/ --from en
      toolkit memory add --from en --to ru "Open file" "Открыть файл"
      toolkit memory lookup --from en --to ru "Open the file"
      toolkit memory export -o memory.tmx
      toolkit memory stats
    """


@memory.command("add")
@click.argument("source")
@click.argument("target")
@from_option("src", required=True, help="Source language (en, ru, zh).")
@to_option("tgt", required=True, help="Target language (en, ru, zh, zh-Hant).")
@click.option("--context", default="", metavar="MSGCTXT",
              help="The msgctxt of the entries this translation is for (catalog fill uses it "
                   "as it is only for those; for another context it is a suggestion).")
@memory_option
@handle_errors
def add_cmd(source: str, target: str, src: str, tgt: str, context: str,
            memory_path: str | None) -> None:
    """Add one approved translation.

    \b
    Examples:
      toolkit memory add --from en --to ru "Open file" "Открыть файл"
      toolkit memory add --from en --to ru --context month "May" "Май"
    """
    from toolkit.memory.store import Unit, lang_tag

    if not source.strip() or not target.strip():
        from toolkit.errors import InputError

        raise InputError(_("SOURCE and TARGET must not be empty"))
    with _open(memory_path) as mem:
        added = mem.add([Unit(lang_tag(src), lang_tag(tgt), source, target, "user", context)])
    click.echo(_("added") if added else _("already there"))


@memory.command("import")
@click.argument("paths", nargs=-1, required=True, type=ReadPath(path_type=Path))
@from_option("src", default="en", show_default=True,
              help="Source language of .po catalogs (TMX files name their own).")
@memory_option
@json_option
@handle_errors
def import_cmd(paths: tuple[Path, ...], src: str, memory_path: str | None,
               as_json: bool) -> None:
    """Import approved entries of .po catalogs (translated, not fuzzy) and TMX files.

    A catalog's target language is its Language header, else its path (ru/LC_MESSAGES).
    A catalog in the source language (en_GB from en) holds no translation: a folder search
    passes it over with a note.

    \b
    Examples:
      toolkit memory import locales/
      toolkit memory import vendor.tmx
    """
    from toolkit.catalog.files import (
        catalog_paths,
        load_catalog,
        searched_in_folders,
        untranslatable_locale,
    )
    from toolkit.errors import CatalogError, LanguageError
    from toolkit.memory.store import lang_tag
    from toolkit.memory.tmx import read_tmx
    from toolkit.memory.units import catalog_units
    from toolkit.po.locale import detect_locale

    files = [p for p in paths if p.is_file() and p.suffix.lower() == ".tmx"]
    catalogs = catalog_paths([p for p in paths if p not in files])
    if not catalogs and not files:
        no_catalogs_warning(paths)
    searched = searched_in_folders(paths, catalogs)
    skipped_langs: dict[str, int] = {}
    report = []
    with _open(memory_path) as mem:
        for path in files:
            skipped: dict[Message, int] = {}
            report.append({"file": str(path), "added": mem.add(read_tmx(path, skipped)),
                           "skipped": skipped})
        for path in catalogs:
            po = load_catalog(path)
            other = untranslatable_locale(po, path, src) if path in searched else None
            if other is not None:  # a package's locale/ folder: its ru and zh are wanted
                skipped_langs[other] = skipped_langs.get(other, 0) + 1
                continue
            locale = detect_locale(path, po.header)
            if locale is None:
                raise CatalogError(_("no Language header and no locale in the path"),
                                   path=str(path))
            try:
                target = lang_tag(locale)
            except LanguageError as exc:  # the catalog's language: say which file says so
                exc.path = str(path)
                exc.line = po.header_entry.line if po.header_entry is not None else None
                raise
            if target == lang_tag(src):  # en_GB from en: no translation the memory serves
                raise CatalogError(Message(
                    "the catalog's language {locale} is the source language {source}: it holds "
                    "no translation to remember (--from names the language of the msgids)",
                    locale=locale, source=src), path=str(path),
                    line=po.header_entry.line if po.header_entry is not None else None)
            units = catalog_units(po, lang_tag(src), target, origin=str(path))
            report.append({"file": str(path), "added": mem.add(units)})
    skipped_languages_note(skipped_langs)
    if as_json:
        echo_json(report)
    else:
        for row in report:
            click.echo(ngettext("{file}: {n} new unit", "{file}: {n} new units",
                                row["added"]).format(file=row["file"], n=row["added"]))
            for reason, n in row.get("skipped", {}).items():
                click.echo(_("{file}: note: {n} translation unit(s) skipped: {reason}").format(
                    file=row["file"], n=n, reason=localized(reason)), err=True)


@memory.command("export")
@click.option("-o", "--output", required=True, type=OUTPUT_PATH,
              help="The TMX 1.4 file to write; '-' is stdout; missing directories are "
                   "created.")
@from_option("src", help="Only this source language (with --to).")
@to_option("tgt", help="Only this target language (with --from).")
@memory_option
@force_option()
@handle_errors
def export_cmd(output: str, src: str | None, tgt: str | None, memory_path: str | None,
               force: bool) -> None:
    """Export the memory (or one language pair) as TMX 1.4.

    \b
    Examples:
      toolkit memory export -o memory.tmx
      toolkit memory export --from en --to zh -o en-zh.tmx
    """
    from toolkit.memory.store import lang_tag
    from toolkit.memory.tmx import split_writable, write_tmx

    check_outputs({"--output": output}, force=force)
    with _open(memory_path) as mem:
        units = list(mem.units(lang_tag(src) if src else None, lang_tag(tgt) if tgt else None))
    units, skipped = split_writable(units)
    write_output(output, write_tmx(units))
    if skipped:
        click.echo(_("toolkit: warning: {file}: left out {n} unit(s) TMX cannot hold "
                     "(first: {first})").format(file=output, n=len(skipped),
                                                first=skipped[0][1]), err=True)
    click.echo(ngettext("{file}: {n} unit", "{file}: {n} units", len(units)).format(
        file=output, n=len(units)), err=is_stdout(output))


@memory.command("lookup")
@click.argument("text")
@from_option("src", required=True, help="Source language.")
@to_option("tgt", required=True, help="Target language.")
@click.option("--limit", type=click.IntRange(min=0), default=5, show_default=True,
              help="Fuzzy hits to show at most.")
@memory_option
@json_option
@handle_errors
def lookup_cmd(text: str, src: str, tgt: str, limit: int, memory_path: str | None,
               as_json: bool) -> None:
    """Find translations of TEXT: exact hits first, then fuzzy ones with their score.

    \b
    Example:
      toolkit memory lookup --from en --to ru "Delete %(name)s?"
    """
    from toolkit.memory.store import lang_tag

    s, t = lang_tag(src), lang_tag(tgt)
    with _open(memory_path) as mem:
        hits = mem.exact(s, t, text) or mem.fuzzy(s, t, text, limit=limit)
    # a person's translation before a model's draft of the same score (a fill keeps both)
    hits = sorted(hits, key=lambda h: (-h.score, h.unit.machine))
    if as_json:
        echo_json([{"source": h.unit.source, "target": h.target, "score": h.score,
                    "origin": h.unit.origin, "machine": h.unit.machine,
                    "context": h.unit.context} for h in hits])
        return
    for h in hits:
        origin = f"  [{h.unit.origin.replace(':', ': ', 1)}]" if h.unit.machine else ""
        context = f"  [msgctxt: {h.unit.context}]" if h.unit.context else ""
        click.echo(f"{h.score:5.1f}  {h.target}    ({h.unit.source}){context}{origin}")
    if not hits:
        click.echo(_("no match"))


@memory.command("stats")
@memory_option
@json_option
@handle_errors
def stats_cmd(memory_path: str | None, as_json: bool) -> None:
    """Units per language pair.

    \b
    Example:
      toolkit memory stats --json
    """
    with _open(memory_path) as mem:
        rows = mem.stats()
        where = str(mem.path)
    if as_json:
        echo_json({"memory": where, "pairs": rows})
        return
    click.echo(where)
    for r in rows:
        click.echo("  " + ngettext("{source} -> {target}: {n} unit",
                                   "{source} -> {target}: {n} units", r["units"]).format(
            source=r["source"], target=r["target"], n=r["units"]))
