"""Bench: ``toolkit catalog update`` / ``compile`` vs GNU msgmerge / msgfmt vs Babel.

One run, one real catalog, every tool side by side: toolkit and GNU in turn, ``--repeat``
pairs, the median of the pair ratios (Babel: best of ``--babel-repeat`` runs):

- update: merge a changed template into the catalog. toolkit (library call, and the CLI as a
  process like msgmerge), ``msgmerge --previous``, Babel (``Catalog.update`` + ``write_po``,
  what ``pybabel update`` does);
- compile: catalog -> ``.mo``. toolkit (library, and the CLI), ``msgfmt``, Babel
  (``read_po`` + ``write_mo``). Whether toolkit's ``.mo`` is byte-identical to msgfmt's is
  printed too. What each side checks: ``toolkit ... --force`` and plain ``msgfmt`` only read
  the catalog strictly (syntax, duplicates, encoding); toolkit's default path also refuses
  broken placeholders and plural-form counts, ``msgfmt -c`` also checks format strings, the
  header and the domain. So --force is paired with ``msgfmt`` and the default path with
  both ``msgfmt`` (what a user compares) and ``msgfmt -c`` (like for like).
- fill: ``--fill-entries`` (2,000) entries of the catalog emptied, then filled: toolkit's
  ``catalog fill`` (memory empty: everything goes to the bundled en->ru demo model in one
  batched job, with the shipped glossary as the CLI uses it) vs argostranslate's
  ``PackageTranslation`` on the same package called once per string (every msgid, and every
  msgid_plural of a plural entry: the strings fill translates), and the second fill of the
  same emptied catalog (everything from the memory the first one left) vs the first.
  ``--fill-repeat`` alternating rounds: times are medians, ratios the median of each round's
  own ratio, wall and CPU (CPU counts the model's threads too); the model is loaded before
  the timings for both toolkit and argostranslate. ``--fill-only`` runs just these rows.

The catalog is real text: Django's Russian catalogs (core and every contrib app) repeated
with a unique ``msgctxt`` per copy until it has ``--entries`` entries (5,800 by default, the
size the issue names). The template is what a release cycle gives: 2% of the messages
dropped, 3% edited a little (so fuzzy matching has work), 2% new ones.

Usage::

    python bench/catalog.py                 # prints a table of times and ratios
    python bench/catalog.py --entries 20000 --json bench-catalog.json
    nice -n 19 python bench/catalog.py --fill-only   # the fill rows alone

GNU gettext missing (``apt-get install gettext``) skips its rows, saying so.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import PY_ENV  # noqa: E402  (toolkit processes run with their bytecode cached)

from toolkit.po.reader import PoEntry, PoFile, read_po  # noqa: E402
from toolkit.po.writer import render_po  # noqa: E402

HEADER = ("Project-Id-Version: bench\nPOT-Creation-Date: 2026-01-01 00:00+0000\n"
          "PO-Revision-Date: 2026-01-02 00:00+0000\nLanguage: ru\n"
          "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
          "Content-Transfer-Encoding: 8bit\n")


def django_entries() -> tuple[list[PoEntry], str]:
    import django

    root = Path(django.__file__).parent
    entries: list[PoEntry] = []
    plural = ""
    for path in sorted(root.rglob("ru/LC_MESSAGES/*.po")):
        po, _ = read_po(path)
        plural = plural or po.header.get("Plural-Forms", "")
        entries.extend(e for e in po.live_entries)
    seen: set[tuple[str | None, str]] = set()
    unique = [e for e in entries if not (e.key in seen or seen.add(e.key))]  # apps share some
    return unique, plural


def build(n: int, seed: int) -> tuple[PoFile, PoFile]:
    """(catalog, template) of about *n* entries of real Django text."""
    source, plural = django_entries()
    rng = random.Random(seed)
    items: list[PoEntry] = []
    copy = 0
    while len(items) < n:
        for e in source:
            ctxt = f"copy{copy}" + (f"|{e.msgctxt}" if e.msgctxt else "")
            items.append(PoEntry(0, msgctxt=ctxt, msgid=e.msgid,
                                 msgid_plural=e.msgid_plural, msgstr=e.msgstr,
                                 msgstr_plural=dict(e.msgstr_plural), flags=list(e.flags),
                                 references=e.references))
            if len(items) >= n:
                break
        copy += 1
    header = f"{HEADER}Plural-Forms: {plural}\n"
    cat = PoFile([PoEntry(0, msgid="", msgstr=header), *items], [], {}, None)
    tmpl: list[PoEntry] = [PoEntry(0, msgid="", msgstr=header.replace("Language: ru\n", ""),
                                   flags=["fuzzy"])]
    seen: set[tuple[str | None, str]] = set()
    for e in items:
        r = rng.random()
        if r < 0.02:
            continue  # dropped
        msgid = e.msgid
        if r < 0.05 and " " in msgid:
            words = msgid.split(" ")
            words[rng.randrange(len(words))] = "updated"
            msgid = " ".join(words)
        if (e.msgctxt, msgid) in seen:
            continue
        seen.add((e.msgctxt, msgid))
        t = PoEntry(0, msgctxt=e.msgctxt, msgid=msgid, msgid_plural=e.msgid_plural,
                    flags=[f for f in e.flags if f != "fuzzy"], references=e.references)
        if t.msgid_plural is None:
            t.msgstr = ""
        else:
            t.msgstr_plural = {0: "", 1: ""}
        tmpl.append(t)
        if rng.random() < 0.02:
            tmpl.append(PoEntry(0, msgctxt=e.msgctxt, msgid=f"A new message {len(tmpl)}: "
                                f"{e.msgid[:40]}", msgstr=""))
    return cat, PoFile(tmpl, [], {}, None)


def fill_bench(cat: PoFile, work: Path, entries: int, repeat: int, seed: int,
               argos_rows: bool = True
               ) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    """The fill rows (see the module doc): medians in seconds, ratios, and counts."""
    import statistics

    from translate import argos_translation  # bench/translate.py: the one argos set-up

    from toolkit.catalog.files import load_catalog
    from toolkit.catalog.fill import FillOptions, commit, plan, run_model
    from toolkit.glossary import load_glossary, shipped_glossary_paths
    from toolkit.memory.store import Memory
    from toolkit.mt.engine import EngineSettings, get_engine
    from toolkit.mt.store import find_package

    rng = random.Random(seed)
    live = [e for e in cat.entries if not e.is_header]
    emptied = rng.sample(live, min(entries, len(live)))
    saved = [(e, e.msgstr, dict(e.msgstr_plural)) for e in emptied]
    for e in emptied:
        if e.msgid_plural is None:
            e.msgstr = ""
        else:
            e.msgstr_plural = {i: "" for i in e.msgstr_plural}
    source = render_po(cat).encode("utf-8")
    for e, msgstr, plural in saved:  # the caller's catalog as it was
        e.msgstr, e.msgstr_plural = msgstr, plural
    strings = [s for e in emptied for s in (e.msgid, e.msgid_plural) if s is not None]

    package = find_package("en", "ru")
    settings = EngineSettings.load()
    get_engine(package, settings).translate(["The university opened a laboratory."])
    argos = argos_translation(package, settings.beam_size) if argos_rows else None
    if argos is not None:
        argos.translate("The university opened a laboratory.")
    options = FillOptions()
    toolkit_cli = [sys.executable, "-m", "toolkit"]
    times: dict[str, list[float]] = {"fill first (library)": [], "fill second (library)": [],
                                     "fill second (CLI process)": [],
                                     "argostranslate per string": []}
    counts: dict[str, int] = {}

    def fill(path: Path, memory: Path) -> object:
        path.write_bytes(source)
        with Memory(memory) as mem:
            job = plan(load_catalog(path), path, options, mem)
            run_model(job, glossary=lambda: load_glossary(shipped_glossary_paths()),
                      memory=mem, settings=settings)
            return job, commit(job, options)

    cpu_times: dict[str, list[float]] = {name: [] for name in times}

    def timed(name: str, fn: Callable[[], object]) -> object:
        """Run *fn*, adding its wall seconds and CPU seconds (this process's threads and
        its finished children's) to *name*'s rows."""
        cpu, start = _cpu(), time.perf_counter()
        out = fn()
        times[name].append(time.perf_counter() - start)
        cpu_times[name].append(_cpu() - cpu)
        return out

    for round_ in range(repeat):
        memory = work / f"fill-memory-{round_}.sqlite3"
        job, report = timed("fill first (library)",  # type: ignore[misc]
                            lambda: fill(work / "fill-first.po", memory))  # noqa: B023
        counts.update(entries=len(emptied), strings=len(strings),
                      unique_strings=len({(n.source, n.formats) for n in job.needs}),
                      model_strings=job.translated, filled_first=report.filled)
        job, report = timed("fill second (library)",  # type: ignore[misc]
                            lambda: fill(work / "fill-second.po", memory))  # noqa: B023
        counts.update(model_strings_second=job.translated, filled_second=report.filled)
        (work / "fill-cli.po").write_bytes(source)
        timed("fill second (CLI process)", lambda: subprocess.run(  # noqa: B023
            [*toolkit_cli, "catalog", "fill", str(work / "fill-cli.po"), "--memory",
             str(memory)], check=True, capture_output=True, env=PY_ENV))  # noqa: B023
        if argos_rows:
            timed("argostranslate per string",
                  lambda: [argos.translate(s) for s in strings])  # type: ignore[union-attr]
    if not argos_rows:
        del times["argostranslate per string"], cpu_times["argostranslate per string"]
    medians = {name: statistics.median(t) for name, t in times.items()}
    cpu_medians = {name: statistics.median(t) for name, t in cpu_times.items()}
    def paired(a: str, b: str, series: dict[str, list[float]]) -> float:
        """Median over the rounds of a's time / b's time in the same round (the shared
        machine's speed drifts between rounds; a round's runs are seconds apart)."""
        return statistics.median(x / y for x, y in zip(series[a], series[b], strict=True))

    first = "fill first (library)"
    ratios = {}
    for second in ("fill second (library)", "fill second (CLI process)"):
        name = f"fill first / {second[5:]}"
        ratios[name] = paired(first, second, times)
        ratios[f"{name}, CPU"] = paired(first, second, cpu_times)
    if argos_rows:
        ratios["argostranslate per string / fill first"] = paired(
            "argostranslate per string", first, times)
    counts["cpu_ms"] = {name: round(secs * 1000, 1)  # type: ignore[assignment]
                        for name, secs in cpu_medians.items()}
    counts["load_average"] = [round(x, 2) for x in os.getloadavg()]  # type: ignore[assignment]
    return medians, ratios, counts


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its finished children."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def print_fill(medians: dict[str, float], ratios: dict[str, float],
               counts: dict[str, int]) -> None:
    print(f"\nfill: {counts['entries']} entries emptied ({counts['strings']} strings, "
          f"{counts['unique_strings']} unique); the first fill sent {counts['model_strings']} "
          f"to the model, the second {counts['model_strings_second']}")
    cpu = counts["cpu_ms"]
    print(f"{'':34} {'median s':>9} {'CPU s':>8}")
    for name, secs in medians.items():
        print(f"{name:34} {secs:9.3f} {cpu[name] / 1000:8.3f}")  # type: ignore[index]
    print("ratios (times faster: median of the rounds' own ratios, wall unless CPU):")
    for name, r in ratios.items():
        print(f"  {name:40} {r:6.1f}")
    print("  targets: argostranslate per string / fill first >= 3; fill first / second >= 50")
    print(f"  (load average {counts['load_average']}: the model's threads share the machine; "
          "CPU s counts every thread)")


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _once(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (this process's and its finished children's)."""
    import resource

    def cpu() -> float:
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    c, t = cpu(), time.perf_counter()
    fn()
    return time.perf_counter() - t, cpu() - c


def paired(a: Callable[[], object], b: Callable[[], object], repeat: int) -> dict[str, float]:
    """Run *a* and *b* in turn (a b a b ..., after one untimed run of each) and take the
    ratio a/b pair by pair: the median pair ratio holds when the shared machine's speed drifts
    during the run, where a ratio of two best-of times can swing 0.6x-1.7x."""
    import statistics

    a()
    b()
    ra, rb = [], []
    for _ in range(repeat):
        ra.append(_once(a))
        rb.append(_once(b))
    wall = [x[0] / y[0] for x, y in zip(ra, rb, strict=True)]
    cpu = [x[1] / y[1] for x, y in zip(ra, rb, strict=True) if y[1] > 0]
    return {"a": statistics.median(x[0] for x in ra), "b": statistics.median(y[0] for y in rb),
            "ratio": statistics.median(wall), "ratio_min": min(wall), "ratio_max": max(wall),
            "cpu_a": statistics.median(x[1] for x in ra),
            "cpu_b": statistics.median(y[1] for y in rb),
            "cpu_ratio": statistics.median(cpu) if cpu else float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entries", type=int, default=5800)
    ap.add_argument("--repeat", type=int, default=9,
                    help="paired runs of toolkit and GNU (their median ratio is reported)")
    ap.add_argument("--babel-repeat", type=int, default=1, help="Babel's update is slow")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--json", dest="json_out", help="Also write the results here.")
    ap.add_argument("--fill-entries", type=int, default=2000)
    ap.add_argument("--fill-repeat", type=int, default=3)
    ap.add_argument("--fill-only", action="store_true", help="Only the fill rows.")
    ap.add_argument("--no-argos", action="store_true",
                    help="Leave out argostranslate per string (minutes): first vs second fill.")
    ap.add_argument("--no-fill", action="store_true",
                    help="Leave the fill rows out (update and compile only).")
    args = ap.parse_args()

    from toolkit.catalog.compile import mo_bytes
    from toolkit.catalog.files import editing, load_catalog
    from toolkit.catalog.update import update_catalog

    work = Path(tempfile.mkdtemp(prefix="bench-catalog-"))
    cat, tmpl = build(args.entries, args.seed)
    po_path, pot_path = work / "ru.po", work / "new.pot"
    po_path.write_text(render_po(cat), encoding="utf-8")
    pot_path.write_text(render_po(tmpl), encoding="utf-8")
    original = po_path.read_bytes()
    n = len(read_po(po_path)[0].live_entries)
    print(f"catalog: {n} entries of Django's Russian text; template: "
          f"{len(tmpl.entries) - 1} messages ({work})")
    fill_results = (None if args.no_fill else
                    fill_bench(cat, work, args.fill_entries, args.fill_repeat, args.seed,
                               not args.no_argos))
    if fill_results is not None:
        print_fill(*fill_results)
    if args.fill_only:
        if args.json_out:
            Path(args.json_out).write_text(json.dumps(
                {"entries": n, "fill": dict(zip(("seconds", "ratios", "counts"), fill_results,
                                                strict=True))}, indent=2), encoding="utf-8")
        shutil.rmtree(work, ignore_errors=True)
        return
    gnu = shutil.which("msgmerge") and shutil.which("msgfmt")
    toolkit_cli = [sys.executable, "-m", "toolkit"]
    results: dict[str, float] = {}

    # ------------------------------------------------------------------- update
    def tk_update() -> None:  # what the command does, minus the process start
        shutil.copy(po_path, work / "tk.po")
        with editing(work / "tk.po") as po:
            update_catalog(po, load_catalog(pot_path))

    def tk_update_cli() -> None:
        (work / "cli.po").write_bytes(original)
        subprocess.run([*toolkit_cli, "catalog", "update", str(pot_path), str(work / "cli.po")],
                       check=True, capture_output=True, env=PY_ENV)

    def gnu_update() -> None:
        subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(work / "gnu.po"),
                        str(po_path), str(pot_path)], check=True)

    def babel_update() -> None:
        from babel.messages.pofile import read_po as b_read
        from babel.messages.pofile import write_po as b_write

        with open(po_path, "rb") as fh:
            catalog = b_read(fh, locale="ru")
        with open(pot_path, "rb") as fh:
            template = b_read(fh)
        catalog.update(template)
        with open(work / "babel.po", "wb") as fh:
            b_write(fh, catalog, include_previous=True)

    pairs: dict[str, dict[str, float]] = {}  # toolkit vs GNU, median of paired runs
    if gnu:
        pairs["update toolkit (library) / GNU"] = paired(tk_update, gnu_update, args.repeat)
        pairs["update toolkit (CLI process) / GNU"] = paired(tk_update_cli, gnu_update,
                                                              args.repeat)
        results["update toolkit (library)"] = pairs["update toolkit (library) / GNU"]["a"]
        results["update toolkit (CLI process)"] = pairs["update toolkit (CLI process) / GNU"]["a"]
        results["update msgmerge"] = pairs["update toolkit (library) / GNU"]["b"]
    else:
        print("msgmerge not installed: its rows skipped")
        results["update toolkit (library)"] = best(tk_update, args.repeat)
        results["update toolkit (CLI process)"] = best(tk_update_cli, args.repeat)
    results["update Babel (pybabel update)"] = best(babel_update, args.babel_repeat)

    # ------------------------------------------------------------------ compile
    def tk_compile(force: bool) -> Callable[[], None]:
        def run() -> None:
            po = load_catalog(po_path)
            (work / "tk.mo").write_bytes(mo_bytes(po, force=force))
        return run

    def tk_compile_cli(force: bool) -> Callable[[], None]:
        def run() -> None:
            subprocess.run([*toolkit_cli, "catalog", "compile", *(["--force"] if force else []),
                            str(po_path), "-o", str(work / "cli.mo")],
                           check=True, capture_output=True, env=PY_ENV)
        return run

    def gnu_compile(check: bool) -> Callable[[], None]:
        def run() -> None:
            subprocess.run(["msgfmt", *(["-c"] if check else []), "-o", str(work / "gnu.mo"),
                            str(po_path)], check=True)
        return run

    def babel_compile() -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po as b_read

        with open(po_path, "rb") as fh:
            catalog = b_read(fh, locale="ru")
        with open(work / "babel.mo", "wb") as fh:
            write_mo(fh, catalog)

    compile_rows = {  # name: (toolkit run, its row in the seconds table, msgfmt -c or not)
        "compile toolkit (library, --force) / msgfmt":
            (tk_compile(True), "compile toolkit (library, --force)", False),
        "compile toolkit (library, default) / msgfmt -c":
            (tk_compile(False), "compile toolkit (library, default)", True),
        "compile toolkit (CLI process, --force) / msgfmt":
            (tk_compile_cli(True), "compile toolkit (CLI process, --force)", False),
        "compile toolkit (CLI process, default) / msgfmt":
            (tk_compile_cli(False), "compile toolkit (CLI process, default)", False),
        "compile toolkit (CLI process, default) / msgfmt -c":
            (tk_compile_cli(False), "", True),
    }
    for name, (run, row, check) in compile_rows.items():
        if gnu:
            pairs[name] = paired(run, gnu_compile(check), args.repeat)
            if row:
                results[row] = pairs[name]["a"]
            results.setdefault("compile msgfmt -c" if check else "compile msgfmt",
                               pairs[name]["b"])
        elif row:
            results[row] = best(run, args.repeat)
    results["compile Babel write_mo"] = best(babel_compile, args.repeat)

    print(f"\n{'':40} {'seconds':>9}")
    for name, secs in results.items():
        print(f"{name:40} {secs:9.3f}")
    ratios: dict[str, float] = {name: p["ratio"] for name, p in pairs.items()}
    ratios["update Babel / toolkit (library)"] = (results["update Babel (pybabel update)"]
                                                  / results["update toolkit (library)"])
    ratios["compile Babel / toolkit (library, --force)"] = (
        results["compile Babel write_mo"] / results["compile toolkit (library, --force)"])
    print(f"\nratios (time / time; < 1 means toolkit is faster; vs GNU: median of {args.repeat} "
          "paired runs, wall [min-max] and CPU):")
    for name, r in ratios.items():
        p = pairs.get(name)
        spread = (f"  [{p['ratio_min']:.2f}-{p['ratio_max']:.2f}]  CPU {p['cpu_ratio']:.2f}"
                  f" ({p['cpu_a']:.3f} s vs {p['cpu_b']:.3f} s)" if p else "")
        print(f"  {name:52} {r:6.2f}{spread}")
    identical = None
    if gnu:
        gnu_mo = (work / "gnu.mo").read_bytes()
        identical = (work / "tk.mo").read_bytes() == gnu_mo == (work / "cli.mo").read_bytes()
        print(f"\ntoolkit .mo (library and CLI) byte-identical to msgfmt's: {identical}")
        tk = read_po(work / "tk.po")[0]
        g = read_po(work / "gnu.po")[0]
        def states(po: PoFile) -> dict[str, int]:
            out = {"fuzzy": 0, "obsolete": 0, "translated": 0}
            for e in po.entries:
                if e.obsolete:
                    out["obsolete"] += 1
                elif "fuzzy" in e.flags and not e.is_header:
                    out["fuzzy"] += 1
                elif e.translated and not e.is_header:
                    out["translated"] += 1
            return out
        print(f"after update: toolkit {states(tk)}, msgmerge {states(g)}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(
            {"entries": n, "seconds": results, "ratios": ratios, "paired": pairs,
             "mo_identical_to_msgfmt": identical,
             "fill": dict(zip(("seconds", "ratios", "counts"), fill_results, strict=True))
             if fill_results is not None else None},
            indent=2), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
