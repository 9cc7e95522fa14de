"""The deputy's side of proposals: their own list with what each asks of them, the duplicate
hints under the title field, and the files of drafts and answers."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
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

from .. import permissions, services
from ..selectors import proposal_get_for_user
from ..selectors.deputy import (
    answer_attachment_get_for_user,
    answer_get_for_user,
    attachments_for_detail,
    my_proposals,
    proposal_attachment_get_for_user,
    similar_proposals,
)


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
