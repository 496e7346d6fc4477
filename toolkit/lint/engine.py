"""Run the registered rules over catalogs: files -> findings, plus completeness per locale.

One pass per file: the PO reader builds entries with their lines, then every enabled rule of
each scope runs (file, entry, pair, catalog; see :mod:`toolkit.lint.registry`). Suppression
(``#, toolkit-ignore: TK101`` or a ``# toolkit-ignore: TK101`` comment on the entry) and
severity overrides are applied here, so rules stay small.

A rule that raises on one entry (or a reader that raises on one file) is a bug in the
toolkit, not in the catalog: it becomes an error finding on that entry or file (see
:func:`crash_finding`) and the run goes on, so one odd input never hides every other result.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import InputError
from toolkit.gcpause import gc_paused
from toolkit.i18n import _
from toolkit.lint.config import CheckConfig, FileSettings, project_relative
from toolkit.lint.model import Finding, Severity
from toolkit.lint.prefilter import Pairs
from toolkit.lint.registry import LOCALE_PASSES, RULES, Hit, Rule
from toolkit.po.locale import detect_locale, locale_from_path, toolkit_lang
from toolkit.po.plurals import PluralInfo, parse_plural_forms
from toolkit.po.reader import Decoded, PoEntry, PoFile, read_po
from toolkit.po.stats import STATES, entry_state

__all__ = ["FileContext", "FileResult", "Report", "check_file", "check_paths", "discover",
           "COMPLETENESS_CODE"]

COMPLETENESS_CODE = "TK306"


@dataclass
class FileContext:
    """Everything a rule may look at besides the entry itself."""

    path: str
    po: PoFile
    decoded: Decoded
    settings: FileSettings
    lang: str | None  # en / ru / zh, or None for a language the toolkit does not know
    locale: str | None  # as written: "zh_Hans", "ru", "fr"...
    plural: PluralInfo | None
    template: bool = False
    glossary: Any = None  # toolkit.lint.checks.glossary.GlossaryIndex when configured
    form: int | None = None  # plural form index of the pair being checked
    cache: dict[str, Any] = field(default_factory=dict)
    project_path: str | None = None  # relative to the project root (fingerprints)


@dataclass
class FileResult:
    """Findings and translation statistics of one file."""

    path: str
    locale: str | None
    lang: str | None
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    findings: list[Finding] = field(default_factory=list)
    context: FileContext | None = field(default=None, repr=False, compare=False)

    @property
    def percent_translated(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


@dataclass
class Report:
    """The result of a run: findings (after suppression and baseline) and per-file stats."""

    findings: list[Finding]
    files: list[FileResult]
    baselined: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def failed(self, fail_on: Severity) -> bool:
        return any(f.severity.rank >= fail_on.rank for f in self.findings)


def discover(paths: Iterable[str | os.PathLike[str]], config: CheckConfig) -> list[Path]:
    """Catalog files under *paths* (directories are searched for ``*.po`` recursively)."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*.po")):
                if f.is_file() and not config.excluded(f):
                    found.append(f)
        elif p.exists():
            found.append(p)
        else:
            raise InputError(_("no such file or directory"), path=str(p))
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def display_path(path: Path) -> str:
    """Path as reported: relative to the current directory when below it, POSIX slashes."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


_TEMPLATE_RULES = frozenset({"TK001", "TK002", "TK003", "TK004", "TK005"})


def active_rules(settings: FileSettings, lang: str | None, template: bool,
                 glossary: bool) -> dict[str, list[Rule]]:
    """Enabled rules for one file, by scope, in code order."""
    by_scope: dict[str, list[Rule]] = {"file": [], "entry": [], "pair": [], "catalog": []}
    for code in sorted(RULES):
        r = RULES[code]
        if not settings.enabled(code, r.opt_in):
            continue
        if template and code not in _TEMPLATE_RULES:
            continue
        if r.langs is not None and lang not in r.langs:
            continue
        if code.startswith("TK5") and not glossary:
            continue
        by_scope[r.scope].append(r)
    return by_scope


_IGNORE_ALL = frozenset({""})


def suppressed_codes(entry: PoEntry) -> frozenset[str] | None:
    """Codes an entry suppresses (``""`` = all), from flags or comments; None when none."""
    codes: set[str] = set()
    found = False
    in_flag = False
    for flag in entry.flags:
        if flag.startswith("toolkit-ignore"):
            found = in_flag = True
            rest = flag[len("toolkit-ignore"):].lstrip(":= ")
            codes.update(c for c in re.split(r"[\s,]+", rest) if c)
        elif in_flag and re.fullmatch(r"TK\d*", flag):
            codes.add(flag)
        else:
            in_flag = False
    for comment in entry.comments:
        i = comment.find("toolkit-ignore")
        if i != -1:
            found = True
            rest = comment[i + len("toolkit-ignore"):].lstrip(":= ")
            codes.update(c for c in re.split(r"[\s,]+", rest) if re.fullmatch(r"TK\d*", c))
    if not found:
        return None
    return frozenset(codes) if codes else _IGNORE_ALL


def _is_suppressed(code: str, codes: frozenset[str]) -> bool:
    return any(code.startswith(c) for c in codes)


def crash_finding(code: str, name: str, path: str, line: int, exc: BaseException,
                  entry: PoEntry | None = None, what: str | None = None,
                  project_path: str | None = None) -> Finding:
    """An error finding saying that rule *code* (or *what*, e.g. the PO reader) raised *exc*
    here: a toolkit bug, reported with its place so it can be fixed, while the run goes on."""
    where = "this entry" if entry is not None else "this file"
    return Finding(code, Severity.ERROR, path, line,
                   f"{what or 'rule ' + code} failed on {where} ({type(exc).__name__}: {exc}), "
                   "so it was not checked; this is a toolkit bug, please report it",
                   1, entry.msgid if entry is not None else None,
                   entry.msgctxt if entry is not None else None, None, name, project_path)


class _Emitter:
    """Turns rule results into findings (severity overrides, suppression)."""

    def __init__(self, path: str, settings: FileSettings, out: list[Finding],
                 project_path: str | None = None):
        self.path = path
        self.project_path = project_path
        self.settings = settings
        self.out = out
        self.sev: dict[str, Severity] = {}

    def severity(self, r: Rule) -> Severity:
        sev = self.sev.get(r.code)
        if sev is None:
            sev = self.sev[r.code] = self.settings.severity_for(r.code, r.severity)
        return sev

    def emit(self, r: Rule, result: Any, entry: PoEntry | None) -> None:
        items = result if isinstance(result, list | tuple) else (result,)
        for item in items:
            hit = Hit(item) if isinstance(item, str) else item
            e = hit.entry if hit.entry is not None else entry
            if e is not None and (e.flags or e.comments):
                codes = suppressed_codes(e)
                if codes is not None and (codes is _IGNORE_ALL or _is_suppressed(r.code, codes)):
                    continue
            sev = self.severity(r)
            if hit.severity is not None and sev is r.severity:
                sev = hit.severity
            line = hit.line if hit.line is not None else (e.line if e is not None else 0)
            finding = Finding(
                r.code, sev, self.path, line, hit.message, hit.column,
                e.msgid if e is not None else None, e.msgctxt if e is not None else None,
                hit.suggestion, r.name, self.project_path)
            # the forms of a plural entry are checked one after another: the same defect in
            # two forms is one finding (same line, message and fingerprint), not two
            if self.out and e is not None and e.msgid_plural is not None \
                    and self.out[-1] == finding:
                continue
            self.out.append(finding)

    def crashed(self, r: Rule, exc: BaseException, entry: PoEntry | None) -> None:
        """Record that rule *r* raised *exc* on *entry* (or on the whole file)."""
        self.out.append(crash_finding(r.code, r.name, self.path,
                                      entry.line if entry is not None else 0, exc, entry,
                                      project_path=self.project_path))

    def run_file_rule(self, r: Rule, ctx: FileContext) -> None:
        """A file or catalog rule's hits, or one crash finding if it raises."""
        try:
            hits = list(r.func(ctx) or ())
        except Exception as exc:  # noqa: BLE001 - a rule bug must not end the run
            self.crashed(r, exc, None)
            return
        for hit in hits:
            self.emit(r, hit, None)


