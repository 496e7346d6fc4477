"""Tiny, rule-based Russian declension for the demo corpus's closed set of noun phrases.

Why not pymorphy3: the corpus uses a few dozen hand-picked phrases whose endings are regular,
and explicit rules keep the generator deterministic and independent of dictionary versions.
Words to inflect are marked: ``*a`` an agreeing adjective, ``*`` a noun
(``"Нанкинский*a университет*"``); unmarked words
(genitive tails, indeclinable names) stay as they are. ``*s`` marks a surname in -ов/-ев/-ин
(instrumental -ым). Every phrase used by the corpus is printed by ``make_demo_corpus.py
--show-cases`` for a human check.
"""

from __future__ import annotations

CASES = ("nom", "gen", "dat", "acc", "ins", "prep")
_HUSH = set("жшчщц")
_VELAR = set("кгх")


def _adj(word: str, gender: str, animate: bool) -> dict[str, str]:
    if gender == "f":
        base = word[:-2]
        soft = word.endswith("яя")
        e = "ей" if soft else "ой"
        return dict(
            nom=word,
            gen=base + e,
            dat=base + e,
            acc=base + ("юю" if soft else "ую"),
            ins=base + e,
            prep=base + e,
        )
    base = word[:-2]
    soft = word.endswith(("ний", "нее"))
    velar = base[-1:] in _VELAR
    if soft:
        g, d, i, p = "его", "ему", "им", "ем"
    else:
        g, d, i, p = "ого", "ому", ("им" if velar else "ым"), "ом"
    acc = base + g if (animate and gender == "m") else word
    return dict(nom=word, gen=base + g, dat=base + d, acc=acc, ins=base + i, prep=base + p)


def _noun(word: str, gender: str, animate: bool, surname: bool) -> dict[str, str]:
    if surname and gender == "m":
        return dict(
            nom=word,
            gen=word + "а",
            dat=word + "у",
            acc=word + "а",
            ins=word + "ым",
            prep=word + "е",
        )
    if surname and gender == "f":  # Иванова
        base = word[:-1]
        return dict(
            nom=word,
            gen=base + "ой",
            dat=base + "ой",
            acc=base + "у",
            ins=base + "ой",
            prep=base + "ой",
        )
    last = word[-1]
    if gender == "f":
        if word.endswith("ия"):
            b = word[:-2]
            return dict(
                nom=word, gen=b + "ии", dat=b + "ии", acc=b + "ию", ins=b + "ией", prep=b + "ии"
            )
        if last == "я":
            b = word[:-1]
            return dict(nom=word, gen=b + "и", dat=b + "е", acc=b + "ю", ins=b + "ей", prep=b + "е")
        if last == "а":
            b = word[:-1]
            gen = b + ("и" if b[-1] in _VELAR | _HUSH - {"ц"} else "ы")
            ins = b + ("ей" if b[-1] in _HUSH else "ой")
            return dict(nom=word, gen=gen, dat=b + "е", acc=b + "у", ins=ins, prep=b + "е")
        if last == "ь":
            b = word[:-1]
            return dict(nom=word, gen=b + "и", dat=b + "и", acc=word, ins=b + "ью", prep=b + "и")
        raise ValueError(f"no rule for feminine noun {word!r}")
    if gender == "n":
        if word.endswith("ие"):
            b = word[:-2]
            return dict(
                nom=word, gen=b + "ия", dat=b + "ию", acc=word, ins=b + "ием", prep=b + "ии"
            )
        if last == "о":
            b = word[:-1]
            return dict(nom=word, gen=b + "а", dat=b + "у", acc=word, ins=b + "ом", prep=b + "е")
        raise ValueError(f"no rule for neuter noun {word!r}")
    # masculine
    if word.endswith("ий"):
        b = word[:-2]
        forms = dict(gen=b + "ия", dat=b + "ию", ins=b + "ием", prep=b + "ии")
    elif last == "й":
        b = word[:-1]
        forms = dict(gen=b + "я", dat=b + "ю", ins=b + "ем", prep=b + "е")
    elif last == "ь":
        b = word[:-1]
        forms = dict(gen=b + "я", dat=b + "ю", ins=b + "ем", prep=b + "е")
    else:
        forms = dict(
            gen=word + "а",
            dat=word + "у",
            ins=word + ("ем" if last in "жшчщц" else "ом"),
            prep=word + "е",
        )
    forms["nom"] = word
    forms["acc"] = forms["gen"] if animate else word
    return forms


def decline(phrase: str, gender: str = "m", animate: bool = False) -> dict[str, str]:
    """All six case forms of ``phrase`` (marked words agree in ``gender``)."""
    out: dict[str, list[str]] = {c: [] for c in CASES}
    for token in phrase.split(" "):
        if token.endswith("*s"):
            forms = _noun(token[:-2], gender, animate, surname=True)
        elif token.endswith("*a"):
            forms = _adj(token[:-2], gender, animate)
        elif token.endswith("*"):
            forms = _noun(token[:-1], gender, animate, surname=False)
        else:
            forms = {c: token for c in CASES}
        for c in CASES:
            out[c].append(forms[c])
    return {c: " ".join(words) for c, words in out.items()}


def fixed(text: str) -> dict[str, str]:
    """An indeclinable phrase (acronyms, Chinese toponyms such as Сучжоу)."""
    return {c: text for c in CASES}


def count_form(n: int, one: str, few: str, many: str) -> str:
    """Russian noun form after the numeral ``n`` in the nominative (1 файл, 2 файла, 5 файлов)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def gen_count_form(n: int, gen_sg: str, gen_pl: str) -> str:
    """Noun form after a numeral in a genitive context (из 21 страны, из 40 стран)."""
    return gen_sg if (n % 10 == 1 and n % 100 != 11) else gen_pl
