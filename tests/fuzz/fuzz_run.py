"""Run the real CLI on mutated inputs and judge the outcome: exit 0/1/2 and never a traceback.

Shared by the in-suite test (``tests/fuzz/test_fuzz_cli.py``, a few seconds) and the standalone
fuzzer (``tools/fuzz_cli.py``, thousands of inputs). Each input family is fed to the commands that
read it: ``.po`` to ``toolkit check`` (every output format, a directory, a baseline), TBX and CSV
to ``toolkit glossary validate/import/check/find/list/add``, ``toolkit check --glossary`` and
``toolkit translate -g``, text and Markdown to ``toolkit translate`` (file and stdin) and
``toolkit glossary find/check``; catalogs also to ``toolkit catalog`` and ``memory import``, TMX
to ``toolkit memory``, package archives to ``toolkit models install`` and then the commands
that load the package.
"""

from __future__ import annotations

import os
import signal
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from click.testing import CliRunner
from fuzz_mutate import REPO, VALUES, Case

from toolkit.cli.main import cli

EXIT_CODES = (0, 1, 2)
TRACEBACK = "Traceback (most recent call last)"
EXAMPLES = REPO / "examples"
PO_RU = REPO / "locales" / "ru" / "LC_MESSAGES" / "toolkit.po"
POT = REPO / "locales" / "toolkit.pot"
LANGS = ("en", "ru", "zh")
#: The engine settings the environment may override ({env} sets one per case).
ENV_VARS = ("TOOLKIT_THREADS", "TOOLKIT_INTER_THREADS", "TOOLKIT_BEAM_SIZE",
            "TOOLKIT_MAX_BATCH_TOKENS", "TOOLKIT_DEVICE", "TOOLKIT_COMPUTE_TYPE")


class FuzzTimeout(BaseException):
    """One input ran longer than the limit (a BaseException so no ``except Exception`` eats it)."""


@dataclass(frozen=True)
class Outcome:
    """What one run of the CLI did with one mutated input."""

    argv: tuple[str, ...]
    exit_code: int | None
    problem: str | None  # None: exit 0/1/2 and no traceback
    site: str | None  # where the exception was raised: "ValueError at toolkit/x.py:12 (f)"
    key: tuple[str, str] | None  # (exception type, function): stable when lines move
    traceback: str
    error_line: str | None  # exit 2: the `toolkit: error:` line ("" when there is none)
    seconds: float

    @property
    def ok(self) -> bool:
        return self.problem is None


# --- which command reads which family ------------------------------------------------------

EN, RU, ZH = (str(EXAMPLES / f"press-release.{code}.md") for code in LANGS)
SHORT_EN = "Nanjing University and SPbPU signed an agreement on 24.06.2026.\n"

