"""Click in the user's language: help translated when shown, Click's own words from our catalogs.

Help texts stay English in the command objects (they are built once, at import) and are
translated each time help is shown (:func:`toolkit.i18n.help_text`), so the language is the one
of the moment, not of the import. Click's own messages ("Usage:", "Options", "Show this message
and exit.", its usage errors) go through ``gettext.gettext``, which finds only compiled ``.mo``
files; :func:`localize_click` points Click's modules at our catalogs instead, and
:data:`CLICK_MESSAGES` puts the ones a user commonly sees into them. Chinese help is wrapped
by terminal columns (:class:`LocalizedHelpFormatter`); Click would break it only at spaces.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

import click

from toolkit.i18n import N_, _, help_text, ngettext

__all__ = ["CLICK_MESSAGES", "USAGE_METAVARS", "LocalizedCommand", "LocalizedContext",
           "LocalizedGroup", "LocalizedHelpFormatter", "localize_click"]


@contextlib.contextmanager
def _shown(command: click.Command, ctx: click.Context | None) -> Iterator[None]:
    """While help is formatted: the command's and its parameters' help texts translated."""
    saved: list[tuple[Any, str, str]] = []
    params = command.get_params(ctx) if ctx is not None else []
    for obj, attrs in ((command, ("help", "short_help", "epilog")),
                       *((p, ("help",)) for p in params)):
        for attr in attrs:
            text = getattr(obj, attr, None)
            if text:
                saved.append((obj, attr, text))
                setattr(obj, attr, help_text(text))
    try:
        yield
    finally:
        for obj, attr, text in reversed(saved):
            setattr(obj, attr, text)


def _wide(text: str) -> bool:
    """Does *text* hold wide (e.g. Chinese) characters?"""
    if text.isascii():  # English help: no PO writer import
        return False
    from toolkit.i18n import columns

    return columns(text) != len(text)


def _prewrapped(text: str, width: int) -> str:
    """*text* with each paragraph holding wide characters wrapped here by terminal columns,
    between characters where Chinese allows, and marked ``\\b`` so Click keeps the lines:
    Click's wrapping breaks only at spaces and counts a wide character as one column."""
    if not _wide(text):
        return text
    from toolkit.po.writer import wrap_columns

    out = []
    for para in text.split("\n\n"):
        if para.startswith("\b\n") or not _wide(para):
            out.append(para)
        else:
            out.append("\b\n" + "\n".join(wrap_columns(" ".join(para.split("\n")),
                                                       max(width, 10))))
    return "\n\n".join(out)


class LocalizedHelpFormatter(click.HelpFormatter):
    """Click's formatter, with Chinese (any wide-character) text wrapped by terminal columns."""

    def write_text(self, text: str) -> None:
        super().write_text(_prewrapped(text, self.width - self.current_indent))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if any(_wide(second) for _first, second in rows):
            # the width Click gives the second column (HelpFormatter.write_dl)
            first_col = min(max((click.formatting.term_len(first) for first, _s in rows),
                                default=0), col_max) + col_spacing
            width = max(self.width - first_col - 2, 10)
            rows = [(first, _prewrapped(second, width)) for first, second in rows]
        super().write_dl(rows, col_max, col_spacing)


class LocalizedContext(click.Context):
    """The context of a localized command: its help goes through LocalizedHelpFormatter."""

    formatter_class = LocalizedHelpFormatter


#: Click's metavars in Usage lines (``Usage: toolkit [OPTIONS] COMMAND [ARGS]...``); Click
#: does not pass them through gettext.
USAGE_METAVARS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("[COMMAND] [ARGS]..."))


class LocalizedCommand(click.Command):
    """A command whose help is shown in the user's language."""

    context_class = LocalizedContext

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [_(piece) if piece in USAGE_METAVARS else piece
                for piece in super().collect_usage_pieces(ctx)]

    def make_parser(self, ctx: click.Context) -> Any:
        from toolkit.cli.common import short_options_first

        return short_options_first(super().make_parser(ctx))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _shown(self, ctx):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _shown(self, None):
            return super().get_short_help_str(limit)


class LocalizedGroup(LocalizedCommand, click.Group):
    """A group whose help, and that of the commands made with its decorators, is localized."""

    command_class = LocalizedCommand
    group_class = type  # sub-groups are of the same class as their parent


#: Click's own messages that a user of the toolkit commonly sees (help pages, usage errors);
#: the msgids are Click's, so the catalogs carry their translations.
CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"),
    N_("Show this message and exit."), N_("Show the version and exit."),
    N_("default: {default}"), N_("required"),
    N_("env var: {var}"), N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"),
    N_("Missing command."), N_("No such option {name!r}."), N_("No such command {name!r}."),
    N_("Invalid value: {message}"), N_("Invalid value for {param_hint}: {message}"),
    N_("Aborted!"), N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid {number_type}."),
)
# Click's plural messages, marked through ngettext so the catalogs get all their forms
if False:  # pragma: no cover - extraction marks only
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
    ngettext("Got unexpected extra argument ({args})",
             "Got unexpected extra arguments ({args})", 1)
    ngettext("Option {name!r} requires an argument.",
             "Option {name!r} requires {nargs} arguments.", 1)
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)


def localize_click() -> None:
    """Make Click's own messages come from the toolkit's catalogs (idempotent).

    Not ``click.decorators``: it translates the help of ``--help`` and ``--version`` when it
    makes them, once per process, so they stay English there (marked only, :func:`N_`) and
    :class:`LocalizedCommand` translates them when shown, like every other help text. Left to
    the standard ``gettext``, every command's ``--help`` option looked for a ``messages``
    catalog on disk and imported ``locale`` to do it (about 1 % of a ``catalog compile``).
    """
    for name in ("core", "exceptions", "formatting", "parser", "types", "termui", "utils"):
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    decorators = sys.modules.get("click.decorators")
    if decorators is not None and hasattr(decorators, "_"):
        decorators._ = N_  # type: ignore[attr-defined]
