"""The CTranslate2 engine: the only module that touches ctranslate2 and sentencepiece.

We load an Argos package's ``model/`` and SentencePiece model directly instead of going through
``argostranslate.translate``: offline that path fails (MiniSBD downloads its sentence model), it
makes one CTranslate2 call per paragraph, and its decoder turns every ``_`` into a space. Here a
whole job's unique sentences go through ONE ``translate_batch`` call, sorted by length and
batched by tokens, and SentencePiece's own decoder keeps underscores, URLs and identifiers.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from toolkit.config import load_section, setting
from toolkit.errors import ModelError
from toolkit.i18n import Message
from toolkit.mt.package import Package, check_metadata
from toolkit.text.scripts import CJK

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while sentences are translated."""

_ENV = {
    "device": "TOOLKIT_DEVICE",
    "compute_type": "TOOLKIT_COMPUTE_TYPE",
    "inter_threads": "TOOLKIT_INTER_THREADS",
    "intra_threads": "TOOLKIT_THREADS",
    "beam_size": "TOOLKIT_BEAM_SIZE",
    "max_batch_tokens": "TOOLKIT_MAX_BATCH_TOKENS",
}


@dataclass(frozen=True)
class EngineSettings:
    """How CTranslate2 runs: device, threads, numeric type, beam, batch size in tokens."""

    device: str = "cpu"
    compute_type: str = "default"
    inter_threads: int | None = None
    """Batches translated at once; None: by job size (see :meth:`threads`)."""
    intra_threads: int | None = None
    """Threads per batch (0: CTranslate2 picks, all cores); None: by job size."""
    beam_size: int = 2
    max_batch_tokens: int = 4096

    def threads(self) -> tuple[int, int]:
        """(inter, intra) threads for CTranslate2.

        Unset (None), they follow the job: one thread per batch and one worker per core (at
        most :data:`MAX_WORKERS`), so a small job runs one batch on one thread (no thread
        synchronization per call: 200 one-sentence calls ran 2.2-4.5x faster than on all
        cores) and a large one is cut into a batch per worker run side by side (on a quiet
        2-core machine a 1,000-paragraph document in 0.80 of the all-cores time; under load
        from other processes all cores won: bench/threads.py has the figures). An explicit
        ``TOOLKIT_THREADS`` / ``intra-threads`` keeps one worker (as before), an explicit
        ``inter-threads`` is used as given; both given, both are used as they are.
        """
        if self.intra_threads is None and self.inter_threads is None:
            return min(_cores(), MAX_WORKERS), 1
        if self.inter_threads is None:
            return 1, self.intra_threads or 0
        return self.inter_threads, 1 if self.intra_threads is None else self.intra_threads

    @classmethod
    def load(cls, start: str | os.PathLike[str] | None = None,
             env: dict[str, str] | None = None) -> EngineSettings:
        """Defaults, then ``[tool.toolkit.translate]`` in pyproject.toml, then TOOLKIT_* env.

        Unknown keys and bad values are a :class:`ConfigError` naming the key and the file
        (or the environment variable).
        """
        env = dict(os.environ if env is None else env)
        section = load_section("translate", _KEYS, start=start)
        values: dict[str, Any] = {}
        for name, env_name in _ENV.items():
            key = name.replace("_", "-")
            kind, minimum = _TYPES[name]
            choices = _CHOICES.get(name)
            if env.get(env_name, "") != "":
                values[name] = setting(env[env_name], kind, key, env_name, minimum=minimum,
                                       choices=choices)
            elif key in section.values:
                values[name] = setting(section.values[key], kind, key, section,
                                       minimum=minimum, choices=choices)
        return replace(cls(), **values)


MAX_WORKERS = 4
"""Parallel batches when the threads follow the job (each worker holds its own buffers)."""


def _cores() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


_TYPES: dict[str, tuple[type, int | None]] = {
    "device": (str, None), "compute_type": (str, None), "inter_threads": (int, 1),
    "intra_threads": (int, 0), "beam_size": (int, 1), "max_batch_tokens": (int, 1),
}
"""Each setting's type and least value (intra_threads 0: CTranslate2 picks)."""
_CHOICES: dict[str, frozenset[str]] = {
    "device": frozenset({"auto", "cpu", "cuda"}),
    "compute_type": frozenset({"auto", "default", "int8", "int8_float32", "int8_float16",
                               "int8_bfloat16", "int16", "float16", "bfloat16", "float32"}),
}
"""The names CTranslate2 knows (an unknown one failed later, blamed on the model)."""
#: the keys of ``[tool.toolkit.translate]``: the engine settings, and the project's
#: ``glossary`` list (read by :func:`toolkit.glossary.files.configured_glossary_paths`)
_KEYS = frozenset(name.replace("_", "-") for name in _ENV) | {"glossary"}


