"""What a deputy reads: their own proposals with what each asks of them, the township's similar
earlier proposals while they write a title, and the files of proposals and answers."""

import dataclasses
import functools
import operator
import re
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.roles import Role
from congress.scoping import get_visible_or_404, visible_to
from deputies.models import Deputy
from deputies.selectors import deputies_in_office_on

from .. import permissions
from ..masking import mask_personal_data
from ..models import Answer, AnswerAttachment, Proposal, ProposalAttachment, ProposalSigner, Rating
from ..permissions import PUBLIC_STATES
from ..workflow import PRIVATE_STATES, Status
from .proposals import proposal_list_for_user

# ----------------------------------------------------------------------------- similar titles

SIMILAR_LIMIT = 5
# Words nearly every title holds (关于……的建议): sharing them says nothing. Removed before the
# title is cut into pairs of characters.
COMMON_WORDS = (
    "关于",
    "建议",
    "意见",
    "议案",
    "批评",
    "要求",
    "请求",
    "希望",
    "进一步",
    "加强",
    "加快",
    "推进",
    "提高",
    "完善",
    "解决",
    "问题",
    "有关",
    "相关",
    "我镇",
    "本镇",
    "全镇",
    "我乡",
    "本乡",
    "全乡",
)
# Single characters that join words (的, 和 ...): a pair across them is not a word.
JOINING_CHARACTERS = "的地得了和与及或等对在把将为是有"
MAX_PAIRS = 30  # a 200-character title is compared by its first 30 distinct pairs
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LATIN_WORD = re.compile(r"[0-9A-Za-z]{2,}")


def title_pairs(title: str) -> list[str]:
    """The pairs of adjacent Chinese characters (bigrams) a title is compared by, in order,
    without the common words and never across a joining character; plus Latin words and
    numbers of two characters or more (G318, 5G)."""
    text = title
    for word in COMMON_WORDS:
        text = text.replace(word, " ")
    pairs: list[str] = []
    for run in HAN_RUN.findall(text):
        for part in re.split(f"[{JOINING_CHARACTERS}]", run):
            pairs += [part[i : i + 2] for i in range(len(part) - 1)]
    pairs += [word.upper() for word in LATIN_WORD.findall(text)]
    return list(dict.fromkeys(pairs))[:MAX_PAIRS]


@dataclass(frozen=True)
class SimilarProposal:
    """A similar proposal the user may see the title of, and where it can be read."""

    pk: int
    title: str
    number_label: str
    year: int | None
    status_label: str
    shared: int
    url: str  # its page if the user may read it, else the township's public page


@dataclass(frozen=True)
class SimilarHints:
    """The hints under the title field: the similar proposals the user may already read or
    anyone may read on the public page, by title; the others only counted, with their fields."""

    shown: list[SimilarProposal]
    others: int = 0
    other_fields: list[str] = dataclasses.field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.shown or self.others)


