"""Shared CLI plumbing: library errors -> one clear line and exit code 2; shared options."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from toolkit.errors import ToolkitError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USAGE = 2


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
            raise ToolkitUsageError(str(exc)) from None
        except BrokenPipeError:
            # The reader went away (`toolkit ... | head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(0) from None
        except UnicodeDecodeError as exc:
            raise ToolkitUsageError(f"input is not valid UTF-8: {exc}") from None
        except OSError as exc:
            name = getattr(exc, "filename", None)
            msg = f"{name}: {exc.strerror}" if name and exc.strerror else str(exc)
            raise ToolkitUsageError(msg) from None

    return wrapper  # type: ignore[return-value]


def json_option(func: F) -> F:
    """``--json``: machine-readable output on stdout; the same flag on every command."""
    return click.option("--json", "as_json", is_flag=True,
                        help="Print machine-readable JSON on stdout.")(func)


def echo_json(data: Any) -> None:
    """Print *data* as pretty, UTF-8 JSON (Cyrillic and Chinese kept readable)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def stderr_is_tty() -> bool:
    """Whether progress bars and colours make sense (stderr attached to a terminal)."""
    return sys.stderr.isatty()
