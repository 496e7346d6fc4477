"""toolkit: offline, glossary-aware translation and localization for ru, en and zh."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
