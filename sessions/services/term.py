"""The change of term (换届): a new term's first session, the old mandates ended."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.models import Township, User
from congress.numerals import document_numeral
from deputies.models import Mandate
from deputies.services import term_mandates_expire

from ..models import CongressSession
from .sessions import session_create


@transaction.atomic
def term_start(
    *,
    township: Township,
    term: int,
    start_date: datetime.date,
    end_date: datetime.date,
    venue: str,
    by: User,
) -> CongressSession:
    """Begin a new term with its first session (换届): the township's current term moves on,
    the earlier terms' township mandates end on the first session's opening day (组织法 Art 9:
    a term lasts until the next one's first session), and the records of the old term stay as
    they were. The deputies elected for the new term must be registered first."""
    township = Township.objects.select_for_update().get(pk=township.pk)
    if term != township.current_term + 1:
        raise ValidationError(
            {
                "term": _("The term after the current %(current)s is %(next)s.")
                % {
                    "current": document_numeral(township.current_term),
                    "next": document_numeral(township.current_term + 1),
                }
            }
        )
    elected = Mandate.objects.filter(
        deputy__township=township, level=Mandate.Level.TOWNSHIP, term=term
    )
    if not elected.exists():
        raise ValidationError(
            _(
                "No deputy of term %(term)s is registered yet: add the deputies elected for it "
                "(on their pages or by importing the roster) first."
            )
            % {"term": document_numeral(term)}
        )
    township.current_term = term
    township.full_clean()
    township.save(update_fields=["current_term"])
    term_mandates_expire(township=township, term=term, day=start_date, by=by)
    return session_create(
        township=township,
        term=term,
        number=1,
        start_date=start_date,
        end_date=end_date,
        venue=venue,
        by=by,
    )
