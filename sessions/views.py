"""The sessions pages: thin views over sessions.services and sessions.selectors."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from congress.files import protected_file_response
from congress.forms import AttendanceForm, form_add_service_error
from congress.numerals import document_numeral
from congress.pagination import BoundedPaginator
from congress.pdf import pdf_response
from congress.views_mixins import CreateOnceMixin, ServiceFormMixin, TownshipMixin

from . import documents, forms, selectors, services


class SessionListView(PermissionRequiredMixin, ListView):
    permission_required = "congress_sessions.view_congresssession"
    template_name = "sessions/session_list.html"
    context_object_name = "sessions"
    paginate_by = 50
    paginator_class = BoundedPaginator

    def get_queryset(self):
        return selectors.session_list_for_user(user=self.request.user)


class SessionCreateView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    permission_required = "congress_sessions.add_congresssession"
    template_name = "sessions/session_form.html"
    form_class = forms.CongressSessionForm

    def get_initial(self):
        term = self.township.current_term
        last = selectors.session_choices(township=self.township).filter(term=term).first()
        return {"term": term, "number": (last.number + 1) if last else 1}

    def perform(self, form):
        return services.session_create(
            township=self.township, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, session):
        return _("Session “%(session)s” registered.") % {"session": session}

    def get_success_url(self, session):
        return reverse("sessions:detail", args=[session.pk])


class TermStartView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    """Staff start a new term (换届) with its first session."""

    permission_required = "congress_sessions.add_congresssession"
    template_name = "sessions/term_start.html"
    form_class = forms.TermStartForm

    def get_initial(self):
        return {"term": self.township.current_term + 1}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "township": self.township,
            "preview": selectors.term_change_preview(township=self.township),
        }

    def perform(self, form):
        return services.term_start(
            township=self.township, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, session):
        return _("Term %(term)s has begun with %(session)s.") % {
            "term": document_numeral(session.term),
            "session": session,
        }

    def get_success_url(self, session):
        return reverse("sessions:detail", args=[session.pk])


class SessionMixin:
    """A page about one session the user may read (404 otherwise)."""

    session_kwarg = "pk"

    @cached_property
    def session(self):
        return selectors.session_get_for_user(
            user=self.request.user, pk=self.kwargs[self.session_kwarg]
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.session}

    def get_success_url(self, result=None):
        return reverse("sessions:detail", args=[self.session.pk])


class SessionDetailView(PermissionRequiredMixin, SessionMixin, TemplateView):
    permission_required = "congress_sessions.view_congresssession"
    template_name = "sessions/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.session_detail(session=self.session, user=self.request.user))
        user = self.request.user
        if user.has_perm("congress_sessions.change_congresssession"):
            context["sitting_form"] = forms.SittingForm(initial={"date": self.session.end_date})
            context["task_form"] = forms.TaskForm()
        if user.has_perm("congress_sessions.add_agendaitem"):
            context["agenda_form"] = forms.AgendaItemForm()
            context["document_form"] = forms.DocumentForm()
        return context


class SessionFormView(PermissionRequiredMixin, SessionMixin, ServiceFormMixin, FormView):
    """A form about one session; on success back to the session's page."""

    permission_required = "congress_sessions.change_congresssession"
    template_name = "sessions/session_child_form.html"
    title = ""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": self.title}


class SessionEditView(SessionFormView):
    form_class = forms.SessionEditForm
    success_message = _("Saved.")

    @property
    def title(self):
        return _("Dates and venue")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.session}

    def perform(self, form):
        return services.session_update(session=self.session, **form.cleaned_data)


class ChooseView(SessionFormView):
    form_class = forms.ChooseForm
    success_message = _("Saved.")

    def choices(self):
        raise NotImplementedError

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "queryset": self.choices(),
            "label": self.title,
            "initial": {"chosen": list(self.current())},
        }


class PresidiumView(ChooseView):
    @property
    def title(self):
        return _("Presidium of the session")

    def choices(self):
        return selectors.presidium_choices(session=self.session)

    def current(self):
        return self.session.presidium.all()

    def perform(self, form):
        services.session_set_presidium(
            session=self.session, deputies=list(form.cleaned_data["chosen"])
        )


