"""Chinese words that are no part of a name, and those that end one: the one copy.

Chinese is written without spaces, so where a name ends is not marked. What marks it in
running text are the words around it. Two kinds are known here:

- the function words, a closed class of single characters: the structural and aspect
  particles (的, 了), conjunctions (与, 和, 及, 并), prepositions and coverbs (在, 于, 由,
  为, 向, 从, 对, 把, 被, 将), the copula (是), adverbs (也, 都, 已), determiners (该, 这,
  那) and 等;
- the verbs a press release puts right before or after a name (签署, 参加, 位于...);

and a name of an organisation or event ends with the word for its kind (大学, 研究院, 联盟).
``glossary suggest`` cuts an organisation's name after the last function word or verb and
finds its end by its kind; term enforcement cuts them off the model's rendering of a term
(toolkit.terms.locate). Some do occur inside
names (和 in 中华人民共和国, 都 in 成都, 及 in 埃及, 领导 in 领导小组): a caller that knows the
name it looks for keeps those the name contains.
"""

from __future__ import annotations

import re

FUNCTION_CHARS = frozenset("的与和在于是由将为了向从对及并等该这那也都已被把")
"""Single-character function words of Chinese (see the module doc)."""
VERBS = re.compile("成立|共建|共同|签署|表示|指出|介绍|展示|举办|参加|出席|发布|宣布|资助|领导|"
                   "担任|来自|位于|主管|负责|开幕|研发|派出|计划|公布|获得|接待")
"""Verbs (and 共同, 'jointly') of press releases that begin or end a name's neighbourhood."""
NAME_ENDS = ("大学", "学院", "研究院", "研究所", "实验室", "基金会", "委员会", "公司", "集团",
             "中心", "联盟", "论坛", "协会", "科学院", "医院", "银行", "周", "局", "部", "厅")
"""Words that end the name of an organisation or event (大学, 研究院, 联盟, 局): what
follows one is no part of the name."""
