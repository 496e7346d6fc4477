"""Start-up stays light: a command imports what it runs and nothing heavy besides.

pre-commit and CI call ``toolkit check`` once per small catalog, so every import is paid per
file (bench/check.py, bench/i18n_startup.py). Each case runs the real CLI in a fresh
interpreter and looks at ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import django
import pytest

DJANGO_ADMIN = Path(django.__file__).parent / "contrib" / "admin" / "locale"
# libraries a check or a compile never needs: the MT stack, morphology, fuzzy matching,
# Babel (CLDR plural data is kept in toolkit/data/cldr_plurals.json), the memory's SQLite
HEAVY = ("babel", "ctranslate2", "sentencepiece", "argostranslate", "pymorphy3", "rapidfuzz",
         "opencc", "ahocorasick", "sqlite3", "defusedxml", "polib")

RUN = """
import sys
for name in ("struct", "_struct"):  # site may load them (zipfile, for a .pth file): whether a
    sys.modules.pop(name, None)     # command loads them again is a thing to test
before = set(sys.modules)  # what the interpreter and site (.pth files) load: not ours
sys.argv = ["toolkit", *sys.argv[1:]]
from toolkit.cli.main import main
try:
    main()
except SystemExit:
    pass
with open({out!r}, "w") as fh:
    fh.write("\\n".join(sorted(set(sys.modules) - before)))
