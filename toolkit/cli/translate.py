"""``toolkit translate``: translate a text or Markdown document offline."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli.common import (
    echo_json,
    encoding_option,
    force_option,
    handle_errors,
    json_option,
    read_text_input,
    stderr_is_tty,
)
from toolkit.i18n import _

PROGRESS_MIN_SENTENCES = 20


def _guess_format(name: str | None, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    if name and Path(name).suffix.lower() in {".md", ".markdown", ".mdown"}:
        return "markdown"
    return "text"


@click.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--from", "-f", "from_lang", default="auto", show_default=True,
              help="Source language: en, ru, zh (zh-Hans, zh-Hant, zh_TW ...) or auto.")
@click.option("--to", "-t", "to_lang", required=True,
              help="Target language: en, ru, zh, zh-Hant ...")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write the translation here instead of stdout: atomically, through a "
                   "symlink; an existing file only with --force.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "markdown"]),
              default="auto", show_default=True,
              help="Input format; auto picks markdown for .md files.")
@click.option("--glossary", "-g", "glossaries", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Glossary file (TBX/CSV) on top of the shipped one; repeatable. Its "
                   "do-not-translate terms are copied verbatim.")
@click.option("--no-glossary", is_flag=True, help="Use no glossary, not even the shipped one.")
@force_option()
@encoding_option
@json_option
@handle_errors
def translate(source: str, from_lang: str, to_lang: str, output: str | None, fmt: str,
              glossaries: tuple[str, ...], no_glossary: bool, force: bool,
              as_json: bool, encoding: str | None = None) -> None:
    """Translate FILE (or stdin) between English, Russian and Chinese, fully offline.

    Layout (headings, lists, blank lines, indentation) is kept; URLs, e-mails, placeholders
    and identifiers are copied verbatim. Russian<->Chinese pivots through English when no
    direct package is installed. Demo packages ship with the toolkit; install full Argos
    models with `toolkit models install`.

    \b
    Examples:
      toolkit translate examples/press-release.en.md --to ru
      echo "Nanjing is a city." | toolkit translate --from en --to zh
      toolkit translate news.md --from ru --to zh-Hant -o news.zh-Hant.md
      toolkit translate notes.txt --to en --json
    """
    from toolkit.fsutil import atomic_write_text, check_target
    from toolkit.langs import parse_lang
    from toolkit.pipeline import translate_text

    if output:
        check_target(output, force=force, inputs=[source])  # before any model work
    if from_lang != "auto":
        parse_lang(from_lang)
    parse_lang(to_lang)
    text, name = read_text_input(source, encoding)
    fmt = _guess_format(name, fmt)
    glossary = None
    if not no_glossary:
        from toolkit.glossary import load_glossary, shipped_glossary_paths

        glossary = load_glossary([*shipped_glossary_paths(), *glossaries], encoding)

    bar = None
    progress = None
    if stderr_is_tty() and text.count("\n") + text.count(".") >= PROGRESS_MIN_SENTENCES:
        bar = click.progressbar(length=1, label=_("Translating"), file=sys.stderr)

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

    try:
        result = translate_text(text, from_lang, to_lang, fmt=fmt, progress=progress,
                                glossary=glossary)
    finally:
        if bar is not None:
            bar.render_finish()

    if result.route.demo and not as_json:
        from toolkit.mt.package import demo_notice

        for package in result.route.packages:
            if package.demo:
                click.echo(demo_notice(package), err=True)
    if result.route.pivoted and not as_json:
        click.echo(_("note: no direct package, pivoted {route}").format(
            route=result.route.describe()), err=True)
    if not as_json:
        for warning in result.warnings:
            click.echo(_("warning: {message}").format(message=warning), err=True)
        for finding in result.glossary_findings:
            click.echo(_("glossary: {code} {message}").format(
                code=finding.code, message=finding.message), err=True)

    if output:
        atomic_write_text(output, result.text)
    if as_json:
        data = result.as_dict()
        if output:
            data["output"] = output
        echo_json(data)
    elif not output:
        click.echo(result.text, nl=bool(result.text) and not result.text.endswith("\n"))
