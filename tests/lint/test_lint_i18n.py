"""Findings in the user's language for people, in English for machines: text output follows
LANGUAGE; JSON, SARIF and baselines (and their fingerprints) are the same in every language."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.i18n import Message, PluralMessage, localized
from toolkit.lint.model import Finding, Severity

CATALOG = ('msgid ""\r\nmsgstr ""\r\n"Language: ru\\n"\r\n'
           '"Content-Type: text/plain; charset=UTF-8\\n"\r\n\r\n'
           'msgid "Open"\r\nmsgstr "Открыть"\r\n')


def _russian_catalog(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "ru" / "LC_MESSAGES" / "app.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return _russian_catalog(tmp_path, b"\xef\xbb\xbf" + CATALOG.encode("utf-8"))  # BOM, CRLF


def run(lang: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["check", *args], env={"LANGUAGE": lang})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_text_findings_are_translated(catalog: Path) -> None:
    assert "file starts with a UTF-8 byte-order mark" in run("en", str(catalog))
    ru = run("ru", str(catalog))
    assert "файл начинается с метки порядка байтов UTF-8 (BOM)" in ru and "-> удалите BOM" in ru
    assert "7 строк оканчиваются на CRLF" in ru
    zh = run("zh_CN.UTF-8", str(catalog))
    assert "文件以 UTF-8 字节顺序标记（BOM）开头" in zh and "7 行以 CRLF 结尾" in zh
    assert run("ru", str(catalog), "-j", "2") == ru  # findings made in other processes too


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_machine_output_is_english_in_every_language(catalog: Path, fmt: str) -> None:
    english = run("en", str(catalog), "--format", fmt)
    assert "byte-order mark" in english
    assert run("ru", str(catalog), "--format", fmt) == english
    assert run("zh_CN.UTF-8", str(catalog), "--format", fmt) == english


def test_baselines_and_fingerprints_do_not_depend_on_the_ui_language(
        catalog: Path, tmp_path: Path) -> None:
    written = {}
    for lang in ("en", "ru", "zh_CN.UTF-8"):
        target = tmp_path / f"baseline-{lang}.json"
        run(lang, str(catalog), "--write-baseline", str(target))
        written[lang] = target.read_text(encoding="utf-8")
    assert written["en"] == written["ru"] == written["zh_CN.UTF-8"]
    assert "CRLF" in written["en"]
    # a baseline written in English hides the findings of a Russian run
    out = run("ru", str(catalog), "--baseline", str(tmp_path / "baseline-en.json"),
              "--format", "json")
    assert json.loads(out)["findings"] == []


def test_a_message_is_its_english_text(monkeypatch: pytest.MonkeyPatch) -> None:
    msg = Message("file starts with a UTF-8 byte-order mark; {count} line(s) end with CRLF",
                  count=3)  # not in the catalog: the English text whatever the language
    assert localized(msg) == "file starts with a UTF-8 byte-order mark; 3 line(s) end with CRLF"
    msg = PluralMessage("{count} line(s) end with CRLF", "{count} lines end with CRLF", 3,
                        count=3)
    plain = Finding("TK005", Severity.WARNING, "a.po", 1, "3 line(s) end with CRLF")
    assert msg == "3 line(s) end with CRLF"
    assert Finding("TK005", Severity.WARNING, "a.po", 1, msg).fingerprint == plain.fingerprint
    again = pickle.loads(pickle.dumps(msg))
    assert again == msg and again.template == msg.template and again.values == {"count": 3}
    assert again.n == 3
    monkeypatch.setenv("LANGUAGE", "ru")
    assert localized(msg) == "3 строки оканчиваются на CRLF"
    assert localized(again) == localized(msg) and str(msg) == "3 line(s) end with CRLF"
    assert localized("not a catalog message") == "not a catalog message"


def test_translation_state_findings_are_translated(tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
                    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
                    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
                    'msgid "Open"\nmsgstr ""\n\n#, fuzzy\nmsgid "Save"\nmsgstr "Сохранить"\n\n'
                    'msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} файл"\n'
                    'msgstr[1] "{n} файла"\n', encoding="utf-8")
    args = (str(path), "--select", "TK3", "--min-translated", "90")
    ru = run("ru", *args)
    for text in ("не переведено", "неточный перевод (не используется, пока его не проверят)",
                 "-> проверьте его и снимите флаг",
                 "формы множественного числа: нет msgstr[2] (nplurals=3)",
                 "переведено 33.3% (1 из 3), меньше требуемых 90%"):
        assert text in ru, (text, ru)
    assert "nplurals=3" in run("zh_CN.UTF-8", *args) and "缺少 msgstr[2]" in run(
        "zh_CN.UTF-8", *args)
    english = run("en", *args, "--format", "json")
    assert "plural forms missing msgstr[2] (nplurals=3)" in english
    assert run("ru", *args, "--format", "json") == english


def test_inconsistent_translations_are_reported_in_the_ui_language(tmp_path: Path) -> None:
    head = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
    path = tmp_path / "ru.po"
    path.write_text(head + 'msgid "Open"\nmsgstr "Открыть"\n\nmsgid "Open "\n'
                    'msgstr "Открыть файл"\n', encoding="utf-8")  # spacing aside, one source
    args = (str(path), "--select", "TK401")
    ru = run("ru", *args)
    assert "'Open ' переведено иначе, чем в строке 6: 'Открыть' и 'Открыть файл'" in ru, ru
    zh = run("zh_CN.UTF-8", *args)
    assert "'Open ' 的翻译与第 6 行不同：'Открыть' 与 'Открыть файл'" in zh, zh
    english = run("en", *args, "--format", "json")
    assert "'Open ' translated differently at line 6: 'Открыть' vs 'Открыть файл'" in english
    assert run("ru", *args, "--format", "json") == english


CONTENT = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
           '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
           'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
           '#, python-format\nmsgid "%s of %s"\nmsgstr "%s из %s %s"\n\n'
           'msgid "Room 250"\nmsgstr "Комната"\n\n'
           'msgid "Save file."\nmsgstr "Сохранить файл"\n\n'
           'msgid "Welcome to Nanjing"\nmsgstr "Добро пожаловать в Наньцзин"\n')


@pytest.fixture
def content_catalog(tmp_path: Path) -> Path:
    return _russian_catalog(tmp_path, CONTENT.encode("utf-8"))


def test_content_typography_and_glossary_findings_are_translated(content_catalog: Path,
                                                                 tmp_path: Path) -> None:
    args = (str(content_catalog), "--glossary", "shipped", "--select", "TK1,TK2,TK5")
    english = run("en", *args)
    for text in ("placeholder %s appears 3 time(s), source has 2", "number 250 missing",
                 "source ends with a full stop, the translation does not",
                 "forbidden term 'Наньцзин' for nanjing; use 'Нанкин'"):
        assert text in english, (text, english)
    ru = run("ru", *args)
    for text in ("заполнитель %s встречается 3 раза, а в исходном тексте — 2",  # ngettext form
                 "в переводе нет: число 250",
                 "в конце исходного текста точка, а в конце перевода нет",
                 "запрещённый термин 'Наньцзин' для nanjing; используйте 'Нанкин'"):
        assert text in ru, (text, ru)
    zh = run("zh_CN.UTF-8", *args)
    for text in ("占位符 %s 出现 3 次，原文中为 2 次", "缺少数字 250", "原文以句号结尾，译文没有",
                 "nanjing 的禁用术语 'Наньцзин'；请用 'Нанкин'"):
        assert text in zh, (text, zh)
    for fmt in ("json", "sarif"):
        machine = run("en", *args, "--format", fmt)
        assert "placeholder %s appears 3 time(s), source has 2" in machine
        assert "forbidden term 'Наньцзин' for nanjing" in machine
        assert run("ru", *args, "--format", fmt) == machine
        assert run("zh_CN.UTF-8", *args, "--format", fmt) == machine
    written = set()
    for lang in ("en", "ru", "zh_CN.UTF-8"):
        target = tmp_path / f"baseline-{lang}.json"
        run(lang, *args, "--write-baseline", str(target))
        written.add(target.read_text(encoding="utf-8"))
    assert len(written) == 1 and "number 250 missing" in written.pop()


def test_a_counted_message_takes_the_russian_plural_forms(monkeypatch: pytest.MonkeyPatch,
                                                          ) -> None:
    def times(n: int) -> PluralMessage:
        return PluralMessage("placeholder {placeholder} appears {count} time(s), source has "
                             "{source}", "placeholder {placeholder} appears {count} times, "
                             "source has {source}", n, placeholder="%s", count=n, source=1)

    assert times(5) == "placeholder %s appears 5 time(s), source has 1"  # English: as it was
    again = pickle.loads(pickle.dumps(times(21)))
    assert again == times(21) and again.n == 21 and again.plural == times(21).plural
    monkeypatch.setenv("LANGUAGE", "ru")
    assert [localized(times(n)).split(" встречается ")[1].split(",")[0]  # type: ignore[union-attr]
            for n in (1, 3, 5, 21, 12)] == ["1 раз", "3 раза", "5 раз", "21 раз", "12 раз"]
    monkeypatch.setenv("LANGUAGE", "en")
    assert localized(times(5)) == "placeholder %s appears 5 time(s), source has 1"


def test_counts_take_the_russian_plural_forms(catalog: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    written = CliRunner().invoke(cli, ["check", str(catalog), "--write-baseline", str(baseline)],
                                 env={"LANGUAGE": "ru"})
    assert "в базовый список" in written.stderr and "записано 2 замечания" in written.stderr
    hidden = run("ru", str(catalog), "--baseline", str(baseline))
    assert "2 известных замечания скрыты базовым списком" in hidden, hidden
    assert "2 known finding(s) hidden by the baseline" in run("en", str(catalog), "--baseline",
                                                              str(baseline))
