"""Sort keys for people's names: the official order, 按姓氏笔画, and pinyin for searching.

Official lists (a roster, a roll call, the presidium, the candidates on a ballot, those elected)
print names in the order of the surname's strokes: fewer strokes first; the same count by the
strokes themselves, one after another, in the order 横竖撇点折 (一丨丿丶乛); the same surname, a
one-character given name (李强) before a two-character one (李克强); then the given name's
characters the same way. Databases compare text code point by code point, so the order is kept
in a derived column holding `stroke_key(name)`, which sorts as text (ORDER BY, on SQLite and
PostgreSQL alike) the way the names sort officially.

ICU's Chinese stroke collation (zh@collation=stroke) is not this order: it follows the
traditional characters' stroke counts (阝 as three strokes: 陈 in 8, 艹 as four: 蔡 in 15) and
orders a stroke count by radical, not by the strokes (方 before 王). The stroke order of the
characters comes from congress/stroke_order.txt instead (see its header).
"""

import unicodedata
from functools import cache
from pathlib import Path

from pypinyin import lazy_pinyin

STROKE_ORDER_FILE = Path(__file__).with_name("stroke_order.txt")
# The longest key kept; a 50-character name's key fits unless it is full of rare characters.
NAME_KEY_LENGTH = 255

# Surnames read otherwise than the character's everyday reading (现代汉语词典: 曾 zēng as a
# surname, not céng). Compound surnames (尉迟, 万俟, 长孙) are phrases pypinyin knows already.
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "仇": "qiu",
    "区": "ou",
    "解": "xie",
    "查": "zha",
    "朴": "piao",
    "乐": "yue",
    "覃": "qin",
    "缪": "miao",
    "翟": "zhai",
    "盖": "ge",
    "员": "yun",
    "种": "chong",
    "秘": "bi",
    "繁": "po",
    "召": "shao",
    "句": "gou",
    "隗": "wei",
    "卜": "bu",
    "都": "du",
    "折": "she",
    "阚": "kan",
    "能": "nai",
    "黑": "he",
    "重": "chong",
}
# Compound surnames beginning with one of those characters, read as pypinyin reads them.
COMPOUND_SURNAMES = {"单于"}


@cache
def _stroke_ranks() -> dict[str, int]:
    lines = STROKE_ORDER_FILE.read_text(encoding="utf-8").splitlines()
    characters = "".join(line.strip() for line in lines if not line.startswith("#"))
    return {character: rank for rank, character in enumerate(characters)}


def _name_characters(name: str) -> str:
    """The name's letters, without spaces and separators (阿依古丽·买买提), full-width folded."""
    name = unicodedata.normalize("NFKC", name or "")
    return "".join(c for c in name if unicodedata.category(c)[0] in "LN")


def _character_code(character: str, ranks: dict[str, int]) -> str:
    # Four hex digits for a character of the table (about 21,000), "u" and its code point for
    # any other (a rare character, a Latin letter): after every character of the table. No
    # code is the beginning of another, so the keys compare as the characters do.
    rank = ranks.get(character)
    return f"{rank:04x}" if rank is not None else f"u{ord(character):06x}"


def stroke_key(name: str) -> str:
    """The name's place in the official order (按姓氏笔画), as text that sorts that way."""
    characters = _name_characters(name)
    if not characters:
        return ""
    ranks = _stroke_ranks()
    surname, given = characters[0], characters[1:]
    key = (
        _character_code(surname, ranks)
        + f"{min(len(given), 0xFF):02x}"  # 单名 before 双名 under one surname
        + "".join(_character_code(c, ranks) for c in given)
    )
    return key[:NAME_KEY_LENGTH]


def pinyin_key(name: str) -> str:
    """The name in pinyin, lower case, without tones or spaces (张三: zhangsan), for finding a
    person by typing and for listing names in pinyin order."""
    characters = _name_characters(name)
    if not characters:
        return ""
    syllables = lazy_pinyin(characters)
    if characters[0] in SURNAME_READINGS and characters[:2] not in COMPOUND_SURNAMES:
        syllables[0] = SURNAME_READINGS[characters[0]]
    return "".join(syllables).lower()[:NAME_KEY_LENGTH]
