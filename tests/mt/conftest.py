"""Fixtures that build real (tiny) Argos packages and archives, fast and without torch.

``tiny_template`` trains a ~64-piece SentencePiece model on a few lines and saves a 1-layer
CTranslate2 Transformer with random weights (a 40 KB model.bin). It translates nonsense, but it
loads and runs through the same code paths as a real package, so package and engine tests do
not depend on the demo models. The decoder's bias against ``</s>`` makes every output non-empty
(the engine caps its length).
"""

from __future__ import annotations

import contextlib
import http.server
import io
import json
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TRAIN_LINES = [
    "Hello, world.", "The weather is nice today.", "The quick brown fox jumps over the dog.",
    "Привет, мир.", "Сегодня хорошая погода.", "Быстрая коричневая лиса прыгает.",
    "你好，世界。", "今天天气很好。", "敏捷的棕色狐狸跳过了狗。",
] * 4


def _train_sentencepiece() -> bytes:
    import sentencepiece

    buf = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAIN_LINES), model_writer=buf, vocab_size=100,
        hard_vocab_limit=False, character_coverage=1.0, minloglevel=2)
    return buf.getvalue()


def _save_random_model(out: Path, vocab: list[str], seed: int = 0,
                       favour: str | None = None) -> None:
    """A 1-layer, d=16 Transformer spec with random weights, saved like a converter does.

    ``favour``: a target piece the decoder always picks (to make a model that emits only ".").
    """
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    d, ff, n = 16, 32, len(vocab)

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.1).astype(np.float32)

    def linear(spec, out_dim: int, in_dim: int) -> None:  # type: ignore[no-untyped-def]
        spec.weight, spec.bias = w(out_dim, in_dim), w(out_dim)

    def norm(spec) -> None:  # type: ignore[no-untyped-def]
        spec.gamma, spec.beta = np.ones(d, np.float32), np.zeros(d, np.float32)

    def ffn(spec) -> None:  # type: ignore[no-untyped-def]
        norm(spec.layer_norm)
        linear(spec.linear_0, ff, d)
        linear(spec.linear_1, d, ff)

    spec = transformer_spec.TransformerSpec.from_config(1, 2)
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = w(n, d)
    norm(enc.layer_norm)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        ffn(layer.ffn)
    dec.embeddings.weight = w(n, d)
    norm(dec.layer_norm)
    linear(dec.projection, n, d)
    dec.projection.bias[vocab.index("</s>")] = -1e4  # never stop at once: output non-empty
    if favour is not None:
        dec.projection.bias[vocab.index(favour)] = 1e4
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
        ffn(layer.ffn)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(None)
    out.mkdir(parents=True)
    spec.save(str(out))


@pytest.fixture(scope="session")
def tiny_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with ``model/`` and ``sentencepiece.model``, built once per session."""
    import sentencepiece

    root = tmp_path_factory.mktemp("tiny-model")
    sp_bytes = _train_sentencepiece()
    (root / "sentencepiece.model").write_bytes(sp_bytes)
    sp = sentencepiece.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    _save_random_model(root / "model", vocab)
    _save_random_model(root / "model-dots", vocab, favour=".")
    return root


MakePackage = Callable[..., Path]


@pytest.fixture(scope="session")
def make_package(tiny_template: Path) -> MakePackage:
    """Factory: ``make_package(parent, "en", "ru", version="1.0", demo=False, ...) -> dir``.

    ``name`` sets the folder name (default ``translate-en_ru-1_0``); ``metadata`` entries are
    merged into metadata.json (``None`` values delete keys); ``corrupt_model`` overwrites
    model.bin with junk; ``dots_only`` gives a model that translates everything to "....";
    ``tokenizer=None`` leaves the tokenizer out, ``tokenizer="bpe"`` writes a ``bpe.model``.
    """

    def make(parent: Path, from_code: str = "en", to_code: str = "ru", *,
             version: str = "1.0", demo: bool = False, name: str | None = None,
             metadata: dict | None = None, corrupt_model: bool = False,
             dots_only: bool = False, tokenizer: str | None = "sentencepiece") -> Path:
        folder = parent / (name or f"translate-{from_code}_{to_code}-{version.replace('.', '_')}")
        folder.mkdir(parents=True)
        shutil.copytree(tiny_template / ("model-dots" if dots_only else "model"),
                        folder / "model")
        if tokenizer == "sentencepiece":
            shutil.copy(tiny_template / "sentencepiece.model", folder / "sentencepiece.model")
        elif tokenizer == "bpe":  # an old BPE-tokenized package (argostranslate's fallback)
            (folder / "bpe.model").write_text("#version: 0.2\nT h\nTh e\n", encoding="utf-8")
        meta = {"package_version": version, "argos_version": "1.0", "from_code": from_code,
                "from_name": from_code, "to_code": to_code, "to_name": to_code,
                "links": []}
        if demo:
            meta["demo"] = True
        for key, value in (metadata or {}).items():
            if value is None:
                meta.pop(key, None)
            else:
                meta[key] = value
        (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
        if corrupt_model:
            (folder / "model" / "model.bin").write_bytes(b"this is not a CTranslate2 model")
        return folder

    return make


def _zip_package(folder: Path, archive: Path, *, top: str | None = None) -> Path:
    """Zip *folder* into *archive* under one top folder (argospm's .argosmodel layout)."""
    top = top or folder.name
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}/", "")
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_dir():
                zf.writestr(f"{top}/{rel}/", "")
            else:
                zf.write(path, f"{top}/{rel}")
    return archive


