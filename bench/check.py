"""Bench: ``toolkit check`` vs ``pofilter`` vs ``msgfmt -c`` on one 50,000+ entry catalog.

One run measures, side by side on the same file:

- wall time of each tool (best of ``--repeat`` runs; pofilter once by default, it is slow),
- how many findings each reports,
- which planted defect classes each one finds.

The catalog is generated here: Django's Russian catalogs (every app) repeated with a unique
``msgctxt`` per copy, until it has ``--entries`` entries, with defects of every class planted
in ``--per-class`` copies. Every planted entry has an untouched twin (the same Django entry in
another copy), so a tool "finds" a planted defect when it reports something on the planted
entry that it does not report on the twin: no tool-specific mapping of check names needed.

``--catalogs DIR`` measures the same on your own catalogs instead (any project's
``<locale>/LC_MESSAGES/*.po`` under DIR): defects are planted into copies of their ``--lang``
entries, and their ru/zh catalogs are the clean set (entries flagged, the default gate, and
which catalogs msgfmt -c passes but the gate fails; ``--show-flagged`` lists the findings).

Usage::

    python bench/check.py                      # 55,000 entries, prints a table
    python bench/check.py --entries 100000 --json bench-check.json
    python bench/check.py --speed-only --repeat 7   # the time ratios alone (~1 min)
    python bench/check.py --catalogs ~/src/myapp/locale --lang zh --show-flagged
    python bench/check.py --speed-only --base main --no-small   # this tree against main

A competitor that is not installed is skipped, saying so (pofilter: ``pip install
translate-toolkit``; msgfmt: ``apt-get install gettext``).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.po.reader import PoEntry, read_po

RU_PLURAL = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
             "(n%100<10 || n%100>=20) ? 1 : 2);")
# the planted catalog's language: (Language header, Plural-Forms, plural forms kept)
PLANT_LANGS = {"ru": ("ru", RU_PLURAL, 3), "zh": ("zh_CN", "nplurals=1; plural=0;", 1)}


def q(text: str) -> str:
    return '"' + (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                  .replace("\t", "\\t").replace("\r", "\\r")) + '"'


@dataclass
class Item:
    """One entry of the generated catalog."""

    msgctxt: str
    msgid: str
    msgstr: str | None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    references: tuple[str, ...] = ()
    planted: str | None = None  # defect class
    twin: int | None = None  # index of the untouched twin
    raw_tail: str = ""  # written as is at the end of msgstr (escapes q() would double)

    def render(self) -> str:
        out = [f"#: {r}" for r in self.references]
        if self.flags:
            out.append("#, " + ", ".join(self.flags))
        out.append(f"msgctxt {q(self.msgctxt)}")
        out.append(f"msgid {q(self.msgid)}")
        if self.msgid_plural is not None:
            out.append(f"msgid_plural {q(self.msgid_plural)}")
            out.extend(f"msgstr[{i}] {q(v)}" for i, v in sorted(self.msgstr_plural.items()))
        else:
            out.append(f"msgstr {q(self.msgstr or '')[:-1]}{self.raw_tail}\"")
        return "\n".join(out) + "\n"


def _locale_lang(locale: str) -> str:
    """``ru_RU`` -> ``ru``, ``zh_Hans`` -> ``zh``: the language of a catalog's locale folder."""
    return locale.split("_")[0].split("-")[0].split(".")[0]


def base_entries(lang: str = "ru", roots: list[Path] | None = None) -> list[PoEntry]:
    """The entries defects are planted into: every *lang* catalog Django ships (core and
    contrib apps), or every one under *roots* (``--catalogs``: any project's catalogs, as
    ``<locale>/LC_MESSAGES/*.po``). Each message once; plural entries with as many forms as
    the planted catalog's Plural-Forms (Russian 3, Chinese 1; a Transifex-style fourth
    Russian form is dropped)."""
    if roots is None:
        import django

        roots = [Path(os.path.dirname(django.__file__))]
    nforms = PLANT_LANGS[lang][2]
    entries = []
    seen: set[tuple[str | None, str]] = set()
    for root in roots:
        for path in sorted(root.rglob("*/LC_MESSAGES/*.po")):
            if _locale_lang(path.parts[-3]) != lang:
                continue
            po, _ = read_po(str(path))
            for e in po.entries:
                if e.obsolete or e.is_header or e.key in seen:
                    continue  # apps share some messages: one catalog defines each once
                seen.add(e.key)
                if e.msgid_plural is not None:
                    if sorted(e.msgstr_plural) not in (list(range(nforms)),
                                                       list(range(nforms + 1))):
                        continue
                    e.msgstr_plural = {i: e.msgstr_plural[i] for i in range(nforms)}
                entries.append(e)
    return entries


# Defect classes: (applies to the entry?, mutate the copy). Each mutates msgstr unless noted.
def _tr(it: Item) -> bool:
    return bool(it.msgstr) and it.msgid_plural is None and "fuzzy" not in it.flags


def _plain(it: Item) -> bool:
    return _tr(it) and not re.search(r"[%{<]", it.msgid) and len(it.msgid) > 15