class PreparatoryActivitiesView(ChooseView):
    @property
    def title(self):
        return _("Pre-session activities")

    def choices(self):
        return selectors.preparatory_activity_choices(session=self.session)

    def current(self):
        return self.session.preparatory_activities.all()

    def perform(self, form):
        services.session_set_activities(
            session=self.session, activities=list(form.cleaned_data["chosen"])
        )


class SessionActionView(PermissionRequiredMixin, View):
    """A button on the session's page (POST only): one service call, then back to the page
    with its message, or its error in Chinese and nothing changed."""

    permission_required = "congress_sessions.change_congresssession"
    http_method_names = ["post"]

    def target(self):
        """The record acted on, the user may see it (404 otherwise)."""
        raise NotImplementedError

    def act(self, record):
        raise NotImplementedError

    def post(self, request, pk):
        record = self.target()
        try:
            message = self.act(record)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            if message:
                messages.success(request, message)
        return redirect(self.redirect_url(record))

    def redirect_url(self, record):
        session_id = getattr(record, "session_id", None) or record.pk
        return reverse("sessions:detail", args=[session_id])


class SessionMoveView(SessionActionView):
    def target(self):
        return selectors.session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, session):
        form = forms.MoveForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose a step."))
        services.session_move(
            session=session,
            move=form.cleaned_data["move"],
            by=self.request.user,
            note=form.cleaned_data["note"],
        )
        return _("The session is now %(status)s.") % {"status": session.get_status_display()}


class TaskAddView(SessionActionView):
    def target(self):
        return selectors.session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, session):
        form = forms.TaskForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Give the task."))
        services.preparation_task_add(session=session, title=form.cleaned_data["title"])
        return ""


class TaskMarkView(SessionActionView):
    def target(self):
        return selectors.preparation_task_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, task):
        form = forms.TaskMarkForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter a valid date."))
        services.preparation_task_mark(task=task, done_on=form.cleaned_data["done_on"])
        return ""


class SittingAddView(SessionActionView):
    def target(self):
        return selectors.session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, session):
        form = forms.SittingForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter the sitting's date."))
        services.sitting_add(session=session, **form.cleaned_data)
        return _("Sitting added.")


class SittingDeleteView(SessionActionView):
    def target(self):
        return selectors.sitting_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, sitting):
        services.sitting_delete(sitting=sitting)
        return _("Sitting removed.")


class SittingRollView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """Staff call the roll of a sitting: present, on approved leave, absent without leave."""

    permission_required = "congress_sessions.change_sittingattendance"
    template_name = "sessions/sitting_roll.html"
    form_class = AttendanceForm

    @cached_property
    def sitting(self):
        return selectors.sitting_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "rows": selectors.sitting_attendance_rows(sitting=self.sitting),
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sitting": self.sitting,
            "session": self.sitting.session,
            "quorum": selectors.sitting_quorum(sitting=self.sitting),
        }

    def perform(self, form):
        return services.sitting_set_attendance(
            sitting=self.sitting,
            statuses=form.statuses(),
            by=self.request.user,
            clear=form.cleaned_data["clear"],
        )

    def success_response(self, quorum):
        values = {
            "present": quorum.present,
            "in_office": quorum.in_office,
            "needed": quorum.needed,
        }
        if quorum.reached:
            messages.success(
                self.request,
                _(
                    "Roll saved: %(present)s of %(in_office)s deputies present, the quorum "
                    "(%(needed)s) is reached."
                )
                % values,
            )
        else:
            messages.warning(
                self.request,
                _(
                    "Roll saved: %(present)s of %(in_office)s deputies present, below the "
                    "quorum of %(needed)s. No vote can be recorded for this sitting."
                )
                % values,
            )
        return redirect("sessions:detail", self.sitting.session_id)


# ------------------------------------------------------------------------ agenda


