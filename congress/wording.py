"""The words a township's kind decides: 镇长 or 乡长, 镇人民政府 or 乡人民政府, 我镇 or 我乡.

The product's Chinese is written once, in the catalog (congress/locale/zh_Hans), as a 镇's
office reads it, with 乡镇 where it speaks of townships in general. A 乡 or a 民族乡 reads the
same catalog through a dialect (congress/locale/zh_Xiang, language code ``zh-xiang``), made
from it by `xiang_text`: each entry that names the township's kind, with 乡 in place of 镇
(and of 乡镇 when it means "this township"). The dialect holds only those entries; everything
else falls back to zh_Hans (Django falls back to LANGUAGE_CODE). So forms, errors,
notifications, slips, pages and PDFs all follow the township, with no call site knowing it.

`manage.py township_wording` rewrites the dialect from the catalog (a test fails when it is
stale); Python code that writes prose itself (the reports' drafting) uses `Township.short_kind`.
"""

import re

from django.conf import settings
from django.utils import translation

XIANG_LANGUAGE = "zh-xiang"
# The catalog's context of the words naming the kinds themselves (镇, 乡, 民族乡 as choices):
# the same for every township, left out of the dialect.
KINDS_CONTEXT = "township kind"

# Kept as they are: the law's own list of the three kinds (地方组织法: 乡、民族乡、镇), and 乡镇
# where it means townships in general (各乡镇, 其他乡镇), not this one (本乡镇 → 本乡).
KEPT_PHRASES = ("乡、民族乡、镇", "各乡镇", "其他乡镇")
_KEPT = re.compile("(" + "|".join(map(re.escape, KEPT_PHRASES)) + ")")


def xiang_text(text: str) -> str:
    """The catalog's Chinese as a 乡's office reads it: 本乡镇的问题 → 本乡的问题, 镇长 → 乡长,
    县镇两级 → 县乡两级; the KEPT_PHRASES stay."""
    parts = _KEPT.split(text)  # the kept phrases at the odd places
    return "".join(
        part if index % 2 else re.sub("乡?镇", "乡", part) for index, part in enumerate(parts)
    )


def chinese_for(township) -> str:
    """The Chinese a township reads: the 乡 dialect for a 乡 or a 民族乡, zh_Hans for a 镇 (and
    for no township: the county)."""
    if township is not None and township.short_kind == "乡":
        return XIANG_LANGUAGE
    return "zh-hans"


def language_for(township) -> str:
    """The language the site writes in for a township's users (LANGUAGE_CODE, in the
    township's words when that is Chinese)."""
    if settings.LANGUAGE_CODE == "zh-hans":
        return chinese_for(township)
    return settings.LANGUAGE_CODE


def activate_for(user) -> None:
    """Under the default Chinese, a 乡's users read the 乡 dialect (the middleware calls this
    once the user is known; a user who chose English keeps it)."""
    if translation.get_language() != settings.LANGUAGE_CODE or not user.is_authenticated:
        return
    if user.township_id is not None:
        translation.activate(language_for(user.township))


def township_language(township):
    """Write in the township's words outside its users' requests (a stored notification, a
    daily job, a Celery task): `with township_language(township): ...`."""
    return translation.override(language_for(township))