_POSITIONS_RE = re.compile(r"position encodings.*?>=\s*(\d+)", re.S)
_CJK_SPACE = re.compile(rf"(?<=[{CJK}])[ \t]+(?=[{CJK}])")


def tidy_output(text: str, target_lang: str) -> str:
    """Fix what SentencePiece decoding leaves: spaces between Chinese characters/punctuation."""
    if target_lang == "zh":
        text = _CJK_SPACE.sub("", text)
    return text.strip()


def _load_package(package: Package, settings: EngineSettings, shown: str) -> tuple[Any, Any]:
    """Load *package*'s CTranslate2 model and SentencePiece processor, or :class:`ModelError`.

    The one load check: installing a package runs exactly what translating with it runs, so a
    package that installs is a package that translates. Errors name *shown*.
    """
    import ctranslate2
    import sentencepiece

    sp_path = check_files(package, shown)
    model_dir = package.model_dir
    try:
        inter, intra = settings.threads()
        translator = ctranslate2.Translator(
            str(model_dir), device=settings.device, compute_type=settings.compute_type,
            inter_threads=inter, intra_threads=intra)
    except Exception as exc:  # noqa: BLE001 - ctranslate2 raises RuntimeError/ValueError/...
        raise ModelError(Message("CTranslate2 cannot load model/: {error}", error=_one_line(exc)),
                         path=shown) from None
    try:
        sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
    except Exception as exc:  # noqa: BLE001 - sentencepiece raises OSError/RuntimeError
        raise ModelError(Message("SentencePiece cannot load {name}: {error}", name=sp_path.name,
                                 error=_one_line(exc)),
                         path=shown) from None
    return translator, sp


def check_files(package: Package, shown: str) -> Path:
    """The part of the load check that reads no model: metadata, model.bin, a SentencePiece
    model (returned). Listing packages runs it, so a package that cannot load is never chosen.
    """
    check_metadata(package.metadata, f"{shown}/metadata.json")
    if not (package.model_dir / "model.bin").is_file():
        raise ModelError(Message("model/model.bin is missing"), path=shown)
    sp_path = package.sp_model_path
    if sp_path is None:
        if package.bpe_model_path is not None:
            raise ModelError(Message("no SentencePiece model (sentencepiece.model) (this package "
                                     "has bpe.model: BPE-tokenized packages are not supported)"),
                             path=shown)
        raise ModelError(Message("no SentencePiece model (sentencepiece.model)"), path=shown)
    return sp_path


def _one_line(exc: BaseException) -> str:
    return " ".join((str(exc).strip() or type(exc).__name__).split())


def check_package(package: Package, shown: str | None = None) -> None:
    """Load *package* the way a translation will (one thread, on the CPU): an install check."""
    _load_package(package, EngineSettings(inter_threads=1, intra_threads=1),
                  shown or str(package.path))