class AgendaItemAddView(SessionActionView):
    permission_required = "congress_sessions.add_agendaitem"

    def target(self):
        return selectors.session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, session):
        form = forms.AgendaItemForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        services.agenda_item_save(
            session=session,
            kind=data["kind"],
            title=data["title"],
            presenter=data["presenter"],
            outcome=data["outcome"],
            order=data["order"] or None,
        )
        return _("Agenda item added.")


class AgendaItemEditView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "congress_sessions.change_agendaitem"
    template_name = "sessions/session_child_form.html"
    form_class = forms.AgendaItemForm
    success_message = _("Saved.")

    @cached_property
    def item(self):
        return selectors.agenda_item_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.item}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "session": self.item.session,
            "title": _("Agenda item"),
        }

    def perform(self, form):
        return services.agenda_item_save(
            session=self.item.session, item=self.item, **form.cleaned_data
        )

    def get_success_url(self, item):
        return reverse("sessions:detail", args=[item.session_id])


class AgendaItemDeleteView(SessionActionView):
    permission_required = "congress_sessions.delete_agendaitem"

    def target(self):
        return selectors.agenda_item_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, item):
        services.agenda_item_delete(item=item)
        return _("Agenda item removed.")


class DocumentAddView(SessionActionView):
    permission_required = "congress_sessions.add_agendadocument"

    def target(self):
        return selectors.agenda_item_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, item):
        form = forms.DocumentForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            raise ValidationError(_("Choose a file to upload."))
        document = services.agenda_document_attach(
            item=item, upload=form.cleaned_data["file"], by=self.request.user
        )
        return _("File %(name)s attached.") % {"name": document}


class DocumentView(PermissionRequiredMixin, View):
    """A document of an agenda item, for whoever may read the session."""

    permission_required = "congress_sessions.view_agendadocument"

    def get(self, request, pk):
        document = selectors.agenda_document_get_for_user(user=request.user, pk=pk)
        return protected_file_response(
            document.file,
            filename=str(document),
            inline=str(document).lower().endswith((".pdf", ".png", ".jpg", ".jpeg")),
        )


class DocumentDeleteView(SessionActionView):
    permission_required = "congress_sessions.delete_agendadocument"

    def target(self):
        return selectors.agenda_document_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, document):
        services.agenda_document_delete(document=document)
        return _("File removed.")

    def redirect_url(self, document):
        return reverse("sessions:detail", args=[document.item.session_id])


# ------------------------------------------------------------------------ votes


class VoteFormView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """A resolution's or an election's form: its sitting must have a quorum."""

    template_name = "sessions/vote_form.html"
    record = None

    @cached_property
    def session(self):
        if self.record is not None:
            return self.record.session
        return selectors.session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def sittings(self):
        return selectors.sitting_choices_with_quorum(session=self.session)

    def get_form_kwargs(self):
        kwargs = {
            **super().get_form_kwargs(),
            "session": self.session,
            "sittings": self.sittings,
        }
        if self.record is not None:
            kwargs["instance"] = self.record
        return kwargs

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "session": self.session,
            "title": self.title,
            "no_quorum": not self.sittings,
        }


class ResolutionFormView(VoteFormView):
    form_class = forms.ResolutionForm

    @property
    def title(self):
        return _("Resolution or decision")

    def perform(self, form):
        return services.resolution_record(
            session=self.session, resolution=self.record, **form.cleaned_data
        )

    def get_success_message(self, resolution):
        if resolution.adopted:
            return _("%(title)s: adopted with %(n)s votes for (more than half of %(all)s).") % {
                "title": resolution.title,
                "n": resolution.votes_for,
                "all": resolution.in_office,
            }
        return _(
            "%(title)s: not adopted; %(n)s votes for are not more than half of the %(all)s "
            "deputies in office."
        ) % {"title": resolution.title, "n": resolution.votes_for, "all": resolution.in_office}

    def get_success_url(self, resolution):
        return reverse("sessions:detail", args=[resolution.session_id])


class ResolutionAddView(CreateOnceMixin, ResolutionFormView):
    permission_required = "congress_sessions.add_resolution"