def similar_proposals(
    *, user, title: str, exclude: int | None = None, limit: int = SIMILAR_LIMIT
) -> SimilarHints:
    """The township's earlier proposals whose titles share the most pairs of characters with
    `title`, most first, then newest: submitted or later only, never a draft (another
    deputy's drafts are theirs alone). So that a deputy does not submit the same matter twice
    yet reads nothing of another's proposal they could not open: those they may read
    (proposal_list_for_user) show with title, number, year and state; those on the public page
    with the public page's masked title and number; any other only in a count by field.
    At least two shared pairs are needed (one for a title of a single pair). Two queries,
    however many proposals there are."""
    pairs = title_pairs(title)
    if not pairs or user.township_id is None:
        return SimilarHints(shown=[])
    shared = functools.reduce(
        operator.add,
        (Case(When(title__icontains=pair, then=Value(1)), default=Value(0)) for pair in pairs),
    )
    readable = Exists(proposal_list_for_user(user=user).filter(pk=OuterRef("pk")))
    public = Q(published=True, status__in=PUBLIC_STATES)
    candidates = (
        Proposal.objects.filter(township_id=user.township_id)
        .exclude(status__in=PRIVATE_STATES)
        .filter(functools.reduce(operator.or_, (Q(title__icontains=pair) for pair in pairs)))
        .annotate(shared=ExpressionWrapper(shared, output_field=IntegerField()))
        .filter(shared__gte=min(2, len(pairs)))
        .annotate(readable=readable)
    )
    if exclude:
        candidates = candidates.exclude(pk=exclude)
    found = candidates.filter(public | Q(readable=True)).order_by("-shared", "-submitted_at", "-pk")
    hidden_by_field = (
        candidates.exclude(public)
        .filter(readable=False)
        .order_by()
        .values("field__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "field__order", "field__name")
    )
    others = list(hidden_by_field)
    public_page = reverse("public:proposals", args=[user.township_id])
    return SimilarHints(
        shown=[_similar(p, public_page) for p in found[:limit]],
        others=sum(row["count"] for row in others),
        other_fields=[row["field__name"] for row in others if row["field__name"]],
    )


def _similar(proposal: Proposal, public_page: str) -> SimilarProposal:
    if proposal.readable:
        return SimilarProposal(
            pk=proposal.pk,
            title=proposal.title,
            number_label=proposal.number_label,
            year=timezone.localtime(proposal.submitted_at).year if proposal.submitted_at else None,
            status_label=proposal.get_status_display(),
            shared=proposal.shared,
            url=reverse("proposals:detail", args=[proposal.pk]),
        )
    # What the public page shows of it, and no more: its masked title and its number.
    return SimilarProposal(
        pk=proposal.pk,
        title=mask_personal_data(proposal.title),
        number_label=proposal.number_label,
        year=None,
        status_label=str(_("answer published")),
        shared=proposal.shared,
        url=public_page,
    )


# ----------------------------------------------------------------------------- my proposals


def my_proposals(*, user) -> QuerySet[Proposal]:
    """A deputy's proposals: those they lead or signed, or are asked to sign, drafts
    included, newest first; each says what it asks of them now (`asks_cosign`: confirm their
    signature before its deadline; `asks_rating`: rate the current answer, as a signer who
    has not yet; `asks_submit`: their own draft waits to be submitted). Joined and annotated
    in one query."""
    if user.role != Role.DEPUTY:
        return Proposal.objects.none()
    mine = ProposalSigner.objects.filter(proposal=OuterRef("pk"), deputy__user=user)
    current_answer = (
        Answer.objects.filter(proposal=OuterRef("pk"), returned=False)
        .order_by("-answered_at", "-pk")
        .values("pk")[:1]
    )
    today = timezone.localdate()
    return (
        proposal_list_for_user(user=user)
        .select_related("deputy", "handling_unit", "session", "field")
        .annotate(
            is_lead_signer=Exists(mine.filter(is_lead=True)),
            my_confirm_by=Subquery(mine.values("confirm_by")[:1]),
            declined=Exists(mine.filter(declined_at__isnull=False)),
            asks_submit=Exists(mine.filter(is_lead=True, proposal__status=Status.DRAFT)),
            asks_cosign=Exists(
                mine.filter(
                    Q(confirm_by__isnull=True) | Q(confirm_by__gte=today),
                    is_lead=False,
                    confirmed_at__isnull=True,
                    declined_at__isnull=True,
                    proposal__status=Status.DRAFT,
                )
            ),
            may_rate=Exists(mine.filter(permissions.signed_q(), proposal__status=Status.ANSWERED)),
            current_answer_id=Subquery(current_answer),
            rated_current=Exists(
                Rating.objects.filter(answer_id=OuterRef("current_answer_id"), deputy__user=user)
            ),
        )
        .annotate(
            asks_rating=ExpressionWrapper(
                Q(may_rate=True) & Q(rated_current=False), output_field=BooleanField()
            )
        )
        .order_by("-asks_cosign", "-asks_rating", "-pk")
    )


# ----------------------------------------------------------------------------- attachments


def proposal_attachments_readable(*, user) -> QuerySet[ProposalAttachment]:
    """The files of the proposals the user may read: a draft's only for its signers."""
    return visible_to(ProposalAttachment.objects.select_related("proposal"), user).filter(
        proposal__in=proposal_list_for_user(user=user).values("pk")
    )


def proposal_attachment_get_for_user(*, user, pk: int) -> ProposalAttachment:
    """A file of a proposal the user may read; 404 otherwise."""
    return get_object_or_404(proposal_attachments_readable(user=user), pk=pk)


def answer_attachment_get_for_user(*, user, pk: int) -> AnswerAttachment:
    """A file of an answer the user may read (staff and members of the township, the
    proposal's signers, the unit that answered); 404 otherwise."""
    return get_visible_or_404(
        AnswerAttachment.objects.select_related("answer__proposal"), user, pk=pk
    )


def answer_get_for_user(*, user, pk: int) -> Answer:
    """An answer the user may read, with its proposal and unit; 404 otherwise."""
    return get_visible_or_404(
        Answer.objects.select_related("proposal__township", "unit"), user, pk=pk
    )


def attachments_for_detail(*, proposal: Proposal, user) -> dict:
    """The files a proposal's page lists: the proposal's own, and each answer's the user may
    read, answers oldest first (two queries)."""
    answer_files = visible_to(
        AnswerAttachment.objects.filter(answer__proposal=proposal).select_related(
            "answer__unit", "answer__category"
        ),
        user,
    ).order_by("answer__answered_at", "answer_id", "pk")
    return {
        "proposal_files": list(proposal.attachments.all()),
        "answer_files": list(answer_files),
    }


# ----------------------------------------------------------------------------- co-signers


def cosigner_choices(*, proposal: Proposal) -> QuerySet[Deputy]:
    """The deputies a draft's lead may ask to co-sign: of its township, in office today, with
    an active login account (each confirms online), and not asked yet."""
    return (
        deputies_in_office_on(township=proposal.township_id, day=timezone.localdate())
        .filter(user__is_active=True)
        .exclude(signatures__proposal=proposal)
    )