def _pairs(e: PoEntry, plural: PluralInfo | None) -> Iterator[tuple[str, str, int | None]]:
    """(source, translation, form) of *e*: form 0 translates msgid when it serves n=1 alone
    (or the formula is unknown); a form that serves several numbers translates msgid_plural,
    as msgfmt checks it (Russian form 0 serves 1, 21, 31: ``Moved 1 place`` -> ``... на 1
    позицию`` is wrong for 21, and the form must keep msgid_plural's ``%(counter)s``)."""
    if e.msgid_plural is None:
        if e.msgstr:
            yield e.msgid, e.msgstr, None
        return
    first = (e.msgid if plural is None or 0 in plural.single_value_forms or not e.msgid_plural
             else e.msgid_plural)
    for i in sorted(e.msgstr_plural):
        t = e.msgstr_plural[i]
        if t:
            yield (first if i == 0 else e.msgid_plural), t, i


def _job_count(jobs: int | None, n_entries: int) -> int:
    """Processes for one catalog: 1 unless asked. Measured by bench/check.py on 2 CPUs, -j 2
    was 1.08x faster than -j 1 on 55,566 entries on a quiet machine, and with other work on
    both CPUs 1.04x (55,566 entries, 17 % more CPU) and 0.84x (110,250 entries): the parse is
    serial and a second process gains only on an idle CPU, so parallel checking is opt-in
    (-j N), not the default, whatever the size."""
    if not hasattr(os, "fork") or jobs is None or n_entries < 2:
        return 1
    return max(1, jobs)


