"""Top-level ``toolkit`` group. Sub-commands load lazily so ``toolkit --help`` stays fast."""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys

import click

from toolkit import __version__
from toolkit.cli.common import EXIT_INTERRUPTED
from toolkit.cli.localized import LocalizedGroup, localize_click
from toolkit.i18n import N_

localize_click()

# command name -> "module:attribute"; each module is one command group under toolkit/cli/.
COMMANDS: dict[str, str] = {
    "translate": "toolkit.cli.translate:translate",
    "models": "toolkit.cli.models:models",
    "glossary": "toolkit.cli.glossary:glossary",
    "check": "toolkit.cli.check:check",
    "catalog": "toolkit.cli.catalog:catalog",
    "memory": "toolkit.cli.memory:memory",
}


class LazyGroup(LocalizedGroup):
    """A localized click group that imports a sub-command's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module_name, attr = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attr)
            resume_gc()
            return command
        return super().get_command(ctx, cmd_name)


def resume_gc() -> None:
    """Start-up is over: what it built stays (frozen out of collections) and the collector
    runs again (paused by :func:`toolkit.__main__.main`; a no-op when it was not)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``: "toolkit, version 0.1.0" in the user's language (Click's own
    version_option translates its words once, at import, so they stayed English)."""
    if not value or ctx.resilient_parsing:
        return
    from toolkit.i18n import _

    click.echo(_("{prog}, version {version}").format(prog="toolkit", version=__version__))
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version, help=N_("Show the version and exit."))
def cli() -> None:
    """Offline, glossary-aware translation and localization for Russian, English and Chinese.

    \b
    Examples:
      toolkit translate examples/press-release.en.md --to ru
      toolkit models list
      toolkit glossary find examples/press-release.ru.md
      toolkit check locales/
      toolkit catalog update locales/messages.pot locales/
    """


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="toolkit")
    except SystemExit as exc:
        if exc.code == EXIT_INTERRUPTED:
            # Interrupted: model threads may still be finishing a batch nobody wants; exiting
            # normally would wait for them (seconds), so leave at once.
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(EXIT_INTERRUPTED)
        raise
