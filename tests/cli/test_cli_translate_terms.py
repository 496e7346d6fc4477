"""``toolkit translate --glossary`` enforces the glossary's terms (toolkit.terms)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli

SOURCE = "SPbPU signed an agreement with Nanjing City Hall.\n"


def _glossary(tmp_path: Path) -> Path:
    path = tmp_path / "city-hall.csv"
    path.write_text("concept_id,lang,term,term_type,status\n"
                    "nanjing_city_hall,en,Nanjing City Hall,full,preferred\n"
                    "nanjing_city_hall,ru,мэрия Нанкина,full,preferred\n", encoding="utf-8")
    return path


def _translated(tmp_path: Path, source_lang: str, target_lang: str, glossary: Path,
                source: str) -> tuple[str, list[dict]]:
    """*source* translated through the real CLI with only *glossary*: the output and the
    report's mentions."""
    report, out = tmp_path / "r.json", tmp_path / "out.txt"
    result = CliRunner().invoke(cli, ["translate", "--from", source_lang, "--to", target_lang,
                                      "-g", str(glossary), "--no-shipped", "--report",
                                      str(report), "-o", str(out)], input=source)
    assert result.exit_code == 0, result.output
    mentions = json.loads(report.read_text("utf-8"))["documents"][0]["mentions"]
    return out.read_text(encoding="utf-8"), mentions


def test_glossary_option_puts_the_term_in_the_right_case(tmp_path: Path) -> None:
    runner = CliRunner()
    plain = runner.invoke(cli, ["translate", "--from", "en", "--to", "ru", "--no-glossary"],
                          input=SOURCE)
    enforced = runner.invoke(cli, ["translate", "--from", "en", "--to", "ru", "--glossary",
                                   str(_glossary(tmp_path))], input=SOURCE)
    assert plain.exit_code == enforced.exit_code == 0, enforced.output
    assert "мэри" not in plain.stdout
    assert "с мэрией Нанкина" in enforced.stdout  # instrumental after "с"
    # SPbPU is full-form-first in the shipped glossary: its first mention is spelled out
    assert "Санкт-Петербургский политехнический университет Петра Великого" in enforced.stdout


def test_a_term_that_cannot_be_applied_is_reported(tmp_path: Path) -> None:
    # A concept with no Russian term cannot be put into a Russian translation: --json says so.
    path = tmp_path / "no-ru.csv"
    path.write_text("concept_id,lang,term,term_type,status\n"
                    "city_hall,en,Nanjing City Hall,full,preferred\n"
                    "city_hall,zh,南京市政府,full,preferred\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru", "--json",
                                      "--glossary", str(path)], input=SOURCE)
    assert result.exit_code == 0, result.output
    kinds = [w["kind"] for w in json.loads(result.stdout)["warnings"]]
    assert "term-not-applied" in kinds


def test_a_replaced_rendering_leaves_no_word_of_the_name_beside_the_term(
        tmp_path: Path) -> None:
    # The demo model wrote 'Елена Кузнецова приняла участие ...' for 'Prof. Elena Sokolova
    # visited ...'; the attention tied the mention to 'Кузнецова приняла участие' only, so
    # the term replaced that and the model's 'Елена' stayed: 'Елена Елены Соколовой'.
    path = tmp_path / "people.csv"
    path.write_text("concept_id,lang,term\nsokolova,en,Elena Sokolova\n"
                    "sokolova,ru,Елена Соколова\nlebedeva,en,Olga Lebedeva\n"
                    "lebedeva,ru,Ольга Лебедева\n", encoding="utf-8")
    source = ("We spoke with Prof. Olga Lebedeva about the new laboratory.\n\n"
              "Prof. Elena Sokolova visited Harbin in March.\n")
    out, mentions = _translated(tmp_path, "en", "ru", path, source)
    second = out.split("\n\n")[1]
    [mention] = [m for m in mentions if m["concept"] == "sokolova"]
    assert mention["applied"] and mention["target"]["text"] in second, (mention, out)
    assert second.count("Елен") == 1, out