def _entry_dispatch(rules: list[Rule]) -> dict[tuple[str, bool, bool], list]:
    """Entry rules to call per (state, plural?, leading space?), decided once per file."""
    table: dict[tuple[str, bool, bool], list] = {}
    for state in ("untranslated", "fuzzy", "translated"):
        for plural in (False, True):
            for space in (False, True):
                have = {state} | ({"plural"} if plural else set()) | (
                    {"leading-space"} if space else set())
                table[(state, plural, space)] = [
                    (r, r.func) for r in rules if r.when is None or r.when & have]
    return table


def _check_entries(entries: list[PoEntry], ctx: FileContext, entry_rules: list,
                   pair_rules: list, emitter: _Emitter, counts: list[int],
                   whole: bool = False) -> None:
    """Entry and pair rules over *entries*; counts = total, translated, fuzzy, untranslated,
    obsolete (added to). A rule raising on an entry gives a crash finding there. *whole*:
    *entries* are all the file's (not a ``-j`` slice), so rules counting over the catalog
    may reuse the pairs (:func:`toolkit.lint.prefilter.singular_pairs`).

    Entry rules run entry by entry; the pairs to check are collected on the way, and then
    each pair rule runs on the pairs its pre-filter picks out of all of them at once
    (:mod:`toolkit.lint.prefilter`). The findings are the same as calling every rule on every
    pair: the order in which they are made is not (the caller sorts them)."""
    emit = emitter.emit
    check_fuzzy = ctx.settings.check_fuzzy
    plural = ctx.plural
    srcs: list[str] = []
    tgts: list[str] = []
    owners: list[PoEntry] = []
    forms: dict[int, int] = {}  # pair index -> plural form, for the forms of plural entries
    tally = dict.fromkeys(STATES, 0)
    for e in entries:
        state = entry_state(e)
        if state is None:
            continue
        tally[state] += 1
        if state == "obsolete":
            continue
        msgstr = e.msgstr
        single = e.msgid_plural is None
        for r, func in entry_rules[(state, not single, bool(msgstr) and msgstr[0].isspace())]:
            try:  # free when nothing is raised (Python >= 3.11)
                res = func(e, ctx)
            except Exception as exc:  # noqa: BLE001 - a rule bug must not end the run
                emitter.crashed(r, exc, e)
                continue
            if res is not None:
                emit(r, res, e)
        if pair_rules and (state != "fuzzy" or check_fuzzy):
            if single:
                if msgstr:
                    srcs.append(e.msgid)
                    tgts.append(msgstr)
                    owners.append(e)
                continue
            for src, tgt, form in _pairs(e, plural):
                forms[len(srcs)] = form  # type: ignore[assignment]
                srcs.append(src)
                tgts.append(tgt)
                owners.append(e)
    pairs = Pairs(srcs, tgts)
    if whole:
        ctx.cache["pairs"] = (pairs, owners, forms)
    chosen = pairs.to_check([(p[3], p[2]) for p in pair_rules])  # select, needs
    for (r, func, *_rest), indexes in zip(pair_rules, chosen, strict=True):
        for i in indexes:
            e = owners[i]
            ctx.form = forms.get(i)
            try:
                res = func(srcs[i], tgts[i], e, ctx)
            except Exception as exc:  # noqa: BLE001 - see above
                emitter.crashed(r, exc, e)
                continue
            if res is not None:
                emit(r, res, e)
    ctx.form = None
    live = tally["translated"] + tally["fuzzy"] + tally["untranslated"]
    for i, n in enumerate((live, tally["translated"], tally["fuzzy"], tally["untranslated"],
                           tally["obsolete"])):
        counts[i] += n