#: Per family, the argument lists the inputs rotate through. ``{file}`` is the mutated file,
#: ``{stdin}`` feeds it on standard input instead, ``{work}`` the case's directory, ``{other}``
#: a language other than the seed's, ``{lang}`` the seed's, ``{doc}`` a short English text;
#: ``&&`` starts a second command run after the first (in the same packages directory),
#: ``{cd}`` runs the command inside the case's directory, ``{env}`` sets one TOOLKIT_* variable,
#: ``{reread}`` marks a command that reads back what the toolkit just wrote: it must not fail
#: with exit code 2 (what the toolkit writes, it can read).
COMMANDS: dict[str, list[tuple[str, ...]]] = {
    "po": [
        ("check", "{file}"),
        ("check", "{file}", "--format", "json"),
        ("check", "{file}", "--format", "sarif"),
        ("check", "{file}", "--format", "junit", "-o", "{work}/report.xml"),
        ("check", "{file}", "--format", "github"),
        ("check", "{work}", "--min-translated", "100", "--fail-on", "warning"),
        ("check", "{file}", "--glossary", "shipped"),
        ("check", "{file}", "--write-baseline", "{work}/baseline.json"),
        ("catalog", "stats", "{file}", "--json"),
        ("catalog", "compile", "{file}", "-o", "{work}/out.mo"),
        ("catalog", "update", str(POT), "{file}", "&&", "{reread}", "check", "{file}"),
        ("catalog", "init", "{file}", "-l", "zh_Hans", "-o", "{work}/new.po",
         "&&", "{reread}", "check", "{work}/new.po"),
        ("memory", "import", "{file}", "--from", "en", "&&", "memory", "export", "-o",
         "{work}/out.tmx", "&&", "{reread}", "memory", "import", "{work}/out.tmx",
         "--memory", "{work}/again.sqlite3"),
    ],
    "tmx": [
        ("memory", "import", "{file}", "&&", "memory", "export", "-o", "{work}/out.tmx",
         "&&", "{reread}", "memory", "import", "{work}/out.tmx", "--memory",
         "{work}/again.sqlite3"),
        ("memory", "import", "{file}", "--json", "&&", "memory", "lookup", "--from", "en",
         "--to", "ru", "Translating"),
        ("memory", "import", "{file}", "&&", "memory", "stats"),
    ],
    "tbx": [
        ("glossary", "validate", "{file}"),
        ("glossary", "validate", "--json", "{file}"),
        ("glossary", "import", "{file}", "{work}/out.csv",
         "&&", "{reread}", "glossary", "validate", "{work}/out.csv"),
        ("glossary", "import", "{file}", "{work}/out.tbx",
         "&&", "{reread}", "glossary", "validate", "{work}/out.tbx"),
        ("glossary", "check", EN, RU, "-g", "{file}"),
        ("glossary", "find", ZH, "--no-shipped", "-g", "{file}"),
        ("glossary", "list", "--no-shipped", "--json", "-g", "{file}"),
        ("glossary", "add", "{file}", "nanjing", "en", "Nanking City", "--status", "admitted",
         "&&", "{reread}", "glossary", "validate", "{file}"),
        ("glossary", "export", "{work}/out.tbx", "--format", "tbx2008", "--no-shipped", "-g",
         "{file}", "&&", "{reread}", "glossary", "validate", "{work}/out.tbx"),
        ("glossary", "export", "{work}/deepl.csv", "--format", "deepl", "--from", "en",
         "--to", "ru", "-g", "{file}", "&&", "{reread}", "glossary", "import",
         "--format", "deepl", "--from", "en", "--to", "ru", "{work}/deepl.csv",
         "{work}/back.csv"),
        ("check", str(PO_RU), "--glossary", "{file}"),
        ("translate", "{doc}", "--to", "ru", "-g", "{file}"),
    ],
    "text": [
        ("translate", "{file}", "--to", "{other}"),
        ("translate", "{file}", "--from", "{lang}", "--to", "{other}", "--json"),
        ("translate", "{stdin}", "--to", "{other}", "--no-glossary"),
        ("translate", "{file}", "--to", "{other}", "-o", "{work}/out.txt"),
        ("glossary", "find", "{file}"),
        ("glossary", "check", "{file}"),
        ("glossary", "check", "{other-example}", "{file}"),
    ],
}
COMMANDS["archive"] = [
    ("models", "install", "{file}"),
    ("models", "install", "{file}", "&&", "translate", "{doc}", "--from", "en", "--to", "ru"),
    ("models", "install", "{file}", "&&", "models", "list", "--json"),
    ("models", "install", "{file}", "&&", "models", "verify", "en", "ru"),
    ("models", "install", "{file}", "--dry-run"),
]
COMMANDS["config"] = [
    ("check", str(PO_RU), "--config", "{file}"),
    ("{cd}", "check", str(PO_RU.parents[2])),
    ("{cd}", "translate", "{doc}", "--to", "ru"),
    ("{cd}", "translate", "{doc}", "--to", "zh", "--json"),
    ("{cd}", "{env}", "translate", "{doc}", "--to", "ru", "--no-glossary"),
]
COMMANDS["csv"] = COMMANDS["tbx"]
#: Vendor CSVs (DeepL pairs, Google/Amazon language-header files) only `import` reads.
COMMANDS["csv-pairs"] = [
    ("glossary", "import", "--format", "deepl", "--from", "en", "--to", "ru",
     "{file}", "{work}/out.csv"),
    ("glossary", "import", "--format", "pairs", "--from", "ru", "--to", "zh",
     "{file}", "{work}/out.tbx"),
]
COMMANDS["csv-header"] = [
    ("glossary", "import", "--format", "google", "{file}", "{work}/out.tbx"),
    ("glossary", "import", "--format", "amazon", "{file}", "{work}/out.csv"),
    ("glossary", "import", "{file}", "{work}/out.csv"),
]


def input_name(case: Case) -> str:
    """The mutated file's name: what an error about it should mention."""
    seed = case.seed
    names = {"po": f"fuzz{seed.suffix}", "text": f"doc.{seed.lang}{seed.suffix}",
             "archive": f"package{seed.suffix}", "tmx": f"memory{seed.suffix}",
             "config": "pyproject.toml"}
    return names.get(case.family, f"glossary{seed.suffix}")


def _input_path(case: Case, work: Path) -> Path:
    """Where the mutated bytes go: a locale folder for catalogs, ``doc.LANG.md`` for text."""
    folder = work / case.seed.lang / "LC_MESSAGES" if case.family == "po" else work
    path = folder / input_name(case)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.data)
    return path


@dataclass(frozen=True)
class Step:
    """One command line of a case: its arguments, stdin, extra environment, and whether it
    runs inside the case's directory (where the mutated pyproject.toml is the nearest)."""

    argv: list[str]
    stdin: bytes | None = None
    env: dict[str, str] = field(default_factory=dict)
    in_work: bool = False
    reread: bool = False