class Engine:
    """One loaded package: a ``ctranslate2.Translator`` plus its SentencePiece processor."""

    def __init__(self, package: Package, settings: EngineSettings | None = None):
        self.package = package
        self.settings = settings or EngineSettings()
        self._translator: Any = None
        self._sp: Any = None
        self._lock = threading.Lock()
        self._max_positions = 0  # set from the (validated) metadata when the model loads

    def _load(self) -> None:
        if self._translator is not None:
            return
        translator, sp = _load_package(self.package, self.settings, str(self.package.path))
        self._max_positions = self.package.max_positions
        self._sp, self._translator = sp, translator

    def tokenize(self, sentences: Sequence[str]) -> list[list[str]]:
        """SentencePiece pieces for each sentence (what ``translate_batch`` consumes)."""
        self._load()
        return self._sp.encode(list(sentences), out_type=str)

    def detokenize(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        """Text for each list of target pieces, tidied for the target language."""
        self._load()
        to = self.package.to_code
        return [tidy_output(self._sp.decode(list(p)), to) for p in pieces]

    def translate(self, sentences: Sequence[str],
                  progress: ProgressCallback | None = None) -> list[str]:
        """Translate *sentences*; duplicates and blanks are translated once / not at all."""
        unique = list(dict.fromkeys(s.strip() for s in sentences if s.strip()))
        if not unique:
            return ["" for _ in sentences]
        self._load()
        try:
            texts = self._translate_unique(unique, progress)
        except PositionLimit:
            # Models with learned position embeddings have a hard length limit, which
            # CTranslate2 names in its error: the engine remembers it; re-fit, run once more.
            texts = self._translate_unique(unique, progress)
        translated = dict(zip(unique, texts, strict=True))
        return [translated.get(s.strip(), "") for s in sentences]

    def _source_limit(self) -> int:
        """Longest source in pieces we feed the model (0: no known limit).

        Leaves room for EOS and for a target somewhat longer than its source.
        """
        return int((self._max_positions - 2) * 0.6) if self._max_positions else 0

    def _fit(self, text: str, limit: int) -> list[str]:
        """Cut a sentence too long for the model into clauses, then words, then characters."""
        def size(chunk: str) -> int:
            return len(self._sp.encode(chunk))

        def pack(atoms: list[str], level: int) -> list[str]:
            chunks: list[str] = []
            current = ""
            for atom in atoms:
                if size(atom) > limit and level + 1 < len(_SPLITTERS):
                    sub = pack(_SPLITTERS[level + 1](atom), level + 1)
                    if current:
                        chunks.append(current)
                    chunks.extend(sub[:-1])
                    current = sub[-1]
                    continue
                if current and size(current + atom) > limit:
                    chunks.append(current)
                    current = ""
                current += atom
            if current:
                chunks.append(current)
            return chunks

        return [c.strip() for c in pack(_SPLITTERS[0](text), 0) if c.strip()]

    def _runs_cut(self, text: str) -> list[str]:
        """*text* with each unbroken run (no space, no clause punctuation) longer than
        :data:`RUN_PIECES` pieces cut into chunks of at most :data:`CHUNK_PIECES`: [text] if
        none."""
        parts: list[str] = []
        pos = 0
        for m in _UNBROKEN.finditer(text):
            run = m.group()
            if len(self._sp.encode(run)) <= RUN_PIECES:
                continue
            if text[pos:m.start()].strip():
                parts.append(text[pos:m.start()])
            current = ""
            for atom in run:  # by characters: byte-fallback pieces make one of them 3 or 4
                if current and len(self._sp.encode(current + atom)) > CHUNK_PIECES:
                    parts.append(current)
                    current = ""
                current += atom
            parts.append(current)
            pos = m.end()
        if not parts:
            return [text]
        if text[pos:].strip():
            parts.append(text[pos:])
        return [p.strip() for p in parts]

    def _translate_unique(self, unique: list[str],
                          progress: ProgressCallback | None) -> list[str]:
        limit = self._source_limit()
        tokens = self.tokenize(unique)
        units: list[list[str]] = []
        owners: list[range] = []
        for sentence, pieces in zip(unique, tokens, strict=True):
            chunks = [pieces]
            if len(pieces) > RUN_PIECES and _UNBROKEN.search(sentence):
                parts = self._runs_cut(sentence)
                if len(parts) > 1:
                    chunks = self.tokenize(parts)
            if limit and max(map(len, chunks)) > limit:
                chunks = self.tokenize([c for part in (
                    self._sp.decode(p) for p in chunks) for c in self._fit(part, limit)])
            owners.append(range(len(units), len(units) + len(chunks)))
            units.extend(chunks)
        by_unit = self.detokenize([d.hypotheses[0]
                                   for d in self.decode(units, progress=progress)])
        glue = "" if self.package.to_code == "zh" else " "
        return [glue.join(by_unit[i] for i in owned) for owned in owners]

    def options(self, batch: Sequence[Sequence[str]], *, num_hypotheses: int = 1,
                return_scores: bool = False, return_attention: bool = False
                ) -> dict[str, Any]:
        """The ``translate_batch`` options for *batch*: the one place they are built.

        Tokens-budgeted batches, the configured beam (at least *num_hypotheses* wide), no input
        cut, and a decoding length well beyond the longest source but within the model's
        positions, if it has a limit.
        """
        longest = max((len(b) for b in batch), default=1)
        options: dict[str, Any] = dict(
            max_batch_size=self.settings.max_batch_tokens, batch_type="tokens",
            beam_size=max(self.settings.beam_size, num_hypotheses),
            num_hypotheses=num_hypotheses, max_input_length=0,
            # Never cut a sentence short: allow well beyond the longest source.
            max_decoding_length=max(32, 3 * longest + 16),
            return_scores=return_scores, return_attention=return_attention,
        )
        if self._max_positions:
            options["max_decoding_length"] = min(options["max_decoding_length"],
                                                 self._max_positions - 2)
        return options

    def decode(self, batch: Sequence[Sequence[str]], *, num_hypotheses: int = 1,
               return_scores: bool = False, return_attention: bool = False,
               progress: ProgressCallback | None = None,
               forced: Sequence[Sequence[str]] | None = None) -> list[Decoded]:
        """Translate pre-tokenized *batch*: target pieces of up to *num_hypotheses* hypotheses
        per source (in *batch*'s order), with scores and attention if asked.

        With *forced* (target pieces per source), each hypothesis starts with them (forced
        decoding: how the model aligns a given translation) and stops right after.

        The sources go to CTranslate2 sorted by length (as it batches them itself). A
        multilingual package's target-language token is added to the request and taken off
        the result (pieces and attention rows), so callers never see it.
        """
        self._load()
        batch = [list(b) for b in batch]
        if not batch:
            return []
        options = self.options(batch, num_hypotheses=num_hypotheses,
                               return_scores=return_scores, return_attention=return_attention)
        prefix = getattr(self.package, "target_prefix", "")
        starts = [[prefix] if prefix else [] for _ in batch]
        if forced is not None:
            starts = [[*s, *f] for s, f in zip(starts, forced, strict=True)]
            longest = max(map(len, starts)) + 1
            options["max_decoding_length"] = (min(longest, self._max_positions - 2)
                                              if self._max_positions else longest)
        order = sorted(range(len(batch)), key=lambda i: len(batch[i]))
        results: list[Any] = [None] * len(batch)
        for i, result in zip(order, self._run([batch[i] for i in order], options,
                                              [starts[i] for i in order], progress),
                             strict=True):
            results[i] = result
        if forced is None:
            self._finish_cut(batch, options, starts, results)
        out = []
        for result in results:
            hyps = [list(h) for h in result.hypotheses]
            attention = [list(a) for a in result.attention] if return_attention else []
            if prefix:
                skips = [1 if h[:1] == [prefix] else 0 for h in hyps]
                hyps = [h[k:] for h, k in zip(hyps, skips, strict=True)]
                attention = [a[k:] for a, k in zip(attention, skips, strict=False)]
            scores = [float(x) for x in result.scores] if return_scores else []
            out.append(Decoded(hyps, scores, attention))
        return out

    def _finish_cut(self, batch: list[list[str]], options: dict[str, Any],
                    starts: list[list[str]], results: list[Any]) -> None:
        """Decode again, up to the model's own limit, the sources whose hypotheses stopped at
        ``max_decoding_length`` (cut mid-word: Chinese is dense, one source piece may need
        several target pieces, and '双方将建立联合实验室。' ended 'will create a jo'). The
        limit is per batch, so the same sentence was cut alone and whole in a longer job. The
        wider decode is kept only where it ends (a runaway repetition is not made longer)."""
        limit = options["max_decoding_length"]
        wider = 2 * limit
        if self._max_positions:
            wider = min(wider, self._max_positions - 2)
        cut = [i for i, r in enumerate(results) if any(len(h) >= limit for h in r.hypotheses)]
        if not cut or wider <= limit:
            return
        again = dict(options, max_decoding_length=wider)
        for i, result in zip(cut, self._run([batch[i] for i in cut], again,
                                            [starts[i] for i in cut], None), strict=True):
            # a runaway repetition that goes on to the wider limit too stays as it was
            if all(len(h) < wider for h in result.hypotheses):
                results[i] = result

    def _run(self, batch: list[list[str]], options: dict[str, Any], starts: list[list[str]],
             progress: ProgressCallback | None) -> list[Any]:
        """The job's CTranslate2 calls: *batch* in token-budgeted chunks, in order.

        Each chunk is what CTranslate2 would batch on its own (``max_batch_tokens``, smaller when
        someone watches the progress, and a share per worker when several run side by side),
        so the output is the same as one call's, but progress is reported per chunk and the
        calling thread waits in ``sleep`` (a Ctrl-C interrupts it at once instead of after the
        whole job).
        """
        workers = self.settings.threads()[0]
        budget = self.settings.max_batch_tokens
        if workers > 1:  # a share for every worker (a small job stays one batch)
            budget = min(budget, max(_MIN_CHUNK_TOKENS, -(-sum(map(len, batch)) // workers)))
        if progress is not None:
            budget = min(budget, max(_MIN_CHUNK_TOKENS,
                                     sum(map(len, batch)) // _PROGRESS_STEPS))
        results: list[Any] = []
        try:
            with self._lock:
                if progress is not None:
                    progress(0, len(batch))
                # at most one chunk per worker in flight: all busy, nothing queued behind a
                # Ctrl-C
                flight: deque[list[Any]] = deque()
                done = 0
                for chunk in _chunks(batch, budget):
                    chunk_options = options
                    if any(starts):  # a multilingual model's target token, forced pieces
                        chunk_options = {**options,
                                         "target_prefix": starts[done:done + len(chunk)]}
                    done += len(chunk)
                    flight.append(self._translator.translate_batch(chunk, asynchronous=True,
                                                                   **chunk_options))
                    if len(flight) >= workers:
                        self._collect(flight.popleft(), results, len(batch), progress)
                while flight:
                    self._collect(flight.popleft(), results, len(batch), progress)
                return results
        except (RuntimeError, ValueError) as exc:  # ValueError: e.g. a config.json whose
            # decoder_start_token is not in the vocabulary loads, then fails every batch
            found = _POSITIONS_RE.search(str(exc))
            if found and not self._max_positions:
                self._max_positions = int(found.group(1))
                raise PositionLimit(self._max_positions) from None
            raise ModelError(Message("translation failed: {error}", error=str(exc)),
                             path=str(self.package.path)) from None


    @staticmethod
    def _collect(pending: list[Any], results: list[Any], total: int,
                 progress: ProgressCallback | None) -> None:
        """Wait (interruptibly) for one chunk's results and append them."""
        for result in pending:
            while not result.done():
                time.sleep(_POLL_SECONDS)
            results.append(result.result())
        if progress is not None:
            progress(len(results), total)


@dataclass(frozen=True)
class Decoded:
    """One source's result from :meth:`Engine.decode`: target pieces per hypothesis (best
    first), their scores (if asked) and attention rows (target piece x source piece, if asked).
    """

    hypotheses: list[list[str]]
    scores: list[float]
    attention: list[list[list[float]]]


_MIN_CHUNK_TOKENS = 256
_PROGRESS_STEPS = 20
"""With a progress callback, chunks are about 1/20 of the job (at least 256 tokens)."""
_POLL_SECONDS = 0.01


def _chunks(batch: list[list[str]], budget: int) -> list[list[list[str]]]:
    """Consecutive runs of *batch* whose padded size (count x longest) fits *budget* tokens,
    as CTranslate2 forms batches with ``batch_type="tokens"`` (one example at least)."""
    chunks: list[list[list[str]]] = []
    current: list[list[str]] = []
    longest = 0
    for pieces in batch:
        wider = max(longest, len(pieces))
        if current and (len(current) + 1) * wider > budget:
            chunks.append(current)
            current, wider = [], len(pieces)
        current.append(pieces)
        longest = wider
    if current:
        chunks.append(current)
    return chunks


class PositionLimit(Exception):
    """The model named its position limit (now known to the engine): fit the input, retry."""

    def __init__(self, positions: int):
        super().__init__(positions)
        self.positions = positions


RUN_PIECES = 64
"""An unbroken run (Chinese without punctuation, a long code) longer than this many pieces,
more than a long clause, is cut into chunks of :data:`CHUNK_PIECES` before the model sees it."""
CHUNK_PIECES = 24
"""The pieces of each chunk of a cut run: about a sentence, what models are trained on. On
the held-out Chinese of bench/terms.py with its punctuation taken out, the demo zh->en model
gave back 101 words for 150-piece chunks (the position limit), 256 for 64, 660 for 24, and
938 for the sentences as written (bench/long_runs.py)."""
_UNBROKEN = re.compile(rf"[^\s,;:，；：、]{{{RUN_PIECES},}}")
"""A run of at least RUN_PIECES characters (a piece covers one or more) without a space or
clause punctuation: the candidates :meth:`Engine._runs_cut` measures in pieces."""

# How a too-long sentence is cut: after clause punctuation, then between words, then anywhere.
_SPLITTERS: tuple[Callable[[str], list[str]], ...] = (
    lambda t: [p for p in re.split(r"(?<=[,;:，；：、])", t) if p],
    lambda t: [p for p in re.split(r"(?<=\s)", t) if p],
    lambda t: [t[i:i + 8] for i in range(0, len(t), 8)],
)


_ENGINES: dict[tuple[str, EngineSettings], Engine] = {}
_ENGINES_LOCK = threading.Lock()


def get_engine(package: Package, settings: EngineSettings | None = None) -> Engine:
    """The process-wide cached engine for *package* (a Translator is loaded once per process)."""
    settings = settings or EngineSettings.load()
    key = (str(package.path), settings)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = Engine(package, settings)
    return engine