# What the pool's forked workers check: set before the pool starts its processes, so they
# inherit the parsed entries instead of receiving them pickled.
_POOL_STATE: tuple | None = None


def _check_chunk(bounds: tuple[int, int]) -> tuple[list[int], list[Finding]]:
    """A pool worker's job: entry and pair rules over one slice of the entries."""
    return _check_slice(bounds)


def _check_slice(bounds: tuple[int, int]) -> tuple[list[int], list[Finding]]:
    assert _POOL_STATE is not None
    entries, ctx, entry_rules, pair_rules, path, settings, project_path = _POOL_STATE
    out: list[Finding] = []
    part = [0, 0, 0, 0, 0]
    _check_entries(entries[bounds[0]:bounds[1]], ctx, entry_rules, pair_rules,
                   _Emitter(path, settings, out, project_path), part)
    return part, out


def _check_parallel(entries: list[PoEntry], n_jobs: int, ctx: FileContext, entry_rules: list,
                    pair_rules: list, emitter: _Emitter, counts: list[int]) -> None:
    """Split *entries* into contiguous slices: this process checks the first, a process pool
    (forked, so the entries are inherited, not pickled) the others. A worker that dies
    (killed, out of memory) costs only time: its slice is checked here instead."""
    global _POOL_STATE
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = -(-len(entries) // n_jobs)
    bounds = [(i, min(i + size, len(entries))) for i in range(0, len(entries), size)]
    _POOL_STATE = (entries, ctx, entry_rules, pair_rules, emitter.path, emitter.settings,
                   emitter.project_path)
    try:
        with ProcessPoolExecutor(max_workers=len(bounds) - 1,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_check_chunk, b) for b in bounds[1:]]
            _check_entries(entries[:bounds[0][1]], ctx, entry_rules, pair_rules, emitter, counts)
            for future, b in zip(futures, bounds[1:], strict=True):
                try:
                    part, found = future.result()
                except BrokenProcessPool:
                    part, found = _check_slice(b)
                emitter.out.extend(found)
                for i, n in enumerate(part):
                    counts[i] += n
    finally:
        _POOL_STATE = None