def test_a_span_the_model_lost_is_put_back_beside_a_name_never_inside_it(
        tmp_path: Path) -> None:
    # The demo model drops the URL; the attention put it back between two characters of a
    # name: '谢https://urfu.ru/news/2027尔盖·沃尔科夫' (a transliterated name, no glossary),
    # '俄罗https://...斯科学基金会' (the glossary's term). It goes after the name.
    url = "https://urfu.ru/news/2027"
    glossary = tmp_path / "rsf.csv"
    glossary.write_text("concept_id,lang,term\nrsf,en,Russian Science Foundation\n"
                        "rsf,zh,俄罗斯科学基金会\n", encoding="utf-8")
    runner = CliRunner()
    for options, source, name in (
            (["--no-glossary"], f"According to Sergei Volkov, {url} will help the laboratory.",
             "谢尔盖·沃尔科夫"),
            (["-g", str(glossary), "--no-shipped"],
             f"According to the Russian Science Foundation, {url} will help the laboratory.",
             "俄罗斯科学基金会")):
        result = runner.invoke(cli, ["translate", "--from", "en", "--to", "zh", *options],
                               input=source + "\n")
        assert result.exit_code == 0, result.output
        assert url in result.stdout and name in result.stdout, result.stdout


def test_a_name_the_source_gives_in_brackets_is_put_in_with_its_brackets(
        tmp_path: Path) -> None:
    # The ru->en demo model drops '(УрФУ)'; the acronym was put in bare after the full
    # form: 'Ural Federal University UrFU and Harbin Institute of Technology ...'.
    glossary = tmp_path / "urfu.csv"
    glossary.write_text("concept_id,lang,term,term_type\n"
                        "urfu,en,Ural Federal University,full\nurfu,en,UrFU,acronym\n"
                        "urfu,ru,Уральский федеральный университет,full\n"
                        "urfu,ru,УрФУ,acronym\n"
                        "hit,en,Harbin Institute of Technology,full\n"
                        "hit,ru,Харбинский политехнический университет,full\n",
                        encoding="utf-8")
    source = ("Екатеринбург, 14 апреля 2027 г. Уральский федеральный университет (УрФУ) и "
              "Харбинский политехнический университет подписали соглашение.\n")
    out, mentions = _translated(tmp_path, "ru", "en", glossary, source)
    assert "Ural Federal University (UrFU)" in out, out
    acronym = next(m for m in mentions if m["source"]["text"] == "УрФУ")
    assert acronym["target"]["text"] == "UrFU", acronym


def test_an_empty_term_in_the_glossary_deletes_no_name(tmp_path: Path) -> None:
    # A spreadsheet's blank Russian cell: the empty term was the approved one, so
    # enforcement replaced the model's rendering of 'Foo' with nothing, and the check then
    # asked for '' (GL101, "expected ''"). An empty term is no term: the model's rendering
    # stays and the mention is reported as having no approved Russian term.
    path = tmp_path / "blank.csv"
    path.write_text("concept_id,lang,term\nx,en,Foo\nx,ru,\n", encoding="utf-8")
    source = "Foo signed an agreement with Harbin.\n"
    runner = CliRunner()
    plain = runner.invoke(cli, ["translate", "--from", "en", "--to", "ru", "--no-glossary"],
                          input=source)
    result = runner.invoke(cli, ["translate", "--from", "en", "--to", "ru", "-g", str(path),
                                 "--no-shipped"], input=source)
    assert result.exit_code == plain.exit_code == 0, result.output
    assert result.stdout == plain.stdout, (result.stdout, plain.stdout)
    assert "expected ''" not in result.output
    assert "no approved term in ru" in result.output, result.output


