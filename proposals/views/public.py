"""The township's public page of answered proposals (代表法 Art 58), and staff's switch that
puts one on it or takes it off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from congress.models import Township
from congress.pagination import BoundedPaginator
from congress.views_mixins import messages_add_errors

from .. import services
from ..selectors import proposal_get_for_user, public_items, public_proposals


@method_decorator(login_not_required, name="dispatch")
class PublicProposalListView(ListView):
    """Open without login: the answered proposals a township's staff chose to publish, with
    number, title, field, unit, answer category and answer, and nothing else (no names, no
    phone numbers, no ratings). A township that has published nothing has no page (404), so
    the page does not tell who uses the system."""

    template_name = "proposals/public_list.html"
    paginate_by = 30
    paginator_class = BoundedPaginator
    allow_empty = False  # no published answer: 404

    def get_queryset(self):
        # A township's name is public; nothing else of it is read here.
        self.township = get_object_or_404(
            Township.objects.only("name"), pk=self.kwargs["township_pk"]
        )
        return public_proposals(township_id=self.township.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["township"] = self.township
        context["items"] = public_items(context["page_obj"].object_list)
        return context


class ProposalPublishView(PermissionRequiredMixin, View):
    """Staff put an answered proposal on the public page, or take it off (POST)."""

    permission_required = "proposals.change_proposal"
    http_method_names = ["post"]

    def post(self, request, pk):
        proposal = proposal_get_for_user(user=request.user, pk=pk)
        published = request.POST.get("published") == "1"
        try:
            services.proposal_publish(proposal=proposal, by=request.user, published=published)
        except ValidationError as error:
            messages_add_errors(request, error)
        else:
            messages.success(
                request,
                _("It is now on the public page.")
                if published
                else _("It is no longer on the public page."),
            )
        return redirect("proposals:detail", pk)