_HTTPS = re.compile(r"https://[^\s\"<>]+")  # as the URL classes find the URL to break


def _url_kept(it: Item) -> bool:
    """A translated entry with an https URL that the translation kept as the source has it:
    a URL defect planted into one already broken (pydata-sphinx-theme's ``href=\\"...\\"``)
    would change nothing any tool could tell from the untouched twin."""
    urls = _HTTPS.findall(it.msgstr or "") if _tr(it) else []
    return bool(urls) and all(u in it.msgid for u in urls)


def _set(attr: str, fn: Callable[[Item], str]) -> Callable[[Item], None]:
    def apply(it: Item) -> None:
        setattr(it, attr, fn(it))
    return apply


def _drop_named(it: Item) -> None:
    it.msgstr = re.sub(r"%\(\w+\)[sdr]", "", it.msgstr, count=1)


def _drop_from_plural(it: Item) -> None:
    it.msgstr_plural.pop(max(it.msgstr_plural))


def _dup(it: Item) -> None:
    pass  # handled by the generator: msgctxt becomes the twin's


CLASSES: dict[str, tuple[Callable[[Item], bool], Callable[[Item], None]]] = {
    "placeholder (python-format)": (
        lambda it: _tr(it) and "python-format" in it.flags and "%(" in it.msgstr,
        _drop_named),
    "placeholder (unflagged)": (
        lambda it: _plain(it),
        lambda it: (setattr(it, "msgid", it.msgid + " (%s)"),
                    setattr(it, "msgstr", it.msgstr + " ()"))),
    "brace placeholder": (
        lambda it: _plain(it),
        lambda it: (setattr(it, "msgid", "{count} " + it.msgid),
                    setattr(it, "msgstr", "{cnt} " + it.msgstr))),
    "HTML tag": (lambda it: _tr(it) and "</a>" in it.msgstr,
                 _set("msgstr", lambda it: it.msgstr.replace("</a>", "", 1))),
    "URL": (_url_kept,
            _set("msgstr", lambda it: re.sub(r"https://[^\s\"<>]+", "https://exampel.org/",
                                             it.msgstr, count=1))),
    "e-mail": (lambda it: _plain(it),
               lambda it: (setattr(it, "msgid", it.msgid + " Contact: help@example.com"),
                           setattr(it, "msgstr", it.msgstr + " Пишите: help@exampel.com"))),
    "number": (lambda it: _tr(it) and "8" in it.msgid and "8" in it.msgstr,
               _set("msgstr", lambda it: it.msgstr.replace("8", "6"))),
    "trailing whitespace": (lambda it: _plain(it) and not it.msgid.endswith(" "),
                            _set("msgstr", lambda it: it.msgstr + " ")),
    "leading newline": (lambda it: _plain(it) and not it.msgid.startswith("\n"),
                        _set("msgstr", lambda it: "\n" + it.msgstr)),
    # a break added to one-line text (text multi-line on both sides may be reflowed)
    "newline count": (lambda it: _plain(it) and len(it.msgstr) > 8 and "\n" not in it.msgid,
                      _set("msgstr", lambda it: it.msgstr[:4] + "\n" + it.msgstr[4:])),
    "double space": (lambda it: _plain(it) and " " in it.msgstr and "  " not in it.msgstr,
                     _set("msgstr", lambda it: it.msgstr.replace(" ", "  ", 1))),
    "end punctuation": (lambda it: _plain(it) and it.msgid.endswith("?")
                        and it.msgstr.endswith("?"),
                        _set("msgstr", lambda it: it.msgstr[:-1] + ".")),
    "brackets": (lambda it: _plain(it) and "(" not in it.msgid,
                 _set("msgstr", lambda it: "(" + it.msgstr)),
    "quotes": (lambda it: _plain(it) and not re.search("[«»“”\"]", it.msgid + it.msgstr),
               _set("msgstr", lambda it: "«" + it.msgstr)),
    "unchanged": (lambda it: _plain(it) and len(it.msgid.split()) > 3,
                  _set("msgstr", lambda it: it.msgid)),
    "blank": (lambda it: _plain(it), _set("msgstr", lambda it: " ")),
    "zero-width character": (lambda it: _plain(it),
                             _set("msgstr", lambda it: it.msgstr[:3] + "\u200b" + it.msgstr[3:])),
    # a form dropped from a translation that is used: msgfmt ignores the form count of an
    # untranslated entry (all forms empty) and of a fuzzy one, and so does the check
    "plural form count": (lambda it: it.msgid_plural is not None and len(it.msgstr_plural) > 1
                          and all(it.msgstr_plural.values()) and "fuzzy" not in it.flags,
                          _drop_from_plural),
    "URL scheme": (_url_kept,
                   _set("msgstr", lambda it: it.msgstr.replace("https://", "http://", 1))),
    "URL path": (lambda it: _url_kept(it) and re.search(r"https://[^/\s\"<>]+/", it.msgstr),
                 _set("msgstr", lambda it: re.sub(r"(https://[^/\s\"<>]+/)", r"\1old/",
                                                  it.msgstr, count=1))),
    "single word unchanged": (lambda it: _tr(it) and re.fullmatch(r"[A-Z][a-z]{2,}", it.msgid),
                              _set("msgstr", lambda it: it.msgid)),
}
# msgfmt treats a duplicate as fatal and then skips its -c checks, so duplicates are planted
# in a second, small catalog (detection only; the timings use the big one).
SYNTAX_CLASSES: dict[str, tuple[Callable[[Item], bool], Callable[[Item], None]]] = {
    "duplicate entry": (lambda it: _tr(it), _dup),
    "escape \\' (not PO)": (lambda it: _plain(it), lambda it: setattr(it, "raw_tail", "\\'")),
}