def test_russian_letters_the_model_glued_to_a_do_not_translate_name_are_set_apart(
        tmp_path: Path) -> None:
    # The en->ru demo model wrote letters right onto the token that stood for the user's
    # do-not-translate product: 'Делегация Quantixаблоную ...'. The name comes back whole.
    path = tmp_path / "dnt.csv"
    path.write_text("concept_id,lang,term,dnt\nquantix,en,Quantix,yes\nquantix,ru,Quantix,yes\n",
                    encoding="utf-8")
    page = '<p>The &quot;Quantix&quot; platform &amp; the <a href="/x">partners</a>.</p>\n'
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru", "--format",
                                      "html", "-g", str(path), "--no-shipped"], input=page)
    assert result.exit_code == 0, result.output
    assert re.search(r"(?<![\w])Quantix(?![\w])", result.stdout), result.stdout


def test_adjectives_before_an_acronym_head_take_the_case_the_sentence_needs(
        tmp_path: Path) -> None:
    """A term whose head is an indeclinable acronym (``Российско-Китайское ЭКСПО``) keeps
    the acronym, but its adjectives follow the case: it was left in the nominative after
    ``о`` and ``в`` (``о Российско-Китайское ЭКСПО``)."""
    glossary = tmp_path / "expo.csv"
    glossary.write_text("concept_id,lang,term,term_type,status\n"
                        "expo,en,China-Russia Expo,full,preferred\n"
                        "expo,ru,Российско-Китайское ЭКСПО,full,preferred\n", encoding="utf-8")
    out, mentions = _translated(tmp_path, "en", "ru", glossary,
                                "The rector spoke about the China-Russia Expo.\n"
                                "The meeting took place at the China-Russia Expo in Harbin.\n")
    # each sentence puts the name after a preposition of the prepositional case
    assert "Российско-Китайское ЭКСПО" not in out
    assert out.count("Российско-Китайском ЭКСПО") == 2
    assert [m["applied"] for m in mentions] == [True, True]


def test_a_web_address_without_a_scheme_is_copied_or_reported(tmp_path: Path) -> None:
    """``urfu.example.ru`` (no ``https://``, no ``www.``) was no protected span: the demo
    model dropped it from the translation and nothing said so."""
    source = ("More details are available at urfu.example.ru.\n"
              "The laboratory website hit.edu.cn/lab lists the projects.\n")
    glossary = tmp_path / "empty.csv"
    glossary.write_text("concept_id,lang,term,term_type,status\n", encoding="utf-8")
    for target in ("ru", "zh"):
        report, out = tmp_path / "r.json", tmp_path / "out.txt"
        result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", target,
                                          "-g", str(glossary), "--no-shipped", "--force",
                                          "--report", str(report), "-o", str(out)],
                                    input=source)
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert "urfu.example.ru" in text and "hit.edu.cn/lab" in text
        protected = json.loads(report.read_text("utf-8"))["documents"][0]["protected"]
        assert sorted(p["text"] for p in protected if p["kind"] == "url") == [
            "hit.edu.cn/lab", "urfu.example.ru"]


def test_a_name_the_source_lacks_where_the_term_goes_is_replaced_not_kept(
        tmp_path: Path) -> None:
    """The demo en->zh model writes an organisation it knows (JITRI) for one it does not
    (UrFU): the term was put in beside it, '乌拉尔联邦大学江苏省产业技术研究院代表团', a
    delegation of both. A glossary name the source does not have, right where the term goes,
    is the model's rendering of the mention: it is replaced."""
    glossary = tmp_path / "urfu.csv"
    glossary.write_text("concept_id,lang,term,term_type,status\n"
                        "urfu,en,UrFU,acronym,preferred\n"
                        "urfu,zh,乌拉尔联邦大学,full,preferred\n"
                        "jitri,en,JITRI,acronym,preferred\n"
                        "jitri,zh,江苏省产业技术研究院,full,preferred\n"
                        "harbin,en,Harbin,full,preferred\n"
                        "harbin,zh,哈尔滨,full,preferred\n", encoding="utf-8")
    out, mentions = _translated(tmp_path, "en", "zh", glossary,
                                "The UrFU delegation visited Harbin.\n")
    assert "江苏省产业技术研究院" not in out
    assert "乌拉尔联邦大学代表团" in out
    assert [(m["concept"], m.get("found_by"), m.get("replaced")) for m in mentions] == [
        ("urfu", "stray", "江苏省产业技术研究院"), ("harbin", None, None)]