def check_file(path: str | os.PathLike[str], config: CheckConfig, *,
               lang: str | None = None, glossary: Any = None,
               shown: str | None = None, jobs: int | None = None) -> FileResult:
    """Check one catalog file (OSError if it cannot be read).

    *jobs*: processes for the entry rules (None or 1: this one; more: a process pool forked
    after parsing, so nothing is re-read or pickled but the findings).
    """
    p = Path(path)
    settings = config.for_path(p)
    shown = shown or display_path(p)
    key = project_relative(p, config.root)
    try:
        po, decoded = read_po(str(p))
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - a reader bug: report this file, check the rest
        result = FileResult(shown, lang or locale_from_path(p), None)
        result.findings.append(crash_finding("TK001", RULES["TK001"].name, shown, 0, exc,
                                             what="the PO reader", project_path=key))
        return result
    locale = lang or detect_locale(p, po.header)
    tk_lang = toolkit_lang(locale)
    plural = None
    pf = po.header.get("Plural-Forms")
    if pf:
        parsed = parse_plural_forms(pf)
        plural = parsed if isinstance(parsed, PluralInfo) else None
    template = p.suffix == ".pot"
    ctx = FileContext(shown, po, decoded, settings, tk_lang, locale, plural, template,
                      glossary, project_path=key)
    result = FileResult(shown, locale, tk_lang)
    result.context = ctx
    emitter = _Emitter(shown, settings, result.findings, key)
    rules = active_rules(settings, tk_lang, template, glossary is not None)

    for r in rules["file"]:
        emitter.run_file_rule(r, ctx)

    entry_rules = _entry_dispatch(rules["entry"])
    pair_rules = [(r, r.func, r.needs, r.select) for r in rules["pair"]]
    entries = po.entries
    n_jobs = _job_count(jobs, len(entries))
    counts = [0, 0, 0, 0, 0]
    if n_jobs > 1:
        _check_parallel(entries, n_jobs, ctx, entry_rules, pair_rules, emitter, counts)
    else:
        _check_entries(entries, ctx, entry_rules, pair_rules, emitter, counts, whole=True)
    result.total, result.translated, result.fuzzy, result.untranslated, result.obsolete = counts
    ctx.form = None
    # for TK306 (file and locale): a weak reference, as the result holds the context; a
    # strong one would make a cycle, which only the cyclic collector frees: at the exit of a
    # one-shot process it walked and freed every entry, 0.2 s of a 55,000-entry catalog
    ctx.cache["result"] = weakref.proxy(result)
    for r in rules["catalog"]:
        emitter.run_file_rule(r, ctx)
    result.findings.sort(key=lambda f: (f.line, f.code, f.column))
    return result


def check_paths(paths: Iterable[str | os.PathLike[str]], config: CheckConfig, *,
                lang: str | None = None, glossary: Any = None,
                baseline: dict[str, int] | None = None, jobs: int | None = None) -> Report:
    """Check every catalog under *paths*; add per-locale completeness; apply a baseline.

    *baseline* maps finding fingerprints to how many such findings are accepted.
    """
    files = discover(paths, config)
    results: list[FileResult] = []
    with gc_paused():  # millions of short-lived small objects and no cycles: GC only costs time
        for f in files:
            results.append(check_file(f, config, lang=lang, glossary=glossary, jobs=jobs))
    extra = _locale_passes(results)
    findings = [f for r in results for f in r.findings] + extra
    baselined = 0
    if baseline:
        remaining = dict(baseline)
        kept = []
        for f in findings:
            fp = f.fingerprint
            if remaining.get(fp, 0) > 0:
                remaining[fp] -= 1
                baselined += 1
            else:
                kept.append(f)
        findings = kept
    return Report(findings, results, baselined)


def _locale_passes(results: list[FileResult]) -> list[Finding]:
    """Run whole-locale passes (cross-file consistency, locale completeness)."""
    groups: dict[str, list[FileContext]] = {}
    for r in results:
        if r.locale and r.context is not None and not r.context.template:
            groups.setdefault(r.locale, []).append(r.context)
    extra: list[Finding] = []
    for _locale, contexts in sorted(groups.items()):
        if len(contexts) < 2:
            continue
        for code, func in LOCALE_PASSES.items():
            r = RULES[code]
            try:
                hits = list(func(contexts) or ())
            except Exception as exc:  # noqa: BLE001 - a rule bug must not end the run
                where = os.path.commonpath([c.path for c in contexts])
                extra.append(crash_finding(code, r.name, where, 0, exc))
                continue
            for where, hit in hits:
                settings = contexts[0].settings if isinstance(where, str) else where.settings
                if settings.enabled(code, r.opt_in):
                    if isinstance(where, str):
                        _Emitter(where, settings, extra).emit(r, hit, None)
                    else:
                        _Emitter(where.path, settings, extra, where.project_path).emit(
                            r, hit, None)
    return extra