def generate(path: Path, n_entries: int, per_class: int, seed: int = 7,
             classes: dict | None = None, base: list[PoEntry] | None = None,
             lang: str = "ru") -> list[Item]:
    """Write a catalog of *n_entries* copies of *base* (Django's *lang* entries by default)
    with *per_class* defects of each class planted; the items, planted ones marked."""
    base = base_entries(lang) if base is None else base
    items: list[Item] = []
    copy = 0
    while len(items) < n_entries:
        for e in base:
            ctxt = f"c{copy}" + (f"|{e.msgctxt}" if e.msgctxt else "")
            items.append(Item(ctxt, e.msgid, e.msgstr, e.msgid_plural, dict(e.msgstr_plural),
                              list(e.flags), tuple(e.references[:2])))
        copy += 1
    rng = random.Random(seed)
    n_base = len(base)
    used: set[int] = set()
    for name, (applies, mutate) in (CLASSES if classes is None else classes).items():
        candidates = [i for i in range(n_base, len(items)) if i not in used
                      and applies(items[i])]
        for i in rng.sample(candidates, min(per_class, len(candidates))):
            used.add(i)
            twin = i % n_base  # the same Django entry in copy 0, never planted
            it = items[i]
            mutate(it)
            it.planted, it.twin = name, twin
            if name == "duplicate entry":
                it.msgctxt = items[twin].msgctxt
                it.msgid = items[twin].msgid
    language, plural_forms, _ = PLANT_LANGS[lang]
    header = (f'msgid ""\nmsgstr ""\n"Project-Id-Version: bench\\n"\n"Language: {language}\\n"\n'
              '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
              f'"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: {plural_forms}\\n"\n\n')
    path.write_text(header + "\n".join(it.render() for it in items), "utf-8")
    return items


def entry_lines(path: Path) -> list[int]:
    po, _ = read_po(str(path))
    return [e.line for e in po.entries if not e.is_header]


def _index_at(starts: list[int], line: int) -> int:
    return bisect.bisect_right(starts, line) - 1


# Python tools run with their bytecode cached, as after any pip install (this environment may
# set PYTHONDONTWRITEBYTECODE, which would make every run recompile every module).
PY_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def warm_up(cmd: list[str]) -> None:
    """One untimed run so bytecode caches exist before timing."""
    subprocess.run(cmd, capture_output=True, env=PY_ENV)


def timed(cmd: list[str], repeat: int, **kw) -> tuple[float, float, subprocess.CompletedProcess]:
    """Best wall time and best CPU time (user + system, worker processes included)."""
    times, cpus = [], []
    proc = None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times), min(cpus), proc  # type: ignore[return-value]


def _run_usage(cmd: list[str], **kw) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True, **kw)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def paired_ratio(cmd_a: list[str], cmd_b: list[str], repeat: int) -> dict[str, float]:
    """A and B run in turn (A B A B ...), the ratio A/B taken pair by pair: the median pair
    ratio holds when the shared machine's speed drifts, where best-of times do not."""
    import statistics

    wa, ca, wb, cb = [], [], [], []
    for _ in range(repeat):
        w, c = _run_usage(cmd_a, env=PY_ENV)
        wa.append(w)
        ca.append(c)
        w, c = _run_usage(cmd_b, env=PY_ENV)
        wb.append(w)
        cb.append(c)
    return {"wall_ratio": statistics.median(a / b for a, b in zip(wa, wb, strict=True)),
            "cpu_ratio": statistics.median(a / b for a, b in zip(ca, cb, strict=True)),
            "wall_a": statistics.median(wa), "wall_b": statistics.median(wb),
            "cpu_a": statistics.median(ca), "cpu_b": statistics.median(cb)}


def run_toolkit(path: Path, starts: list[int], repeat: int, out: Path) -> dict:
    cmd = [sys.executable, "-m", "toolkit", "check", str(path), "--format", "json", "--force", "-o",
           str(out)]
    warm_up(cmd)
    wall, cpu, proc = timed(cmd, repeat, env=PY_ENV)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"toolkit check failed: {proc.stderr}")
    data = json.loads(out.read_text("utf-8"))
    labels: dict[int, set[str]] = {}
    for f in data["findings"]:
        if f["line"]:
            labels.setdefault(_index_at(starts, f["line"]), set()).add(f["code"])
    return {"tool": "toolkit check", "wall": wall, "cpu": cpu, "findings": len(data["findings"]),
            "labels": labels}