def test_a_name_qualifying_the_noun_after_it_takes_the_genitive(tmp_path: Path) -> None:
    """'The UrFU team': the name qualifies 'team' (a noun adjunct), which Russian writes with
    the name in the genitive after the noun. The source's sentence-opening-subject rule gave
    the nominative: 'проектам Уральский федеральный университет'."""
    glossary = tmp_path / "urfu.csv"
    glossary.write_text("concept_id,lang,term,term_type,status,full_form_first\n"
                        "urfu,en,Ural Federal University,full,preferred,yes\n"
                        "urfu,en,UrFU,acronym,preferred,\n"
                        "urfu,ru,Уральский федеральный университет,full,preferred,\n"
                        "urfu,ru,УрФУ,acronym,preferred,\n", encoding="utf-8")
    out, mentions = _translated(tmp_path, "en", "ru", glossary,
                                "The UrFU team presented a new robot.\n")
    assert "Уральского федерального университета" in out, out
    assert [m["applied"] for m in mentions] == [True]


def test_an_entity_the_model_invented_is_reported_not_failed(tmp_path: Path) -> None:
    # New-user trial: the demo model wrote a person of its training data ('Сергей Волков')
    # into a sentence about a rector it was told the name of. The glossary knows that person,
    # so the name read as a real mention, and nothing said the source has none.
    path = tmp_path / "own.csv"
    path.write_text("concept_id,lang,term\nvolkov,en,Sergei Volkov\nvolkov,ru,Сергей Волков\n"
                    "ekb,en,Yekaterinburg\nekb,ru,Екатеринбург\n", encoding="utf-8")
    source = ("Sergei Volkov opened the forum.\n\n"
              "Rector Viktor Koksharov welcomed the delegation in Yekaterinburg on Monday.\n")
    report, out = tmp_path / "r.json", tmp_path / "out.txt"
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru", "-g", str(path),
                                      "--no-shipped", "--report", str(report), "-o", str(out),
                                      "--strict"], input=source)
    assert "Сергей Волков" in out.read_text("utf-8").split("\n\n")[1]
    # a warning, which --strict (missing or unapplied terms) does not fail on
    assert result.exit_code == 0, result.output
    [found] = [c for c in json.loads(report.read_text("utf-8"))["documents"][0]["consistency"]
               if c["code"] == "GL111"]
    assert found["concept"] == "volkov" and found["line"] == 3, found
    assert found["severity"] == "warning", found
    # one line on stderr, for the sentence that invented it (the first names him)
    assert re.findall(r"GL111 (line \d+): 'Сергей Волков' \(volkov\) is in the translation, but "
                      r"its source sentence does not name it", result.stderr) == ["line 3"]