@pytest.fixture(scope="session")
def zip_package() -> Callable[..., Path]:
    """``zip_package(folder, archive, top=None) -> archive``: an .argosmodel of *folder*."""
    return _zip_package


@pytest.fixture
def argos_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty packages dir, set as ARGOS_PACKAGES_DIR (argostranslate's own variable)."""
    folder = tmp_path / "argos-packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


@pytest.fixture
def demo_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_package: MakePackage) -> Path:
    """A bundled-demo dir holding an en->ru demo package, in place of toolkit/data/models."""
    from toolkit.mt import store

    folder = tmp_path / "demo-models"
    make_package(folder, "en", "ru", version="0.1", demo=True, name="translate-en_ru-demo")
    monkeypatch.setattr(store, "_DEMO_DIR", folder)
    return folder


@pytest.fixture
def no_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No bundled demo packages (an empty demo dir)."""
    from toolkit.mt import store

    folder = tmp_path / "no-demo-models"
    folder.mkdir()
    monkeypatch.setattr(store, "_DEMO_DIR", folder)
    return folder


@pytest.fixture
def en_ru_archive(tmp_path: Path, make_package: MakePackage) -> Path:
    """A valid ``translate-en_ru-1_0.argosmodel`` built from the tiny model."""
    folder = make_package(tmp_path / "src", "en", "ru", version="1.0")
    return _zip_package(folder, tmp_path / "translate-en_ru-1_0.argosmodel")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def _serving(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run an HTTP server on 127.0.0.1 with *handler*; yield its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def index_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving a directory; yields ``(base_url, directory)``."""
    root = tmp_path / "www"
    root.mkdir()

    def handler(*args: object, **kwargs: object) -> _QuietHandler:
        return _QuietHandler(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

    with _serving(handler) as base:
        yield base, root


Route = Callable[[http.server.BaseHTTPRequestHandler], None]


@pytest.fixture
def routes() -> Iterator[tuple[str, dict[str, Route]]]:
    """A server on 127.0.0.1 answering each path with a function; yields (base URL, routes)."""
    table: dict[str, Route] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            route = table.get(self.path)
            if route is None:
                self.send_error(404)
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                route(self)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    with _serving(Handler) as base:
        yield base, table


@pytest.fixture
def shipped_demo() -> Callable[[str], Path]:
    """``shipped_demo("en_ru")``: the real bundled demo package dir, or skip if not shipped."""
    from toolkit.mt import store

    def find(pair: str) -> Path:
        folder = store.demo_models_dir() / f"translate-{pair}-demo"
        if not (folder / "metadata.json").is_file():
            pytest.skip(f"bundled demo package {folder.name} not present")
        return folder

    return find
