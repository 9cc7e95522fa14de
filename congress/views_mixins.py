"""The two ways a page calls a service (a form: ServiceFormMixin; a button: ServiceActionView),
the page of a workflow's move (WorkflowMoveView), and the small pieces the apps' views share:
the year and the township a page is about, a form posted from a record's page."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from .forms import (
    SUBMISSION_TOKEN,
    add_submission_token,
    form_add_service_error,
    renew_submission_token,
)
from .scoping import acting_township
from .services import AlreadySubmitted, form_submission_claim, form_submission_complete
from .workflow import Move, Workflow
from .years import reporting_year


class ServiceFormMixin:
    """form_valid calls `perform(form)` (one service); a ValidationError from it goes back to
    the form in Chinese, nothing saved; success adds `success_message` and redirects (or
    whatever `success_response` returns)."""

    success_message = ""

    def perform(self, form):
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return self.success_message

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        return self.success_response(result)

    def success_response(self, result):
        """By default a message and a redirect; a page that must show what the service
        returned only once (an initial password) renders it instead."""
        message = self.get_success_message(result)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url(result))

    def get_success_url(self, result):  # noqa: D401 - same name as Django's, takes the result
        return self.success_url


def messages_add_errors(request, error: ValidationError) -> None:
    """Each of a service's refusals as an error message on the next page, in Chinese."""
    for text in error.messages:
        messages.error(request, text)


class ServiceActionView(View):
    """A button (a POST, nothing else) that calls one service on one record: back to the page
    with the service's message, or with each of its refusals in Chinese and nothing changed.

    A subclass names the record (`target`, 404 when the user may not see it), the call (`act`,
    whose result `get_success_message` and `get_success_url` receive) and where to go back.
    """

    http_method_names = ["post"]
    success_message = ""

    def target(self):
        raise NotImplementedError

    def act(self, record):
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return self.success_message

    def get_success_url(self, record, result) -> str:
        raise NotImplementedError

    def get_error_url(self, record) -> str:
        return self.get_success_url(record, None)

    def post(self, request, *args, **kwargs):
        record = self.target()
        try:
            result = self.act(record)
        except ValidationError as error:
            messages_add_errors(request, error)
            return redirect(self.get_error_url(record))
        if message := self.get_success_message(result):
            messages.success(request, message)
        return redirect(self.get_success_url(record, result))


@dataclass(frozen=True)
class MoveStep:
    """What a move page does for one move: the form it shows and the service call it makes,
    `perform(view, record, cleaned_data)`, whose result the success message and URL receive."""

    form: type[forms.BaseForm]
    perform: Callable[[Any, Any, Mapping[str, Any]], Any]


class WorkflowMoveView(ServiceFormMixin, FormView):
    """The page of one move of a workflow on one record, driven by one table, `moves`
    ({move name: MoveStep}): the move's form, its service, and so which moves a page offers.

    The move comes from the URL (`move_kwarg`): 404 when the workflow or the table does not
    have it, 403 when the user lacks the move's permission; both before the record
    (`get_record`, 404 for one the user may not read) is looked at. Whether the move is
    allowed on this record now is the service's to say, as a form error. A subclass puts its
    PermissionRequiredMixin first, names the record (`get_record`, `context_object_name`),
    gives each form what it needs (`get_move_form_kwargs`), and says where to go next.
    """

    workflow: ClassVar[Workflow]
    moves: ClassVar[Mapping[str, MoveStep]] = {}
    record_kwarg = "pk"
    move_kwarg = "move"
    context_object_name = "object"

    @classmethod
    def moves_for(cls, *, user, record) -> list[Move]:
        """The moves of this page's table that this user may make on this record now: the
        buttons of the record's page."""
        return [
            move
            for move in cls.workflow.moves_for(user=user, record=record)
            if move.name in cls.moves
        ]

    def get_record(self):
        """The record, by `self.kwargs[self.record_kwarg]`; 404 when the user may not read it."""
        raise NotImplementedError

    @cached_property
    def record(self):
        return self.get_record()

    @cached_property
    def move(self) -> Move:
        try:
            move = self.workflow.move(self.kwargs[self.move_kwarg])
        except KeyError:
            raise Http404 from None
        if move.name not in self.moves:
            raise Http404
        if not self.request.user.has_perm(move.permission):
            raise PermissionDenied
        return move

    @property
    def step(self) -> MoveStep:
        return self.moves[self.move.name]

    def dispatch(self, request, *args, **kwargs):
        self.move  # noqa: B018 - 404 or 403 before the record is looked at
        self.record  # noqa: B018 - 404 for a record the user may not read
        return super().dispatch(request, *args, **kwargs)

    def get_move_form_kwargs(self) -> dict[str, Any]:
        """What the forms of this table need besides the data and the move."""
        return {}

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method in ("POST", "PUT") else None
        return self.step.form(data, move=self.move, **self.get_move_form_kwargs())

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            self.context_object_name: self.record,
            "move": self.move,
        }

    def perform(self, form):
        return self.step.perform(self, self.record, form.cleaned_data)