PEOPLE = ("concept_id,lang,term,term_type,status,case_sensitive,dnt\n"
          "urfu,en,Ural Federal University,full,preferred,,\n"
          "urfu,en,UrFU,acronym,preferred,,\n"
          "urfu,ru,Уральский федеральный университет,full,preferred,,\n"
          "urfu,ru,УрФУ,acronym,preferred,,\n"
          "urfu,zh,乌拉尔联邦大学,full,preferred,,\n"
          "koksharov,en,Viktor Koksharov,full,preferred,,\n"
          "koksharov,ru,Виктор Кокшаров,full,preferred,,\n"
          "koksharov,zh,维克托·科克沙罗夫,full,preferred,,\n"
          "orlova,en,Maria Orlova,full,preferred,,\n"
          "orlova,ru,Мария Орлова,full,preferred,,\n"
          "orlova,zh,玛丽亚·奥尔洛娃,full,preferred,,\n"
          "liwei,en,Li Wei,full,preferred,,\n"
          "liwei,ru,Ли Вэй,full,preferred,,\n"
          "liwei,zh,李伟,full,preferred,,\n"
          "hit,en,Harbin Institute of Technology,full,preferred,,\n"
          "hit,ru,Харбинский политехнический университет,full,preferred,,\n"
          "hit,zh,哈尔滨工业大学,full,preferred,,\n"
          "tsu,en,Tomsk State University,full,preferred,,\n"
          "tsu,ru,Томский государственный университет,full,preferred,,\n"
          "tsu,zh,托木斯克国立大学,full,preferred,,\n"
          "ekb,en,Yekaterinburg,full,preferred,,\n"
          "ekb,ru,Екатеринбург,full,preferred,,\n"
          "ekb,zh,叶卡捷琳堡,full,preferred,,\n"
          "kazan,en,Kazan,full,preferred,,\n"
          "kazan,ru,Казань,full,preferred,,\n"
          "kazan,zh,喀山,full,preferred,,\n"
          "uralsmart,en,UralSmart,full,preferred,yes,yes\n"
          "uralsmart,ru,UralSmart,full,preferred,yes,yes\n"
          "uralsmart,zh,UralSmart,full,preferred,yes,yes\n"
          "kamatech,en,KamaTech,full,preferred,yes,yes\n"
          "kamatech,ru,KamaTech,full,preferred,yes,yes\n"
          "kamatech,zh,KamaTech,full,preferred,yes,yes\n")
TWO_PROFESSORS = ("Профессор Мария Орлова и профессор Ли Вэй представили результаты проекта "
                  "студентам.\n")


def _people(tmp_path: Path) -> Path:
    """A new user's own glossary: people, universities, cities, brands never translated."""
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


def test_a_replaced_name_leaves_no_part_of_the_models_name_beside_it(tmp_path: Path) -> None:
    # New-user trial, ru->en: the demo model wrote its own 'Dmitry Arseniev' for 'Мария
    # Орлова'; the attention tied the mention to 'Dmitry' alone, so the term replaced that and
    # the model's surname stayed: 'Maria Orlova Arseniev'.
    out, mentions = _translated(tmp_path, "ru", "en", _people(tmp_path), TWO_PROFESSORS)
    [orlova] = [m for m in mentions if m["concept"] == "orlova"]
    assert orlova["applied"] and len(orlova["replaced"].split()) == 2, orlova  # all of it
    # no capitalised word of another name after it (but for the next term, Li Wei)
    after = out[out.index("Maria Orlova") + len("Maria Orlova"):].replace("Li Wei", "")
    assert not after.split()[0][:1].isupper(), out


def test_a_replaced_chinese_name_leaves_no_part_of_the_models_city(tmp_path: Path) -> None:
    # New-user trial, en->zh: the model wrote '莫斯科国立大学' (Moscow State University) for
    # Tomsk State University; the closest window to the term was '斯科国立大学', whose
    # transliterated city the replacement cut: '莫斯科托木斯克国立大学'.
    source = ("The first batch of UralSmart sensors was delivered to Kazan in April.\n\n"
              "The first batch of KamaTech robots arrived in Yekaterinburg.\n\n"
              "UralSmart delivered the first batch of devices to Ural Federal University.\n\n"
              "The second phase of the KamaTech project started in Kazan.\n\n"
              "Students of Tomsk State University tested the first UralSmart prototypes.\n")
    out, mentions = _translated(tmp_path, "en", "zh", _people(tmp_path), source)
    last = out.split("\n\n")[-1]
    [tsu] = [m for m in mentions if m["concept"] == "tsu"]
    assert tsu["applied"] and tsu["replaced"] == "莫斯科国立大学", tsu
    assert last.startswith("托木斯克国立大学"), out


