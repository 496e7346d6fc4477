"""``toolkit catalog``: extract, init, update, compile and count gettext catalogs.

Thin layer over :mod:`toolkit.catalog`; every write is atomic and under the file lock.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path
from typing import Any

import click

from toolkit.cli.common import (
    OUTPUT_PATH,
    AliasedOption,
    FilePath,
    NumberRange,
    ReadPath,
    check_outputs,
    collector_off_to_the_end,
    echo_json,
    force_option,
    found_catalogs,
    from_option,
    glossary_options,
    handle_errors,
    is_stdout,
    json_option,
    keep_until_exit,
    lang_option,
    line_list,
    memory_option,
    no_glossary_option,
    progress_bar,
    skipped_languages_note,
    stderr_is_tty,
    write_output,
)
from toolkit.cli.localized import LocalizedGroup
from toolkit.i18n import N_, _, localized, ngettext


@click.group(cls=LocalizedGroup)
def catalog() -> None:
    """Manage gettext catalogs: extract, init, update, fill, compile, stats.

    Untouched entries keep their exact bytes on every write, so a command's diff is only what
    it changed; a UTF-8 byte-order mark, which msgfmt refuses, is dropped with a note. A
    catalog with a syntax error is never written: the command stops with file:line and exit
    code 2.

    \b
    Examples:
      toolkit catalog extract --check
      toolkit catalog init locales/messages.pot --lang ru -o locales/ru/LC_MESSAGES/messages.po
      toolkit catalog update locales/messages.pot locales/
      toolkit catalog fill locales/
      toolkit catalog compile locales/
      toolkit catalog stats locales/ --json
    """


def _config_root(config_path: str | None) -> tuple[dict[str, Any], Path, dict[str, Any]]:
    """``[tool.toolkit.catalog]``, the folder its paths are relative to, and ``[project]``."""
    from toolkit.catalog.extract import CATALOG_KEYS
    from toolkit.config import find_pyproject, load_section, project_table

    pyproject = Path(config_path) if config_path else find_pyproject()
    if pyproject is None:
        return {}, Path.cwd(), {}
    return (load_section("catalog", CATALOG_KEYS, path=pyproject).values, pyproject.parent,
            project_table(pyproject))


@catalog.command("extract")
@click.argument("sources", nargs=-1, type=ReadPath(path_type=Path))
@click.option("-o", "--output", type=OUTPUT_PATH,
              help="Template to write (default: 'template' in [tool.toolkit.catalog]); '-' "
                   "is stdout; missing directories are created.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the template would change (for CI).")
@click.option("--config", "config_path", type=FilePath(),
              help="pyproject.toml with [tool.toolkit.catalog] (default: the nearest one).")
@json_option
@handle_errors
def extract_cmd(sources: tuple[Path, ...], output: str | None, check: bool,
                config_path: str | None, as_json: bool) -> None:
    """Extract translatable messages from source files into a .pot template.

    Babel's extractors do the reading; the mapping of file patterns to methods, the keywords
    and the paths come from [tool.toolkit.catalog] in pyproject.toml (mapping = [{pattern =
    "**.py", method = "python"}], or mapping-file = "babel.cfg"; a babel.cfg beside
    pyproject.toml is used when neither is set). The template is rewritten only when a
    message changed, so its POT-Creation-Date does not churn.

    Other keys: sources (default ["."]), template, keywords (Babel's, added to _, gettext,
    ngettext, pgettext, npgettext and N_; e.g. ["gettext_lazy", "pgettext_lazy:1c,2"]),
    comment-tags (the comments kept for translators; default
    ["TRANSLATORS:", "Translators:"]), locations, sort-output, msgid-bugs-address, and
    project/version for the header (default: name and version of [project]).

    \b
    Examples:
      toolkit catalog extract                       # as configured
      toolkit catalog extract src/ -o messages.pot
      toolkit catalog extract --check               # CI: exit 1 if the .pot is stale
    """
    from toolkit.catalog.extract import (
        extract_template,
        same_messages,
        settings_from_config,
        template_changes,
    )
    from toolkit.catalog.files import load_catalog, po_bytes, save_catalog
    from toolkit.errors import ConfigError
    from toolkit.fsutil import locked

    table, root, project = _config_root(config_path)
    settings = settings_from_config(table, root, project)
    if sources:
        settings.sources = list(sources)
    check_outputs({"--output": output}, force=True,
                  stdout_used_by="--check" if check else "--json" if as_json else None)
    if is_stdout(output):
        new = extract_template(settings, root=root)
        write_output(output, po_bytes(new))
        return
    target = Path(output) if output else settings.template
    if target is None:
        raise ConfigError(_("no template to write: give -o FILE or set 'template' in "
                            "[tool.toolkit.catalog]"))
    new = extract_template(settings, root=root)
    count = len(new.live_entries)
    if not count:
        # a babel.cfg written for `pybabel extract .` names paths from the project's root;
        # with sources = ["src"] they are read from inside src/ and match nothing
        click.echo(_("note: no messages found in {sources}; mapping patterns ({patterns}) "
                     "are relative to each source folder").format(
            sources=", ".join(str(p) for p in settings.sources),
            patterns=", ".join(p for p, _m in settings.mapping)), err=True)
    with locked(target):
        old = load_catalog(target) if target.exists() else None
        stale = old is None or not same_messages(old, new)
        if stale and not check:
            save_catalog(target, new)
    changes = template_changes(old, new) if stale and old is not None else None
    if as_json:
        echo_json({"template": str(target), "messages": count, "changed": stale,
                   "written": stale and not check,
                   "added": [{"msgctxt": c, "msgid": m} for c, m in changes.added]
                   if changes else [],
                   "removed": [{"msgctxt": c, "msgid": m} for c, m in changes.removed]
                   if changes else []})
    elif check:
        state = _("out of date") if stale else _("up to date")
        click.echo(ngettext("{path}: {state} ({count} message)",
                            "{path}: {state} ({count} messages)", count).format(
            path=target, state=state, count=count))
        if changes is not None:  # CI: which messages, not only that the template is stale
            _template_changes_lines(target, changes)
    else:
        state = _("written") if stale else _("unchanged")
        click.echo(ngettext("{path}: {state} ({count} message)",
                            "{path}: {state} ({count} messages)", count).format(
            path=target, state=state, count=count))
    if check and stale:
        raise SystemExit(1)


#: Messages named per line by ``extract --check``; the rest are counted.
MAX_MESSAGES_SHOWN = 10


def _template_changes_lines(target: Path, changes: Any) -> None:
    """What ``extract --check`` found stale, on stderr: the messages the template misses
    and those it has that the sources no longer do (at most :data:`MAX_MESSAGES_SHOWN`
    each), and a count of messages whose references, flags or comments changed."""
    def shown(keys: list[tuple[str | None, str]]) -> str:
        names = [repr(m if len(m) <= 60 else m[:57] + "...") + (f" [{c}]" if c else "")
                 for c, m in keys[:MAX_MESSAGES_SHOWN]]
        text = ", ".join(names)
        if len(keys) > MAX_MESSAGES_SHOWN:
            text = _("{items} (+{more} more)").format(items=text,
                                                      more=len(keys) - MAX_MESSAGES_SHOWN)
        return text

    if changes.added:
        click.echo(_("{path}: not in the template yet: {messages}").format(
            path=target, messages=shown(changes.added)), err=True)
    if changes.removed:
        click.echo(_("{path}: in the template, gone from the sources: {messages}").format(
            path=target, messages=shown(changes.removed)), err=True)
    if changes.other:
        click.echo(ngettext("{path}: {n} message changed in its references, flags or "
                            "comments",
                            "{path}: {n} messages changed in their references, flags or "
                            "comments", changes.other).format(path=target, n=changes.other),
                   err=True)


@catalog.command("init")
@click.argument("template", type=FilePath(path_type=Path))
@lang_option(help="Locale of the new catalog: ru, zh_Hans, en...", unshown=("--locale",),
             required=True)
@click.option("-o", "--output", required=True, type=OUTPUT_PATH,
              help="The catalog to create; '-' is stdout; missing directories are created.")
@force_option(N_("Overwrite OUTPUT if it exists (its translations are lost; use update "
                 "instead)."))
@handle_errors
def init_cmd(template: Path, lang: str, output: str, force: bool) -> None:
    """Create a catalog for one locale from a .pot template, every entry untranslated.

    The Plural-Forms header comes from CLDR through Babel (ru: 3 forms, zh_Hans: 1, en: 2),
    and each plural entry gets that many empty forms. The Language header is spelled as
    gettext spells locales (zh-Hant -> zh_Hant, pt-br -> pt_BR).

    \b
    Examples:
      toolkit catalog init messages.pot --lang ru -o locales/ru/LC_MESSAGES/messages.po
      toolkit catalog init messages.pot -l zh_Hans -o locales/zh_Hans/LC_MESSAGES/messages.po
    """
    from toolkit.catalog.files import load_catalog, po_bytes, save_catalog
    from toolkit.catalog.init import init_catalog
    from toolkit.fsutil import locked
    from toolkit.po.locale import gettext_locale, locale_from_path

    check_outputs({"--output": output}, force=force, inputs=[template])
    po = init_catalog(load_catalog(template), lang)
    locale = po.header["Language"]
    if is_stdout(output):
        write_output(output, po_bytes(po))
    else:
        with locked(output):
            save_catalog(output, po)
    count = len(po.live_entries)
    click.echo(ngettext("{path}: {count} message for {locale}",
                        "{path}: {count} messages for {locale}", count).format(
        path=output, count=count, locale=locale), err=is_stdout(output))
    named = None if is_stdout(output) else locale_from_path(output)
    if named is not None and named != gettext_locale(named):
        # gettext looks for locales/zh_Hant/LC_MESSAGES, never for a zh-Hant folder
        click.echo(_("{path}: note: gettext spells this locale {spelled!r}, not {named!r}, "
                     "and will not find the catalog at this path").format(
            path=output, spelled=gettext_locale(named), named=named), err=True)


@catalog.command("update")
@click.argument("template", type=FilePath(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=ReadPath(path_type=Path))
@click.option("--no-fuzzy-matching", is_flag=True,
              help="New messages come in untranslated, never guessed from similar ones.")
@json_option
@handle_errors
def update_cmd(template: Path, paths: tuple[Path, ...], no_fuzzy_matching: bool,
               as_json: bool) -> None:
    """Merge a .pot template into catalogs, like msgmerge, losing no translation.

    Kept: every translation whose message is still there. Changed messages get the
    translation of the most similar old one, marked fuzzy, with the old source in '#|'
    lines. Messages gone from the template stay as obsolete '#~' entries (and come back if
    the message returns). Entries nothing changed in keep their exact bytes.

    \b
    Examples:
      toolkit catalog update locales/messages.pot locales/
      toolkit catalog update messages.pot ru.po zh_Hans.po --json
    """
    from toolkit.catalog.files import edit_if_changed, load_catalog
    from toolkit.catalog.update import update_catalog
    from toolkit.errors import CatalogError

    for path in paths:  # in msgmerge's order (catalog, template) the .pot was updated
        if path.suffix.lower() == ".pot" and not path.is_dir():
            raise CatalogError(_(
                "a template (.pot) is no catalog to update: the template comes first, "
                "'toolkit catalog update {template} CATALOG...' (msgmerge takes them the other "
                "way round)").format(template=path), path=str(path))
    pot = load_catalog(template)
    report = []
    for path in found_catalogs(paths):
        result, written, notes = edit_if_changed(path, lambda po: update_catalog(
            po, pot, fuzzy_matching=not no_fuzzy_matching))
        row = {"catalog": str(path), "kept": result.kept, "new": result.new,
               "fuzzy": len(result.fuzzy), "obsolete": result.obsoleted,
               "revived": result.revived, "changed": written,
               "notes": [str(n) for n in notes]}
        report.append(row)
        if not as_json:
            _notes(path, notes)
        if not written and not as_json:
            click.echo(_("{path}: unchanged").format(path=path))
        elif not as_json:
            click.echo(_("{path}: {kept} kept, {new} new, {fuzzy} fuzzy, {obsolete} made "
                         "obsolete, {revived} revived").format(
                path=path, kept=result.kept, new=result.new, fuzzy=len(result.fuzzy),
                obsolete=result.obsoleted, revived=result.revived))
    if as_json:
        echo_json(report)


@catalog.command("fill")
@click.argument("paths", nargs=-1, required=True, type=ReadPath(path_type=Path))
@from_option("from_lang", default="en", show_default=True,
             help="Language of the msgids. The target is each catalog's Language header "
                  "(else its path: ru/LC_MESSAGES, zh_Hans.po).")
@click.option("--include-fuzzy", "--fuzzy", "include_fuzzy", is_flag=True, cls=AliasedOption,
              unshown=("--fuzzy",),  # its name until it read as the opposite of --no-fuzzy
              help="Translate fuzzy entries again too, not only untranslated ones.")
@click.option("--no-fuzzy", is_flag=True,
              help="Do not mark machine translations fuzzy (they are, for review, by "
                   "default). Fuzzy memory matches are marked fuzzy regardless.")
@click.option("--min-score", type=NumberRange(0, 100), default=75.0, show_default=True,
              help="Least similarity (0-100) of a fuzzy translation-memory match.")
@glossary_options
@no_glossary_option
@memory_option
@click.option("--no-memory", is_flag=True,
              help="Neither look up nor store anything in the translation memory.")
@click.option("--dry-run", is_flag=True,
              help="Write nothing and translate nothing: count what would be filled and how.")
@json_option
@handle_errors
def fill_cmd(paths: tuple[Path, ...], from_lang: str, include_fuzzy: bool, no_fuzzy: bool,
             min_score: float, glossary_files: tuple[str, ...], no_shipped: bool,
             encoding: str | None, no_glossary: bool, memory_path: str | None,
             no_memory: bool, dry_run: bool, as_json: bool) -> None:
    """Translate the untranslated entries of catalogs: translation memory first, then the
    model, in one batched job per catalog.

    Exact memory matches are used as they are; similar ones (--min-score) are used and
    marked fuzzy. Only the rest goes to the model, through the glossary-aware pipeline:
    placeholders kept by the entry's format flags (python-format, python-brace-format,
    c-format), do-not-translate terms copied, glossary terms enforced; plural entries get
    every form the catalog's Plural-Forms asks for (a header without one gets CLDR's for the
    catalog's locale, with a note). Machine translations are marked fuzzy
    for review (unless --no-fuzzy), carry a '# machine translation (toolkit, MODEL)'
    comment, and go into the memory, so filling the same strings again needs no model.

    \b
    Examples:
      toolkit catalog fill locales/
      toolkit catalog fill ru.po zh_Hans.po --dry-run --json
      toolkit catalog fill locales/ --include-fuzzy -g project-terms.csv --memory team.sqlite3
    """
    from toolkit.catalog.files import (
        load_catalog,
        searched_in_folders,
        untranslatable_locale,
    )
    from toolkit.catalog.fill import FillOptions, commit, plan, preview, run_model
    from toolkit.langs import parse_lang

    parse_lang(from_lang)
    options = FillOptions(source=from_lang, include_fuzzy=include_fuzzy,
                          mark_fuzzy=not no_fuzzy, min_score=min_score)

    @functools.cache
    def glossary() -> Any:
        """The glossary, loaded once when the first catalog needs the model: its notes and
        warnings said once, not per catalog."""
        from toolkit.cli.glossary import _load, _paths

        if no_glossary or not _paths(glossary_files, no_shipped):
            return None
        return _load(glossary_files, no_shipped, encoding)

    reports = []
    # a one-shot command: the collector stays off to the end of the process (it walked every
    # entry read, again and again, to free nothing; and once more when turned back on after
    # the work), except while a model runs (run_model turns it on)
    collector_off_to_the_end()
    with contextlib.ExitStack() as stack:
        memory = None if no_memory else stack.enter_context(_open_memory(memory_path))
        # every catalog read (and checked) before any work: a broken one stops the command
        # with file:line and nothing is written
        # (those a folder search found in a language the toolkit does not translate are
        # passed over with one note: a package's locale/ holds dozens)
        found = found_catalogs(paths)
        searched = searched_in_folders(paths, found)
        jobs, skipped = [], {}
        for path in found:
            po = load_catalog(path, write=not dry_run)
            locale = (untranslatable_locale(po, path, from_lang) if path in searched
                      else None)
            if locale is not None:
                skipped[locale] = skipped.get(locale, 0) + 1
                continue
            jobs.append(plan(po, path, options, memory))
        skipped_languages_note(skipped)
        # and every model found before any is run: a missing one stops the command first
        routes = {id(job): _route(job) for job in jobs if job.pending and not dry_run}
        # the catalogs read (written back in place) are freed by the end of the process, not
        # entry by entry here
        keep_until_exit([job.po for job in jobs])
        for job in jobs:
            if dry_run:
                report = preview(job, options)
            else:
                long_job = len(job.pending) >= PROGRESS_MIN_STRINGS
                if long_job:  # say what runs
                    click.echo(_("{catalog}: translating {n} strings the memory does not "
                                 "have...").format(catalog=job.path, n=len(job.pending)),
                               err=True)
                with progress_bar(long_job and stderr_is_tty()) as progress:
                    run_model(job, route=routes.get(id(job)), glossary=glossary,
                              memory=memory, progress=progress)
                report = commit(job, options)
            reports.append(report)
            if not as_json:
                _fill_summary(report, dry_run)
    if as_json:
        echo_json([{**r.as_dict(), "dry_run": dry_run} for r in reports])


def _route(job: Any) -> Any:
    from toolkit.errors import ModelError
    from toolkit.pipeline import resolve_route

    try:
        return resolve_route(job.source, job.target)
    except ModelError as exc:  # which catalog needs it
        raise ModelError(exc.message, path=f"{job.path}: {exc.path}" if exc.path else
                         str(job.path), line=exc.line) from None


def _open_memory(path: str | None) -> Any:
    from toolkit.cli.memory import _open

    return _open(path)


PROGRESS_MIN_STRINGS = 20


#: Grouped fill warnings shown per catalog; the rest are counted (``--json`` has them all).
MAX_FILL_WARNINGS = 10


def _fill_warnings(report: Any) -> None:
    """The model's warnings on a catalog, one line per message with the entry lines it is on,
    at most :data:`MAX_FILL_WARNINGS` of them and then a count: a 400-entry fill printed one
    line per warning (700 lines). The entries are fuzzy for review anyway, and
    ``toolkit check`` reports what is still wrong in them."""
    groups: dict[str, list[int | None]] = {}
    for w in report.warnings:
        groups.setdefault(w.message, []).append(w.line)
    order = sorted(groups.items(), key=lambda g: min((n for n in g[1] if n), default=0))
    for message, lines in order[:MAX_FILL_WARNINGS]:
        known = sorted({n for n in lines if n})
        if len(known) == 1:
            click.echo(_("{file}:{line}: warning: {message}").format(
                file=report.catalog, line=known[0], message=localized(message)), err=True)
        else:
            click.echo(f"{report.catalog}: " + _("warning: {message}").format(
                message=line_list(lines) + (localized(message) or "")), err=True)
    rest = sum(len(lines) for _message, lines in order[MAX_FILL_WARNINGS:])
    if rest:
        click.echo(_("{file}: {n} more warnings; --json lists each one").format(
            file=report.catalog, n=rest), err=True)


def _notes(path: Any, notes: list[Any]) -> None:
    """A command's notes on one catalog (what it did besides its job), one line each."""
    for note in notes:
        click.echo(_("{path}: note: {message}").format(path=path, message=localized(note)),
                   err=True)


