"""Train the tiny demo translation models shipped in toolkit/data/models/ (en<->ru, en<->zh).

Why: the toolkit must translate offline out of the box, and real Argos models are 100+ MB. These
demo models are deliberately tiny (2.4-2.6 M parameters, int8, ~2.7 MB per package), trained only
on the synthetic press-release corpus of tools/make_demo_corpus.py, so they translate the bundled
example and sentences like it, copy protection tokens ``｟0｠``..``｟9｠`` and keep URLs, e-mails
and snake_case identifiers verbatim. They are NOT general-purpose translators.

Pipeline per direction (en->ru, ru->en, en->zh, zh->en):
  1. SentencePiece unigram model on both sides of the pair (shared vocabulary: 1200 pieces for
     en-ru, 2000 for en-zh: the templated corpus has few distinct words; identity normalization
     so Chinese full-width punctuation survives, byte_fallback so unseen characters survive,
     split_digits, the 10 protection tokens as user_defined_symbols).
  2. A MarianMTModel (transformers) built from scratch: d_model 192, 4 heads, 2 encoder and 2
     decoder layers, FFN 768, shared and tied embeddings, sinusoidal positions. Source = pieces +
     ``</s>``; the decoder starts from the pad token, whose embedding row is kept at zero (this is
     what CTranslate2's ``start_from_zero_embedding`` assumes).
  3. Conversion with ``ctranslate2.converters.TransformersConverter`` (int8); the vocabulary is
     the SentencePiece pieces (the converter drops the trailing ``<pad>``), and
     ``add_source_eos`` is set in model/config.json so callers pass pieces without ``</s>``.
  4. An Argos-format package directory: metadata.json, README, sentencepiece.model, model/.
  5. End-to-end verification through ctranslate2 + sentencepiece only (no torch).

Build requirements (NOT toolkit dependencies; CI never runs this script):
    pip install torch==2.13.0            # CPU build; never an unpinned torch (pulls CUDA)
    pip install transformers --no-deps && pip install tokenizers safetensors huggingface-hub \
        regex tqdm pyyaml
    plus the toolkit's own ctranslate2 and sentencepiece.

Run (seeded; 1400 steps per model, one thread each, two directions side by side on the
shared 2-core build machine: ~20 minutes of training per model, ~45 minutes for all four
including conversion and verification; expect ~8 minutes per model on an idle machine):
    python tools/make_demo_corpus.py          # if the corpus changed
    python tools/build_demo_models.py         # all four directions
    python tools/build_demo_models.py en-ru   # one direction
    python tools/build_demo_models.py --verify-only
    python tools/build_demo_models.py --no-tokens en-ru   # the token-free TEST package

The token-free variant (``--no-tokens``) is test data, not shipped in the wheel: the same corpus,
hyper-parameters and seed, but every pair containing a protection token is dropped and the
SentencePiece model has no ``｟N｠`` symbols, so the model has never seen them -- it stands for a
full Argos model in tests and in bench/terms.py. It is written to
tests/data/models/translate-<src>_<tgt>-notokens. Timing: ``training.train_seconds`` in its
metadata.json once built. First attempt (2026-12-02, one thread, nice 19, load average 11-12 on
the shared 2-core machine): epoch 1 (99 of 1400 steps) after 1528 s wall, 175 s CPU, so the
build did not fit that session; build it on a quiet machine (~20-40 min, like a demo model).

Runtime interface (what toolkit/mt/engine.py must do):
    sp = sentencepiece.SentencePieceProcessor(model_file=pkg / "sentencepiece.model")
    tr = ctranslate2.Translator(str(pkg / "model"))
    pieces = sp.encode(text, out_type=str)            # no </s>: add_source_eos is in config.json
    out = tr.translate_batch([pieces], beam_size=2, max_decoding_length=256)
    text = sp.decode(out[0].hypotheses[0])           # keeps "_" and the ｟N｠ tokens
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_demo_corpus as corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "toolkit" / "data" / "models"
NO_TOKEN_MODELS_DIR = ROOT / "tests" / "data" / "models"  # test data, not in the wheel
CORPUS_DIR = ROOT / "tools" / "demo_corpus"
DIRECTIONS = [("en", "ru"), ("ru", "en"), ("en", "zh"), ("zh", "en")]
LANG_NAMES = {"en": "English", "ru": "Russian", "zh": "Chinese"}
PROTECTION_TOKENS = [f"｟{i}｠" for i in range(10)]
PACKAGE_VERSION = "0.1"
# Shared vocabulary per pair, keyed by the non-English language: the en-zh corpus needs ~700
# pieces for Chinese characters alone, and with 1200 pieces Latin identifiers were spelled letter
# by letter and copied badly.
VOCAB_SIZE = {"ru": 1200, "zh": 2000}
MAX_POSITIONS = 256  # sinusoidal table size; CTranslate2 cannot read or write beyond it


@dataclass(frozen=True)
class HParams:
    """Model and training hyper-parameters (shared by all four directions)."""

    vocab_size: int = 1200  # an upper bound (hard_vocab_limit=False); see VOCAB_SIZE
    d_model: int = 192
    heads: int = 4
    enc_layers: int = 2
    dec_layers: int = 2
    ffn: int = 768
    dropout: float = 0.05
    label_smoothing: float = 0.05
    lr: float = 2e-3
    warmup: int = 300
    batch_tokens: int = 2400
    max_len: int = 96
    example_oversample: int = 16  # single sentences of the example; whole paragraphs get 1/4
    steps: int = 1400
    threads: int = 1  # two directions train side by side on the 2-core machine
    seed: int = 1234
    tokens: bool = True  # False: no protection tokens in corpus or vocabulary (test package)


def package_dir(src: str, tgt: str, tokens: bool = True) -> Path:
    if not tokens:
        return NO_TOKEN_MODELS_DIR / f"translate-{src}_{tgt}-notokens"
    return MODELS_DIR / f"translate-{src}_{tgt}-demo"


def has_token(pair: tuple[str, str]) -> bool:
    return any(t in pair[0] or t in pair[1] for t in PROTECTION_TOKENS)


# --- data -----


def read_pairs(src: str, tgt: str) -> list[tuple[str, str]]:
    """(source, target) pairs of the committed corpus for one direction."""
    other = tgt if src == "en" else src
    pairs = []
    for line in (CORPUS_DIR / f"en-{other}.tsv").read_text(encoding="utf-8").splitlines():
        en, xx = line.split("\t")
        pairs.append((en, xx) if src == "en" else (xx, en))
    return pairs


def example_set(src: str, tgt: str) -> list[tuple[str, str]]:
    """The bundled example's pairs (and token variants), oversampled during training."""
    other = tgt if src == "en" else src
    ex = corpus.example_pairs(other)
    ex = ex + corpus.example_variants(ex)
    return ex if src == "en" else [(x, e) for e, x in ex]


