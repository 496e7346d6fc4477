"""Shared CLI plumbing: library errors -> one clear line and exit code 2; shared options."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from toolkit.errors import ToolkitError
from toolkit.i18n import N_

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C (128 + SIGINT), as shells report it."""


_KEPT: list[object] = []


def keep_until_exit(obj: object) -> None:
    """Leave *obj* (a command's big result, e.g. every parsed entry of the catalogs checked)
    to the end of the process: the console entry point (:mod:`toolkit.__main__`) then exits
    without freeing it, as mypy's fast exit does. Freeing a 55,000-entry catalog's objects
    one by one is ~3 % of its check and frees nothing the end of the process would not.
    One object at a time (a later call replaces it), so in-process callers keep no more."""
    _KEPT[:] = [obj]


def collector_off_to_the_end() -> None:
    """Turn the cyclic garbage collector off for the rest of the process: for a one-shot
    command (``check``, ``catalog compile``) that keeps what it read to the end
    (:func:`keep_until_exit`) and makes no reference cycles, whose garbage reference counting
    frees. Turned back on after the work, the collector's first pass walked every object the
    command had made, every entry of the catalogs read, to free nothing: ~0.1 s after a check
    of 55,000 entries, 7 M instructions (1.5 %) after compiling 5,800."""
    gc.disable()


def exit_without_teardown(code: object) -> None:
    """Leave the process at once with *code* (``SystemExit.code``) when a command kept its
    result (:func:`keep_until_exit`): output flushed, nothing freed. Returns (the caller exits
    as usual) when nothing was kept, the code is not a number, or a flush fails (a closed
    pipe: the usual exit reports it)."""
    if not _KEPT or not (code is None or isinstance(code, int)):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - the normal exit path deals with it
        return
    os._exit(code or 0)


def short_options_first(parser: Any) -> Any:
    """*parser* (the option parser Click makes for a command) reading a word that is exactly
    one of its short options (``-o``) as that option at once.

    Click tries every option word as a long option first; for ``-o`` that fails, and the
    failure builds a "no such option" error with spelling suggestions, importing difflib to
    make them, before Click tries it as the short option it is: ~3 M instructions (0.7 % of
    a ``catalog compile``) of every command given a short option, for an error never shown.
    The outcome is Click's own (it ends in the same short-option match); a parser without
    these internals (another Click) is returned as it is."""
    process = getattr(parser, "_process_opts", None)
    short = getattr(parser, "_short_opt", None)
    match_short = getattr(parser, "_match_short_opt", None)
    if process is None or not isinstance(short, dict) or match_short is None:
        return parser

    def process_opts(arg: str, state: Any) -> None:
        if arg in short:
            match_short(arg, state)
        else:
            process(arg, state)

    parser._process_opts = process_opts
    return parser