"""  # no json here: whether a command loads json is a thing to test


def _modules_after(args: list[str], tmp_path: Path, env: dict[str, str] | None = None,
                   ) -> set[str]:
    out = tmp_path / "modules.txt"
    code = RUN.format(out=str(out))
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path,
                          capture_output=True, text=True,
                          env={**os.environ, "LANGUAGE": "en", **(env or {})})
    assert out.exists(), proc.stderr
    return set(out.read_text(encoding="utf-8").split("\n"))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


# ru, zh_Hans: ours; de, ar, pt_BR: CLDR rules from the kept table; en_AU: a region of ours
@pytest.mark.parametrize("locale", ["ru", "de", "en_AU", "zh_Hans", "ar", "pt_BR"])
def test_check_of_a_catalog_imports_nothing_heavy(tmp_path: Path, locale: str) -> None:
    path = DJANGO_ADMIN / locale / "LC_MESSAGES" / "djangojs.po"
    modules = _modules_after(["check", str(path)], tmp_path)
    assert "toolkit.lint" in modules  # it did run
    assert _heavy(modules) == []
    # only the command being run is loaded, not its siblings
    assert {m for m in modules if m.startswith("toolkit.cli.")} <= {
        "toolkit.cli.main", "toolkit.cli.common", "toolkit.cli.localized", "toolkit.cli.check"}


def test_check_in_russian_imports_nothing_heavy(tmp_path: Path) -> None:
    path = DJANGO_ADMIN / "ru" / "LC_MESSAGES" / "djangojs.po"
    modules = _modules_after(["check", str(path)], tmp_path, {"LANGUAGE": "ru"})
    assert _heavy(modules) == []


def test_catalog_compile_loads_only_the_catalog_commands(tmp_path: Path) -> None:
    path = DJANGO_ADMIN / "ru" / "LC_MESSAGES" / "djangojs.po"
    modules = _modules_after(["catalog", "compile", str(path), "-o", str(tmp_path / "x.mo")],
                             tmp_path)
    assert (tmp_path / "x.mo").exists()
    assert _heavy(modules) == []
    assert {m for m in modules if m.startswith("toolkit.cli.")} <= {
        "toolkit.cli.main", "toolkit.cli.common", "toolkit.cli.localized",
        "toolkit.cli.catalog"}
    assert not {m for m in modules if m.startswith(("toolkit.glossary", "toolkit.memory",
                                                    "toolkit.mt", "toolkit.terms",
                                                    "toolkit.lint"))}


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_catalog_compile_loads_no_writer_archive_or_json_module(tmp_path: Path,
                                                               force: list[str]) -> None:
    """Compile is a start-up-bound command (bench/catalog.py pairs it with msgfmt): it reads
    a catalog and writes bytes, so the PO writer, the archive and temp-file modules shutil
    and tempfile bring (bz2, lzma, random) and json (only --json prints it) stay unloaded,
    and so does dataclasses: making a dataclass generates and compiles its methods, so the
    classes on this path (the reader's, Span) are written without it. Nor does ``locale``:
    the standard gettext imports it to look for a catalog of Click's --help text, which
    the toolkit translates itself when help is shown. Nor difflib: Click imported it to
    suggest spellings when ``-o`` failed to match as a long option, before reading it as the
    short one (cli.common.short_options_first). Nor struct (an extension module to load):
    the .mo's numbers are written and the hashes read through array, as its tables were."""
    path = DJANGO_ADMIN / "ru" / "LC_MESSAGES" / "djangojs.po"
    modules = _modules_after(["catalog", "compile", str(path), "-o", str(tmp_path / "x.mo"),
                              *force], tmp_path)
    assert (tmp_path / "x.mo").exists()
    assert "toolkit.catalog.compile" in modules
    assert {"toolkit.po.writer", "shutil", "tempfile", "bz2", "lzma", "random", "json",
            "dataclasses", "locale", "difflib", "struct"} & modules == set()
    # --force compiles without the run-time check, so without its placeholder and plural code
    check = {"toolkit.catalog.compile_check", "toolkit.text.placeholders", "toolkit.po.plurals"}
    assert check & modules == (set() if force else check)


def test_collection_resumes_once_the_command_is_loaded() -> None:
    """``toolkit`` pauses the cyclic GC for its imports (toolkit.__main__); loading the
    command turns it back on, so a long translation or fill collects as usual."""
    import gc

    import click

    from toolkit.cli.main import cli

    gc.disable()
    try:
        assert cli.get_command(click.Context(cli), "check") is not None
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_python_m_toolkit_runs_the_cli_and_errors_exit_2(tmp_path: Path) -> None:
    path = DJANGO_ADMIN / "ru" / "LC_MESSAGES" / "djangojs.po"
    proc = subprocess.run([sys.executable, "-m", "toolkit", "check", str(path), "--json"],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "LANGUAGE": "en"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["findings"] == []
    proc = subprocess.run([sys.executable, "-m", "toolkit", "check", str(tmp_path / "no.po")],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "LANGUAGE": "en"})
    assert proc.returncode == 2
    assert proc.stderr.startswith("toolkit: error:") and "Traceback" not in proc.stderr


# runs the CLI in a child process with this script's arguments, then goes on to look inside
RUN_CLI = """
import gc, sys
sys.argv = ["toolkit", *sys.argv[1:]]
from toolkit.cli.main import main
try:
    main()
except SystemExit:
    pass
"""

PROBE = RUN_CLI + """from toolkit.text import patterns, placeholders
compiled = sorted(name for name in patterns._LAZY if name in vars(patterns))
if placeholders._maybe_protected.cache_info().currsize:
    compiled.append("placeholders._maybe_protected")
if placeholders._compiled.cache_info().currsize:
    compiled.append("placeholders._compiled")
from toolkit import i18n
if i18n._example_comment.cache_info().currsize:  # for help output only
    compiled.append("i18n._example_comment")
from toolkit.po import reader  # the line parser's and uncommon escapes' patterns
compiled += [f"reader.{{name}}" for name in ("_keyword_re", "_plural_keyword_re", "_escape_re")
             if getattr(reader, name).cache_info().currsize]
with open({out!r}, "w") as fh:
    fh.write(" ".join(compiled))
"""


@pytest.mark.parametrize("args", [["catalog", "compile"], ["check"]])
def test_placeholder_checks_compile_no_pattern_they_do_not_use(tmp_path: Path,
                                                               args: list[str]) -> None:
    """``catalog compile`` and ``check`` load the placeholder finders; the tag, token, URL and
    e-mail patterns (and find_protected's pre-filter) are compiled when first used, not at
    that import: compiling a pattern is part of every run's start-up. So are the printf and
    brace finders' own patterns, which compile needs only for an entry whose placeholders
    differ from its source's (this one's do not), and the PO reader's line-parser and
    uncommon-escape patterns, which a well-formed catalog never reaches."""
    out = tmp_path / "compiled.txt"
    path = tmp_path / "ru.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '#, python-format\nmsgid "%(n)s <b>files</b>"\nmsgstr "%(n)s <b>файлов</b>"\n',
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", PROBE.format(out=str(out)), *args, str(path)],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "LANGUAGE": "en"})
    assert out.exists(), proc.stderr
    compiled = out.read_text(encoding="utf-8").split()
    if args == ["check"]:  # the checker compares tags and lists placeholders: those it uses
        compiled = [name for name in compiled
                    if name not in ("TAG_RE", "placeholders._compiled")]
    assert compiled == []


FAST_EXIT = """
import atexit, sys
atexit.register(lambda: open({marker!r}, "w").close())  # runs at a normal exit only
sys.argv = ["toolkit", *sys.argv[1:]]
from toolkit.__main__ import main
main()
"""


@pytest.mark.parametrize("to_file", [False, True])
def test_check_leaves_without_freeing_its_catalogs_and_loses_no_output(
        tmp_path: Path, to_file: bool) -> None:
    """The check's parsed catalogs are left to the end of the process (freeing 55,000
    entries one by one was ~3 % of their check): the process leaves at once after the
    command, with its exit code and every byte of its output, stdout or file."""
    po = tmp_path / "ru.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  + "".join(f'msgid "File {i}: %s"\nmsgstr "Файл {i}"\n\n' for i in range(300)),
                  encoding="utf-8")
    marker, out = tmp_path / "atexit-ran", tmp_path / "out.json"
    args = [str(po), "--json"] + (["-o", str(out)] if to_file else [])
    proc = subprocess.run([sys.executable, "-c", FAST_EXIT.format(marker=str(marker)),
                           "check", *args], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr  # 300 lost placeholders: errors
    text = out.read_text(encoding="utf-8") if to_file else proc.stdout
    assert len(json.loads(text)["findings"]) >= 300
    assert not marker.exists()  # no teardown: atexit handlers did not run
    # in-process callers (tests, scripts) keep the usual exit
    proc = subprocess.run([sys.executable, "-c", RUN.format(out=str(tmp_path / "m.txt")),
                           "check", *args], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0 and (tmp_path / "m.txt").exists()  # RUN catches the exit


def test_compile_leaves_without_freeing_its_catalog_and_loses_no_output(tmp_path: Path) -> None:
    """``catalog compile`` leaves its parsed catalog to the end of the process too: the .mo
    and the summary line are all there, the exit code is kept, and no teardown runs."""
    path = DJANGO_ADMIN / "ru" / "LC_MESSAGES" / "djangojs.po"
    marker, fast, usual = tmp_path / "atexit-ran", tmp_path / "fast.mo", tmp_path / "usual.mo"
    proc = subprocess.run([sys.executable, "-c", FAST_EXIT.format(marker=str(marker)),
                           "catalog", "compile", str(path), "-o", str(fast)],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "LANGUAGE": "en"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{path} -> {fast}\n"
    assert not marker.exists()  # no teardown: atexit handlers did not run
    proc = subprocess.run([sys.executable, "-c", RUN.format(out=str(tmp_path / "m.txt")),
                           "catalog", "compile", str(path), "-o", str(usual)],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "LANGUAGE": "en"})
    assert proc.returncode == 0 and (tmp_path / "m.txt").exists()  # in-process: usual exit
    assert fast.read_bytes() == usual.read_bytes()
    # a refused catalog still exits 2 with its message (nothing kept: the usual exit)
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   '#, python-format\nmsgid "%(n)s files"\nmsgstr "%(m)s файлов"\n',
                   encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", FAST_EXIT.format(marker=str(marker)),
                           "catalog", "compile", str(bad), "-o", str(tmp_path / "bad.mo")],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "LANGUAGE": "en"})
    assert proc.returncode == 2 and "%(m)s" in proc.stderr and marker.exists()


