"""bench/terms.py's zh-ru-faithful pair: each Chinese held-out sentence has its faithful English."""

from __future__ import annotations

import json
from types import ModuleType

from toolkit.glossary import load_glossary, shipped_glossary_paths
from toolkit.glossary.match import matcher_for
from toolkit.pipeline import protected_spans
from toolkit.text.protect import mask


def test_every_chinese_sentence_has_a_middle_naming_the_same_concepts(
        bench_terms: ModuleType) -> None:
    bench = bench_terms
    glossary = load_glossary(shipped_glossary_paths())
    rows = [json.loads(line) for line in bench.HELDOUT.read_text(encoding="utf-8").splitlines()]
    middles = bench.faithful_middles(rows, glossary)
    zh, en = matcher_for(glossary, "zh"), matcher_for(glossary, "en")
    chinese = [r for r in rows if r["lang"] == "zh"]
    assert chinese
    for row in chinese:
        source = mask(row["text"], protected_spans(row["text"])).text
        middle = middles[source]  # the generator makes the stored sentence again
        assert sorted(m.concept_id for m in en.find(middle)) == sorted(
            m.concept_id for m in zh.find(row["text"])), (row["text"], middle)
        assert middle.count("｟0｠") == source.count("｟0｠"), (source, middle)