def train_sentencepiece(pairs: list[tuple[str, str]], hp: HParams, out: Path) -> None:
    import sentencepiece as spm

    sentences = [s for pair in pairs for s in pair]
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=buf,
        model_type="unigram",
        vocab_size=hp.vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        normalization_rule_name="identity",
        byte_fallback=True,
        split_digits=True,
        user_defined_symbols=PROTECTION_TOKENS if hp.tokens else [],
        unk_id=0,
        bos_id=-1,
        eos_id=1,
        pad_id=-1,
        input_sentence_size=0,
        num_threads=1,  # deterministic
        minloglevel=2,
    )
    out.write_bytes(buf.getvalue())


# --- model -----


def build_model(vocab: int, hp: HParams):
    from transformers import MarianConfig, MarianMTModel

    pad = vocab  # "<pad>" is appended after the SentencePiece pieces
    config = MarianConfig(
        vocab_size=vocab + 1,
        d_model=hp.d_model,
        encoder_layers=hp.enc_layers,
        decoder_layers=hp.dec_layers,
        encoder_attention_heads=hp.heads,
        decoder_attention_heads=hp.heads,
        encoder_ffn_dim=hp.ffn,
        decoder_ffn_dim=hp.ffn,
        max_position_embeddings=MAX_POSITIONS,
        activation_function="relu",
        dropout=hp.dropout,
        attention_dropout=0.0,
        activation_dropout=0.0,
        scale_embedding=True,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=1,
        forced_eos_token_id=1,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
    )
    model = MarianMTModel(config)
    zero_pad_row(model, pad)
    return model