def run_msgfmt(path: Path, starts: list[int], repeat: int) -> dict | None:
    exe = shutil.which("msgfmt")
    if not exe:
        print("msgfmt not installed (apt-get install gettext): skipped", file=sys.stderr)
        return None
    wall, cpu, proc = timed([exe, "-c", "-o", os.devnull, str(path)], repeat)
    labels: dict[int, set[str]] = {}
    n = 0
    for line in proc.stderr.splitlines():
        m = re.match(rf"{re.escape(str(path))}:(\d+):(?:\d+:)? (.*)", line)
        if not m:
            continue
        n += 1
        msg = re.sub(r"\d+", "N", m.group(2))
        labels.setdefault(_index_at(starts, int(m.group(1))), set()).add(msg)
    return {"tool": "msgfmt -c", "wall": wall, "cpu": cpu, "findings": n, "labels": labels}


def run_pofilter(path: Path, items: list[Item], repeat: int, out: Path) -> dict | None:
    exe = shutil.which("pofilter")
    if not exe:
        print("pofilter not installed (pip install translate-toolkit): skipped",
              file=sys.stderr)
        return None
    tiny = out.with_name("warm-up.po")
    tiny.write_text('msgid "a"\nmsgstr "b"\n', "utf-8")
    warm_up([exe, "--progress=none", "--language=ru", "-i", str(tiny), "-o",
             str(out.with_name("warm-up-out.po"))])
    wall, cpu, proc = timed([exe, "--progress=none", "--language=ru", "-i", str(path), "-o",
                             str(out)], repeat, env=PY_ENV)
    index = {}
    for i, it in enumerate(items):
        index.setdefault((it.msgctxt, it.msgid), i)
    po, _ = read_po(str(out)) if out.exists() else (None, None)
    labels: dict[int, set[str]] = {}
    n = 0
    for e in po.entries if po else []:
        checks = [c.split(":")[0].replace("(pofilter)", "").strip()
                  for c in e.comments if c.startswith("(pofilter)")]
        n += len(checks)
        i = index.get((e.msgctxt, e.msgid))
        if i is not None and checks:
            labels.setdefault(i, set()).update(checks)
    return {"tool": "pofilter", "wall": wall, "cpu": cpu, "findings": n, "labels": labels}


def _line_labels(lines: list[tuple[int, str]], starts: list[int]) -> dict[int, set[str]]:
    labels: dict[int, set[str]] = {}
    for line, label in lines:
        labels.setdefault(_index_at(starts, line), set()).add(label)
    return labels


def dennis_lines(path: Path) -> tuple[list[tuple[int, str]], float, float] | None:
    """dennis's lint findings as (line of the entry's last line, code)."""
    exe = shutil.which("dennis-cmd")
    if not exe:
        return None
    t = time.perf_counter()
    proc = subprocess.run([exe, "lint", str(path)], capture_output=True, text=True, env=PY_ENV)
    wall = time.perf_counter() - t
    out: list[tuple[int, str]] = []
    code, last = None, None
    for line in proc.stdout.splitlines() + [""]:
        m = re.match(r"^([EW]\d{3}): ", line)
        n = re.match(r"^(\d+):", line)
        if n and code:
            last = int(n.group(1))
            continue
        if code and last:
            out.append((last, code))
        code, last = (m.group(1), None) if m else (None, None)
    return out, wall, 0.0


def msgcheck_lines(path: Path) -> tuple[list[tuple[int, str]], float, float] | None:
    """msgcheck's findings (all checks but spelling) as (line, message kind)."""
    exe = shutil.which("msgcheck")
    if not exe:
        return None
    # msgcheck 4.2's reader drops the entry before every msgctxt line (it emits an entry only
    # when a msgid follows a msgstr), so it would see almost nothing of a catalog whose
    # entries all have a context: it reads a copy with each msgctxt line turned into a comment
    # (same line numbers; none of its checks looks at the context)
    text = path.read_text("utf-8")
    if "\nmsgctxt " in text:
        copy = Path(tempfile.mkdtemp(prefix="bench-msgcheck-")) / path.name
        copy.write_text(re.sub(r"(?m)^msgctxt ", "# msgctxt ", text), "utf-8")
        path_run = copy
    else:
        path_run = path
    t = time.perf_counter()
    # -c: its own checks even when msgfmt finds errors (it stops at a failed compile otherwise)
    proc = subprocess.run([exe, "-c", "-o", "oneline", str(path_run)], capture_output=True,
                          text=True, env=PY_ENV)
    wall = time.perf_counter() - t
    if path_run is not path:
        shutil.rmtree(path_run.parent, ignore_errors=True)
        path = path_run
    if "ImportError" in proc.stderr:  # pyenchant without the enchant C library
        return None
    out = []
    for line in proc.stdout.splitlines():
        m = re.match(rf"{re.escape(str(path.resolve()))}:(\d+): (.*)", line)
        if m:
            out.append((int(m.group(1)), re.sub(r"'[^']*'|\d+", "X", m.group(2))[:40]))
    return out, wall, 0.0


