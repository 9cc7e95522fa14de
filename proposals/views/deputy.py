"""The deputy's side of proposals: their own list with what each asks of them, the duplicate
hints under the title field, the co-signers of a draft, and the files of drafts and
answers."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from congress.attachments import AttachmentForm
from congress.files import protected_file_response
from congress.forms import add_submission_token
from congress.pagination import BoundedPaginator
from congress.validators import IMAGE_EXTENSIONS, extension_of
from congress.views_mixins import CreateOnceMixin
from deputies.mixins import OwnDeputyMixin

from .. import forms, permissions, rules, services
from ..models import Proposal
from ..selectors import proposal_get_for_user
from ..selectors.deputy import (
    answer_attachment_get_for_user,
    answer_get_for_user,
    attachments_for_detail,
    my_proposals,
    proposal_attachment_get_for_user,
    similar_proposals,
)
from ..services.drafting import awaiting_confirmation
from ..workflow import Status


class MyProposalsView(OwnDeputyMixin, ListView):
    """A deputy's proposals, phone first: state, and what each asks of them now (a login
    not linked to a deputy record gets 403)."""

    template_name = "proposals/my_proposals.html"
    context_object_name = "proposals"
    paginate_by = 50
    paginator_class = BoundedPaginator

    def get_queryset(self):
        return my_proposals(user=self.request.user)


class SimilarProposalsView(PermissionRequiredMixin, TemplateView):
    """The duplicate hints under the title field (an HTML fragment the page's script asks for
    while the title is typed): ?title=...&exclude=<the draft being edited>."""

    permission_required = "proposals.add_proposal"
    template_name = "proposals/partials/_similar.html"

    def get_context_data(self, **kwargs):
        exclude = self.request.GET.get("exclude", "")
        return {
            **super().get_context_data(**kwargs),
            "similar": similar_proposals(
                user=self.request.user,
                title=self.request.GET.get("title", "")[:200],
                exclude=int(exclude) if exclude.isdigit() else None,
            ),
        }


def _file_response(attachment):
    name = str(attachment)
    return protected_file_response(
        attachment.file, filename=name, inline=extension_of(name) in IMAGE_EXTENSIONS
    )


class ProposalAttachmentView(PermissionRequiredMixin, View):
    """A file of a proposal the user may read (a draft's: its signers only)."""

    permission_required = "proposals.view_proposal"

    def get(self, request, pk):
        return _file_response(proposal_attachment_get_for_user(user=request.user, pk=pk))


class AnswerAttachmentView(PermissionRequiredMixin, View):
    """A file of an answer the user may read."""

    permission_required = "proposals.view_proposal"

    def get(self, request, pk):
        return _file_response(answer_attachment_get_for_user(user=request.user, pk=pk))


class _AttachView(PermissionRequiredMixin, CreateOnceMixin, FormView):
    """POST a file from the proposal's page; errors go back to it as messages."""

    form_class = AttachmentForm
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        # 404 for a record the user may not read, before the form is looked at.
        if self.target is None:
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_success_message(self, attachment):
        return _("File %(name)s attached.") % {"name": attachment}

    def get_success_url(self, attachment):
        return self.proposal_url()

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return redirect(self.proposal_url())


class ProposalAttachView(_AttachView):
    """The lead deputy attaches a file to their draft."""

    permission_required = "proposals.add_proposal"

    @cached_property
    def target(self):
        return proposal_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def proposal_url(self):
        return reverse("proposals:detail", args=[self.target.pk])

    def perform(self, form):
        return services.proposal_attach(
            proposal=self.target, upload=form.cleaned_data["file"], by=self.request.user
        )


class AnswerAttachView(_AttachView):
    """The unit that answered attaches a file to its answer."""

    permission_required = "proposals.answer_proposal"

    @cached_property
    def target(self):
        return answer_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def proposal_url(self):
        return reverse("proposals:detail", args=[self.target.proposal_id])

    def perform(self, form):
        return services.answer_attach(
            answer=self.target, upload=form.cleaned_data["file"], by=self.request.user
        )


def attachments_context(*, proposal, user) -> dict:
    """What the proposal page's files section needs: the files, and an upload form where the
    user may attach (their draft; their unit's answer awaiting its rating)."""
    context = attachments_for_detail(proposal=proposal, user=user)
    if permissions.may_edit_draft(user=user, proposal=proposal):
        context["proposal_file_form"] = add_submission_token(AttachmentForm())
    answer = services.current_answer(proposal)
    if answer is not None and permissions.may_attach_to_answer(user=user, answer=answer):
        context["answer_file_form"] = add_submission_token(AttachmentForm())
        context["answer_to_attach"] = answer
    return context


def _names(signers) -> str:
    return "、".join(s.deputy.name for s in signers)


def _submit_notice(proposal, confirmed: int, waiting: list) -> str:
    """What the draft's lead reads above the submit button: who has not confirmed, and
    what submitting now does with them."""
    if proposal.kind == Proposal.Kind.MOTION and confirmed < rules.MIN_MOTION_SIGNERS:
        notice = _(
            "A motion needs at least %(min)s deputies signing it jointly (Local Organic Law "
            "Art 22): %(n)s have confirmed so far, you included. It can be submitted once "
            "enough have confirmed."
        ) % {"min": rules.MIN_MOTION_SIGNERS, "n": confirmed}
        if waiting:
            notice += _(" Not yet confirmed: %(names)s.") % {"names": _names(waiting)}
        return notice
    if not waiting:
        return ""
    notice = _(
        "%(names)s have not confirmed their signature yet. If you submit now, they will not "
        "be listed as co-signers."
    ) % {"names": _names(waiting)}
    # Those whose time to confirm has passed cannot be waited for.
    today = timezone.localdate()
    days = [s.confirm_by for s in waiting if s.confirm_by and s.confirm_by >= today]
    if days:
        notice += _(" To have them listed, wait until they confirm (by %(day)s at the latest).") % {
            "day": max(days).isoformat()
        }
    return notice


def signing_context(*, proposal, user, signers) -> dict:
    """What the proposal page says of its signatures: the signers it lists (on a draft, those
    still asked; once submitted, only those who signed), the user's own signature waiting
    for an answer, and on the lead's draft the co-signers section (the rule, who has
    confirmed, the invitation, open while a motion lacks signers) and the notice above its
    submit button."""
    signers = list(signers)
    draft = proposal.status == Status.DRAFT
    context = {
        "listed_signers": [
            s for s in signers if (not s.declined_at if draft else permissions.has_signed(s))
        ],
        "my_signature": next(
            (s for s in signers if permissions.awaits_signature(user=user, signer=s)), None
        )
        if draft
        else None,
    }
    if not permissions.may_edit_draft(user=user, proposal=proposal):
        return context
    confirmed = sum(1 for s in signers if s.is_confirmed)
    waiting = awaiting_confirmation(signers)
    motion = proposal.kind == Proposal.Kind.MOTION
    invite_form = forms.InviteForm(proposal=proposal)
    context["signing"] = {
        "cosigners": [s for s in signers if not s.is_lead],
        "motion": motion,
        "min": rules.MIN_MOTION_SIGNERS,
        "confirmed": confirmed,
        "invite_open": motion and confirmed < rules.MIN_MOTION_SIGNERS,
        "invite_form": invite_form,
        "anyone_to_ask": invite_form.fields["deputies"].queryset.exists(),
        "submit_notice": _submit_notice(proposal, confirmed, waiting),
    }
    return context


def draft_submit(*, request, proposal):
    """Submit the draft; when some co-signers had not confirmed, say plainly that they are
    not listed (once submitted, no one confirms any more: those still asked are left out)."""
    proposal = services.proposal_draft_submit(proposal=proposal, by=request.user)
    left_out = awaiting_confirmation(proposal.signers.select_related("deputy"))
    if left_out:
        messages.warning(
            request,
            _("Submitted without %(names)s, who had not confirmed their signature.")
            % {"names": _names(left_out)},
        )
    return proposal