class ToolkitUsageError(click.ClickException):
    """A ClickException that exits with code 2 (bad input, missing model, config error)."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        from toolkit.i18n import _

        click.echo(_("toolkit: error: {message}").format(message=self.format_message()),
                   err=True)


def handle_errors(func: F) -> F:
    """Turn :class:`ToolkitError` and OS errors raised by the library into exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ToolkitError as exc:
            raise ToolkitUsageError(exc.localized()) from None
        except KeyboardInterrupt:
            # Ctrl-C: temp files were removed as the interrupt unwound; stop now.
            from toolkit.i18n import _

            click.echo(_("toolkit: interrupted"), err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`toolkit ... | head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(0) from None
        except UnicodeDecodeError as exc:
            from toolkit.i18n import _

            raise ToolkitUsageError(_("input is not valid UTF-8: {error}").format(
                error=exc)) from None
        except OSError as exc:
            name = getattr(exc, "filename", None)
            msg = f"{name}: {exc.strerror}" if name and exc.strerror else str(exc)
            raise ToolkitUsageError(msg) from None

    return wrapper  # type: ignore[return-value]


def table(rows: list[list[str]], headers: list[str]) -> str:
    """*rows* under *headers* in columns two spaces apart, lined up by terminal columns (a
    Chinese character takes two); the headers are catalog messages, shown translated."""
    from toolkit.i18n import _

    names = [_(h) for h in headers]
    width = len
    if not all(cell.isascii() for row in [names, *rows] for cell in row):
        from toolkit.i18n import columns as width
    widths = [max(width(row[i]) for row in [names, *rows]) for i in range(len(names))]
    return "\n".join("  ".join(cell + " " * (w - width(cell))
                               for cell, w in zip(row, widths, strict=True)).rstrip()
                     for row in [names, *rows])


class AliasedOption(click.Option):
    """An option some of whose names (*unshown*) are read but not shown in help: an older
    spelling that scripts use, kept working, while help teaches the one name of the idea."""

    def __init__(self, *args: Any, unshown: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unshown = tuple(unshown)

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown = self.opts
        self.opts = [name for name in shown if name not in self.unshown]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


def from_option(dest: str, help: str, *, unshown: Sequence[str] = (),
                **kwargs: Any) -> Callable[[F], F]:
    """``-f/--from``: the source language, the one name on every command that takes one
    (*unshown*: older names still read, e.g. ``--source-lang``)."""
    return click.option("--from", "-f", *unshown, dest, cls=AliasedOption, unshown=unshown,
                        metavar="CODE", help=help, **kwargs)


def to_option(dest: str, help: str, *, unshown: Sequence[str] = (),
              **kwargs: Any) -> Callable[[F], F]:
    """``-t/--to``: the target language, the one name on every command that takes one."""
    return click.option("--to", "-t", *unshown, dest, cls=AliasedOption, unshown=unshown,
                        metavar="CODE", help=help, **kwargs)


def lang_option(help: str, *, unshown: Sequence[str] = (), dest: str = "lang",
                **kwargs: Any) -> Callable[[F], F]:
    """``-l/--lang``: the language of the files a command reads or makes (not a translation
    direction: that is ``--from``/``--to``), e.g. ``check``'s catalogs, ``catalog init``'s
    new catalog (also read as ``--locale``, pybabel's and msginit's name), the language
    columns of ``glossary list/export``."""
    return click.option("--lang", "-l", *unshown, dest, cls=AliasedOption, unshown=unshown,
                        metavar="CODE", help=help, **kwargs)


GLOSSARY_HELP = N_("Glossary file (.csv, .tsv, .tbx) on top of the shipped one; repeatable, "
                   "later files win per concept.")


class FilePath(click.ParamType):
    """A file the command reads or writes. A folder there, or (*exists*) no file, is the
    one-line error of every bad input (``toolkit: error: PATH: is a directory`` / ``no such
    file``, exit 2), said as the options are read, before any work: Click's Path said it in
    a usage block, in English in every UI language, and a glossary ``catalog fill`` reads
    only when the model is needed went unchecked. *allow_dash*: ``-`` is stdin/stdout."""

    name = "file"

    def __init__(self, *, exists: bool = False, allow_dash: bool = False,
                 path_type: type = str) -> None:
        self.exists = exists
        self.allow_dash = allow_dash
        self.path_type = path_type

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        from toolkit.i18n import _

        path = os.fspath(value)
        if not (self.allow_dash and path == STDOUT):
            if os.path.isdir(path):
                raise ToolkitUsageError(f"{path}: " + _("is a directory"))
            if self.exists and not os.path.exists(path):
                raise ToolkitUsageError(f"{path}: " + _("no such file"))
        return self.path_type(path)


class ReadPath(click.Path):
    """A file or folder of catalogs (or sources) the command reads. An empty argument is
    refused in the one-line error of every bad input: Python reads ``Path("")`` as the
    current directory, so ``toolkit catalog compile "$LOCALES"`` with the variable unset
    compiled (and ``check`` checked) every catalog under the working directory."""

    def __init__(self, *, path_type: Any = None) -> None:
        super().__init__(path_type=path_type)

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            from toolkit.i18n import _

            raise ToolkitUsageError(f"{value!r}: " + _("no such file or directory"))
        return super().convert(value, param, ctx)


def glossary_option(dest: str = "glossary_files", help: str = GLOSSARY_HELP,
                    **kwargs: Any) -> Callable[[F], F]:
    """``-g/--glossary FILE``, repeatable: a glossary file, the same flag on every command
    that loads glossaries (*help* says what the command does with it)."""
    return click.option("-g", "--glossary", dest, multiple=True, metavar="FILE",
                        type=kwargs.pop("type", FilePath(exists=True)), help=help,
                        **kwargs)


def json_option(func: F) -> F:
    """``--json``: machine-readable output on stdout; the same flag on every command."""
    return click.option("--json", "as_json", is_flag=True,
                        help="Print machine-readable JSON on stdout.")(func)


def no_shipped_option(func: F) -> F:
    """``--no-shipped``: leave out the glossary shipped with the toolkit; the same flag on every
    command that loads glossaries (translate, check, glossary ...)."""
    return click.option("--no-shipped", is_flag=True,
                        help=N_("Leave out the glossary shipped with the toolkit."))(func)


def shadowed_note(glossary: Any) -> None:
    """One line on stderr when the user's glossary replaced shipped concepts that name the
    same terms under other ids (:func:`toolkit.glossary.model.overlay`): never one per term."""
    from toolkit.i18n import ngettext

    ids = glossary.shadowed
    if ids:
        shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
        click.echo(ngettext("note: your glossary names the terms of {count} shipped concept "
                            "under its own ids; yours are used ({ids})",
                            "note: your glossary names the terms of {count} shipped concepts "
                            "under its own ids; yours are used ({ids})", len(ids)).format(
                                count=len(ids), ids=shown), err=True)


def found_catalogs(paths: Sequence[Any]) -> list[Path]:
    """The catalogs *paths* name (:func:`toolkit.catalog.files.catalog_paths`), with the
    warning ``check`` gives when there are none: ``catalog compile wrong/`` in CI did nothing
    and said nothing, exit 0, as did stats, update, fill and ``memory import``."""
    from toolkit.catalog.files import catalog_paths

    found = catalog_paths(paths)
    if not found:
        no_catalogs_warning(paths)
    return found


def no_catalogs_warning(paths: Sequence[Any]) -> None:
    """``toolkit: warning: no .po files under PATHS`` on stderr."""
    from toolkit.i18n import _

    click.echo(_("toolkit: warning: no .po files under {paths}").format(
        paths=", ".join(map(str, paths))), err=True)


def skipped_languages_note(skipped: dict[str, int]) -> None:
    """One stderr line for the catalogs a folder search found in languages the toolkit does
    not translate (locale -> catalogs), instead of stopping at the first of them."""
    if not skipped:
        return
    from toolkit.i18n import ngettext

    n = sum(skipped.values())
    click.echo(ngettext("note: {n} catalog skipped, in a language the toolkit does not "
                        "translate: {locales}",
                        "note: {n} catalogs skipped, in languages the toolkit does not "
                        "translate: {locales}", n).format(
                            n=n, locales=", ".join(sorted(skipped))), err=True)


MAX_LINES_SHOWN = 8


def line_list(lines: list[int | None]) -> str:
    """``line 4: `` / ``lines 4, 9, 12 (+30 more): `` ('' when no line is known): where one
    grouped finding of ``translate`` or ``catalog fill`` is, without a line per place."""
    from toolkit.i18n import _

    known = sorted({n for n in lines if n})
    if not known:
        return ""
    shown = ", ".join(map(str, known[:MAX_LINES_SHOWN]))
    if len(known) > MAX_LINES_SHOWN:
        shown = _("{lines} (+{more} more)").format(lines=shown,
                                                   more=len(known) - MAX_LINES_SHOWN)
    return (_("line {lines}: ") if len(known) == 1 else _("lines {lines}: ")).format(
        lines=shown)


STDOUT = "-"
"""The name that means standard output in every option or argument naming a file to write
(``-o``/``--output``, ``--report``, ``--csv``, ``--write-baseline``, ``glossary export DEST``)."""

class NumberRange(click.FloatRange):
    """A number option in a range, NaN refused: Click's FloatRange lets ``nan`` through
    (every comparison with it is false), so ``--min-score nan`` was taken as a score no match
    reaches and ``--timeout nan`` started a download."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        import math

        number = super().convert(value, param, ctx)
        if math.isnan(number):
            from toolkit.i18n import _

            self.fail(_("{value!r} is not a number").format(value=value), param, ctx)
        return number


OUTPUT_PATH = FilePath(allow_dash=True)
"""The parameter type of a file to write: ``-`` allowed (stdout)."""


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """Whether the file *path* names is standard output (``-``)."""
    return path is not None and os.fspath(path) == STDOUT


def check_outputs(outputs: dict[str, str | os.PathLike[str] | None], *, force: bool = False,
                  inputs: Any = (), stdout_used_by: str | None = None) -> None:
    """Check the files a command will write, before its slow work.

    *outputs* maps each option (``--report``) to the path given (None: not given). ``-`` is
    stdout: at most one output may go there, and none when *stdout_used_by* (the command's own
    output, e.g. "the translation") goes there already; that is a usage error (exit 2), as
    two writers on one stream would interleave. The other paths go through
    :func:`toolkit.fsutil.check_target` (an existing file only with *force*); their missing
    parent directories are created when written (:func:`toolkit.fsutil.atomic_open`).
    """
    from toolkit.fsutil import check_target, resolve
    from toolkit.i18n import _

    to_stdout = [name for name, path in outputs.items() if is_stdout(path)]
    if stdout_used_by is not None and to_stdout:
        raise click.UsageError(_("{option} -: stdout already carries {what}; give "
                                 "{option} a file name").format(option=to_stdout[0],
                                                                what=stdout_used_by))
    if len(to_stdout) > 1:
        raise click.UsageError(_("{first} - and {second} - would both go to stdout; give "
                                 "one of them a file").format(first=to_stdout[0],
                                                              second=to_stdout[1]))
    files = {name: path for name, path in outputs.items() if path is not None
             and not is_stdout(path)}
    seen: dict[Any, str] = {}
    for name, path in files.items():
        real = resolve(path)
        if real in seen:
            raise click.UsageError(_("{first} and {second} name the same file").format(
                first=seen[real], second=name))
        seen[real] = name
        check_target(path, force=force, inputs=inputs)


def write_output(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write *data* to the file *path* atomically (parents created), or to stdout for ``-``."""
    if is_stdout(path):
        # bytes go to stdout's binary buffer (click.get_binary_stream is deprecated in 8.5)
        click.echo(data, nl=False)
        return
    from toolkit.fsutil import atomic_write_bytes, atomic_write_text

    if isinstance(data, bytes):
        atomic_write_bytes(path, data)
    else:
        atomic_write_text(path, data)


FORCE_HELP = N_("Overwrite OUTPUT if it exists, even when it is the input file "
                "(refused otherwise).")


def force_option(help: str = FORCE_HELP) -> Callable[[F], F]:
    """``--force``: the one flag that lets a command overwrite or lose data it would otherwise
    protect. Every command that writes a user-named file refuses an existing one without it
    (toolkit.fsutil.check_target), except where rewriting the file is the command's purpose
    (``glossary add``: there it lets a TBX rewrite drop elements the toolkit does not model).
    """
    return click.option("--force", is_flag=True, help=help)


def no_glossary_option(func: F) -> F:
    """``--no-glossary``: no glossary at all, not even the shipped one (commands that
    translate: ``translate``, ``catalog fill``)."""
    return click.option("--no-glossary", is_flag=True,
                        help="Use no glossary, not even the shipped one.")(func)


def glossary_options(func: F) -> F:
    """``-g/--glossary FILE`` (repeatable), ``--no-shipped`` and ``--encoding``: the same on
    every command that loads glossaries."""
    func = encoding_option(func)
    func = no_shipped_option(func)
    return glossary_option()(func)


def memory_option(func: F) -> F:
    """``--memory FILE``: the one flag naming the translation-memory database on every
    command that uses it (``memory ...``, ``catalog fill``)."""
    return click.option("--memory", "memory_path", type=FilePath(),
                        help="The memory database (default: TOOLKIT_MEMORY, [tool.toolkit."
                             "memory] path, or ~/.local/share/toolkit/memory.sqlite3).")(func)


def echo_json(data: Any) -> None:
    """Print *data* as pretty, UTF-8 JSON (Cyrillic and Chinese kept readable)."""
    import json  # only --json runs pay for it

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def stderr_is_tty() -> bool:
    """Whether progress bars and colours make sense (stderr attached to a terminal)."""
    return sys.stderr.isatty()


@contextlib.contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback drawing a bar on stderr (None when not
    *enabled*). The bar is made at the first call, when the model starts, so its ETA counts
    translation time only (not reading the input and loading the model)."""
    if not enabled:
        yield None
        return
    from toolkit.i18n import _

    bars: list[Any] = []

    def progress(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label=_("Translating"),
                                          file=sys.stderr))
        bars[0].length = total
        bars[0].update(done - bars[0].pos)

    try:
        yield progress
    finally:
        for bar in bars:
            bar.render_finish()


def encoding_option(func: F) -> F:
    """``--encoding NAME``: how user text and glossary files are encoded (default: UTF-8, or
    what a byte-order mark says); the same flag on every command that reads them."""
    return click.option("--encoding", "encoding", default=None, metavar="NAME",
                        help="Encoding of input text and glossary files (default: UTF-8, or "
                             "UTF-16/32 with a BOM), e.g. cp1251, gb18030.")(func)


def read_text_input(source: str, encoding: str | None = None) -> tuple[str, str | None]:
    """A text file (or ``-`` for stdin, BOM dropped) decoded by :func:`toolkit.textio.decode`,
    and its path (None for stdin); InputError naming the file when it is a directory or does
    not decode."""
    from toolkit.errors import InputError
    from toolkit.i18n import _
    from toolkit.textio import decode

    if source == "-":
        if sys.stdin.isatty():
            click.echo(_("Reading text from the terminal; end it with Ctrl-D "
                         "(or give a FILE)."), err=True)
        data = sys.stdin.buffer.read()
        name = None
    else:
        path = Path(source)
        if path.is_dir():
            raise InputError(_("is a directory, expected a text or Markdown file"), path=source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # said as every command says it, in the UI language
            raise InputError(_("no such file"), path=source) from None
        name = source
    return decode(data, name, encoding), name