def _fill_summary(report: Any, dry_run: bool) -> None:
    _fill_warnings(report)
    _notes(report.catalog, report.notes)
    line = _("{catalog}: {filled} filled ({exact} from memory, {fuzzy} fuzzy from memory, "
             "{mt} by the model, {copied} copied), {skipped} skipped").format(
        catalog=report.catalog, filled=report.filled, exact=report.memory_exact,
        fuzzy=report.memory_fuzzy, mt=report.mt, copied=report.copied,
        skipped=report.skipped)
    if report.changed_meanwhile:
        line += _("; {n} changed by someone else meanwhile, left alone").format(
            n=report.changed_meanwhile)
    if dry_run:
        line += _(" (dry run: nothing written; {n} strings would go to the model)").format(
            n=report.strings_translated)
    click.echo(line)


@catalog.command("compile")
@click.argument("paths", nargs=-1, required=True, type=ReadPath(path_type=Path))
@click.option("-o", "--output", type=OUTPUT_PATH,
              help="The .mo file (one input only; default: beside the .po, same name); '-' is "
                   "stdout; missing directories are created.")
@force_option(N_("Compile even entries whose placeholders or plural forms are broken."))
@json_option
@handle_errors
def compile_cmd(paths: tuple[Path, ...], output: str | None, force: bool,
                as_json: bool) -> None:
    """Compile catalogs to .mo files, byte for byte what GNU msgfmt writes.

    Fuzzy and untranslated entries are left out, as msgfmt does. An entry whose translation
    has a placeholder its source lacks, or lacks one it must keep (all of a singular source's;
    msgid_plural's in a plural form chosen for many numbers, like Russian 1, 21, 31, as
    msgfmt -c checks), or a plural entry with the wrong number of forms, stops the compile
    with file:line (exit 2) unless --force; so does a translation that begins or ends with a
    line break where its source does not, or the reverse, which msgfmt refuses.

    \b
    Examples:
      toolkit catalog compile locales/
      toolkit catalog compile ru.po -o build/ru/LC_MESSAGES/messages.mo
    """
    collector_off_to_the_end()  # its loads and the catalogs read make no reference cycles
    from toolkit.catalog.compile import mo_bytes, system_dependent
    from toolkit.catalog.files import load_catalog
    from toolkit.errors import CatalogError

    check_outputs({"--output": output}, force=True,
                  stdout_used_by="--json" if as_json else None)
    catalogs = found_catalogs(paths)
    if output is not None and len(catalogs) != 1:
        raise CatalogError(_("-o needs exactly one catalog"))
    report = []
    for path in catalogs:
        po = load_catalog(path)
        data = mo_bytes(po, force=force, path=str(path))
        keep_until_exit(po)  # freed by the end of the process, not entry by entry here
        target = output or path.with_suffix(".mo")
        write_output(target, data)
        report.append({"catalog": str(path), "mo": str(target), "bytes": len(data)})
        if not as_json:
            click.echo(f"{path} -> {target}", err=is_stdout(target))
        sysdep = system_dependent(po)
        if sysdep:  # on stderr with --json too: the .mo is written, the program will not see them
            click.echo(_("{file}:{line}: warning: {message}").format(
                file=path, line=sysdep[0].line, message=ngettext(
                    "{n} C message with an <inttypes.h> macro ({example}) written as plain "
                    "text: GNU msgfmt writes such messages as system-dependent strings, "
                    "which a C program needs to find them; compile this catalog with msgfmt",
                    "{n} C messages with <inttypes.h> macros ({example}) written as plain "
                    "text: GNU msgfmt writes such messages as system-dependent strings, "
                    "which a C program needs to find them; compile this catalog with msgfmt",
                    len(sysdep)).format(n=len(sysdep), example=sysdep[0].msgid)), err=True)
    if as_json:
        echo_json(report)