def zero_pad_row(model, pad: int) -> None:
    """Keep the pad (= decoder start) embedding at zero, as CTranslate2 assumes for Marian."""
    import torch

    with torch.no_grad():
        model.get_input_embeddings().weight[pad].zero_()


def batches(examples: list[tuple[list[int], list[int]]], hp: HParams, rng: random.Random):
    """Token-budget batches of similar length, shuffled."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    out, cur, cur_max = [], [], 0
    for i in order:
        n = max(len(examples[i][0]), len(examples[i][1]))
        if cur and max(cur_max, n) * (len(cur) + 1) > hp.batch_tokens:
            out.append(cur)
            cur, cur_max = [], 0
        cur.append(i)
        cur_max = max(cur_max, n)
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def collate(examples, idx: list[int], pad: int):
    import torch

    src = [examples[i][0] for i in idx]
    tgt = [examples[i][1] for i in idx]
    ls, lt = max(map(len, src)), max(map(len, tgt))
    input_ids = torch.full((len(idx), ls), pad, dtype=torch.long)
    mask = torch.zeros((len(idx), ls), dtype=torch.long)
    dec_in = torch.full((len(idx), lt), pad, dtype=torch.long)
    labels = torch.full((len(idx), lt), -100, dtype=torch.long)
    for r, (s, t) in enumerate(zip(src, tgt, strict=True)):
        input_ids[r, : len(s)] = torch.tensor(s)
        mask[r, : len(s)] = 1
        dec_in[r, 0] = pad
        dec_in[r, 1 : len(t)] = torch.tensor(t[:-1])
        labels[r, : len(t)] = torch.tensor(t)
    return input_ids, mask, dec_in, labels


def train(src: str, tgt: str, hp: HParams, work: Path) -> dict:
    """Train one direction; returns timing and loss figures. Writes HF model + spm into work/."""
    import sentencepiece as spm
    import torch

    torch.manual_seed(hp.seed)
    torch.set_num_threads(hp.threads)
    rng = random.Random(hp.seed)

    pairs = read_pairs(src, tgt)
    examples = example_set(src, tgt)
    if not hp.tokens:
        pairs = [p for p in pairs if not has_token(p)]
        examples = [p for p in examples if not has_token(p)]
    spm_path = work / "sentencepiece.model"
    train_sentencepiece(pairs, hp, spm_path)
    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    vocab = sp.get_piece_size()
    pad, eos = vocab, sp.eos_id()

    def ids(text: str) -> list[int]:
        return sp.encode(text)[: hp.max_len - 1] + [eos]

    data = [(ids(s), ids(t)) for s, t in pairs]
    for s, t in examples:
        single = len(corpus.split_sentences(s)) == 1
        data += [(ids(s), ids(t))] * (
            hp.example_oversample if single else hp.example_oversample // 4
        )

    model = build_model(vocab, hp)
    n_params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=hp.lr, betas=(0.9, 0.98), weight_decay=0.0)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=hp.label_smoothing)

    step, start, epoch, last_loss = 0, time.monotonic(), 0, float("nan")
    while step < hp.steps:
        epoch += 1
        model.train()
        tot, cnt = 0.0, 0
        for b in batches(data, hp, rng):
            if step >= hp.steps:
                break
            # linear warmup, then cosine decay to 5 % of the peak
            warm = min(1.0, (step + 1) / hp.warmup)
            progress = step / hp.steps
            lr = hp.lr * warm * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress)))
            for g in opt.param_groups:
                g["lr"] = lr
            input_ids, mask, dec_in, labels = collate(data, b, pad)
            logits = model(
                input_ids=input_ids, attention_mask=mask, decoder_input_ids=dec_in
            ).logits
            logits[..., pad] = -1e4  # never predict pad
            loss = loss_fn(logits.reshape(-1, logits.size(-1)), labels.reshape(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            zero_pad_row(model, pad)
            step += 1
            tot, cnt = tot + loss.item(), cnt + 1
        last_loss = tot / max(cnt, 1)
        print(
            f"  {src}->{tgt} epoch {epoch} step {step} loss {last_loss:.3f} "
            f"{time.monotonic() - start:.0f}s",
            flush=True,
        )
    seconds = time.monotonic() - start
    model.eval()
    hf_dir = work / "hf"
    model.save_pretrained(hf_dir)
    probe = [s for s, _ in pairs[:16]] + [s for s, _ in examples[:8]]
    (work / "probe.json").write_text(
        json.dumps(
            {"src": probe, "hf": [sp.decode(greedy(model, ids(s), pad, eos)) for s in probe]},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return {
        "params": n_params,
        "epochs": epoch,
        "steps": step,
        "train_seconds": round(seconds),
        "final_loss": round(last_loss, 4),
        "vocab": vocab,
        "train_pairs": len(pairs),
    }


def greedy(model, src_ids: list[int], pad: int, eos: int, max_len: int = 200) -> list[int]:
    """Plain greedy decoding in torch, to cross-check the converted CTranslate2 model."""
    import torch

    with torch.no_grad():
        inp = torch.tensor([src_ids])
        enc = model.get_encoder()(input_ids=inp, attention_mask=torch.ones_like(inp))
        out = [pad]
        for _ in range(max_len):
            logits = model(
                encoder_outputs=enc,
                attention_mask=torch.ones_like(inp),
                decoder_input_ids=torch.tensor([out]),
            ).logits[0, -1]
            logits[pad] = -1e9
            nxt = int(logits.argmax())
            if nxt == eos:
                break
            out.append(nxt)
    return out[1:]


# --- conversion and packaging -----


class _PieceTokenizer:
    """The little of a HF tokenizer that ctranslate2's Marian loader reads."""

    eos_token = "</s>"
    unk_token = "<unk>"
    bos_token = None

    def __init__(self, spm_path: Path) -> None:
        import sentencepiece as spm

        sp = spm.SentencePieceProcessor(model_file=str(spm_path))
        self.pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())] + ["<pad>"]

    def get_vocab(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.pieces)}

    def convert_ids_to_tokens(self, i: int) -> str:
        return self.pieces[i]


