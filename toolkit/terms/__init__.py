"""Term enforcement: the glossary's approved terms put into machine translations.

Between the glossary (what a concept is called in each language, :mod:`toolkit.glossary`) and
the pipeline: given source sentences, their glossary mentions and a
:class:`~toolkit.mt.translator.Translator`, choose among the model's n-best the hypothesis that
carries the most required terms, then replace the model's own rendering of each term still
missing by the approved term, inflected for its place in a Russian sentence. Every mention gets
a :class:`~toolkit.terms.model.TermResult` saying how it was applied, or why not.
"""

from toolkit.terms.enforce import enforce, enforce_sentence
from toolkit.terms.model import Enforced, Requirement, TermResult
from toolkit.terms.targets import requirements

__all__ = ["Enforced", "Requirement", "TermResult", "enforce", "enforce_sentence",
           "requirements"]
