"""Every name in ``toolkit.__all__`` resolves, and importing toolkit stays light."""

from __future__ import annotations

import subprocess
import sys

import toolkit


def test_every_exported_name_resolves() -> None:
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name


def test_import_does_not_load_heavy_libraries() -> None:
    code = ("import sys, toolkit, toolkit.cli.main; "
            "print(sorted(m for m in ('ctranslate2', 'pymorphy3', 'opencc', 'ahocorasick') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
