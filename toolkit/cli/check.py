"""``toolkit check``: CI checks on gettext catalogs (thin layer over :mod:`toolkit.lint`)."""

from __future__ import annotations

import os
import sys

import click

from toolkit.cli.common import (
    EXIT_USAGE,
    OUTPUT_PATH,
    FilePath,
    NumberRange,
    ReadPath,
    ToolkitUsageError,
    check_outputs,
    collector_off_to_the_end,
    echo_json,
    force_option,
    glossary_option,
    handle_errors,
    is_stdout,
    json_option,
    keep_until_exit,
    lang_option,
    no_catalogs_warning,
    no_shipped_option,
    write_output,
)
from toolkit.cli.localized import LocalizedCommand
from toolkit.errors import ConfigError
from toolkit.i18n import N_, Message, PluralMessage, _, localized


def _no_short_format(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``check -f FORMAT``: refused in one line. ``-f`` is ``--from`` (the source language)
    on every other command, so ``check`` has no short name for ``--format``; it had one, and
    a script's ``-f sarif`` must not turn into something else silently."""
    if value is not None:
        raise ToolkitUsageError(_("check has no -f (elsewhere -f is --from, the source "
                                  "language): write --format {value}").format(value=value))


@click.command("check", cls=LocalizedCommand)
@click.argument("paths", nargs=-1, type=ReadPath(path_type=str))
@click.option("--format", "fmt", metavar="NAME",
              help="Output format: text (default), json, sarif, github, junit.")
@click.option("-f", "short_format", hidden=True, expose_value=False, callback=_no_short_format,
              is_flag=False, flag_value="FORMAT")  # `check x.po -f`: the same one line
@click.option("-o", "--output", type=OUTPUT_PATH,
              help="Write the report to this file instead of stdout (an existing file only "
                   "with --force); '-' is stdout; missing directories are created.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]),
              help="Exit 1 when a finding of this severity or worse remains (default: error).")
@click.option("--select", metavar="CODES", help="Only these rule codes/prefixes (TK1,TK204).")
@click.option("--extend-select", metavar="CODES", help="Add codes to the selection.")
@click.option("--ignore", metavar="CODES", help="Skip these rule codes/prefixes.")
@click.option("--min-translated", type=NumberRange(0, 100), metavar="PERCENT",
              help="Fail (TK306) when a file or locale is less translated than this.")
@glossary_option("glossaries", type=FilePath(),  # or the word 'shipped'
                 help="Glossary (TBX/CSV) for the TK5xx term rules; repeatable. The shipped "
                      "one only when named: 'shipped'.")
@no_shipped_option
@click.option("--baseline", type=FilePath(),
              help="Hide findings recorded in this baseline file; only new ones count.")
@click.option("--write-baseline", type=OUTPUT_PATH,
              help="Record every current finding in this baseline file and exit 0 "
                   "(rewriting it is the point: no --force needed); '-' is stdout; missing "
                   "directories are created.")
@click.option("--config", "config_path", type=FilePath(),
              help=("pyproject.toml to read [tool.toolkit.check] from (default: the nearest one at "
                    "or above the folder holding every PATH)."))
@lang_option(help="Language of every file (default: header/path).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), metavar="N",
              help="Processes per catalog (default 1: on 2 CPUs -j 2 gained 8 percent on 55,000 "
                   "entries; see docs/check.md).")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.option("--color/--no-color", default=None,
              help="Colour the text output (default: only on a terminal).")
@force_option(N_("Overwrite the --output file if it exists, even when it is a checked file "
                 "(refused otherwise)."))
@json_option
@handle_errors
def check(paths: tuple[str, ...], fmt: str | None, output: str | None, fail_on: str | None,
          select: str | None, extend_select: str | None, ignore: str | None,
          min_translated: float | None, glossaries: tuple[str, ...], no_shipped: bool,
          baseline: str | None,
          write_baseline: str | None, config_path: str | None, lang: str | None,
          jobs: int | None, list_rules: bool, color: bool | None, force: bool,
          as_json: bool) -> None:
    """Check gettext catalogs (.po) for the defects that break or embarrass a release.

    Placeholders, tags, URLs, numbers, plural forms, header and Plural-Forms (CLDR), encoding,
    whitespace, punctuation (full-width aware for Chinese), quotes (« » „ “ for Russian),
    unchanged/untranslated/fuzzy entries, consistency and glossary terms. Directories are
    searched for *.po. Settings come from [tool.toolkit.check] in pyproject.toml.

    \b
    Exit codes: 0 clean, 1 findings at/above --fail-on, 2 usage or configuration error.

    \b
    Examples:
      toolkit check locales/
      toolkit check locales/ --min-translated 95 --format github
      toolkit check locales/ --format sarif -o toolkit.sarif
      toolkit check locales/ --write-baseline .toolkit-baseline.json
      toolkit check locales/ --baseline .toolkit-baseline.json
      toolkit check --list-rules

    \b
    Suppress one entry's finding with a translator comment in the .po file
    (it survives msgmerge and makemessages; a "#, toolkit-ignore" flag does not):
      # toolkit-ignore: TK204 (intentional)
    """
    from toolkit import __version__
    from toolkit.config import common_folder
    from toolkit.lint import RULES, check_paths, load_check_config
    from toolkit.lint.formatters import RuleInfo, RunInfo, get_formatter
    from toolkit.lint.model import Severity

    if list_rules:
        _list_rules(RULES, as_json or fmt == "json")
        return
    if not paths:
        raise ConfigError(_("no paths given; for example: toolkit check locales/"))
    if is_stdout(output):
        output = None
    check_outputs({"--output": output}, force=force, inputs=paths)
    if lang is not None:
        from toolkit.po.locale import known_locale

        if not known_locale(lang):  # else every language rule is silently off
            raise ConfigError(Message("unknown locale {locale!r}", locale=lang))
    # the checked catalogs' project, not the current directory's: the nearest pyproject.toml
    # at or above the folder holding every PATH (as pytest and ruff find theirs)
    config = load_check_config(config_path, start=common_folder(paths))
    config = config.with_options(
        select=select, ignore=ignore, **{"extend-select": extend_select,
                                         "min-translated": min_translated},
        fail_on=fail_on)
    if as_json and fmt and fmt != "json":
        raise ConfigError(_("--json and --format {fmt} ask for two formats; give one "
                            "(--json is --format json)").format(fmt=fmt))
    fmt = "json" if as_json else (fmt or config.format)
    try:
        formatter = get_formatter(fmt)
    except KeyError as exc:
        raise ConfigError(exc.args[0]) from None  # a Message: shown in the user's language

    glossary = None
    glossary_paths = [g for g in list(glossaries) or list(config.glossary)
                      if not (no_shipped and g == "shipped")]
    if glossary_paths:
        from toolkit.lint.checks.glossary import build_index

        glossary = build_index(glossary_paths)

    baseline_counts = None
    baseline_path = baseline or (config.baseline if not write_baseline else None)
    config = config.rooted_at(write_baseline or baseline_path)
    if write_baseline and not is_stdout(write_baseline):
        _check_baseline_target(write_baseline, paths, config, force)
    if baseline_path and not write_baseline:
        from toolkit.lint.baseline import load_baseline

        if baseline or os.path.exists(baseline_path):
            baseline_counts = load_baseline(baseline_path)

    # check_paths turns the collector off while it runs and back on after, when the first
    # collection would walk every entry it read (and another at exit)
    collector_off_to_the_end()
    report = check_paths(paths, config, lang=lang, glossary=glossary, baseline=baseline_counts,
                         jobs=jobs)
    keep_until_exit(report)  # its parsed catalogs are freed by the end of the process

    if not report.files:
        no_catalogs_warning(paths)

    if write_baseline:
        from toolkit.lint.baseline import render_baseline

        write_output(write_baseline, render_baseline(report.findings))
        n = len(report.findings)
        click.echo(localized(PluralMessage("toolkit: wrote {n} finding(s) to baseline {path}",
                                           "toolkit: wrote {n} findings to baseline {path}", n,
                                           n=n, path=write_baseline)), err=True)
        return

    rules = {c: RuleInfo(c, r.name, r.description, r.severity.value) for c, r in RULES.items()}
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    info = RunInfo(files=[r.path for r in report.files],
                   entries=sum(r.total for r in report.files), baselined=report.baselined,
                   rules=rules, color=bool(color), version=__version__,
                   fail_on=Severity(config.fail_on).value)
    text = formatter.format(report.findings, info)
    if output:
        write_output(output, text + "\n")
    elif text:
        click.echo(text, color=bool(color))
    threshold = Severity(config.fail_on)
    if report.failed(threshold):
        sys.exit(1)


def _check_baseline_target(path: str, paths: tuple[str, ...], config: object,
                           force: bool) -> None:
    """Refuse a ``--write-baseline`` FILE that cannot be written, or that is one of the
    catalogs being checked (``check --write-baseline ru.po ru.po``, arguments swapped, wrote
    the JSON over the catalog) unless --force. An existing baseline is rewritten freely:
    that is what the option is for."""
    from toolkit.errors import OutputError
    from toolkit.fsutil import check_target, resolve
    from toolkit.lint.engine import discover

    check_target(path, force=True)
    if not force and resolve(path) in {resolve(p) for p in (*paths, *discover(paths, config))}:
        raise OutputError(_("is the input file; pass --force to overwrite it"), path=path)


def _list_rules(rules: dict, as_json: bool) -> None:
    from toolkit.lint.formatters.text import severity_labels

    ordered = [rules[c] for c in sorted(rules)]
    if as_json:
        echo_json([{"code": r.code, "name": r.name, "severity": r.severity.value,
                    "scope": r.scope, "opt_in": r.opt_in, "description": r.description}
                   for r in ordered])
        return
    labels, _width = severity_labels()
    for r in ordered:
        extra = " " + _("(opt-in)") if r.opt_in else ""
        click.echo(f"{r.code}  {r.name:<26} {labels[r.severity]}  {_(r.description)}{extra}")


__all__ = ["check", "EXIT_USAGE"]
