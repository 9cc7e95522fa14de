"""What the public page (代表法 Art 58) withholds from the texts it shows: the phone numbers,
ID card numbers and e-mail addresses a deputy or a unit typed, however they typed them."""

import re

from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = {
    "phone": _("(phone number withheld)"),
    "id_card": _("(ID card number withheld)"),
    "email": _("(e-mail address withheld)"),
}

# Full-width forms (１３９, ＠, －, （）, Ｘ), the ideographic space, the other dashes, spaces and
# the invisible characters that can sit between digits, each mapped to one ASCII character: the
# copy they are looked for in keeps every position of the original, whose text outside what is
# masked is shown unchanged.
_PLAIN = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_PLAIN.update(dict.fromkeys((0x3000, 0x00A0, *range(0x2000, 0x200E), 0x202F, 0x205F), " "))
_PLAIN.update(dict.fromkeys((0x2060, 0xFEFF), " "))
_PLAIN.update(dict.fromkeys((*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63), "-"))
_PLAIN.update({0xFE6B: "@", 0xFFE5: "¥"})

SEP = r"[ \-]{0,3}"  # between any two digits: 139 1234 5678, 139-1234-5678, 1 3 9 ...


def _digits(count: int, first: str = "[0-9]") -> str:
    """`count` digits, the first of class `first`, each after an optional separator."""
    return first + (rf"(?:{SEP}[0-9]){{{count - 1}}}" if count > 1 else "")


_MONTH = rf"(?:0{SEP}[1-9]|1{SEP}[0-2])"
_DAY = rf"(?:0{SEP}[1-9]|[12]{SEP}[0-9]|3{SEP}[01])"
_BIRTH_YEAR = rf"(?:1{SEP}[89]|2{SEP}0){SEP}[0-9]{SEP}[0-9]"
_AREA_CODE = rf"0{SEP}[1-9]{SEP}[0-9](?:{SEP}[0-9])?"
# A number right after a currency sign or right before a unit is an amount, not a number to hide:
# ¥13912345678, 13912345678元, 15 000 000 000亩.
_NOT_AFTER = r"(?<![0-9])(?<![0-9]\.)(?<![¥$])(?<!人民币)"
_NOT_BEFORE = (
    r"(?![0-9])(?!\.[0-9])"
    r"(?! ?(?:元|万|亿|千|百|角|米|公里|平方|亩|公顷|吨|斤|公斤|千克|人|户|个|件|名|台|辆|套|%))"
)

PERSONAL_DATA = re.compile(
    # An e-mail address, the @ full-width or spaced or not.
    r"(?<![A-Za-z0-9._%+\-])(?P<email>[A-Za-z0-9._%+\-]+ ?@ ?"
    r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})(?![A-Za-z0-9\-])"
    # A resident ID card number: 18 characters (the last may be X), or the old 15 digits,
    # with a birth date that can be one.
    rf"|{_NOT_AFTER}(?P<id_card_18>{_digits(6, '[1-9]')}{SEP}{_BIRTH_YEAR}{SEP}{_MONTH}{SEP}"
    rf"{_DAY}{SEP}{_digits(3)}{SEP}[0-9Xx]){_NOT_BEFORE}(?![A-Za-z])"
    rf"|{_NOT_AFTER}(?P<id_card_15>{_digits(6, '[1-9]')}{SEP}{_digits(2)}{SEP}{_MONTH}{SEP}"
    rf"{_DAY}{SEP}{_digits(3)}){_NOT_BEFORE}"
    # A mobile, with +86 (0086, (+86), 86) or not.
    rf"|{_NOT_AFTER}(?P<mobile>(?:(?:\+|00)?86{SEP}|\(\+?86\){SEP})?"
    rf"1{SEP}{_digits(10, '[3-9]')}){_NOT_BEFORE}"
    # A landline with its area code, in brackets or not.
    rf"|{_NOT_AFTER}(?P<landline>(?:\({_AREA_CODE}\)|{_AREA_CODE})"
    rf"{SEP}{_digits(7, '[2-9]')}(?:{SEP}[0-9])?){_NOT_BEFORE}"
    # Any number of six digits or more after a word saying it is a phone (电话：8123456).
    r"|(?:电话|手机|热线|座机|固话|传真|联系方式|(?i:tel|phone|mobile))(?:号码|号)?[ :为是]{0,3}"
    rf"(?P<said>[0-9](?:[ \-]?[0-9]){{5,14}}){_NOT_BEFORE}"
)
_KINDS = {
    "email": "email",
    "id_card_18": "id_card",
    "id_card_15": "id_card",
    "mobile": "phone",
    "landline": "phone",
    "said": "phone",
}


def mask_personal_data(text: str) -> str:
    """The text with every phone number, ID card number and e-mail address replaced by a
    placeholder saying what was there; everything else as it was typed."""
    plain = text.translate(_PLAIN)
    pieces, kept_from = [], 0
    for found in PERSONAL_DATA.finditer(plain):
        group = next(name for name in _KINDS if found[name] is not None)
        start, end = found.span(group)
        pieces += [text[kept_from:start], str(PLACEHOLDERS[_KINDS[group]])]
        kept_from = end
    pieces.append(text[kept_from:])
    return "".join(pieces)