def run_lines_tool(name: str, fn, path: Path, starts: list[int]) -> dict | None:
    got = fn(path)
    if got is None:
        print(f"{name} not installed: skipped", file=sys.stderr)
        return None
    lines, wall, cpu = got
    return {"tool": name, "wall": wall, "cpu": cpu, "findings": len(lines),
            "labels": _line_labels(lines, starts)}


def detection(items: list[Item], labels: dict[int, set[str]]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for i, it in enumerate(items):
        if it.planted is None:
            continue
        new = labels.get(i, set()) - labels.get(it.twin, set())  # type: ignore[arg-type]
        found, total = out.get(it.planted, (0, 0))
        out[it.planted] = (found + bool(new), total + 1)
    return out


CLEAN_LOCALES = ("ru", "ru_RU", "zh", "zh_Hans", "zh_Hant", "zh_CN", "zh_TW", "zh_HK")


def clean_catalogs(roots: list[Path] | None = None) -> list[Path]:
    """Every upstream ru/zh catalog Django ships (core and contrib apps) and, when Sphinx is
    installed (``pip install sphinx``), Sphinx's: the clean set; or every ru/zh catalog under
    *roots* (``--catalogs``)."""
    import importlib.util

    if roots is not None:
        return sorted(p for root in roots for p in root.rglob("*/LC_MESSAGES/*.po")
                      if p.parts[-3] in CLEAN_LOCALES)
    files = []
    for name in ("django", "sphinx"):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            print(f"{name} not installed: its catalogs are not in the clean set", file=sys.stderr)
            continue
        root = Path(next(iter(spec.submodule_search_locations)))
        files += sorted(p for p in root.rglob("locale/*/LC_MESSAGES/*.po")
                        if p.parts[-3] in CLEAN_LOCALES)
    return files


def _pofilter_lines(path: Path, out: Path) -> list[tuple[int, str]]:
    exe = shutil.which("pofilter")
    if not exe:
        return []
    subprocess.run([exe, "--progress=none", "--language=" + path.parts[-3][:2], "-i", str(path),
                    "-o", str(out)], capture_output=True, env=PY_ENV)
    if not out.exists():
        return []
    po, _ = read_po(str(out))
    src = {e.key: e.line for e in read_po(str(path))[0].entries}
    return [(src.get(e.key, 0), "pofilter") for e in po.entries
            if any(c.startswith("(pofilter)") for c in e.comments)]


def clean_false_positives(work: Path, roots: list[Path] | None = None) -> list[dict]:
    """Per tool: translated entries of the clean upstream catalogs it flags (toolkit: at
    warning or error only), and for toolkit how many catalogs its default gate passes, and
    how many of those msgfmt -c passes too."""
    files = clean_catalogs(roots)
    translated = 0
    flagged: dict[str, set[tuple[str, int]]] = {}
    passed = 0
    msgfmt_passed: list[Path] = []
    gate_only_failed: list[str] = []  # catalogs msgfmt -c passes and the default gate fails
    findings: list[str] = []  # toolkit's warning/error findings, for a reader to judge
    for path in files:
        po, _ = read_po(str(path))
        starts = [e.line for e in po.entries if not e.is_header]
        translated += sum(1 for e in po.entries if not e.obsolete and not e.is_header
                          and e.translated and not e.fuzzy)
        proc = subprocess.run([sys.executable, "-m", "toolkit", "check", str(path), "--json"],
                              capture_output=True, text=True, env=PY_ENV)
        passed += proc.returncode == 0
        data = json.loads(proc.stdout)
        tk = [(f["line"], f["code"]) for f in data["findings"]
              if f["severity"] != "info" and f["line"]]
        findings += [f"{path}:{f['line']}: {f['code']} {f['severity']}: {f['message']}"
                     for f in data["findings"] if f["severity"] != "info"]
        mf = []
        if shutil.which("msgfmt"):
            msgfmt = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)],
                                    capture_output=True, text=True)
            mf = [(int(m.group(1)), "msgfmt") for m in
                  re.finditer(rf"{re.escape(str(path))}:(\d+):", msgfmt.stderr)]
            if msgfmt.returncode == 0:
                msgfmt_passed.append(path)
                if proc.returncode != 0:
                    gate_only_failed.append(str(path))
        per_tool = {"toolkit check": tk}
        if shutil.which("msgfmt"):
            per_tool["msgfmt -c"] = mf
        if shutil.which("pofilter"):
            per_tool["pofilter"] = _pofilter_lines(path, work / "clean-pofilter.po")
        for name, fn in (("dennis", dennis_lines), ("msgcheck", msgcheck_lines)):
            got = fn(path)
            if got is not None:
                per_tool[name] = got[0]
        for name, lines in per_tool.items():
            marks = flagged.setdefault(name, set())
            for line, _label in lines:
                if line:
                    marks.add((str(path), starts[max(0, bisect.bisect_right(starts, line) - 1)]))
    return [{"tool": name, "flagged": len(marks), "translated": translated,
             "files": len(files), "gate_passed": passed if name == "toolkit check" else None,
             **({"msgfmt_passed": len(msgfmt_passed), "gate_failed_msgfmt_passed":
                 gate_only_failed, "findings": findings} if name == "toolkit check" else {})}
            for name, marks in flagged.items()]


