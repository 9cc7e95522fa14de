"""Names sort by the numbers in them: 第二选区 before 第十选区, 第十一 before 第十二."""

import re

import cn2an

# A run of digits, or of Chinese numerals (一、十、百、两、〇…).
NUMBER_RUN = re.compile(r"\d+|[零〇一二两三四五六七八九十百千万]+")
# Numbers are zero-padded to this width, so that text order is number order.
NUMBER_WIDTH = 8
SORT_KEY_LENGTH = 255


def _padded_number(match: re.Match) -> str:
    text = match.group()
    try:
        number = int(text) if text.isdigit() else int(cn2an.cn2an(text, "normal"))
    except ValueError:  # 百合村, 万家: the characters are no number there
        return text
    return str(number).zfill(NUMBER_WIDTH)


def natural_sort_key(name: str) -> str:
    """The name with every number in it, in digits or Chinese numerals, as a padded number."""
    return NUMBER_RUN.sub(_padded_number, name)[:SORT_KEY_LENGTH]
