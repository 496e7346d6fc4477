"""One idea, one flag, on every command: the source and target language are ``--from``/``-f``
and ``--to``/``-t``, a glossary file is ``-g``/``--glossary``. Found by the second new-user
review: ``memory lookup -f en`` and ``check -g terms.tbx`` were refused, ``glossary check``
knew only ``--source-lang``, and ``glossary import --from`` meant the file format. The third
audit: ``check -f`` was ``--format``, ``catalog init`` said ``--locale`` where ``check`` said
``--lang``, ``glossary import`` still took ``--source-lang``, and ``catalog fill --fuzzy`` read
as the opposite of ``--no-fuzzy`` (another idea). Old spellings still work, unshown."""

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
    assert wrong == []


def _shown_names(option: click.Option) -> list[str]:
    unshown = getattr(option, "unshown", ())
    return [n for n in option.opts + option.secondary_opts if n not in unshown]


def test_a_short_name_means_one_long_name_on_every_command() -> None:
    """-f was --format in check and --from everywhere else; -l was only catalog init's
    --locale, which check calls --lang. Each short name now stands for one long name, and a
    long name that has a short name somewhere has it everywhere."""
    shorts: dict[str, set[str]] = {}
    longs: dict[str, set[str]] = {}
    where: dict[str, list[str]] = {}
    for path, command in _commands(cli):
        for option in _options(command):
            names = _shown_names(option)
            short = {n for n in names if not n.startswith("--")}
            for name in (n for n in names if n.startswith("--")):
                if name in ("--help",):
                    continue
                longs.setdefault(name, set()).update(short or {""})
                where.setdefault(name, []).append(path)
                for s in short:
                    shorts.setdefault(s, set()).add(name)
    assert {s: names for s, names in shorts.items() if len(names) > 1} == {}
    assert {name: (s, where[name]) for name, s in longs.items() if len(s) > 1} == {}


def test_check_minus_f_is_refused_in_one_line_naming_format(tmp_path: Path) -> None:
    report = tmp_path / "out.sarif"
    result = CliRunner().invoke(cli, ["check", "-f", "sarif", str(DATA / "ru.po"), "-o",
                                      str(report)], env={"LANGUAGE": "en"})
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        "toolkit: error: check has no -f (elsewhere -f is --from, the source language): "
        "write --format sarif"]
    assert not report.exists()
    ok = CliRunner().invoke(cli, ["check", "--format", "sarif", str(DATA / "ru.po"), "-o",
                                  str(report)])
    assert ok.exit_code in (0, 1), ok.output
    assert json.loads(report.read_text(encoding="utf-8"))["version"] == "2.1.0"
    ru = CliRunner().invoke(cli, ["check", "-f", "json", str(DATA / "ru.po")],
                            env={"LANGUAGE": "ru"})
    assert ru.exit_code == 2 and "укажите --format json" in ru.output


def test_old_spellings_still_work_but_are_not_shown(tmp_path: Path) -> None:
    run = CliRunner().invoke
    pot = tmp_path / "m.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "News"\nmsgstr ""\n', encoding="utf-8")
    for flag in ("--lang", "-l", "--locale"):
        out = tmp_path / f"ru{flag}.po"
        made = run(cli, ["catalog", "init", str(pot), flag, "ru", "-o", str(out)])
        assert made.exit_code == 0, made.output
        assert '"Language: ru\\n"' in out.read_text(encoding="utf-8")
    helps = {tuple(args): run(cli, [*args, "--help"]).output for args in (
        ["catalog", "init"], ["catalog", "fill"], ["glossary", "import"],
        ["glossary", "export"], ["glossary", "check"])}
    for old in ("--locale", "--source-lang", "--target-lang", "--fuzzy "):
        assert not [args for args, text in helps.items() if old in text], old
    assert "--include-fuzzy" in helps[("catalog", "fill")]
    deepl = tmp_path / "deepl.csv"
    deepl.write_text("Zhejiang University,Чжэцзянский университет\n", encoding="utf-8")
    for n, flags in enumerate((["--format", "deepl", "--from", "en", "--to", "ru"],
                               ["-f", "en", "-t", "ru"],
                               ["--from", "deepl", "--source-lang", "en", "--target-lang", "ru"],
                               ["--from", "en", "--target-lang", "ru"])):
        out = tmp_path / f"out{n}.csv"
        imported = run(cli, ["glossary", "import", str(deepl), str(out), *flags])
        assert imported.exit_code == 0, (flags, imported.output)
        text = out.read_text(encoding="utf-8")
        assert "en,Zhejiang University" in text and "ru,Чжэцзянский университет" in text
    both = run(cli, ["glossary", "import", str(deepl), str(tmp_path / "x.csv"), "--from", "en",
                     "--source-lang", "ru", "--to", "zh"])
    assert both.exit_code == 2 and "two source languages" in both.output
    exported = run(cli, ["glossary", "export", "-", "--format", "deepl", "--source-lang", "en",
                         "--target-lang", "ru", "--no-shipped", "-g", str(tmp_path / "out0.csv")])
    assert exported.exit_code == 0, exported.output
    assert "Zhejiang University,Чжэцзянский университет" in exported.stdout



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
    for flag in ("--format", "--from"):  # --from FORMAT still read, as before
        out = tmp_path / f"out{flag}.csv"
        imported = run(cli, ["glossary", "import", str(deepl), str(out), flag, "deepl",
                             "--from" if flag == "--format" else "--source-lang", "en",
                             "--to", "ru"])
        assert imported.exit_code == 0, imported.output
        assert "Чжэцзянский университет" in out.read_text(encoding="utf-8")



