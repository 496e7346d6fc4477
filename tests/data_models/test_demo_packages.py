"""The shipped demo translation packages, exercised through the real runtime path.

Path under test: sentencepiece pieces -> ctranslate2.Translator.translate_batch -> sp.decode, the
interface documented in tools/build_demo_models.py that toolkit/mt/engine.py relies on. No toolkit
code is involved, so a broken package fails here rather than deep inside the pipeline.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

ctranslate2 = pytest.importorskip("ctranslate2")
spm = pytest.importorskip("sentencepiece")

MODELS_DIR = Path(__file__).resolve().parents[2] / "toolkit" / "data" / "models"
DIRECTIONS = [("en", "ru"), ("ru", "en"), ("en", "zh"), ("zh", "en")]
MAX_BYTES = 3_500_000

SCRIPT = {
    "ru": re.compile(r"[\u0400-\u04FF]"),
    "zh": re.compile(r"[\u4E00-\u9FFF]"),
    "en": re.compile(r"[A-Za-z]"),
}
# A sentence of the bundled example, per source language.
EXAMPLE = {
    "en": "The SPbPU delegation was headed by Rector Andrei Rudskoy.",
    "ru": "Делегацию СПбПУ возглавил ректор Андрей Рудской.",
    "zh": "圣彼得堡理工大学代表团由校长安德烈·鲁德斯科伊率领。",
}
TOKEN_SENTENCE = {
    "en": "More information is available at ｟3｠.",
    "ru": "Подробная информация доступна по адресу ｟3｠.",
    "zh": "更多信息请访问｟3｠。",
}
URL = "https://english.spbstu.ru/news"
URL_SENTENCE = {
    "en": f"More information is available at {URL}.",
    "ru": f"Подробная информация доступна по адресу {URL}.",
    "zh": f"更多信息请访问{URL}。",
}
IDENT = "max_batch_size"
IDENT_SENTENCE = {
    "en": f"Set {IDENT} in the configuration file.",
    "ru": f"Укажите {IDENT} в файле конфигурации.",
    "zh": f"请在配置文件中设置{IDENT}。",
}


def pkg_dir(src: str, tgt: str) -> Path:
    return MODELS_DIR / f"translate-{src}_{tgt}-demo"


@cache
def load(src: str, tgt: str):
    pkg = pkg_dir(src, tgt)
    sp = spm.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    tr = ctranslate2.Translator(str(pkg / "model"), device="cpu", intra_threads=1)
    return sp, tr


def translate(src: str, tgt: str, text: str) -> str:
    sp, tr = load(src, tgt)
    res = tr.translate_batch([sp.encode(text, out_type=str)], beam_size=2, max_decoding_length=256)
    return sp.decode(res[0].hypotheses[0])


def script_share(text: str, lang: str) -> float:
    """Share of the letters of ``text`` written in ``lang``'s script."""
    letters = [c for c in text if c.isalpha()]
    return sum(bool(SCRIPT[lang].match(c)) for c in letters) / max(len(letters), 1)


params = pytest.mark.parametrize(
    ("src", "tgt"), DIRECTIONS, ids=[f"{s}-{t}" for s, t in DIRECTIONS]
)


def test_exactly_the_four_demo_packages_ship():
    found = sorted(p.name for p in MODELS_DIR.glob("translate-*-demo") if p.is_dir())
    assert found == sorted(pkg_dir(s, t).name for s, t in DIRECTIONS)


@params
def test_metadata_is_argos_style_and_marked_demo(src, tgt):
    meta = json.loads((pkg_dir(src, tgt) / "metadata.json").read_text(encoding="utf-8"))
    assert meta["package_type"] == "translate"
    assert meta["demo"] is True
    assert (meta["from_code"], meta["to_code"]) == (src, tgt)
    assert meta["from_name"] and meta["to_name"] and meta["package_version"]
    assert "demo" in meta["description"].lower() and "synthetic" in meta["description"]


@params
def test_package_layout_and_size(src, tgt):
    pkg = pkg_dir(src, tgt)
    for rel in ("model/model.bin", "model/config.json", "sentencepiece.model", "README"):
        assert (pkg / rel).is_file(), rel
    assert not (pkg / "stanza").exists()
    size = sum(f.stat().st_size for f in pkg.rglob("*") if f.is_file())
    assert size < MAX_BYTES, f"{pkg.name} is {size} bytes"


@params
def test_model_vocabulary_is_the_sentencepiece_pieces(src, tgt):
    pkg = pkg_dir(src, tgt)
    sp, _ = load(src, tgt)
    vocab = json.loads((pkg / "model" / "shared_vocabulary.json").read_text(encoding="utf-8"))
    assert vocab == [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    config = json.loads((pkg / "model" / "config.json").read_text(encoding="utf-8"))
    assert config["add_source_eos"] is True  # callers pass pieces without </s>
    assert config["eos_token"] == "</s>"
    for i in range(10):
        assert f"｟{i}｠" in vocab


@params
def test_translates_an_example_sentence_into_the_target_script(src, tgt):
    out = translate(src, tgt, EXAMPLE[src])
    assert out.strip()
    assert script_share(out, tgt) > 0.9, out
    assert out != EXAMPLE[src]


@params
def test_copies_a_protection_token(src, tgt):
    out = translate(src, tgt, TOKEN_SENTENCE[src])
    assert out.count("｟3｠") == 1, out
    assert script_share(out, tgt) > 0.9, out


@params
def test_keeps_url_verbatim(src, tgt):
    out = translate(src, tgt, URL_SENTENCE[src])
    assert URL in out, out


@params
def test_keeps_underscore_identifier_verbatim(src, tgt):
    out = translate(src, tgt, IDENT_SENTENCE[src])
    assert IDENT in out, out


@params
def test_sentencepiece_round_trip_keeps_underscores_and_tokens(src, tgt):
    sp, _ = load(src, tgt)
    text = f"{IDENT} ｟0｠ {URL} «Ингрия» 江苏，（JITRI）"
    pieces = sp.encode(text, out_type=str)
    assert "｟0｠" in pieces
    assert sp.decode(pieces) == text
