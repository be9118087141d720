"""PyYAML's and libyaml's problem texts, said in Chinese.

The parsers report a fixed set of English problems (libyaml's C strings when the C
loader runs, PyYAML's own when the pure loader does, some with a quoted token in them).
Each is matched here by its words; one this table does not know becomes a plain
Chinese sentence, never the English text (tests/test_zh_messages.py lists every
problem both parsers can report).
"""
from __future__ import annotations

import re

_TAB = "缩进里有 Tab 字符:YAML 只能用空格缩进,请把 Tab 换成空格"
_MAP = "此处不能写「键: 值」(上一行缺了缩进或冒号后多了内容?含冒号的文本请加引号)"
# (pattern over the English problem, the Chinese sentence); first match wins.
TABLE: tuple[tuple[str, str], ...] = (
    (r"tab character|'\\t'", _TAB),
    (r"sequence entries are not allowed", "此处不能开始列表项「- 」,请检查缩进"),
    (r"^control characters are not allowed|^special characters are not allowed",
     "文本中有不允许的控制字符"),
    (r"^could not find expected ':'", "找不到应有的半角冒号 :(键后面要写半角冒号和一个空格)"),
    (r"expected ',' or '\]'", "方括号列表里缺少半角逗号 , 或右方括号 ]"),
    (r"expected ',' or '}'", "花括号里缺少半角逗号 , 或右花括号 }"),
    (r"expected '-' indicator", "缺少列表项开头的「- 」"),
    (r"expected <document start>|expected '<document start>'", "缺少文档开头「---」"),
    (r"expected <block end>|did not find expected key", "缺少应有的键(请检查缩进是否对齐)"),
    (r"expected node content|expected the node content", "缺少应有的值"),
    (r"expected comment or line break|expected a comment or a line break",
     "值后面只能是注释或换行"),
    (r"expected whitespace|expected ' '", "缺少空格或换行"),
    (r"cannot start any token", "此处的字符不能作为值的开头(例如 Tab、@ 或 `),请删除它或给值加引号"),
    (r"unexpected ':'", "此处多了一个冒号 :,含冒号的文本请加引号"),
    (r"document indicator|document separator", "此处不应出现「---」或「...」"),
    (r"end of stream|end of the stream", "文件意外结束(引号或括号没有闭合?)"),
    (r"escape character|escape code|escaped octet|hexdecimal number",
     "双引号文本里有无效的转义(反斜杠 \\ 后面的字符);不需要转义时请改用单引号"),
    (r"tag handle|tag URI|expected '!'|expected '>'|tag directive|%TAG",
     "无效的 YAML 标签"),
    (r"directive|version number|%YAML|incompatible", "无效的 YAML 指令(以 % 开头的行)"),
    (r"^mapping keys are not allowed|^mapping values are not allowed", _MAP),
    (r"UTF-8|unicode|surrogate", "文本中有无效的字符编码"),
    (r"alphabetic or numeric character", "锚点或别名(& 或 *)后面必须是字母或数字"),
    (r"chomping or indentation", "块文本符号 | 或 > 后面只能写 +、- 或 1-9 的缩进数字"),
    (r"indentation indicator", "块文本的缩进标记不能是 0"),
    (r"expected a digit", "%YAML 指令的版本号无效"),
    (r"too long|extremely long", "内容过长"),
    (r"^expected ", "此处的写法不符合 YAML 语法"),
)
_COMPILED = tuple((re.compile(p, re.I), zh) for p, zh in TABLE)
UNKNOWN = "此处的写法不符合 YAML 语法"


def in_chinese(problem: str) -> str:
    """The Chinese sentence for one English YAML problem text."""
    for pattern, zh in _COMPILED:
        if pattern.search(problem):
            return zh
    return UNKNOWN


def known(problem: str) -> bool:
    """Whether a specific sentence (not the generic one) says `problem`."""
    return any(pattern.search(problem) for pattern, _ in _COMPILED[:-1])
