"""Chinese words that are no part of a name, and those that end one: the one copy.

Chinese is written without spaces, so where a name ends is not marked. What marks it in
running text are the words around it. Two kinds are known here:

- the function words, a closed class of single characters: the structural and aspect
  particles (的, 了), conjunctions (与, 和, 及, 并), prepositions and coverbs (在, 于, 由,
  为, 向, 从, 对, 把, 被, 将), the copula (是), adverbs (也, 都, 已), determiners (该, 这,
  那) and 等;
- the verbs a press release puts right before or after a name (签署, 参加, 位于...);

and a name of an organisation or event ends with the word for its kind (大学, 研究院, 联盟).
Foreign names are written with the characters of a transliteration table (米哈伊尔·奥尔洛夫,
西伯利亚): a run of them is one name, never to be cut (:data:`TRANSLIT`).
``glossary suggest`` cuts an organisation's name after the last function word or verb and
finds its end by its kind; term enforcement cuts them off the model's rendering of a term
(toolkit.terms.locate). Some do occur inside
names (和 in 中华人民共和国, 都 in 成都, 及 in 埃及, 领导 in 领导小组): a caller that knows the
name it looks for keeps those the name contains.
"""

from __future__ import annotations

import re

from toolkit.text.scripts import HAN

FUNCTION_CHARS = frozenset("的与和在于是由将为了向从对及并等该这那也都已被把")
"""Single-character function words of Chinese (see the module doc)."""
VERBS = re.compile("成立|共建|共同|签署|表示|指出|介绍|展示|举办|参加|出席|发布|宣布|资助|领导|"
                   "担任|来自|位于|主管|负责|开幕|研发|派出|计划|公布|获得|接待")
"""Verbs (and 共同, 'jointly') of press releases that begin or end a name's neighbourhood."""
NAME_ENDS = ("大学", "学院", "研究院", "研究所", "实验室", "基金会", "委员会", "公司", "集团",
             "中心", "联盟", "论坛", "协会", "科学院", "医院", "银行", "周", "局", "部", "厅")
"""Words that end the name of an organisation or event (大学, 研究院, 联盟, 局): what
follows one is no part of the name."""
TRANSLIT = ("阿埃艾安昂奥巴拜班邦鲍贝本比彼别波伯博布察查达戴丹德迪蒂丁东杜多厄恩尔法范菲费芬"
            "丰冯弗福夫盖甘冈戈格根古瓜哈海汉豪赫亨胡华霍基吉加贾杰捷金卡凯坎科克肯库夸奎拉莱"
            "赖兰朗劳勒雷蕾里利丽连廖列林琳柳卢鲁路伦罗洛马迈曼芒梅门蒙米明莫姆穆纳娜奈南内尼"
            "涅宁纽努诺欧帕潘佩彭皮珀普奇齐恰乔切钦丘萨赛桑瑟森沙莎舍什施斯松苏索塔泰坦特提廷"
            "托瓦万威韦维温沃乌伍西希谢辛休雅亚扬耶叶伊因英尤约扎泽詹哲佐娃"
            "烈茨兹莉娅莲玛季济契诃琴采措绍肖祖茹楚舒若热康得历")
"""Characters of transliterated foreign names (叶连娜·沃罗诺娃, 西伯利亚); a title before the
name (教授) is not made of them."""
NAME_DOTS = "·・"
"""The middle dots between the parts of a transliterated full name."""
TRANSLITERATED = re.compile(f"[{TRANSLIT}]+(?:[{NAME_DOTS}][{TRANSLIT}]+)+|[{TRANSLIT}]{{3,}}")
"""A transliterated name in running text: parts joined by a middle dot (米哈伊尔·奥尔洛夫), or
a run of three transliteration characters or more (西伯利亚; two, as in 海南 or 特别, are as
often plain Chinese words)."""

_HAN = re.compile(f"[{HAN}]")


def word_boundary(text: str, at: int) -> int:
    """*at*, or the first place after it that is a word boundary Chinese marks: where *at*
    falls between two Han characters with nothing to say a word ends there (a function
    character on either side, a press-release verb beginning or ending there, a name's kind
    ending there: 的|, |在, 签署|, 大学|), it moves on to the next such place or the end of
    the run of Han characters. What is put in at an aligned position (a brand the model did
    not copy, a term it left out) then never splits a word: ``初UralSmart创企业`` for 初创企业,
    ``首UralSmart批`` for 首批."""
    while 0 < at < len(text) and _HAN.match(text[at - 1]) and _HAN.match(text[at]) and \
            not _marked(text, at):
        at += 1
    return at


def _marked(text: str, at: int) -> bool:
    if text[at - 1] in FUNCTION_CHARS or text[at] in FUNCTION_CHARS or \
            text[:at].endswith(NAME_ENDS):
        return True
    return any(m.end() == at or m.start() == at
               for m in VERBS.finditer(text, max(0, at - 2), at + 2))