def small_files_timing(n: int = 30) -> list[dict]:
    """Wall time of one call per file on *n* small Django catalogs, as pre-commit runs."""
    import django

    root = Path(os.path.dirname(django.__file__))
    files = sorted(root.glob("contrib/admin/locale/*/LC_MESSAGES/djangojs.po"))[:n]
    tools = {"toolkit check": [sys.executable, "-m", "toolkit", "check"],
             "msgfmt -c": ["msgfmt", "-c", "-o", os.devnull],
             "pofilter": ["pofilter", "--progress=none", "-o", os.devnull, "-i"],
             "dennis": ["dennis-cmd", "lint"], "msgcheck": ["msgcheck", "-q"]}
    tools = {name: cmd for name, cmd in tools.items() if shutil.which(cmd[0])}
    for cmd in tools.values():
        warm_up([*cmd, str(files[0])])
    wall = dict.fromkeys(tools, 0.0)
    cpu = dict.fromkeys(tools, 0.0)
    for f in files:  # every tool on one file, then the next: drift hits all tools alike
        for name, cmd in tools.items():
            w, c = _run_usage([*cmd, str(f)], env=PY_ENV)
            wall[name] += w
            cpu[name] += c
    return [{"tool": name, "wall": wall[name], "cpu": cpu[name], "files": len(files)}
            for name in tools]


