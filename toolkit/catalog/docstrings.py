"""A Babel extraction method for Click command modules: Python's ``_()`` calls plus help texts.

Click shows a command's docstring and the ``help=`` of its options as help; they are string
literals, not ``_()`` calls, so Babel's Python extractor misses them. This one adds, for every
function decorated with ``...command(...)`` or ``...group(...)``, its docstring, and for every
call, a literal ``help=`` / ``short_help=`` / ``epilog=`` argument, split into the paragraphs
that :func:`toolkit.i18n.help_text` looks up when the help is shown. A function decorated
with ``rule(...)`` (a check rule) gives its description, as ``check --list-rules`` shows it.
Use it in a mapping::

    [[tool.toolkit.catalog.mapping]]
    pattern = "cli/**.py"
    method = "toolkit.catalog.docstrings:extract_click"
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from toolkit.i18n import help_messages

__all__ = ["extract_click"]

_HELP_KEYWORDS = ("help", "short_help", "epilog")
_DECORATORS = ("command", "group")


def _decorator_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _help_texts(tree: ast.AST) -> Iterator[tuple[int, list[str]]]:
    """(line, messages) of every Click help text in *tree* (its paragraphs) and of every rule
    description (one message: it is looked up whole)."""
    from toolkit.lint.registry import rule_description

    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names = {_decorator_name(d) for d in node.decorator_list}
            doc = ast.get_docstring(node, clean=False)
            if doc and names & set(_DECORATORS):
                yield node.body[0].lineno, help_messages(doc)
            elif doc and "rule" in names:
                yield node.body[0].lineno, [rule_description(doc)]
        elif isinstance(node, ast.Call):
            for kw in node.keywords:
                if (kw.arg in _HELP_KEYWORDS and isinstance(kw.value, ast.Constant)
                        and isinstance(kw.value.value, str)):
                    yield kw.value.lineno, help_messages(kw.value.value)


def extract_click(fileobj: IO[bytes], keywords: Mapping[str, Any],
                  comment_tags: Collection[str], options: Mapping[str, Any]
                  ) -> Iterator[tuple[int, str | None, str | tuple[str, ...], list[str]]]:
    """Babel's Python extraction, then the module's Click help texts, one message per
    paragraph (the same pieces :func:`toolkit.i18n.help_text` translates)."""
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)
    fileobj.seek(0)
    source = fileobj.read().decode(str(options.get("encoding", "utf-8")))
    for line, messages in _help_texts(ast.parse(source)):
        for message in messages:
            yield line, None, message, []