def convert(work: Path, model_out: Path) -> None:
    from ctranslate2.converters import TransformersConverter

    spm_path = work / "sentencepiece.model"

    class Converter(TransformersConverter):
        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            return _PieceTokenizer(spm_path)

    if model_out.exists():
        shutil.rmtree(model_out)
    Converter(str(work / "hf")).convert(str(model_out), quantization="int8", force=True)
    cfg_path = model_out / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["add_source_eos"] = True  # trained with "</s>" closing every source sentence
    cfg_path.write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_package(src: str, tgt: str, work: Path, stats: dict, tokens: bool = True) -> Path:
    pkg = package_dir(src, tgt, tokens)
    if pkg.exists():
        shutil.rmtree(pkg)
    pkg.mkdir(parents=True)
    convert(work, pkg / "model")
    shutil.copy(work / "sentencepiece.model", pkg / "sentencepiece.model")
    probe = json.loads((work / "probe.json").read_text(encoding="utf-8"))
    sp, tr = load_package(pkg)
    batch = [sp.encode(t, out_type=str) for t in probe["src"]]
    ct2 = [sp.decode(r.hypotheses[0]) for r in tr.translate_batch(batch, beam_size=1)]
    agree = sum(a == b for a, b in zip(ct2, probe["hf"], strict=True)) / len(ct2)
    print(f"  torch greedy vs CTranslate2 int8 greedy agreement: {agree:.0%}")
    for a, b in list(zip(probe["hf"], ct2, strict=True))[:3]:
        print(f"    torch: {a}\n    ct2:   {b}")
    stats["torch_ct2_greedy_agreement"] = round(agree, 3)
    meta = {
        "package_version": PACKAGE_VERSION,
        "argos_version": "1.9",
        "from_code": src,
        "from_name": LANG_NAMES[src],
        "to_code": tgt,
        "to_name": LANG_NAMES[tgt],
        "package_type": "translate",
        "demo": True,
        "description": (
            f"Tiny demo model ({LANG_NAMES[src]} -> {LANG_NAMES[tgt]}, "
            f"~{stats['params'] // 10**5 / 10} M parameters, int8) trained from scratch "
            "on a synthetic press-release corpus "
            + ("" if tokens else "WITHOUT protection tokens (a test stand-in for a full model) ")
            + "(tools/make_demo_corpus.py). It translates the bundled example and similar "
            "sentences only; install a real Argos package for general text."
        ),
        "tokenizer": "sentencepiece",
        "add_source_eos": True,
        "max_positions": MAX_POSITIONS,
        "protection_tokens": PROTECTION_TOKENS if tokens else [],
        "training": stats,
    }
    (pkg / "metadata.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (pkg / "README").write_text(
        f"Demo {src}->{tgt} translation model for toolkit, built by tools/build_demo_models.py "
        "from the synthetic corpus in tools/demo_corpus/; not a general-purpose model.\n",
        encoding="utf-8",
    )
    return pkg