def large_ratio(catalog: Path, repeat: int) -> dict[str, float]:
    """toolkit check / msgfmt -c on *catalog*, medians of paired runs (printed)."""
    r = paired_ratio([sys.executable, "-m", "toolkit", "check", str(catalog), "--json"],
                     ["msgfmt", "-c", "-o", os.devnull, str(catalog)], repeat)
    print(f"toolkit check / msgfmt -c on this catalog, median of {repeat} paired runs: "
          f"{r['wall_ratio']:.2f}x wall, {r['cpu_ratio']:.2f}x CPU "
          f"({r['cpu_a']:.2f} s vs {r['cpu_b']:.2f} s CPU; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    return r


def jobs_ratio(catalog: Path, repeat: int) -> dict[str, float]:
    """-j 1 against -j 2 on *catalog*, medians of paired runs (printed): whether the process
    pool pays, on this machine with its present load."""
    r = paired_ratio(
        [sys.executable, "-m", "toolkit", "check", str(catalog), "-j", "1", "--json"],
        [sys.executable, "-m", "toolkit", "check", str(catalog), "-j", "2", "--json"], repeat)
    print(f"toolkit check -j 1 / -j 2, median of {repeat} paired runs: {r['wall_ratio']:.2f}x "
          f"wall (above 1: -j 2 is faster), {r['cpu_ratio']:.2f}x CPU ({r['wall_a']:.2f} s vs "
          f"{r['wall_b']:.2f} s wall; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs)")
    return r


def base_tree(ref: str, work: Path) -> Path:
    """The ``toolkit`` package at git *ref*, extracted under *work*: on ``PYTHONPATH`` it is
    imported instead of this tree's (run from a directory holding no ``toolkit``)."""
    dest = work / "base"
    dest.mkdir(parents=True, exist_ok=True)
    repo = Path(__file__).resolve().parent.parent
    archive = subprocess.run(["git", "-C", str(repo), "archive", ref, "toolkit"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def base_comparison(catalog: Path, ref: str, repeat: int, work: Path) -> dict[str, object]:
    """toolkit check at git *ref* against this tree, both against msgfmt -c, run in turn
    (base, this, msgfmt, ...) with ratios taken round by round (printed); first, whether the
    two give byte-identical JSON on *catalog* and on every clean upstream catalog."""
    import statistics

    tree = base_tree(ref, work)
    envs = {"base": {**PY_ENV, "PYTHONPATH": str(tree)}, "this": PY_ENV}
    check = [sys.executable, "-m", "toolkit", "check"]
    differ = []
    files = [catalog, *clean_catalogs()]
    for path in files:
        out = [subprocess.run([*check, str(path), "--json"], capture_output=True, env=env,
                              cwd=work).stdout for env in envs.values()]
        if out[0] != out[1]:
            differ.append(str(path))
    print(f"toolkit check at {ref} and this tree: JSON output "
          + (f"identical on all {len(files)} catalogs (this one and the clean upstream ones)"
             if not differ else f"DIFFERENT on {len(differ)} of {len(files)}: {differ}"))
    runs: dict[str, list[tuple[float, float]]] = {"base": [], "this": [], "msgfmt": []}
    cmds = {"base": check + [str(catalog), "--json"], "this": check + [str(catalog), "--json"],
            "msgfmt": ["msgfmt", "-c", "-o", os.devnull, str(catalog)]}
    for name, cmd in cmds.items():
        subprocess.run(cmd, capture_output=True, env=envs.get(name, PY_ENV), cwd=work)  # warm-up
    for _ in range(repeat):
        for name, cmd in cmds.items():
            runs[name].append(_run_usage(cmd, env=envs.get(name, PY_ENV), cwd=work))

    def ratio(a: str, b: str, k: int) -> float:
        return statistics.median(x[k] / y[k] for x, y in zip(runs[a], runs[b], strict=True))

    result: dict[str, object] = {"identical": not differ, "differ": differ}
    for name in ("base", "this"):
        result[name] = {"cpu": statistics.median(c for _, c in runs[name]),
                        "cpu_ratio": ratio(name, "msgfmt", 1),
                        "wall_ratio": ratio(name, "msgfmt", 0)}
        print(f"  {name + ' (' + ref + ')' if name == 'base' else name:<20} "
              f"{result[name]['cpu']:.3f} s CPU; vs msgfmt -c {result[name]['cpu_ratio']:.2f}x "
              f"CPU, {result[name]['wall_ratio']:.2f}x wall")
    result["this_vs_base_cpu"] = ratio("this", "base", 1)
    print(f"  this / base: {result['this_vs_base_cpu']:.3f}x CPU, median of {repeat} rounds "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    return result


def speed_only(args: argparse.Namespace, base: list[PoEntry]) -> int:
    """The time rows alone (no competitors but msgfmt, no detection, no clean catalogs)."""
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-check-"))
    catalog = work / PLANT_LANGS[args.lang][0] / "LC_MESSAGES" / "bench.po"
    catalog.parent.mkdir(parents=True, exist_ok=True)
    items = generate(catalog, args.entries, args.per_class, base=base, lang=args.lang)
    print(f"catalog: {catalog} ({len(items)} entries)")
    warm_up([sys.executable, "-m", "toolkit", "check", str(catalog), "--json"])
    results: dict[str, object] = {"entries": len(items)}
    if args.base and shutil.which("msgfmt"):
        results["base"] = base_comparison(catalog, args.base, args.repeat, work)
    if shutil.which("msgfmt"):
        results["large_vs_msgfmt"] = large_ratio(catalog, args.repeat)
    results["jobs"] = jobs_ratio(catalog, args.repeat)
    small_times = small_files_timing() if not args.no_small else []
    _print_small(small_times)
    results["small_files"] = small_times
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), "utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _print_small(small_times: list[dict]) -> None:
    if not small_times:
        return
    ref = next((t for t in small_times if t["tool"] == "msgfmt -c"), None)
    print(f"\n{small_times[0]['files']} small files, one call each (CPU: user + system):")
    for t in small_times:
        ratio = (f"{t['wall'] / ref['wall']:>7.1f}x wall {t['cpu'] / ref['cpu']:>7.1f}x CPU "
                 "vs msgfmt") if ref else ""
        print(f"  {t['tool']:<16}{t['wall']:>8.2f} s wall {t['cpu']:>7.2f} s CPU "
              f"({1000 * t['cpu'] / t['files']:>4.0f} ms CPU a call) {ratio}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entries", type=int, default=55_000)
    ap.add_argument("--per-class", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3, help="runs of toolkit and msgfmt")
    ap.add_argument("--pofilter-repeat", type=int, default=1)
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--keep", metavar="DIR", help="keep the generated files in DIR")
    ap.add_argument("--no-clean", action="store_true",
                    help="skip the false-positive run on the clean upstream catalogs")
    ap.add_argument("--no-small", action="store_true", help="skip the 30-small-files timing")
    ap.add_argument("--speed-only", action="store_true",
                    help="only the time ratios: toolkit vs msgfmt -c on the large catalog, "
                         "-j 1 vs -j 2 (both as medians of paired runs) and the small files")
    ap.add_argument("--base", metavar="REF",
                    help="with --speed-only: also run toolkit check as of git REF, in turn with "
                         "this tree and msgfmt -c, after checking that both give the same JSON "
                         "on the large catalog and the clean upstream ones")
    ap.add_argument("--catalogs", metavar="DIR", action="append", type=Path,
                    help="your own catalogs (<locale>/LC_MESSAGES/*.po anywhere under DIR; "
                         "repeatable) instead of Django's and Sphinx's: defects are planted "
                         "into copies of their --lang entries, and their ru/zh catalogs are "
                         "the clean set")
    ap.add_argument("--lang", choices=sorted(PLANT_LANGS), default="ru",
                    help="language of the entries defects are planted into (default ru)")
    ap.add_argument("--show-flagged", action="store_true",
                    help="list toolkit's warning/error findings on the clean catalogs, to "
                         "judge each as a true defect or a false finding")
    args = ap.parse_args()
    for root in args.catalogs or ():
        if not root.is_dir():
            ap.error(f"--catalogs {root}: not a directory")
    base = base_entries(args.lang, args.catalogs)
    if not base:
        ap.error(f"no {args.lang} catalog (<locale>/LC_MESSAGES/*.po) under "
                 + " ".join(map(str, args.catalogs or ["Django"])))
    if args.speed_only:
        return speed_only(args, base)

    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-check-"))
    work.mkdir(parents=True, exist_ok=True)
    locale = PLANT_LANGS[args.lang][0]
    catalog = work / locale / "LC_MESSAGES" / "bench.po"
    catalog.parent.mkdir(parents=True, exist_ok=True)
    items = generate(catalog, args.entries, args.per_class, base=base, lang=args.lang)
    starts = entry_lines(catalog)
    assert len(starts) == len(items), (len(starts), len(items))
    print(f"catalog: {catalog} ({len(items)} entries, "
          f"{sum(1 for it in items if it.planted)} planted defects in {len(CLASSES)} classes)")

    results = [run_toolkit(catalog, starts, args.repeat, work / "toolkit.json")]
    for r in (run_msgfmt(catalog, starts, args.repeat),
              run_pofilter(catalog, items, args.pofilter_repeat, work / "pofilter-out.po"),
              run_lines_tool("dennis", dennis_lines, catalog, starts),
              run_lines_tool("msgcheck", msgcheck_lines, catalog, starts)):
        if r is not None:
            results.append(r)
    # the small second catalog: classes msgfmt treats as fatal
    small = work / "syntax" / locale / "LC_MESSAGES" / "bench.po"
    small.parent.mkdir(parents=True, exist_ok=True)
    small_items = generate(small, 2 * len(base), args.per_class, classes=SYNTAX_CLASSES,
                           base=base, lang=args.lang)
    small_starts = entry_lines(small)
    small_results = [run_toolkit(small, small_starts, 1, work / "toolkit-small.json"),
                     run_msgfmt(small, small_starts, 1),
                     run_pofilter(small, small_items, 1, work / "pofilter-small.po"),
                     run_lines_tool("dennis", dennis_lines, small, small_starts),
                     run_lines_tool("msgcheck", msgcheck_lines, small, small_starts)]

    base = results[0]["wall"]
    cpu_base = results[0]["cpu"]
    print(f"\n{'tool':<16}{'wall s':>9}{'vs toolkit':>12}{'cpu s':>9}{'vs toolkit':>12}"
          f"{'findings':>10}")
    for r in results:
        print(f"{r['tool']:<16}{r['wall']:>9.2f}{r['wall'] / base:>11.2f}x{r['cpu']:>9.2f}"
              f"{r['cpu'] / cpu_base:>11.2f}x{r['findings']:>10}")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    large = large_ratio(catalog, args.repeat) if shutil.which("msgfmt") else None
    jobs = jobs_ratio(catalog, args.repeat)
    names = [r["tool"] for r in results]
    table = {r["tool"]: detection(items, r["labels"]) for r in results}
    for r in small_results:
        if r is not None:
            table[r["tool"]].update(detection(small_items, r["labels"]))
    print(f"\n{'planted defect class':<30}" + "".join(f"{n:>16}" for n in names))
    missed = []
    for cls in [*CLASSES, *SYNTAX_CLASSES]:
        cells = []
        for n in names:
            found, total = table[n].get(cls, (0, 0))
            cells.append(f"{found}/{total}")
        print(f"{cls:<30}" + "".join(f"{c:>16}" for c in cells))
        tk_found = table[names[0]].get(cls, (0, 0))[0]
        if tk_found == 0 and any(table[n].get(cls, (0, 0))[0] for n in names[1:]):
            missed.append(cls)
    print("\nclasses found by a competitor but not by toolkit check:", missed or "none")
    recall = {n: sum(f for f, _ in table[n].values()) / max(1, sum(t for _, t in table[n].values()))
              for n in names}
    print("recall over all classes: " + ", ".join(f"{n} {v:.2f}" for n, v in recall.items()))
    clean = clean_false_positives(work, args.catalogs) if not args.no_clean else []
    if clean:
        where = (" ".join(map(str, args.catalogs)) if args.catalogs
                 else "upstream Django and Sphinx")
        print(f"\nclean {where} ru/zh catalogs ({clean[0]['files']} files, "
              f"{clean[0]['translated']} translated entries): entries flagged")
        for c in clean:
            gate = (f"; default gate passes {c['gate_passed']}/{c['files']} files"
                    if c["gate_passed"] is not None else "")
            share = 100 * c["flagged"] / c["translated"]
            print(f"  {c['tool']:<16}{c['flagged']:>6}  ({share:.2f} %)"
                  + (" at warning/error" if c["tool"] == "toolkit check" else "") + gate)
        tk = clean[0]
        if "msgfmt_passed" in tk:
            failed = tk["gate_failed_msgfmt_passed"]
            print(f"  msgfmt -c passes {tk['msgfmt_passed']} of them; the default gate fails "
                  f"{len(failed)} of those" + "".join(f"\n    {p}" for p in failed))
        if args.show_flagged:
            print("\ntoolkit check's warning/error findings on the clean catalogs:")
            print("\n".join(f"  {line}" for line in tk.get("findings", [])))
    small_times = small_files_timing() if not args.no_small else []
    _print_small(small_times)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "entries": len(items),
            "tools": [{k: v for k, v in r.items() if k != "labels"} for r in results],
            "detection": {n: {c: list(v) for c, v in t.items()} for n, t in table.items()},
            "missed_by_toolkit": missed,
            "recall": recall, "clean": clean, "small_files": small_times, "jobs": jobs,
            "large_vs_msgfmt": large,
        }, indent=2, ensure_ascii=False), "utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
