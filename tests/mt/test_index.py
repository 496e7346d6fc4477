"""toolkit.mt.index against servers on 127.0.0.1: wrong pair, redirects, trickling servers."""

from __future__ import annotations

import http.server
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.errors import ModelError
from toolkit.mt import store

Route = Callable[[http.server.BaseHTTPRequestHandler], None]  # the `routes` fixture's


def _body(data: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Route:
    def send(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        for key, value in (headers or {}).items():
            h.send_header(key, value)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)
    return send


def _index(links: list[str], pair: tuple[str, str] = ("en", "ru")) -> Route:
    return _body(json.dumps([{"from_code": pair[0], "to_code": pair[1], "package_version": "1.0",
                              "links": links}]).encode())


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_index_package_for_another_pair_refused(tmp_path: Path, argos_dir: Path, routes,
                                                make_package, zip_package) -> None:
    base, table = routes
    zh_en = zip_package(make_package(tmp_path / "src", "zh", "en"), tmp_path / "zh_en.argosmodel")
    table["/index.json"] = _index(["pkg.argosmodel"])  # listed as en->ru
    table["/pkg.argosmodel"] = _body(zh_en.read_bytes())
    with pytest.raises(ModelError, match="asked for en->ru but the downloaded package "
                                         "translates zh->en; nothing was installed"):
        store.install_from_index("en", "ru", base)
    assert _tree(argos_dir) == []


def test_redirect_off_http_refused_on_every_hop(tmp_path: Path, argos_dir: Path,
                                                routes) -> None:
    """urllib itself follows ftp:// (and refuses file://); we follow http(s) only."""
    base, table = routes
    target = "ftp://127.0.0.1/pkg.argosmodel"
    table["/index.json"] = _index(["hop1"])
    table["/hop1"] = _body(b"", 302, {"Location": base + "hop2"})  # an http hop is fine
    table["/hop2"] = _body(b"", 301, {"Location": target})
    with pytest.raises(ModelError, match=f"redirected to '{target}'; only http:// and "
                                         "https:// are followed"):
        store.install_from_index("en", "ru", base)
    table["/index.json"] = _body(b"", 302, {"Location": target})
    with pytest.raises(ModelError, match="only http:// and https:// are followed"):
        store.resolve_index_entry("en", "ru", index_url=base)
    assert _tree(argos_dir) == []


def _trickle(total: int, seconds: float) -> Route:
    """Declare *total* bytes, then send one every few ms for *seconds* (each read is quick)."""
    def send(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(total))
        h.end_headers()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.01)
    return send


def test_a_trickling_server_cannot_hold_an_install(tmp_path: Path, argos_dir: Path,
                                                   routes) -> None:
    base, table = routes
    table["/index.json"] = _index(["slow.argosmodel"])
    table["/slow.argosmodel"] = _trickle(10_000, 15.0)  # never done before the server stops
    progress: list[int] = []
    with pytest.raises(ModelError, match=r"slow.argosmodel: not finished after 0.5 s"):
        store.install_from_index("en", "ru", base, timeout=5, max_seconds=0.5,
                                 progress=lambda url, done, total: progress.append(done))
    assert 0 < progress[-1] < 10_000  # bytes were flowing: the per-read timeout never fired
    assert _tree(argos_dir) == []


def test_a_trickling_index_is_bounded_too(routes) -> None:
    base, table = routes
    table["/index.json"] = _trickle(10_000, 15.0)
    with pytest.raises(ModelError, match="index.json: not finished after 0.5 s"):
        store.resolve_index_entry("en", "ru", index_url=base, timeout=5, max_seconds=0.5)