@catalog.command("stats")
@click.argument("paths", nargs=-1, required=True, type=ReadPath(path_type=Path))
@json_option
@handle_errors
def stats_cmd(paths: tuple[Path, ...], as_json: bool) -> None:
    """Translated, fuzzy, untranslated and obsolete entries (and source words) per catalog
    and per locale.

    The counts are the ones 'toolkit check --min-translated' compares (one implementation).

    \b
    Examples:
      toolkit catalog stats locales/
      toolkit catalog stats locales/ --json
    """
    from toolkit.catalog.files import load_catalog
    from toolkit.po.locale import detect_locale
    from toolkit.po.stats import Stats, catalog_stats

    files = []
    locales: dict[str, Stats] = {}
    for path in found_catalogs(paths):
        po = load_catalog(path)
        stats = catalog_stats(po.entries)
        locale = detect_locale(path, po.header) or "unknown"
        locales.setdefault(locale, Stats())
        locales[locale] += stats
        files.append((path, locale, stats))
    if as_json:
        echo_json({"catalogs": [{"catalog": str(p), "locale": loc, **s.as_dict()}
                                for p, loc, s in files],
                   "locales": {loc: s.as_dict() for loc, s in sorted(locales.items())}})
        return
    for path, _locale, s in files:
        click.echo(_stats_line(str(path), s))
    for locale, s in sorted(locales.items()):
        click.echo(_stats_line(_("locale {locale}").format(locale=locale), s))


def _stats_line(name: str, s: Any) -> str:
    return _("{name}: {percent}% translated — {translated} translated, {fuzzy} fuzzy, "
             "{untranslated} untranslated, {obsolete} obsolete; words {words}/{total_words}"
             ).format(name=name, percent=f"{s.percent_translated:.1f}", translated=s.translated,
                      fuzzy=s.fuzzy, untranslated=s.untranslated, obsolete=s.obsolete,
                      words=s.translated_words, total_words=s.total_words)