def test_two_names_the_source_joins_are_joined_in_the_translation(tmp_path: Path) -> None:
    # New-user trial, ru->en: 'Мария Орлова и профессор Ли Вэй'; the model wrote neither
    # name, both terms went where its own words stood, side by side: 'Maria Orlova Li Wei'.
    out, mentions = _translated(tmp_path, "ru", "en", _people(tmp_path), TWO_PROFESSORS)
    assert "Maria Orlova and Li Wei" in out, out
    # the report's target is the term, not the conjunction put in with it
    assert {m["concept"]: m["target"]["text"] for m in mentions} == {
        "orlova": "Maria Orlova", "liwei": "Li Wei"}, mentions


_HAN_WORD = re.compile("[\u4e00-\u9fff]")
_FUNCTION_WORDS = "的与和在于是由将为了向从对及并等该这那也都已被把"


def _inside_a_word(line: str, term: str) -> bool:
    """Whether *term* stands in *line* between two Han characters neither of which is a
    function word (的, 和, 将 ...): inside a Chinese word."""
    at = line.find(term)
    before, after = line[at - 1:at], line[at + len(term):at + len(term) + 1]
    return at > 0 and all(_HAN_WORD.match(c) and c not in _FUNCTION_WORDS
                          for c in (before, after))


def test_a_name_put_into_chinese_never_splits_a_word(tmp_path: Path) -> None:
    # New-user trial, en->zh: a brand the model did not copy was put back at its aligned
    # place, between two characters of one word ('初UralSmart创企业', 初创 'start-up'), and a
    # name replaced the one character of a word the attention tied to it
    # ('首玛丽亚·奥尔洛娃项目', 首批 'first batch').
    source = ("The first batch of UralSmart sensors arrived.\n\n"
              "The university bought the first KamaTech robots.\n\n"
              "The first UralSmart batch was delivered on time.\n")
    out, _mentions = _translated(tmp_path, "en", "zh", _people(tmp_path), source)
    assert out.count("UralSmart") == 2 and not any(
        _inside_a_word(line, "UralSmart") for line in out.split("\n\n")), out
    (tmp_path / "two").mkdir()
    out, mentions = _translated(tmp_path / "two", "en", "zh", _people(tmp_path),
                                "Professor Maria Orlova and Professor Li Wei presented the "
                                "results of the project to students.\n")
    assert all(m["applied"] for m in mentions), mentions
    assert not _inside_a_word(out, "玛丽亚·奥尔洛娃") and not _inside_a_word(out, "李伟"), out


def test_a_replaced_name_leaves_no_head_noun_of_the_models_name(tmp_path: Path) -> None:
    # New-user trial, en->ru: the model wrote 'Томский политехнический университет' for
    # Tomsk State University; the attention stopped at 'Томский', the term replaced that and
    # the model's 'политехнический университет' stayed after it.
    source = ("Ural Federal University and Tomsk State University will open a joint "
              "laboratory for smart grids.\n")
    out, mentions = _translated(tmp_path, "en", "ru", _people(tmp_path), source)
    assert all(m["applied"] for m in mentions), mentions
    # one 'университет' per university, the terms' own
    assert len(re.findall(r"университет", out)) == 2, out