# --- verification -----


def load_package(pkg: Path):
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    tr = ctranslate2.Translator(str(pkg / "model"), device="cpu", inter_threads=1, intra_threads=2)
    return sp, tr


def translate(sp, tr, texts: list[str]) -> list[str]:
    batch = [sp.encode(t, out_type=str) for t in texts]
    res = tr.translate_batch(batch, beam_size=2, max_decoding_length=256, max_batch_size=64)
    return [sp.decode(r.hypotheses[0]) for r in res]


def package_size(pkg: Path) -> int:
    return sum(f.stat().st_size for f in pkg.rglob("*") if f.is_file())


def verify(src: str, tgt: str, tokens: bool = True) -> dict:
    pkg = package_dir(src, tgt, tokens)
    sp, tr = load_package(pkg)
    pairs = read_pairs(src, tgt)
    if not tokens:
        pairs = [p for p in pairs if not has_token(p)]
    hyps = translate(sp, tr, [s for s, _ in pairs])
    exact = sum(h == t for h, (_, t) in zip(hyps, pairs, strict=True)) / len(pairs)
    ex = corpus.example_pairs(tgt if src == "en" else src)
    ex = ex if src == "en" else [(x, e) for e, x in ex]
    ex_hyps = translate(sp, tr, [s for s, _ in ex])
    ex_exact = sum(h == t for h, (_, t) in zip(ex_hyps, ex, strict=True)) / len(ex)
    held_out = {
        "en": [
            "Tomsk Polytechnic University signed a cooperation agreement with Fudan University.",
            "The forum will be held on ｟3｠ in ｟4｠.",
            "Details: https://spbstu.ru/news/robotics_lab and max_batch_size.",
        ],
        "ru": [
            "Томский политехнический университет подписал соглашение о сотрудничестве "
            "с Университетом Фудань.",
            "Форум пройдёт ｟3｠ в ｟4｠.",
            "Параметр max_batch_size обязателен.",
        ],
        "zh": [
            "托木斯克理工大学与复旦大学签署了合作协议。",
            "论坛将于｟3｠在｟4｠举行。",
            "参数max_batch_size为必填项。",
        ],
    }[src]
    samples = list(zip(ex[:4] + ex[-3:], ex_hyps[:4] + ex_hyps[-3:], strict=True))
    print(
        f"== {src}->{tgt}: {package_size(pkg) / 1e6:.2f} MB, training-set exact {exact:.1%}, "
        f"example exact {ex_exact:.1%}"
    )
    for (s, _t), h in samples:
        print(f"  {s}\n    -> {h}")
    for s, h in zip(held_out, translate(sp, tr, held_out), strict=True):
        print(f"  [held-out] {s}\n    -> {h}")
    return {
        "size_bytes": package_size(pkg),
        "train_exact": round(exact, 4),
        "example_exact": round(ex_exact, 4),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directions", nargs="*", help="e.g. en-ru zh-en (default: all four)")
    ap.add_argument("--verify-only", action="store_true")
    ap.add_argument("--steps", type=int, help="training steps per model (default: HParams)")
    ap.add_argument(
        "--no-tokens",
        action="store_true",
        help="build the token-free test package(s) into tests/data/models/",
    )
    args = ap.parse_args(argv)
    hp = HParams() if args.steps is None else HParams(steps=args.steps)
    hp = replace(hp, tokens=not args.no_tokens)
    dirs = [tuple(d.split("-")) for d in args.directions] or DIRECTIONS
    report = {}
    for src, tgt in dirs:
        hp_pair = replace(hp, vocab_size=VOCAB_SIZE[tgt if src == "en" else src])
        if not args.verify_only:
            with tempfile.TemporaryDirectory() as tmp:
                stats = train(src, tgt, hp_pair, Path(tmp))
                stats["hparams"] = asdict(hp_pair)
                write_package(src, tgt, Path(tmp), stats, hp.tokens)
        report[f"{src}-{tgt}"] = verify(src, tgt, hp.tokens)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