class ResolutionEditView(ResolutionFormView):
    permission_required = "congress_sessions.change_resolution"

    @cached_property
    def record(self):
        return selectors.resolution_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class ResolutionDeleteView(SessionActionView):
    permission_required = "congress_sessions.delete_resolution"

    def target(self):
        return selectors.resolution_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, resolution):
        services.resolution_delete(resolution=resolution)
        return _("Resolution removed.")


class ElectionFormView(VoteFormView):
    form_class = forms.ElectionForm

    @property
    def title(self):
        return _("Election")

    def perform(self, form):
        return services.election_save(
            session=self.session, election=self.record, **form.cleaned_data
        )

    def get_success_url(self, election):
        return reverse("sessions:election", args=[election.pk])


class ElectionAddView(CreateOnceMixin, ElectionFormView):
    permission_required = "congress_sessions.add_election"


class ElectionEditView(ElectionFormView):
    permission_required = "congress_sessions.change_election"

    @cached_property
    def record(self):
        return selectors.election_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class ElectionDeleteView(SessionActionView):
    permission_required = "congress_sessions.delete_election"

    def target(self):
        return selectors.election_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, election):
        services.election_delete(election=election)
        return _("Election removed.")


class ElectionView(PermissionRequiredMixin, TemplateView):
    """An election: its candidates and who nominated them, the count and the result; staff
    add candidates and record the count here."""

    permission_required = "congress_sessions.view_congresssession"
    template_name = "sessions/election_detail.html"

    @cached_property
    def election(self):
        return selectors.election_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def candidate_form(self, data=None):
        return forms.CandidateForm(
            data, deputies=selectors.election_deputy_choices(election=self.election)
        )

    def count_form(self, data=None):
        return forms.CountForm(data, election=self.election)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.election_detail(election=self.election))
        if self.request.user.has_perm("congress_sessions.change_election"):
            context.setdefault("candidate_form", self.candidate_form())
            if self.election.candidates.exists():
                context.setdefault("count_form", self.count_form())
        return context

    def post(self, request, pk):
        if not request.user.has_perm("congress_sessions.change_election"):
            return self.handle_no_permission()
        if "count" in request.POST:
            form = self.count_form(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.election_count(
                        election=self.election,
                        issued=data["ballots_issued"],
                        returned=data["ballots_returned"],
                        valid=data["ballots_valid"],
                        invalid=data["ballots_invalid"],
                        votes=form.votes(),
                    )
                except ValidationError as error:
                    form_add_service_error(form, error)
                else:
                    messages.success(request, _("Count recorded."))
                    return redirect("sessions:election", self.election.pk)
            return self.render_to_response(self.get_context_data(count_form=form))
        form = self.candidate_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                candidate = services.candidate_add(
                    election=self.election,
                    name=data["name"],
                    deputy=data["deputy"],
                    nominated_by=data["nominated_by"],
                    nominators=list(data["nominators"]),
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(
                    request, _("%(name)s is on the ballot.") % {"name": candidate.name}
                )
                return redirect("sessions:election", self.election.pk)
        return self.render_to_response(self.get_context_data(candidate_form=form))


class CandidateRemoveView(SessionActionView):
    permission_required = "congress_sessions.change_election"

    def target(self):
        return selectors.candidate_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, candidate):
        services.candidate_remove(candidate=candidate)
        return _("%(name)s removed from the ballot.") % {"name": candidate.name}

    def redirect_url(self, candidate):
        return reverse("sessions:election", args=[candidate.election_id])


# ------------------------------------------------------------------------ printed documents


class SessionPdfView(PermissionRequiredMixin, SessionMixin, View):
    """A printed document of the session, rendered on request (one or two pages)."""

    permission_required = "congress_sessions.view_congresssession"

    def get(self, request, pk):
        pdf, filename = self.render()
        return pdf_response(pdf, filename=filename)


class AnnouncementPdfView(SessionPdfView):
    def render(self):
        return documents.election_announcement_pdf(session=self.session)


class SummaryPdfView(SessionPdfView):
    def render(self):
        return documents.session_summary_pdf(session=self.session)
