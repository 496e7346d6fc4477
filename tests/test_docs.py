"""Every command has help with an example, and the README documents every command group."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from toolkit.cli.main import COMMANDS, cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _all_commands() -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        found.append((name,))
        if isinstance(command, click.Group):
            found.extend((name, sub) for sub in command.list_commands(ctx))
    return found


@pytest.mark.parametrize("path", _all_commands(), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 3


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_readme_documents_each_command_group(name: str) -> None:
    assert f"`toolkit {name}" in README


def test_readme_quick_start_has_two_one_line_commands_and_ci_runs_the_second() -> None:
    block = README.split("## Quick start", 1)[1].split("```", 2)[1]
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) == 2
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1].strip() in ci


def _options(command: click.Command, path: tuple[str, ...]) -> list[tuple[str, str]]:
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        return [o for name in command.list_commands(ctx)
                for o in _options(command.get_command(ctx, name), (*path, name))]
    return [(" ".join(path), p.opts[-1]) for p in command.params
            if isinstance(p, click.Option) and not p.hidden]


@pytest.mark.parametrize(("command", "option"), _options(cli, ()))
def test_every_option_says_what_it_does(command: str, option: str) -> None:
    """`glossary add --type [full|acronym|short|variant]` and `--status` had no help: the
    help named the choices but not what they mean (what a deprecated term does)."""
    ctx = click.Context(cli)
    target = cli
    for name in command.split():
        target = target.get_command(ctx, name)  # type: ignore[attr-defined]
    param = next(p for p in target.params if p.opts[-1] == option)
    assert param.help, f"toolkit {command} {option} has no help text"