def test_help_examples_use_the_names_help_shows() -> None:
    """``toolkit catalog --help`` taught ``catalog init ... --locale ru``, a spelling help no
    longer shows (``--lang`` is the one name of the idea on every command): an example in
    any command's or group's help uses only the option names its command's help lists."""
    from toolkit.cli.common import AliasedOption

    commands = dict(_commands(cli))  # "toolkit catalog init" -> the command
    unshown = {path: {name for p in c.params if isinstance(p, AliasedOption)
                      for name in p.unshown} for path, c in commands.items()}
    groups = {path.rsplit(" ", 1)[0] for path in commands}
    bad = []
    for path in sorted(groups | set(commands)):
        result = CliRunner().invoke(cli, [*path.split()[1:], "--help"])
        assert result.exit_code == 0, result.output
        for line in result.output.splitlines():
            words = line.split()
            called = next((c for c in commands if words[:len(c.split())] == c.split()), None)
            if called is not None:
                bad += [(path, line.strip()) for w in words if w in unshown[called]]
    assert bad == []


def test_every_language_option_shows_the_same_metavar() -> None:
    """`check -l, --lang CODE` and `catalog init -l, --lang CODE`, but `--from TEXT`,
    `--to TEXT` everywhere and `glossary list/export -l, --lang TEXT`: one idea, one name in
    the help's option lists too."""
    shown = {}
    for path, _command in _commands(cli):
        result = CliRunner().invoke(cli, [*path.split()[1:], "--help"])
        assert result.exit_code == 0, (path, result.output)
        for flag in ("--from", "--to", "--lang"):
            for line in result.output.splitlines():
                words = line.replace(",", " ").split()
                if line.startswith("  -") and flag in words[:3]:
                    metavar = words[words.index(flag) + 1]
                    shown.setdefault(metavar, []).append(f"{path} {flag}")
    assert set(shown) == {"CODE"}, shown


def test_short_options_read_as_click_reads_them(tmp_path: Path) -> None:
    """A short option goes straight to Click's short-option match (no detour through a failed
    long-option match and its spelling suggestions: cli.common.short_options_first); what
    the words mean, and the errors for wrong ones, stay Click's."""
    po = tmp_path / "ru.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "File"\nmsgstr "Файл"\n', encoding="utf-8")
    runner = CliRunner()
    for args, mo in ((["-o", str(tmp_path / "a.mo")], "a.mo"),
                     ([f"-o{tmp_path / 'b.mo'}"], "b.mo"),  # the value attached
                     (["--output", str(tmp_path / "c.mo")], "c.mo")):
        result = runner.invoke(cli, ["catalog", "compile", str(po), *args])
        assert result.exit_code == 0, result.output
        assert (tmp_path / mo).read_bytes() == (tmp_path / "a.mo").read_bytes()
    result = runner.invoke(cli, ["catalog", "compile", str(po), "--outptu", "x.mo"])
    assert result.exit_code == 2
    assert "No such option" in result.output  # and Click's suggestion:
    assert "--outptu" in result.output and "'--output'" in result.output
    result = runner.invoke(cli, ["catalog", "compile", str(po), "-q"])
    assert result.exit_code == 2 and "No such option" in result.output and "-q" in result.output
