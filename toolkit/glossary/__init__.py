"""Glossaries: concepts with approved ru/en/zh terms, TBX/CSV files, matching, consistency.

Public API::

    from toolkit.glossary import load_glossary, shipped_glossary_paths
    glossary = load_glossary([*shipped_glossary_paths(), "project.csv"])
    from toolkit.glossary.match import Matcher, find_mentions     # mentions with offsets
    from toolkit.glossary.consistency import check_translation, check_monolingual
    from toolkit.glossary.validate import validate_glossary        # problems in the files
    from toolkit.glossary.morph import inflect_like                # Russian term in a case

Modules: ``model`` (values, merge), ``tabular`` (long CSV, vendor CSVs), ``tbx`` (TBX v3 and
2008), ``files`` (formats by extension, atomic writes), ``ru`` (Russian keys), ``match``,
``consistency``, ``validate``, ``morph``.

Heavy libraries (pyahocorasick, pymorphy3, OpenCC) load only when matching starts.
"""

from __future__ import annotations

from toolkit.glossary.files import (
    load_glossary,
    read_glossary_file,
    shipped_glossary_paths,
    write_glossary_file,
)
from toolkit.glossary.model import Concept, Conflict, Glossary, Term

__all__ = [
    "Concept",
    "Conflict",
    "Glossary",
    "Term",
    "load_glossary",
    "read_glossary_file",
    "shipped_glossary_paths",
    "write_glossary_file",
]
