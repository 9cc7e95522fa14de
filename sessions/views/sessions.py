"""A session's own pages: the list, registering one (or a new term), its page, its edits and
its preparation."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from congress.numerals import document_numeral
from congress.pagination import BoundedPaginator
from congress.views_mixins import CreateOnceMixin, ServiceFormMixin, TownshipMixin

from .. import forms, selectors, services
from .common import SessionActionView, SessionMixin


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
        return session

    def get_success_message(self, session):
        return _("The session is now %(status)s.") % {"status": session.get_status_display()}


class TaskAddView(SessionActionView):
    def target(self):
        return selectors.session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, session):
        form = forms.TaskForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Give the task."))
        services.preparation_task_add(session=session, title=form.cleaned_data["title"])


class TaskMarkView(SessionActionView):
    def target(self):
        return selectors.preparation_task_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, task):
        form = forms.TaskMarkForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter a valid date."))
        services.preparation_task_mark(task=task, done_on=form.cleaned_data["done_on"])
