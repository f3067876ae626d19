"""Masking of personal names for public notices (doc/domain.md §8)."""

import unicodedata

_MASK = "*"


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK ")


def _mask_word(word: str) -> str:
    return word[:1] + _MASK * (len(word) - 1)


def mask_name(name: str) -> str:
    """Mask a person's name, keeping just enough to recognise it on a notice.

    Chinese names keep the first and last character: "张三明" → "张*明",
    "欧阳娜娜" → "欧**娜"; a two-character name keeps the first ("张三" → "张*")
    and a single character is left as it is. Other names keep the first letter
    of each word: "John Smith" → "J*** S****". Surrounding whitespace is
    stripped and inner whitespace collapsed.
    """
    words = name.split()
    if any(_is_cjk(char) for char in name):
        chinese = "".join(words)
        if len(chinese) <= 2:
            return _mask_word(chinese)
        return chinese[0] + _MASK * (len(chinese) - 2) + chinese[-1]
    return " ".join(_mask_word(word) for word in words)