def command_for(case: Case, work: Path) -> list[Step]:
    """The command(s) for *case* (its index picks them); writes the input files into *work*."""
    templates = COMMANDS[case.seed.kind or case.family]
    template = templates[case.index % len(templates)]
    others = [code for code in LANGS if code != case.seed.lang]
    other = others[case.index % len(others)]
    path = _input_path(case, work)
    steps: list[Step] = []
    step = Step([])
    for arg in (*template, "&&"):
        if arg == "&&":
            steps.append(step)
            step = Step([])
            continue
        if arg == "{cd}":
            step = replace(step, in_work=True)
            continue
        if arg == "{reread}":
            step = replace(step, reread=True)
            continue
        if arg == "{env}":  # one engine variable set to one of the mutator's values
            name = ENV_VARS[case.index % len(ENV_VARS)]
            value = VALUES[(case.index // len(ENV_VARS)) % len(VALUES)]
            step = replace(step, env={name: value})
            continue
        if arg == "{file}":
            arg = str(path)
        elif arg == "{stdin}":
            arg = "-"
            step = replace(step, stdin=case.data)
        elif arg == "{doc}":
            doc = work / "doc.en.txt"
            doc.write_text(SHORT_EN, encoding="utf-8")
            arg = str(doc)
        elif arg == "{other-example}":
            arg = str(EXAMPLES / f"press-release.{other}.md")
        arg = arg.replace("{work}", str(work)).replace("{other}", other)
        step.argv.append(arg.replace("{lang}", case.seed.lang))
    return steps


# --- running -------------------------------------------------------------------------------

@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`FuzzTimeout` in the main thread after *seconds* of CPU time used by the
    process (0: no limit). CPU time, not wall time: a fuzz run under ``nice`` on a busy machine
    may wait minutes for the CPU without any input being slow."""
    if not seconds:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise FuzzTimeout(f"more than {seconds:g} s of CPU time")

    old = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def exception_site(exc: BaseException) -> tuple[str, tuple[str, str]]:
    """Where the toolkit raised *exc*: its innermost frame in the toolkit (else the innermost
    frame) as ``"ValueError at toolkit/x.py:12 (f)"``, and as (type, function) for grouping
    that survives edits that move lines or files."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/toolkit/" in f.filename and "/tests/" not in f.filename]
    frame = (ours or frames)[-1] if frames else None
    kind = type(exc).__name__
    if frame is None:
        return kind, (kind, "?")
    name = frame.filename
    if "/toolkit/" in name:
        name = "toolkit/" + name.rsplit("/toolkit/", 1)[1]
    return f"{kind} at {name}:{frame.lineno} ({frame.name})", (kind, frame.name)


def run_case(case: Case, work: Path, *, timeout: float = 60.0) -> Outcome:
    """Feed *case* to the command(s) its index selects, in the empty directory *work* (which
    is also the packages directory the commands see)."""
    env = {"LANGUAGE": "en", "NO_COLOR": "1", "ARGOS_PACKAGES_DIR": str(work / "packages"),
           "TOOLKIT_MEMORY": str(work / "memory.sqlite3")}
    outcome = None
    shown: tuple[str, ...] = ()
    for step in command_for(case, work):
        shown = (*shown, "&&", *step.argv) if shown else tuple(step.argv)
        shown_env = tuple(f"{k}={v!r}" for k, v in step.env.items())
        outcome = _run_one((*shown_env, *shown), step, {**env, **step.env}, work, timeout)
        if step.reread and outcome.ok and outcome.exit_code == 2:
            outcome = replace(outcome, key=("RoundTrip", " ".join(step.argv[:2])),
                              problem=f"round trip: cannot read what it wrote: "
                                      f"{outcome.error_line}")
        if not outcome.ok or outcome.exit_code != 0:
            break
    assert outcome is not None
    return outcome


@contextmanager
def _cwd(folder: Path | None) -> Iterator[None]:
    old = os.getcwd()
    if folder is not None:
        os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def _run_one(shown: tuple[str, ...], step: Step, env: dict[str, str], work: Path,
             timeout: float) -> Outcome:
    runner = CliRunner()
    start = time.perf_counter()
    site = None
    tb = ""
    try:
        with time_limit(timeout), _cwd(work if step.in_work else None):
            result = runner.invoke(cli, step.argv, input=step.stdin, catch_exceptions=True,
                                   env=env)
    except FuzzTimeout as exc:
        return Outcome(shown, None, "timeout", f"over {timeout:g} s of CPU time",
                       ("FuzzTimeout", "timeout"), "".join(traceback.format_exception(exc)),
                       None, time.perf_counter() - start)
    seconds = time.perf_counter() - start
    problem = None
    key = None
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        site, key = exception_site(exc)
        tb = "".join(traceback.format_exception(exc))
        problem = f"traceback: {site}"
    elif TRACEBACK in result.output or TRACEBACK in (result.stderr or ""):
        problem = "traceback printed"
        tb = result.output
    elif result.exit_code not in EXIT_CODES:
        problem = f"exit code {result.exit_code}"
    stderr = result.stderr or ""
    error_line = None
    if result.exit_code == 2:
        lines = [line for line in stderr.splitlines() if line.startswith("toolkit: error:")]
        error_line = lines[-1] if lines else ""
    return Outcome(shown, result.exit_code, problem, site, key, tb, error_line, seconds)