UNIVERSITIES = ("concept_id,lang,term\n"
                "kfu,en,Kazan Federal University\n"
                "kfu,ru,Казанский федеральный университет\n"
                "kfu,zh,喀山联邦大学\n"
                "sfu,en,Southern Federal University\n"
                "sfu,ru,Южный федеральный университет\n"
                "sfu,zh,南方联邦大学\n"
                "nsu,en,Nanjing Normal University\n"
                "nsu,ru,Нанкинский педагогический университет\n"
                "nsu,zh,南京师范大学\n"
                "hzu,en,Hangzhou Institute of Technology\n"
                "hzu,ru,Ханчжоуский технологический институт\n"
                "hzu,zh,杭州理工学院\n"
                "szl,en,Suzhou Innovation Laboratory\n"
                "szl,ru,Сучжоуская инновационная лаборатория\n"
                "szl,zh,苏州创新实验室\n")


def test_a_replaced_chinese_name_leaves_no_city_of_the_models_name(tmp_path: Path) -> None:
    # New-user trial, en->zh: the model wrote '乌拉尔联邦大学' (Ural Federal University) for
    # Southern Federal University; the closest window to the term '南方联邦大学' was
    # '联邦大学', and the model's city stayed before the term: '乌拉尔南方联邦大学'.
    path = tmp_path / "universities.csv"
    path.write_text(UNIVERSITIES, encoding="utf-8")
    source = ("Southern Federal University signed an agreement with the Alliance.\n\n"
              "The delegation of Kazan Federal University visited Nanjing.\n\n"
              "Kazan Federal University and Southern Federal University launched a joint "
              "program.\n")
    out, mentions = _translated(tmp_path, "en", "zh", path, source)
    for m in mentions:
        assert m["applied"], m
        if m["concept"] == "sfu" and m.get("replaced"):
            assert m["replaced"].endswith("联邦大学") and len(m["replaced"]) > 4, m
    lines = [line for line in out.split("\n\n") if "南方联邦大学" in line]
    assert len(lines) == 2, out
    for line in lines:
        at = line.find("南方联邦大学")
        assert at == 0 or line[at - 1] in "和与", out  # no part of another name before it


def test_a_chinese_fuzzy_window_does_not_leave_a_character_of_the_models_word(
        tmp_path: Path) -> None:
    # New-user trial, en->zh ('喀乌拉尔联邦大学'): the model wrote '喀山联邦大学' for a
    # university whose approved name differs in its first word; the fuzzy window, as long as
    # the term allows (five characters of seven), was '山联邦大学', and the '喀' of 喀山
    # stayed before the term.
    path = tmp_path / "kfu.csv"
    path.write_text("concept_id,lang,term\nkfu,en,Kazan Federal University\n"
                    "kfu,zh,伏尔加联邦大学\n", encoding="utf-8")
    source = ("The delegation of Kazan Federal University visited Nanjing.\n\n"
              "Kazan Federal University signed an agreement with the Alliance.\n")
    out, mentions = _translated(tmp_path, "en", "zh", path, source)
    assert [m["replaced"] for m in mentions] == ["喀山联邦大学", "喀山联邦大学"], mentions
    assert [line[:7] for line in out.split("\n\n")] == ["伏尔加联邦大学"] * 2, out


def test_a_name_the_model_repeated_is_reported(tmp_path: Path) -> None:
    # Found on bench/terms.py's held-out sentences: the demo en->ru model loops on this one
    # ('... в ФРИИ открыл в ФРИИ'), the name written twice for one in the source, and nothing
    # said so (GL111 looks only at names the source lacks).
    report = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["translate", "--from", "en", "--to", "ru", "--report",
                                      str(report), "--strict"],
                                input="A new laboratory was opened with the support of IIDF.\n")
    assert result.exit_code == 0, result.output  # a warning: --strict does not fail on it
    assert result.stdout.count("ФРИИ") == 1 and "Фонд развития интернет-инициатив" in result.stdout
    [found] = [c for c in json.loads(report.read_text("utf-8"))["documents"][0]["consistency"]
               if c["code"] == "GL112"]
    assert (found["concept"], found["line"], found["severity"]) == ("iidf", 1, "warning")
    assert "'ФРИИ' (iidf) is named more often in the translation (2) than in its source " \
           "sentence (1)" in result.stderr
