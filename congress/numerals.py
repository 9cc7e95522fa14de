"""Numbers as official documents write them: 第十八届, 第二次."""

import cn2an
from django.utils import translation


def chinese_numeral(number: int) -> str:
    """18 -> 十八, 2 -> 二, 21 -> 二十一."""
    return cn2an.an2cn(int(number))


def document_numeral(number: int) -> str:
    """A term or session number as the active language writes it in a name: Chinese
    documents write 第十八届 (Chinese numerals), English ones "term 18"."""
    if (translation.get_language() or "").startswith("zh"):
        return chinese_numeral(number)
    return str(number)
