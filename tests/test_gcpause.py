"""gc_paused / gc_running: the collector's state inside and after each block."""

from __future__ import annotations

import gc

import pytest

from toolkit.gcpause import gc_paused, gc_running


@pytest.fixture(autouse=True)
def _restore_gc():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("before", [True, False])
def test_paused_then_back_as_it_was(before: bool) -> None:
    (gc.enable if before else gc.disable)()
    with gc_paused():
        assert not gc.isenabled()
        with gc_running():
            assert gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled() is before


def test_state_restored_when_the_block_raises() -> None:
    gc.enable()
    with pytest.raises(KeyboardInterrupt), gc_paused():
        raise KeyboardInterrupt
    assert gc.isenabled()
    gc.disable()
    with pytest.raises(ValueError), gc_running():
        raise ValueError
    assert not gc.isenabled()
