"""``toolkit translate``: translate a text, Markdown or HTML document offline."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from toolkit.cli.common import (
    OUTPUT_PATH,
    check_outputs,
    echo_json,
    encoding_option,
    force_option,
    from_option,
    glossary_option,
    handle_errors,
    is_stdout,
    json_option,
    line_list,
    no_glossary_option,
    no_shipped_option,
    progress_bar,
    read_text_input,
    shadowed_note,
    stderr_is_tty,
    to_option,
    write_output,
)
from toolkit.cli.localized import LocalizedCommand
from toolkit.i18n import _, localized, ngettext

if TYPE_CHECKING:
    from toolkit.pipeline import TranslationResult

PROGRESS_MIN_SENTENCES = 20


def _report(result: TranslationResult, quiet: bool, detected: bool) -> None:
    """Notes, then the findings grouped (one line per problem, with the source lines it is
    on), then a one-line summary; with *quiet* only the errors. *detected*: the source
    language was guessed (``--from auto``)."""
    route = result.route
    if not quiet and not route.packages and route.source.tag == route.target.tag:
        # nothing translated, not even the script: a copy must not pass for a translation
        lang = route.target.tag
        click.echo(_("note: the text looks like {lang}, the target language: copied as it is "
                     "(give --from if it is in another language)").format(lang=lang)
                   if detected else
                   _("note: --from and --to are both {lang}: the text is copied as it is"
                     ).format(lang=lang), err=True)
    if not quiet:
        if result.route.demo:
            from toolkit.mt.package import demo_notice

            for package in result.route.packages:
                if package.demo:
                    click.echo(demo_notice(package), err=True)
        if result.route.pivoted:
            click.echo(_("note: no direct package, pivoted {route}").format(
                route=result.route.describe()), err=True)
    # key -> (severity, code, source lines, count, first message), in order of first appearance
    groups: dict[tuple[str, ...], tuple[str, str, list[int], int, str]] = {}

    def add(key: tuple[str, ...], severity: str, code: str, message: str,
            line: int | None) -> None:
        _sev, _code, lines, count, first = groups.get(key, (severity, code, [], 0, message))
        groups[key] = (severity, code, [*lines, *([line] if line else [])], count + 1, first)

    for w in result.warnings:
        add(("w", w.kind, w.message), w.severity, "", localized(w.message) or "", w.line)
    for f, line in zip(result.glossary_findings, result.glossary_lines, strict=False):
        # One concept written two ways is one problem, however many times it happens.
        add(("g", f.code, f.concept_id), f.severity, f.code, localized(f.message) or "", line)
    order = sorted(groups.values(), key=lambda g: min(g[2], default=0))
    errors = warnings = 0
    for severity, code, lines, count, message in order:
        if severity == "error":
            errors += count
        else:
            warnings += count
        if quiet and severity != "error":
            continue
        text = line_list(lines) + message
        if count > max(1, len(set(lines))):  # repeats a line list does not show
            text = _("{message} ({count} times)").format(message=text, count=count)
        if code:
            click.echo(_("glossary: {code} {message}").format(code=code, message=text),
                       err=True)
        elif severity == "error":
            click.echo(_("error: {message}").format(message=text), err=True)
        else:
            click.echo(_("warning: {message}").format(message=text), err=True)
    if order and (errors or not quiet):
        counts = ", ".join([ngettext("{n} error", "{n} errors", errors).format(n=errors),
                            ngettext("{n} warning", "{n} warnings", warnings).format(
                                n=warnings)])
        n = result.sentences
        click.echo(ngettext("{counts} ({groups} after grouping) in {n} sentence; --json lists "
                            "each one", "{counts} ({groups} after grouping) in {n} sentences; "
                            "--json lists each one", n).format(
            counts=counts, groups=len(order), n=n), err=True)


@click.command(cls=LocalizedCommand)
@click.argument("source", default="-", metavar="[FILE|-]")
@from_option("from_lang", default="auto", show_default=True,
             help="Source language: en, ru, zh (zh-Hans, zh-Hant, zh_TW ...) or auto.")
@to_option("to_lang", required=True,
           help="Target language: en, ru, zh, zh-Hant ...")
@click.option("--output", "-o", type=OUTPUT_PATH,
              help="Write the translation here instead of stdout: atomically, through a "
                   "symlink; an existing file only with --force; '-' is stdout; missing "
                   "directories are created.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "markdown", "html"]),
              default="auto", show_default=True,
              help="Input format; auto picks markdown for .md files, html for .html/.htm and "
                   "for stdin or another file that starts with a tag, markdown for one with a "
                   "Markdown heading, table, code fence or link.")
@glossary_option("glossaries",
                 help="Glossary file (TBX/CSV) on top of the shipped one; repeatable; also "
                      "'glossary = [...]' in [tool.toolkit.translate]. Its do-not-translate "
                      "terms are copied verbatim, and the approved terms of both are put into "
                      "the translation (in the right Russian case); where it names the "
                      "shipped glossary's terms under its own ids, it wins.")
@no_shipped_option
@no_glossary_option
@click.option("--report", "report_path", type=OUTPUT_PATH,
              help="Write a JSON report here: per glossary mention and protected span what "
                   "was done or why not, with source lines (docs/report.md); an existing "
                   "file only with --force; '-' is stdout (then give -o FILE for the "
                   "translation); missing directories are created.")
@click.option("--strict", is_flag=True,
              help="Exit 1 when a glossary term or a protected span (placeholder, URL, "
                   "do-not-translate term) could not be applied, or the translation lacks a "
                   "glossary term (an error on stderr); the translation and the report are "
                   "written first.")
@click.option("--quiet", "-q", is_flag=True,
              help="Report only errors on stderr (no notes, no warnings, no summary).")
@force_option()
@encoding_option
@json_option
@handle_errors
def translate(source: str, from_lang: str, to_lang: str, output: str | None, fmt: str,
              glossaries: tuple[str, ...], no_glossary: bool, no_shipped: bool, force: bool,
              as_json: bool, encoding: str | None = None, quiet: bool = False,
              report_path: str | None = None, strict: bool = False) -> None:
    """Translate FILE (or stdin) between English, Russian and Chinese, fully offline.

    Layout (headings, lists, blank lines, indentation) is kept; URLs, e-mails, placeholders,
    identifiers and telephone numbers are copied verbatim. In HTML only text, the alt, title,
    placeholder and aria-label attributes and the meta description are translated; every
    tag, comment, script, code and translate="no" element comes back byte for byte.
    Russian<->Chinese pivots through English when no direct package is installed. Demo
    packages ship with the toolkit; install full Argos models with `toolkit models install`.

    \b
    Examples:
      toolkit translate examples/press-release.en.md --to ru
      echo "The SPbPU delegation was headed by Rector Andrei Rudskoy." | toolkit translate --to zh
      toolkit translate news.md --from ru --to zh-Hant -o news.zh-Hant.md
      toolkit translate notes.txt --to en --json
      toolkit translate news.md --to ru -g ours.tbx --report news.report.json --strict
      toolkit translate examples/press-release.en.html --to ru -o out.html
    """
    from toolkit.langs import parse_lang
    from toolkit.pipeline import translate_text

    to_stdout = output is None or is_stdout(output)  # the translation
    check_outputs({"--output": None if to_stdout else output, "--report": report_path},
                  force=force, inputs=[source],  # before any model work
                  stdout_used_by="--json" if as_json else
                  _("the translation (write it to a file with -o FILE)") if to_stdout else None)
    if from_lang != "auto":
        parse_lang(from_lang)
    parse_lang(to_lang)
    text, name = read_text_input(source, encoding)
    from toolkit.textio import guess_format

    named = guess_format(name, fmt)
    fmt = guess_format(name, fmt, text)
    if fmt != named and not quiet and not as_json:
        click.echo(_("note: the input looks like an HTML page: translated as HTML (give "
                     "--format text to translate it as plain text)") if fmt == "html" else
                   _("note: the input looks like Markdown: translated as Markdown (give "
                     "--format text to translate it as plain text)"), err=True)
    glossary = None
    project: list[str] = []
    if not no_glossary:
        from toolkit.glossary import load_glossary, shipped_glossary_paths
        from toolkit.glossary.files import configured_glossary_paths

        project = [*map(str, configured_glossary_paths()), *glossaries]
        paths = [*([] if no_shipped else shipped_glossary_paths()), *project]
        if paths:
            glossary = load_glossary(paths, encoding)
            if not quiet and not as_json:
                shadowed_note(glossary)

    long_job = text.count("\n") + text.count(".") >= PROGRESS_MIN_SENTENCES
    with progress_bar(stderr_is_tty() and long_job) as progress:
        result = translate_text(text, from_lang, to_lang, fmt=fmt, progress=progress,
                                glossary=glossary,
                                enforce_terms=glossary is not None)

    if not as_json:
        _report(result, quiet, detected=from_lang == "auto")

    from toolkit.report import build_report, document_report, failures, incomplete

    report = build_report([document_report(result, text, name)])
    if not to_stdout:
        write_output(output, result.text)
    if as_json:
        data = result.as_dict()
        if not to_stdout:
            data["output"] = output
        data["report"] = report
        echo_json(data)
    elif to_stdout:
        click.echo(result.text, nl=bool(result.text) and not result.text.endswith("\n"))
    if report_path:
        write_output(report_path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    if strict and incomplete(report):
        if not quiet:
            count = failures(report)
            click.echo(ngettext("--strict: {count} glossary term or protected span could not "
                                "be applied",
                                "--strict: {count} glossary terms or protected spans could "
                                "not be applied", count).format(count=count), err=True)
        sys.exit(1)
