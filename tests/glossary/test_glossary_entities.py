"""Entity-name checks: case, script, near misses, wrong Russian forms; each with its clean
counterpart (the false-finding check), in en, ru and zh."""

from __future__ import annotations

import pytest

from toolkit.glossary import Glossary
from toolkit.glossary.consistency import check_monolingual, check_translation


def _found(gl: Glossary, text: str, lang: str) -> list[tuple[str, str, str | None]]:
    return [(f.kind, f.span.text, f.suggestion) for f in check_monolingual(gl, text, lang)]


CASES = [
    # (lang, wrong text, kind, wrong span, suggestion, clean text)
    ("en", "The deal with Globaltech IP was signed.", "wrong-case", "Globaltech IP",
     "GlobalTech IP", "The deal with GlobalTech IP was signed."),
    ("en", "Rector Andrei RUDSKOY spoke.", "wrong-case", "Andrei RUDSKOY", "Andrei Rudskoy",
     "Rector Andrei Rudskoy spoke."),
    ("ru", "Соглашение подписала компания Globaltech IP.", "wrong-case", "Globaltech IP",
     "GlobalTech IP", "Соглашение подписала компания GlobalTech IP."),
    ("zh", "协议由Globaltech IP签署。", "wrong-case", "Globaltech IP", "GlobalTech IP",
     "协议由GlobalTech IP签署。"),
    ("en", "The Russian-Chinese Innovation Alliance (РКИА) met.", "wrong-script", "РКИА",
     "RCIA", "The Russian-Chinese Innovation Alliance (RCIA) met."),
    ("ru", "Подписал Российско-китайский инновационный альянс (RCIA).", "wrong-script", "RCIA",
     "РКИА", "Подписал Российско-китайский инновационный альянс (РКИА)."),
    ("zh", "江蘇省产业技术研究院发布了报告。", "wrong-script", "江蘇省产业技术研究院",
     "江苏省产业技术研究院", "江苏省产业技术研究院发布了报告。"),
    ("en", "Experts of the Jiangsu Institute of Industrial Technology came.", "near-miss",
     "Jiangsu Institute of Industrial Technology",
     "Jiangsu Industrial Technology Research Institute",
     "Experts of the Jiangsu Industrial Technology Research Institute came."),
    ("en", "Grants from the Internet Initiatives Development Foundation help.", "near-miss",
     "Internet Initiatives Development Foundation", "Internet Initiatives Development Fund",
     "Grants from the Internet Initiatives Development Fund help."),
    ("en", "Rector Andrei Rudskoi opened the forum.", "near-miss", "Andrei Rudskoi",
     "Andrei Rudskoy", "Rector Andrei Rudskoy opened the forum."),
    ("ru", "Выступление Андрея Рудскова было коротким.", "near-miss", "Андрея Рудскова",
     "Андрея Рудского", "Выступление Андрея Рудского было коротким."),
    ("ru", "Делегация Института промышленной технологии Цзянсу прибыла.", "near-miss",
     "Института промышленной технологии Цзянсу",
     "Института промышленных технологий провинции Цзянсу",
     "Делегация Института промышленных технологий провинции Цзянсу прибыла."),
    ("zh", "安德烈·鲁德斯科夫校长出席。", "near-miss", "安德烈·鲁德斯科夫", "安德烈·鲁德斯科伊",
     "安德烈·鲁德斯科伊校长出席。"),
    ("ru", "Делегация из Наньцзина прибыла.", "forbidden-term", "Наньцзина", "Нанкина",
     "Делегация из Нанкина прибыла."),
]


@pytest.mark.parametrize(("lang", "wrong", "kind", "span", "fix", "clean"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES])
def test_defect_found_and_clean_counterpart_quiet(shipped: Glossary, lang: str, wrong: str,
                                                  kind: str, span: str, fix: str,
                                                  clean: str) -> None:
    assert (kind, span, fix) in _found(shipped, wrong, lang)
    assert _found(shipped, clean, lang) == []


def test_traditional_document_may_use_traditional(shipped: Glossary) -> None:
    assert check_monolingual(shipped, "江蘇省產業技術研究院發布了報告。", "zh-Hant") == []


def test_declined_foreign_name_is_not_a_wrong_form(shipped: Glossary) -> None:
    assert _found(shipped, "Встреча с Ван Лэем и Ван Лэя прошла.", "ru") == []


def test_common_words_close_to_names_are_not_near_misses(shipped: Glossary) -> None:
    text = ("Russia and China met. Russians visited Nanjing. The Polytechnical tradition and "
            "the Innovative approach. Andrew spoke with Dmitri about technology.")
    assert _found(shipped, text, "en") == []
    ru = "Россия и Китай. Андреев и Андреевы приехали в Нанкин. Русские инновации."
    assert _found(shipped, ru, "ru") == []


def test_translation_reports_target_defects(shipped: Glossary) -> None:
    source = "Globaltech IP works with RCIA."
    findings = check_translation(shipped, "GlobalTech IP works with RCIA.", "en",
                                 "Globaltech IP работает с RCIA.", "ru")
    kinds = {(f.kind, f.span.text) for f in findings}
    assert ("wrong-script", "RCIA") in kinds and ("dnt-changed", "GlobalTech IP") in kinds
    assert source  # the source as a reader would write it


def test_bench_releases_are_clean() -> None:
    """The benchmark's own releases (bench/data/entities) have no finding: the false-finding
    side of bench/entities.py, kept in the suite."""
    from pathlib import Path

    from toolkit.glossary import load_glossary

    data = Path(__file__).resolve().parents[2] / "bench" / "data" / "entities"
    gl = load_glossary([data / "glossary.csv"])
    for path in sorted(data.glob("r*.*.md")):
        lang = path.name.split(".")[1]
        text = path.read_text(encoding="utf-8")
        assert check_monolingual(gl, text, lang) == [], path.name
