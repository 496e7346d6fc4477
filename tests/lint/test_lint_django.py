"""Real catalogs: Django's ru and zh_Hans django.po, clean and with defects planted here.

The clean originals are the false-positive check (few findings, each a true one: see the
counts printed with ``pytest -s``); each planted defect must be found on its own entry and not
on the same entry of the clean file.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from conftest import run

from toolkit.lint import RULES
from toolkit.lint.model import Severity

LOCALES = ["ru", "zh_Hans"]


def _copy(django_locale: Path, loc: str, root: Path) -> Path:
    dest = root / loc / "LC_MESSAGES" / "django.po"
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(django_locale / loc / "LC_MESSAGES" / "django.po", dest)
    return dest


def _translated(po: polib.POFile, pred: Callable[[polib.POEntry], bool]) -> polib.POEntry:
    for e in po:
        if (not e.obsolete and e.msgid and not e.fuzzy and not e.msgid_plural and e.msgstr
                and pred(e)):
            return e
    raise AssertionError("no entry to plant the defect in")


def _sentence(e: polib.POEntry) -> bool:
    return e.msgid.endswith(".") and "%" not in e.msgid and "<" not in e.msgid


def _plain(e: polib.POEntry) -> bool:
    return "%" not in e.msgid and "{" not in e.msgid and "<" not in e.msgid and len(e.msgid) > 12


# Each planter edits the catalog and returns the msgid of the entry it broke.
def plant_tk101(po, loc):
    e = _translated(po, lambda e: "%(" in e.msgid and "%(" in e.msgstr)
    e.msgstr = re.sub(r"%\(\w+\)\w", "", e.msgstr, count=1)
    return e.msgid


def plant_tk102(po, loc):
    e = _translated(po, lambda e: "</a>" in e.msgstr)
    e.msgstr = e.msgstr.replace("</a>", "", 1)
    return e.msgid


def plant_tk103(po, loc):
    e = _translated(po, lambda e: "https://" in e.msgstr)
    e.msgstr = re.sub(r"https://[^\s\"<>]+", "https://example.org/", e.msgstr, count=1)
    return e.msgid


def plant_tk104(po, loc):
    e = _translated(po, _sentence)
    e.msgid = e.msgid[:-1] + " Write to help@example.com."
    e.msgstr = e.msgstr + " help@exampel.com"
    return e.msgid


def plant_tk105(po, loc):
    e = _translated(po, lambda e: "8" in e.msgid and "8" in e.msgstr)
    e.msgstr = e.msgstr.replace("8", "6")
    return e.msgid


def plant_tk201(po, loc):
    e = _translated(po, lambda e: _plain(e) and not e.msgid.endswith(" "))
    e.msgstr = "\n" + e.msgstr
    return e.msgid


def plant_tk202(po, loc):
    e = _translated(po, lambda e: _plain(e) and "\n" not in e.msgid and len(e.msgstr) > 6)
    e.msgstr = e.msgstr[:3] + "\n" + e.msgstr[3:]
    return e.msgid


def plant_tk203(po, loc):
    e = _translated(po, lambda e: _plain(e) and "  " not in e.msgid and " " in e.msgstr
                    and "  " not in e.msgstr)
    e.msgstr = e.msgstr.replace(" ", "  ", 1)
    return e.msgid


def plant_tk204(po, loc):
    # long enough that Chinese UI's habit of dropping 。 in short labels does not apply
    e = _translated(po, lambda e: _sentence(e) and len(e.msgid) > 60
                    and e.msgstr.endswith((".", "。")))
    e.msgstr = e.msgstr[:-1]
    return e.msgid


def plant_tk205(po, loc):
    e = _translated(po, lambda e: _plain(e) and "(" not in e.msgid)
    e.msgstr = "(" + e.msgstr
    return e.msgid


def plant_tk206(po, loc):
    e = _translated(po, lambda e: _plain(e) and not re.search("[«»“”\"]", e.msgid + e.msgstr))
    e.msgstr = "«" + e.msgstr
    return e.msgid


def plant_tk207(po, loc):
    e = _translated(po, _plain)
    e.msgstr = e.msgstr[:2] + "\u200b" + e.msgstr[2:]
    return e.msgid


def plant_tk208(po, loc):
    e = _translated(po, lambda e: _plain(e) and "&" not in e.msgid)
    e.msgid = "&" + e.msgid
    return e.msgid


def plant_tk301(po, loc):
    e = _translated(po, _plain)
    e.msgstr = ""
    return e.msgid


def plant_tk302(po, loc):
    e = _translated(po, _plain)
    e.flags.append("fuzzy")
    return e.msgid


def plant_tk303(po, loc):
    e = next(e for e in po if e.msgid_plural and not e.fuzzy)
    if loc == "zh_Hans":
        e.msgstr_plural[1] = e.msgstr_plural[0]
    else:
        del e.msgstr_plural[max(e.msgstr_plural)]
    return e.msgid


def plant_tk304(po, loc):
    e = _translated(po, _plain)
    e.msgstr = "  "
    return e.msgid


def plant_tk305(po, loc):
    e = _translated(po, lambda e: _sentence(e) and len(e.msgid.split()) > 3)
    e.msgstr = e.msgid
    return e.msgid


def plant_tk401(po, loc):
    e = _translated(po, lambda e: _plain(e) and not e.msgctxt)
    po.append(polib.POEntry(msgid=e.msgid.rstrip(".") + ":", msgstr="ДругойПеревод"))
    return e.msgid.rstrip(".") + ":"


def plant_tk501(po, loc):
    po.append(polib.POEntry(msgid="Students of SPbPU", msgstr="Студенты" if loc == "ru"
                            else "学生们"))
    return "Students of SPbPU"


def plant_tk502(po, loc):
    po.append(polib.POEntry(msgid="Visit Nanjing", msgstr="Посетите Наньцзин" if loc == "ru"
                            else "访问圣彼得堡国立理工大学和南京"))
    if loc == "zh_Hans":  # a deprecated zh name of SPbPU
        po[-1].msgid = "Visit SPbPU and Nanjing"
    return po[-1].msgid


def plant_tk503(po, loc):
    po.append(polib.POEntry(msgid="Sponsored by GlobalTech IP",
                            msgstr="Спонсор: ГлобалТек" if loc == "ru" else "由环球科技赞助"))
    return "Sponsored by GlobalTech IP"


ENTRY_PLANTS = {name[6:].upper(): fn for name, fn in dict(globals()).items()
                if name.startswith("plant_tk")}


# The defect classes other checkers caught and toolkit missed (issue: catch everything any
# other checker catches): planted the same way, each with the rule that must find it.
def plant_url_scheme(po, loc):
    e = _translated(po, lambda e: "https://" in e.msgstr)
    e.msgstr = e.msgstr.replace("https://", "http://", 1)
    return e.msgid


def plant_url_path(po, loc):
    e = _translated(po, lambda e: re.search(r"https://[^/\s\"<>]+/", e.msgstr))
    e.msgstr = re.sub(r"(https://[^/\s\"<>]+/)", r"\1old/", e.msgstr, count=1)
    return e.msgid


def plant_space_added(po, loc):
    e = _translated(po, lambda e: _plain(e) and not e.msgid.endswith(" ")
                    and not e.msgstr.endswith(" "))
    e.msgstr = e.msgstr + " "
    return e.msgid


def plant_full_stop_lost(po, loc):
    # a short one: the old length cut-off (60 characters) let Chinese ones through
    e = _translated(po, lambda e: _sentence(e) and len(e.msgid) < 40
                    and e.msgstr.endswith((".", "。")))
    e.msgstr = e.msgstr[:-1]
    return e.msgid


def plant_single_word_unchanged(po, loc):
    e = _translated(po, lambda e: re.fullmatch(r"[A-Z][a-z]{2,}", e.msgid) is not None
                    and e.msgstr != e.msgid)
    e.msgstr = e.msgid
    return e.msgid


def plant_url_added(po, loc):
    # pofilter's urls test: a link the source has not (machine translation invents them)
    e = _translated(po, lambda e: _sentence(e) and "://" not in e.msgid)
    e.msgstr = e.msgstr + " https://spam.example.net/offer"
    return e.msgid


def plant_email_added(po, loc):
    e = _translated(po, lambda e: _sentence(e) and "@" not in e.msgid)
    e.msgstr = e.msgstr + " sales@spam.example.net"
    return e.msgid


CLASS_PLANTS = {"URL scheme": ("TK103", plant_url_scheme),
                "URL path": ("TK103", plant_url_path),
                "URL added": ("TK103", plant_url_added),
                "e-mail added": ("TK104", plant_email_added),
                "trailing space added": ("TK201", plant_space_added),
                "short sentence lost its full stop": ("TK204", plant_full_stop_lost),
                "single word left in English": ("TK305", plant_single_word_unchanged)}


# File-level planters edit the raw bytes.
def _header_sub(data: bytes, pattern: bytes, repl: bytes) -> bytes:
    out, n = re.subn(pattern, repl, data, count=1)
    assert n == 1, pattern
    return out


FILE_PLANTS: dict[str, Callable[[bytes, str], bytes]] = {
    "TK001": lambda d, loc: d + b'\nmsgid "planted"\nmsgstr "unterminated\n',
    "TK002": lambda d, loc: d + b'\nmsgid "Messages"\nmsgstr "x"\n\nmsgid "Messages"\n'
                                b'msgstr "y"\n',
    "TK003": lambda d, loc: d + b'\nmsgid "bytes"\nmsgstr "\xff\xfe"\n',
    "TK004": lambda d, loc: b"\xef\xbb\xbf" + d,
    "TK005": lambda d, loc: d.replace(b"\n", b"\r\n"),
    "TK010": lambda d, loc: _header_sub(d, rb'"Language: [^"]*"\n', b""),
    "TK011": lambda d, loc: _header_sub(d, rb"charset=UTF-8", b"charset=CHARSET"),
    "TK012": lambda d, loc: _header_sub(d, rb"nplurals=\d; plural=[^\\]*;",
                                        b"nplurals=2; plural=(n != 1);"),
    "TK020": lambda d, loc: d + b"".join(b'\n#~ msgid "old %d"\n#~ msgstr "x"\n' % i
                                         for i in range(60)),
}
# escapes C has and PO has not: msgfmt says "invalid control sequence"
ESCAPE_PLANTS = [b"\\'", b"\\?"]


@pytest.fixture(scope="module")
def clean_reports(django_locale: Path, tmp_path_factory: pytest.TempPathFactory,
                  shipped_glossary) -> dict:
    root = tmp_path_factory.mktemp("clean")
    out = {}
    for loc in LOCALES:
        path = _copy(django_locale, loc, root)
        out[loc] = run([path], select=("TK",), accelerator="&", min_translated=90.0,
                       glossary=shipped_glossary)
    return out


@pytest.mark.parametrize("loc", LOCALES)
def test_clean_django_catalog_is_near_silent(loc: str, clean_reports: dict) -> None:
    report = clean_reports[loc]
    counts = Counter((f.code, f.severity.value) for f in report.findings)
    print(f"\n{loc} clean findings per rule:", dict(sorted(counts.items())))
    assert report.files[0].total > 300
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []
    warnings = [f for f in report.findings if f.severity is Severity.WARNING]
    assert len(warnings) <= 20  # each one inspected: genuine (missing 。, stray spaces...)
    for f in warnings:
        assert f.code in {"TK201", "TK202", "TK204", "TK206"}, f


@pytest.mark.parametrize("loc", LOCALES)
@pytest.mark.parametrize("code", sorted(ENTRY_PLANTS))
def test_planted_entry_defect_is_found(code: str, loc: str, django_locale: Path,
                                       tmp_path: Path, clean_reports: dict,
                                       shipped_glossary) -> None:
    path = _copy(django_locale, loc, tmp_path)
    po = polib.pofile(str(path))
    msgid = ENTRY_PLANTS[code](po, loc)
    po.save(str(path))
    settings = {"select": (code,), "accelerator": "&"}
    if code == "TK306":
        settings["min_translated"] = 100.0
    report = run([path], **settings, glossary=shipped_glossary)
    hits = [f for f in report.findings if f.code == code and f.msgid == msgid]
    assert hits, f"{code} missed the planted defect in {msgid!r}"
    # the line is the planted entry's own line in the written file
    lines = path.read_text("utf-8").split("\n")
    first = hits[0].line
    assert lines[first - 1].startswith(("msgid", "msgctxt")), lines[first - 1]
    clean = [f for f in clean_reports[loc].findings if f.code == code and f.msgid == msgid]
    assert clean == []


@pytest.mark.parametrize("loc", LOCALES)
@pytest.mark.parametrize("code", sorted(FILE_PLANTS))
def test_planted_file_defect_is_found(code: str, loc: str, django_locale: Path,
                                      tmp_path: Path, clean_reports: dict) -> None:
    path = _copy(django_locale, loc, tmp_path)
    path.write_bytes(FILE_PLANTS[code](path.read_bytes(), loc))
    report = run([path], select=(code,))
    assert [f for f in report.findings if f.code == code], f"{code} not found"
    assert [f for f in clean_reports[loc].findings if f.code == code] == []


def test_completeness_per_file_and_locale(django_locale: Path, tmp_path: Path) -> None:
    a = _copy(django_locale, "ru", tmp_path / "a")
    b = _copy(django_locale, "ru", tmp_path / "b")
    po = polib.pofile(str(a))
    for e in po[:60]:
        e.msgstr = ""
    po.save(str(a))
    report = run([a, b], select=("TK306",), min_translated=92.0)
    messages = sorted({f.message for f in report.findings})
    # file a (82.8%) and the ru locale as a whole (a + b: 91.4%) are below 92%
    assert len(messages) == 2, messages
    # the locale finding is on each of its catalogs (SARIF points at files, not a folder)
    assert sorted(f.path for f in report.findings if f.message.startswith("locale ru:")) == [
        r.path for r in report.files]
    report = run([a, b], select=("TK306",), min_translated=90.0)
    assert [f.path for f in report.findings] == [report.files[0].path]


def test_every_rule_is_planted() -> None:
    planted = set(ENTRY_PLANTS) | set(FILE_PLANTS) | {"TK306"}
    assert set(RULES) <= planted


def test_forked_workers_give_the_same_findings(django_locale: Path, tmp_path: Path) -> None:
    from toolkit.lint import CheckConfig, check_paths

    a = _copy(django_locale, "zh_Hans", tmp_path)
    serial = check_paths([a], CheckConfig(), jobs=1)
    forked = check_paths([a], CheckConfig(), jobs=3)
    assert forked.findings == serial.findings and serial.findings
    assert forked.files[0].translated == serial.files[0].translated


@pytest.mark.parametrize("loc", LOCALES)
@pytest.mark.parametrize("name", sorted(CLASS_PLANTS))
def test_planted_class_is_found(name: str, loc: str, django_locale: Path, tmp_path: Path,
                                clean_reports: dict) -> None:
    code, plant = CLASS_PLANTS[name]
    path = _copy(django_locale, loc, tmp_path)
    po = polib.pofile(str(path))
    msgid = plant(po, loc)
    po.save(str(path))
    report = run([path], select=(code,))
    assert [f for f in report.findings if f.code == code and f.msgid == msgid], (name, msgid)
    assert [f for f in clean_reports[loc].findings if f.code == code and f.msgid == msgid
            and f.severity is not Severity.INFO] == []


@pytest.mark.parametrize("loc", LOCALES)
@pytest.mark.parametrize("escape", ESCAPE_PLANTS, ids=["quote", "question-mark"])
def test_planted_escape_is_a_syntax_error(escape: bytes, loc: str, django_locale: Path,
                                          tmp_path: Path) -> None:
    path = _copy(django_locale, loc, tmp_path)
    data = path.read_bytes()
    i = data.index(b'msgstr "', data.index(b"\n\nmsgid", 200)) + len(b'msgstr "')
    path.write_bytes(data[:i] + escape + data[i:])
    line = data[:i].count(b"\n") + 1
    report = run([path], select=("TK001",))
    assert [(f.code, f.line) for f in report.findings] == [("TK001", line)]


def test_default_gate_passes_every_clean_upstream_django_catalog(django_locale: Path) -> None:
    """`toolkit check` with no options (fail on error) on every ru/zh catalog Django ships."""
    from toolkit.lint import CheckConfig, check_paths

    root = django_locale.parent.parent
    files = sorted(p for p in root.rglob("locale/*/LC_MESSAGES/*.po")
                   if p.parts[-3] in ("ru", "zh_Hans", "zh_Hant"))
    assert len(files) > 30
    report = check_paths(files, CheckConfig())
    assert not report.failed(Severity.ERROR), [
        (f.path, f.code, f.message) for f in report.findings if f.severity is Severity.ERROR]
    translated = sum(r.translated for r in report.files)
    flagged = {(f.path, f.line) for f in report.findings if f.severity is not Severity.INFO}
    print(f"\n{len(flagged)} of {translated} translated entries flagged at warning/error")
    # today 33 of 2,760 (1.2 %; with Sphinx's ru/zh catalogs 51 of 5,138, 0.99 %), each
    # read: trailing spaces added, a final full stop or colon lost, an open quote, Sessions
    # left in English... true findings on upstream text, not noise (docs/check.md)
    assert len(flagged) <= 0.012 * translated
