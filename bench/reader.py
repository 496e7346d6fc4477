"""Bench: CPU of ``read_po``, this tree's reader vs a git ref's, side by side.

Two inputs: one large catalog, bench/check.py's (Django's Russian catalogs repeated with a
``msgctxt`` per copy, defects planted), and every catalog of the installed Django and Sphinx
(all locales, read one after the other: real layouts, references, comments, plural forms,
obsolete entries). The reader of ``--base`` (default ``main``) is loaded from
``git show <base>:toolkit/po/reader.py`` as a separate module, so both run in this process on
the same files, alternating (base, this, base, this ...). Reported: the best of ``--repeat``
process-CPU times of each and their ratio. Before timing, the two results are compared field
by field on every file (entries, errors, header, header entry, line count, text, decoding),
so a faster reader that returns something else fails loudly, naming the file.

Usage::

    python bench/reader.py                    # 55,000 entries vs main
    python bench/reader.py --base HEAD~1 --entries 100000
    python bench/reader.py --file /tmp/bench-catalog-XXXX/ru.po
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from dataclasses import fields
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import generate  # noqa: E402

from toolkit.po import reader as current  # noqa: E402


def load_base(ref: str, work: Path) -> ModuleType:
    """The reader module as it is at git *ref*, imported under its own name."""
    root = Path(__file__).resolve().parent.parent
    src = subprocess.run(["git", "show", f"{ref}:toolkit/po/reader.py"], cwd=root,
                         check=True, capture_output=True, text=True).stdout
    path = work / "reader_base.py"
    path.write_text(src, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("reader_base", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["reader_base"] = mod
    spec.loader.exec_module(mod)
    return mod


def cpu_once(fn, path) -> float:
    c = time.process_time()
    fn(path)
    return time.process_time() - c


def same(a, b) -> bool:
    """Both reads return the same entries (every field), errors, header, header entry, line
    count, text and decoding."""
    pa, pb = a[0], b[0]
    if (len(pa.entries) != len(pb.entries) or pa.line_count != pb.line_count
            or pa.header != pb.header or pa.text != pb.text or pa.snapshot != pb.snapshot
            or [tuple(vars_of(x)) for x in pa.errors] != [tuple(vars_of(x)) for x in pb.errors]
            or vars_of(a[1]) != vars_of(b[1]) or vars_of(pa.source) != vars_of(pb.source)):
        return False
    if (pa.header_entry is None) != (pb.header_entry is None) or (
            pa.header_entry is not None
            and pa.entries.index(pa.header_entry) != pb.entries.index(pb.header_entry)):
        return False
    return all(vars_of(x) == vars_of(y) for x, y in zip(pa.entries, pb.entries, strict=True))


def vars_of(obj) -> list:
    return [getattr(obj, f.name) for f in fields(obj)]


def installed_catalogs() -> list[Path]:
    """Every .po file of the installed Django and Sphinx (those installed)."""
    import importlib

    found: list[Path] = []
    for name in ("django", "sphinx"):
        try:
            mod = importlib.import_module(name)
        except ImportError:
            print(f"({name} not installed: its catalogs are left out)")
            continue
        found += sorted(Path(mod.__file__).parent.rglob("LC_MESSAGES/*.po"))
    return found


def read_all(fn, paths: list[Path]) -> None:
    for p in paths:
        fn(p)


def compare(base: ModuleType, paths: list[Path]) -> None:
    for p in paths:
        if not same(base.read_po(p), current.read_po(p)):
            sys.exit(f"bench/reader.py: the two readers return different results for {p}")


def report(title: str, label: str, times: dict[str, list[float]], repeat: int) -> None:
    b, t = min(times["base"]), min(times["this"])
    print(f"{title}, process CPU, best of {repeat}, alternating in one process:")
    print(f"  {label + ' reader':24} {b:7.3f} s")
    print(f"  {'this tree reader':24} {t:7.3f} s")
    print(f"  ratio base/this          {b / t:7.2f}x  (results identical: yes)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entries", type=int, default=55_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--base", default="main", help="git ref whose reader is the baseline")
    ap.add_argument("--file", help="time this catalog instead of the generated one (e.g. "
                    "the 5,800-entry ru.po bench/catalog.py leaves in its temporary folder)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-reader-"))
    if args.file:
        path = Path(args.file)
    else:
        path = work / "bench.po"
        generate(path, args.entries, 10)
    base = load_base(args.base, work)
    catalogs = installed_catalogs()
    compare(base, [path, *catalogs])
    n = len(current.read_po(path)[0].entries)
    times: dict[str, list[float]] = {"base": [], "this": []}
    for _ in range(args.repeat):
        times["base"].append(cpu_once(base.read_po, path))
        times["this"].append(cpu_once(current.read_po, path))
    report(f"read_po on {n} entries ({path.stat().st_size / 1e6:.1f} MB)", args.base, times,
           args.repeat)
    if not catalogs:
        return
    n = sum(len(current.read_po(p)[0].entries) for p in catalogs)
    size = sum(p.stat().st_size for p in catalogs)
    times = {"base": [], "this": []}
    for _ in range(args.repeat):
        times["base"].append(cpu_once(lambda ps: read_all(base.read_po, ps), catalogs))
        times["this"].append(cpu_once(lambda ps: read_all(current.read_po, ps), catalogs))
    report(f"read_po on the {len(catalogs)} installed Django and Sphinx catalogs ({n} entries, "
           f"{size / 1e6:.1f} MB)", args.base, times, args.repeat)


if __name__ == "__main__":
    main()
