"""One idea, one flag, on every command: the source and target language are ``--from``/``-f``
and ``--to``/``-t``, a glossary file is ``-g``/``--glossary``. Found by the second new-user
review: ``memory lookup -f en`` and ``check -g terms.tbx`` were refused, ``glossary check``
knew only ``--source-lang``, and ``glossary import --from`` meant the file format."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
from click.testing import CliRunner

from toolkit.cli.main import cli

DATA = Path(__file__).parents[1] / "data" / "newuser"
SOURCE_NAMES = {"from_lang", "src", "source_lang"}
TARGET_NAMES = {"to_lang", "tgt", "target_lang"}


def _commands(group: click.Group, path: str = "toolkit") -> Iterator[tuple[str, click.Command]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} {name}")
        elif command is not None:
            yield f"{path} {name}", command


def _options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden]


def test_languages_are_from_and_to_everywhere() -> None:
    wrong = []
    for where, command in _commands(cli):
        for option in _options(command):
            names = option.opts + option.secondary_opts
            if option.name in SOURCE_NAMES and ("--from" not in names or "-f" not in names):
                wrong.append(f"{where}: {'/'.join(names)} is the source language")
            if option.name in TARGET_NAMES and ("--to" not in names or "-t" not in names):
                wrong.append(f"{where}: {'/'.join(names)} is the target language")
            if "--from" in names and option.name not in SOURCE_NAMES:
                wrong.append(f"{where}: --from is {option.name}, not the source language")
    # glossary import reads two-column files whose languages it is told; its --from was the
    # file format (still read, hidden), so its languages keep their long names only
    assert [w for w in wrong if not w.startswith("toolkit glossary import")] == []


def test_glossary_files_are_g_everywhere() -> None:
    wrong = [f"{where}: {'/'.join(o.opts)}" for where, command in _commands(cli)
             for o in _options(command) if "--glossary" in o.opts and "-g" not in o.opts]
    assert wrong == []


def test_the_new_names_work(tmp_path: Path) -> None:
    run = CliRunner().invoke
    memory = str(tmp_path / "memory.sqlite3")
    assert run(cli, ["memory", "add", "-f", "en", "-t", "ru", "News", "Новости",
                     "--memory", memory]).exit_code == 0
    found = run(cli, ["memory", "lookup", "-f", "en", "-t", "ru", "News", "--memory", memory,
                      "--json"])
    assert found.exit_code == 0, found.output
    assert "Новости" in found.stdout
    checked = run(cli, ["check", "-g", str(DATA / "campus.tbx"), str(DATA / "ru.po")])
    assert checked.exit_code in (0, 1), checked.output
    release = DATA / "releases" / "zju.en.md"
    terms = run(cli, ["glossary", "check", str(release), "--from", "en", "-g",
                      str(DATA / "campus.tbx"), "--json"])
    assert terms.exit_code in (0, 1), terms.output
    json.loads(terms.stdout)
    deepl = tmp_path / "deepl.csv"
    deepl.write_text("Zhejiang University,Чжэцзянский университет\n", encoding="utf-8")
    for flag in ("--format", "--from"):  # --from still read, as before
        out = tmp_path / f"out{flag}.csv"
        imported = run(cli, ["glossary", "import", str(deepl), str(out), flag, "deepl",
                             "--source-lang", "en", "--target-lang", "ru"])
        assert imported.exit_code == 0, imported.output
        assert "Чжэцзянский университет" in out.read_text(encoding="utf-8")