GC_STATE = RUN_CLI + """with open({out!r}, "w") as fh:
    fh.write(str(gc.isenabled()))
"""


@pytest.mark.parametrize("args", [["catalog", "compile"], ["check"], ["catalog", "fill"]])
def test_one_shot_commands_leave_the_collector_off(tmp_path: Path, args: list[str]) -> None:
    """``check``, ``catalog compile`` and ``catalog fill`` keep the catalogs they read to the
    end and make no reference cycles: the collector stays off once they start, since turned
    back on, its first pass walked every entry they read to free nothing (7 M instructions,
    1.5 %, of a 5,800-entry compile)."""
    out = tmp_path / "gc.txt"
    path = DJANGO_ADMIN / "ru" / "LC_MESSAGES" / "djangojs.po"
    extra = {"compile": ["-o", str(tmp_path / "x.mo")],
             "fill": ["--dry-run", "--no-memory"]}.get(args[-1], [])
    proc = subprocess.run([sys.executable, "-c", GC_STATE.format(out=str(out)), *args,
                           str(path), *extra], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "LANGUAGE": "en"})
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == "False"


def test_fill_leaves_without_freeing_its_catalog_and_loses_no_output(tmp_path: Path) -> None:
    """``catalog fill`` leaves the catalogs it read to the end of the process too: the file
    is written and the memory stored, the summary line is there, and no teardown runs."""
    from toolkit.memory.store import Memory, Unit

    memory = tmp_path / "memory.sqlite3"
    with Memory(memory) as mem:
        mem.add([Unit("en", "ru", "Open", "Открыть", "team")])
    for name, runner in (("fast.po", FAST_EXIT), ("usual.po", RUN)):
        path = tmp_path / name
        path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n'
                        'Language: ru\\n"\n\nmsgid "Open"\nmsgstr ""\n', encoding="utf-8")
        marker = tmp_path / "atexit-ran"
        proc = subprocess.run([sys.executable, "-c", runner.format(marker=str(marker),
                                                                   out=str(tmp_path / "m.txt")),
                               "catalog", "fill", str(path), "--memory", str(memory)],
                              cwd=tmp_path, capture_output=True, text=True,
                              env={**os.environ, "LANGUAGE": "en"})
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == f"{path}: 1 filled (1 from memory, 0 fuzzy from memory, 0 by " \
                              "the model, 0 copied), 0 skipped\n"
        assert 'msgstr "Открыть"' in path.read_text(encoding="utf-8")
        if runner is FAST_EXIT:
            assert not marker.exists()  # no teardown: atexit handlers did not run
        else:  # in-process callers keep the usual exit
            assert (tmp_path / "m.txt").exists()