class CreateOnceMixin(ServiceFormMixin):
    """A page that creates a record makes one record per form shown, however often the form
    is sent: a double click, the browser's "resubmit" or a POST replayed twice at once.

    The form carries a one-time token (a hidden field); the token is stored, under a unique
    key, in the same transaction as the record. The second request with that token waits for
    the first, finds it used and lands on the first one's result page with a message.
    A table of used tokens in the core serves every model, rather than a unique column on
    each; a failed submission rolls its token back, so a corrected form goes through.
    """

    submit_once = True  # False on a subclass that edits instead of creating
    already_submitted_message = gettext_lazy(
        "This form had already been submitted; it was not saved a second time."
    )

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        return add_submission_token(form) if self.submit_once else form

    def form_invalid(self, form):
        renew_submission_token(form)
        return super().form_invalid(form)

    def form_valid(self, form):
        if not self.submit_once:
            return super().form_valid(form)
        token = form.cleaned_data.pop(SUBMISSION_TOKEN)
        try:
            with transaction.atomic():
                submission = form_submission_claim(token=token, user=self.request.user)
                result = self.perform(form)
                url = str(self.get_success_url(result))
                form_submission_complete(submission=submission, url=url)
        except AlreadySubmitted as first:
            messages.info(self.request, self.already_submitted_message)
            return redirect(first.url or self.request.path)
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        return self.success_response(result)


FIRST_YEAR = 1980  # the first year a page may be about (records entered from paper)
# The year the user last chose, for the next page that takes a year: a cookie of the browser's
# session ("<user id>:<year>", so that the next person to log in on the computer starts afresh)
# rather than the login session, which a choice would then write to the database.
YEAR_COOKIE = "renda_year"


def _a_year(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= timezone.localdate().year + 1 else None


def _kept_year(request) -> int | None:
    user_id, _colon, year = request.COOKIES.get(YEAR_COOKIE, "").partition(":")
    return _a_year(year) if user_id == str(request.user.pk) else None


def year_for_request(request) -> int:
    """The year a page is about: ?year=2024 (kept for the next page: year_keep); without one,
    the year last chosen; else the township's reporting year (congress.years.reporting_year:
    last year until its work report is final). A year before 1980 or after next year is not
    a choice."""
    year = _a_year(request.GET.get("year"))
    if year is not None:
        request.chosen_year = year
        return year
    year = _kept_year(request)
    if year is not None:
        return year
    return reporting_year(township=getattr(request.user, "township", None))


def year_keep(request, response):
    """Keeps the year chosen on this request for the next page that takes a year."""
    year = getattr(request, "chosen_year", None)
    if year is not None and year != _kept_year(request):
        response.set_cookie(
            YEAR_COOKIE,
            f"{request.user.pk}:{year}",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


class YearMixin:
    """The year a page is about: ?year=2024, else the year the user last chose, else the
    township's reporting year (year_for_request); the year chosen is kept (year_keep)."""

    @cached_property
    def year(self) -> int:
        return year_for_request(self.request)

    def dispatch(self, request, *args, **kwargs):
        return year_keep(request, super().dispatch(request, *args, **kwargs))


class TownshipMixin:
    """The township the signed-in user works in, for pages that create or list its records;
    a user of no township (a county viewer) may not use such a page."""

    @cached_property
    def township(self):
        return acting_township(self.request.user)


class TownshipFormMixin(TownshipMixin):
    """A page whose form creates or edits the township's records: the form gets the township
    (to offer only its units, deputies, campaigns...)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.township}


class FormErrorsAsMessagesMixin:
    """A form posted from a record's page, not shown on a page of its own (an upload): when
    it is invalid, each of its errors is a message on that page (`get_error_url`)."""

    def get_error_url(self) -> str:
        return self.get_success_url(None)

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return redirect(self.get_error_url())


class FilterFormListMixin:
    """A list filtered by a form whose `filters()` are its selector's arguments (the filtering
    rule stays in the selector): the form is bound to the query (less `page` and the other
    `query_ignored` keys, so paging and exports keep the filters), `list_for_user(user=...,
    **filters)` gives the rows, none when the form is invalid (its errors show instead), and
    the template gets `filter_form` and `query` (the filters, for the pages' links)."""

    filter_form_class: type[forms.Form]
    list_for_user: Callable[..., Any]  # the selector, as staticmethod(...)
    query_ignored: ClassVar[tuple[str, ...]] = ("page",)
    rows_when_invalid: ClassVar[bool] = False

    def get_filter_form_kwargs(self) -> dict:
        return {}

    def filter_query(self):
        query = self.request.GET.copy()
        for key in self.query_ignored:
            query.pop(key, None)
        return query

    @cached_property
    def filter_form(self):
        return self.filter_form_class(self.filter_query() or None, **self.get_filter_form_kwargs())

    def get_queryset(self):
        rows = self.list_for_user(user=self.request.user, **self.filter_form.filters())
        invalid = self.filter_form.is_bound and not self.filter_form.is_valid()
        return rows.none() if invalid and not self.rows_when_invalid else rows

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "filter_form": self.filter_form,
            "query": self.filter_query().urlencode(),
        }


class ListWithAddFormMixin:
    """A list page that carries the form to add one more: whoever may read the list sees it,
    only holders of `add_permission` may post the form (the template asks `can_add`)."""

    add_permission = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_perm(self.add_permission)
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(self.add_permission):
            return self.handle_no_permission()
        return super().post(request, *args, **kwargs)
