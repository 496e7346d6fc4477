"""``python -m toolkit`` and the ``toolkit`` command: the CLI with start-up GC paused."""

from __future__ import annotations

import gc


def main() -> None:
    """Console-script entry point: :func:`toolkit.cli.main.main`, with the cyclic garbage
    collector paused while the CLI and the command's module are imported.

    Those imports create tens of thousands of long-lived objects (modules, classes, compiled
    patterns) and no garbage, yet trigger collections that walk all of them: ~3 % of a small
    ``toolkit check``. :class:`toolkit.cli.main.LazyGroup` moves them out of the collector's
    sight (``gc.freeze``) and turns it back on once the command is loaded, before it runs.
    """
    gc.disable()
    from toolkit.cli.main import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        from toolkit.cli.common import exit_without_teardown

        exit_without_teardown(exc.code)  # a command that kept its big result: leave now
        raise


if __name__ == "__main__":
    main()
