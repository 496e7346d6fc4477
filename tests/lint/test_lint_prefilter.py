"""The engine's pre-filters only skip calls that would find nothing.

A pair rule's ``needs`` (characters one of which the pair must hold) or ``select`` (the pairs
it may report on, picked out of all a file's pairs at once) lets the engine skip the rule on
most pairs. These tests run every pair rule on every pair instead (both cleared) and demand the
very same findings and counts, on every ru/zh catalog Django ships and on a copy with a defect of
every entry rule and defect class planted (the planters of :mod:`test_lint_django`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polib
import pytest
from test_lint_django import CLASS_PLANTS, ENTRY_PLANTS, _copy

from toolkit.lint import CheckConfig, check_paths
from toolkit.lint.registry import RULES


def _without_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    for code, r in list(RULES.items()):
        if r.needs is not None or r.select is not None:
            monkeypatch.setitem(RULES, code, dataclasses.replace(r, needs=None, select=None))


def _same_with_and_without_prefilters(files: list[Path], monkeypatch: pytest.MonkeyPatch,
                                      **options) -> int:
    config = CheckConfig().with_options(select="TK", accelerator="&", **options)
    fast = check_paths(files, config)
    with monkeypatch.context() as m:
        _without_needs(m)
        assert all(r.needs is None and r.select is None for r in RULES.values())
        slow = check_paths(files, config)
    assert fast.findings == slow.findings
    assert [(r.total, r.translated, r.fuzzy, r.untranslated, r.obsolete) for r in fast.files] \
        == [(r.total, r.translated, r.fuzzy, r.untranslated, r.obsolete) for r in slow.files]
    return len(fast.findings)


def test_prefilters_keep_every_finding_on_upstream_catalogs(
        django_locale: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = django_locale.parent.parent
    files = sorted(p for p in root.rglob("locale/*/LC_MESSAGES/*.po")
                   if p.parts[-3] in ("ru", "zh_Hans", "zh_Hant"))
    assert len(files) > 30
    assert _same_with_and_without_prefilters(files, monkeypatch, **{"min-translated": 100.0})


@pytest.mark.parametrize("loc", ["ru", "zh_Hans"])
def test_prefilters_keep_every_planted_finding(loc: str, django_locale: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(django_locale, loc, tmp_path)
    po = polib.pofile(str(path))
    planters = [p for _code, p in sorted(ENTRY_PLANTS.items())] + [
        p for _code, p in CLASS_PLANTS.values()]
    for plant in planters:
        try:
            plant(po, loc)
        except AssertionError:  # no entry left to plant this one in: the others still count
            continue
    po.save(str(path))
    assert _same_with_and_without_prefilters([path], monkeypatch) > 20


def _reference_name_evidence(po) -> dict[str, list[int]]:
    """TK305's evidence by its definition: for each capitalised word of an entry left
    unchanged, [kept, translated] over the other translated entries whose source has it."""
    from toolkit.lint.checks.state import _TITLE_WORD, _WORD

    live = [e for e in po.entries if not e.obsolete and e.msgid and e.msgid_plural is None
            and e.msgstr and not e.fuzzy]
    asked = {w for e in live if e.msgstr == e.msgid for w in _TITLE_WORD.findall(e.msgid)}
    evidence: dict[str, list[int]] = {}
    for e in live:
        if e.msgstr == e.msgid:
            continue
        for w in set(_TITLE_WORD.findall(e.msgid)) & asked:
            evidence.setdefault(w, [0, 0])[0 if w in _WORD.findall(e.msgstr) else 1] += 1
    return evidence


@pytest.mark.parametrize("loc", ["ru", "zh_Hans"])
def test_name_evidence_counts_as_defined(loc: str, django_locale: Path, tmp_path: Path) -> None:
    from types import SimpleNamespace

    from toolkit.lint.checks.state import _name_evidence
    from toolkit.po.reader import read_po

    path = _copy(django_locale, loc, tmp_path)
    # entries left unchanged, so that words are asked about: a name, an English word, a
    # word inside a longer one (Search in Searching) and one next to Cyrillic letters
    path.write_text(path.read_text("utf-8") + "".join(
        f'\nmsgid "{w}"\nmsgstr "{w}"\n' for w in ("Django", "Search", "Save", "View")) +
        '\nmsgid "Searching the View"\nmsgstr "Поиск Viewы"\n'
        '\nmsgid "Save the View in Django"\nmsgstr "Сохранить View в Django"\n', "utf-8")
    po, _ = read_po(path)
    evidence = _name_evidence(SimpleNamespace(po=po, cache={}))
    assert evidence == _reference_name_evidence(po)
    assert min(evidence["View"]) >= 1 and evidence["Django"][0] >= 1 and evidence["Save"][1] >= 1


def _reference_drops_full_stops(po) -> bool:
    """TK204's catalog style by its definition: of the translated, non-fuzzy, singular
    entries whose source is one sentence ending in a full stop, 3 or more and 10 % or more
    lose it."""
    from toolkit.lint.checks.typography import _INNER_SENTENCE_END

    kept = dropped = 0
    for e in po.entries:
        if e.msgid_plural is not None or not e.msgstr or e.obsolete or e.fuzzy:
            continue
        src, tgt = e.msgid.rstrip(), e.msgstr.rstrip()
        if src[-1:] == "." and src[-2:-1] != "." and not _INNER_SENTENCE_END.search(src):
            if tgt[-1:].isalnum():
                dropped += 1
            else:
                kept += 1
    return dropped >= 3 and dropped >= 0.1 * (kept + dropped)


@pytest.mark.parametrize("check_fuzzy", [False, True])
def test_catalog_counts_over_the_engines_pairs_as_defined(
        check_fuzzy: bool, django_locale: Path, tmp_path: Path) -> None:
    """TK305's evidence and TK204's style are counted over the pairs the engine collected
    (one join of each side for every rule). Those also hold plural forms, and fuzzy entries
    under check-fuzzy, which the definitions leave out: planted here in numbers that change
    both counts if they were taken in."""
    from toolkit.lint.checks.state import _name_evidence
    from toolkit.lint.checks.typography import _drops_full_stops
    from toolkit.lint.engine import check_file

    path = _copy(django_locale, "ru", tmp_path)
    extra = ['\nmsgid "Django"\nmsgstr "Django"\n', '\nmsgid "Save"\nmsgstr "Save"\n']
    for i in range(400):  # each keeps "Save" and drops the final full stop
        extra.append(f'\n#, fuzzy\nmsgid "Save file {i}."\nmsgstr "Save файл {i}"\n')
        extra.append(f'\nmsgid "Save {i} file."\nmsgid_plural "Save {i} files."\n'
                     f'msgstr[0] "Save {i} файл"\nmsgstr[1] "Save {i} файла"\n'
                     f'msgstr[2] "Save {i} файлов"\n')
    path.write_text(path.read_text("utf-8") + "".join(extra), "utf-8")
    config = CheckConfig().with_options(**{"check-fuzzy": check_fuzzy})
    ctx = check_file(path, config).context
    assert ctx is not None and "pairs" in ctx.cache  # the engine's pairs were shared
    assert _name_evidence(ctx) == _reference_name_evidence(ctx.po)
    assert _name_evidence(ctx)["Django"][0] >= 1
    assert _drops_full_stops(ctx) is _reference_drops_full_stops(ctx.po) is False


def test_inner_sentence_end_finds_what_its_definition_finds() -> None:
    """TK204's sentence end inside a text, written to start with a class (a fast search):
    found in the same texts as by the plain definition."""
    import random
    import re

    from toolkit.lint.checks.typography import _INNER_SENTENCE_END

    plain = re.compile(r"[。！？!?]\s*\S|\.\s+\S")
    rng = random.Random(3)
    pieces = list(".。！？!?.. \t\n\xa0\u3000\x1fab1")
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert bool(_INNER_SENTENCE_END.search(text)) == bool(plain.search(text)), text


def test_final_token_is_the_final_token_search() -> None:
    """TK204's code token at the end of a text, read from the end: what the search of its
    definition finds."""
    import random
    import re

    from toolkit.lint.checks.typography import _final_token

    plain = re.compile(r"[!-~]*[A-Za-z0-9_][!-~]*$")
    rng = random.Random(5)
    pieces = list(":._/-a1Z ~!\n\t\x7fé—я") + ["no-index", "ftp://x.y/", ":ref:", "\n\n"]
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))).rstrip()
        m = plain.search(text)  # as _token_mark asks: of a text without trailing whitespace
        assert _final_token(text) == (m.group() if m else None), text
