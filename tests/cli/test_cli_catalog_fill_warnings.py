"""``toolkit catalog fill`` on a catalog the demo model gets many things wrong in: the
warnings on stderr are grouped and capped (a 400-entry catalog printed 700 lines), ``--json``
still lists every one."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.catalog import MAX_FILL_WARNINGS
from toolkit.cli.main import cli

HEADER = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
          'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n')
WORDS = ("university campus student laboratory research city province partner agreement "
         "programme exchange robotics").split()


def _catalog(path: Path, n: int) -> Path:
    entries = [f'#, python-format\nmsgid "Entry {i}: the {WORDS[i % 12]} and '
               f'{WORDS[(i * 5) % 12]} of %(name)s in {1900 + i}."\nmsgstr ""\n'
               for i in range(n)]
    path.write_text(HEADER + "\n".join(entries), encoding="utf-8")
    return path


def test_fill_warnings_are_grouped_and_capped(tmp_path: Path) -> None:
    runner = CliRunner()
    machine = runner.invoke(cli, ["catalog", "fill", str(_catalog(tmp_path / "a.po", 60)),
                                  "--no-memory", "--json"])
    assert machine.exit_code == 0, machine.output
    warnings = json.loads(machine.stdout)[0]["warnings"]
    assert len({w["message"] for w in warnings}) > MAX_FILL_WARNINGS  # the demo model's slips

    human = runner.invoke(cli, ["catalog", "fill", str(_catalog(tmp_path / "b.po", 60)),
                                "--no-memory"])
    assert human.exit_code == 0, human.output
    lines = [x for x in human.stderr.splitlines() if ": warning: " in x or "more warnings" in x]
    assert len(lines) == MAX_FILL_WARNINGS + 1
    assert len(set(lines)) == len(lines)  # every message once, with the lines it is on
    shown = 0
    for line in lines[:-1]:
        where = re.match(r".*?: warning: lines ([\d, ]+)(?: \(\+(\d+) more\))?:", line)
        shown += len(where.group(1).split(",")) + int(where.group(2) or 0) if where else 1
    assert lines[-1].endswith(f": {len(warnings) - shown} more warnings; --json lists each one")


def test_the_glossary_is_loaded_once_for_all_catalogs(tmp_path: Path) -> None:
    # two catalogs filled with a project glossary that replaces shipped concepts: the note
    # saying so came once per catalog (the glossary was read again for each)
    data = Path(__file__).parents[1] / "data" / "newuser"
    paths = []
    for name in ("ru.po", "zh_Hans.po"):
        paths.append(tmp_path / name)
        paths[-1].write_bytes((data / name).read_bytes())
    result = CliRunner().invoke(cli, ["catalog", "fill", *map(str, paths), "--fuzzy",
                                      "--no-memory", "-g", str(data / "campus.tbx")])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("shipped concept under its own ids") == 1
