"""``mo_bytes`` against GNU msgfmt on real catalogs of every script, and at the edges."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.catalog import compile_check
from toolkit.catalog.compile import mo_bytes
from toolkit.catalog.compile_check import problems
from toolkit.catalog.files import load_catalog

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt missing")


def _msgfmt(path: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "-o", str(out), str(path)], check=True)
    return out.read_bytes()


@needs_msgfmt
@pytest.mark.parametrize("locale", ["ar", "de", "ja", "ko", "he", "uk", "zh_Hant", "pt_BR"])
def test_real_catalogs_compile_to_msgfmts_bytes(tmp_path: Path, django_locale: Path,
                                                locale: str) -> None:
    admin = django_locale.parents[1] / "contrib" / "admin" / "locale"
    for path in (django_locale / locale / "LC_MESSAGES" / "django.po",
                 admin / locale / "LC_MESSAGES" / "djangojs.po"):
        assert mo_bytes(load_catalog(path), force=True) == _msgfmt(path, tmp_path)


HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n\n')


@needs_msgfmt
@pytest.mark.parametrize("body", [
    "",  # the header alone
    'msgid "one"\nmsgstr "один"\n',
    'msgid "a"\nmsgstr "б"\n\nmsgid "b"\nmsgstr "в"\n',  # gettext's 5-slot table for 2
    'msgctxt "menu"\nmsgid "Open"\nmsgstr "Открыть"\n\n'
    'msgid "Open"\nmsgstr "Открыть файл"\n\n'
    'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d файл"\n'
    'msgstr[1] "%d файла"\nmsgstr[2] "%d файлов"\n\n'
    '#, fuzzy\nmsgid "Close"\nmsgstr "Закрыть"\n\n'
    'msgid "Empty"\nmsgstr ""\n\n'
    '#~ msgid "Old"\n#~ msgstr "Старое"\n',
    # an escaped NUL ends each string there, as in C: msgctxt, msgid, msgid_plural, a form
    'msgctxt "k\\0q"\nmsgid "a"\nmsgstr "x\\000y"\n\n'
    'msgid "b\\0r"\nmsgid_plural "c\\x0s"\nmsgstr[0] "y\\0t"\nmsgstr[1] "z"\n'
    'msgstr[2] "w"\n',
])
def test_small_catalogs_compile_to_msgfmts_bytes(tmp_path: Path, body: str) -> None:
    path = tmp_path / "x.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert mo_bytes(load_catalog(path), force=True) == _msgfmt(path, tmp_path)


@needs_msgfmt
def test_a_catalog_with_many_keys_compiles_to_msgfmts_bytes(tmp_path: Path) -> None:
    # keys of every length from 1 to 300 bytes, many per length: every lane group is used
    body = "".join(f'msgid "{"k" * (i % 300 + 1)}{i}"\nmsgstr "v{i}"\n\n' for i in range(3000))
    path = tmp_path / "x.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert mo_bytes(load_catalog(path), force=True) == _msgfmt(path, tmp_path)


def _problem_lists(po, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    quick = problems(po)
    with monkeypatch.context() as m:
        m.setattr(compile_check, "_kept_placeholders", lambda checked, *_: [False] * len(checked))
        full = problems(po)
    return quick, full


def test_the_quick_placeholder_path_finds_what_the_full_check_finds(
        django_locale: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(8)
    edits = [("%(", "%(x"), ("%s", ""), ("%s", "%d"), ("%d", "%1$d"), ("{", "{x"), ("%", "%%"),
             (")s", ")d"), ("%", "5%o")]
    found = 0
    for path in sorted(django_locale.glob("*/LC_MESSAGES/django.po")):
        po = load_catalog(path)
        quick, full = _problem_lists(po, monkeypatch)
        assert quick == full, path
        for e in po.entries:  # break some translations the ways translators do
            if rng.random() < 0.3:
                old, new = rng.choice(edits)
                if e.msgstr:
                    e.msgstr = e.msgstr.replace(old, new, 1)
                for i, form in e.msgstr_plural.items():
                    e.msgstr_plural[i] = form.replace(old, new, 1)
        quick, full = _problem_lists(po, monkeypatch)
        assert quick == full, path
        found += len(full)
    assert found > 500  # the edits did break entries


_PLURAL_ENTRY = '''
#, python-format
msgid "one file"
msgid_plural "%(count)s files"
msgstr[0] "{first}"
msgstr[1] "{second}"
'''


def _plural_catalog(tmp_path: Path, header: str, first: str, second: str, third: str = ""
                    ) -> Path:
    body = _PLURAL_ENTRY.format(first=first, second=second)
    if third:
        body += f'msgstr[2] "{third}"\n'
    path = tmp_path / "plural.po"
    path.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    f'"Plural-Forms: {header}\\n"\n{body}', encoding="utf-8")
    return path


def _msgfmt_c_passes(path: Path) -> bool:
    return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)],
                          capture_output=True).returncode == 0


# (Plural-Forms, forms, whether a form without %(count)s is broken): a form chosen for many
# numbers (Russian form 0: 1, 21, 31...) must print the count, as msgfmt -c holds it; one
# chosen for a few (English n == 1, Turkish n > 1's form 0 for 0 and 1) may write it as a word
PLURAL_CASES = [
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
     "n%100>=20) ? 1 : 2);", ("один файл", "%(count)s файла", "%(count)s файлов"), True),
    ("nplurals=2; plural=(n != 1);", ("one file", "%(count)s files"), False),
    ("nplurals=2; plural=(n > 1);", ("bir dosya", "%(count)s dosya"), False),
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
     "n%100>=20) ? 1 : 2);", ("%(count)s файл", "%(count)s файла", "много файлов"), True),
]


@pytest.mark.parametrize(("header", "forms", "broken"), PLURAL_CASES)
def test_a_plural_form_for_many_numbers_keeps_the_count(
        tmp_path: Path, header: str, forms: tuple[str, ...], broken: bool) -> None:
    path = _plural_catalog(tmp_path, header, *forms)
    assert bool(problems(load_catalog(path))) is broken
    if shutil.which("msgfmt"):
        assert _msgfmt_c_passes(path) is not broken


@needs_msgfmt
def test_real_plural_forms_are_judged_as_msgfmt_c_judges_them(tmp_path: Path) -> None:
    """Django's humanize catalogs: Serbian (Latin) form 0 serves 1, 21, 31 and writes 'an
    hour' (msgfmt -c refuses it), Belarusian writes ``%(value).s``, an empty precision of the
    same argument (msgfmt -c accepts it)."""
    import django

    root = Path(django.__file__).parent / "contrib" / "humanize" / "locale"
    for lang, broken in (("sr_Latn", True), ("be", False), ("ru", False), ("uk", False)):
        path = root / lang / "LC_MESSAGES" / "django.po"
        assert _msgfmt_c_passes(path) is not broken, lang
        assert bool(problems(load_catalog(path))) is broken, lang
