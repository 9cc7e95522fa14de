"""Pages for login accounts: a township's staff manage its accounts and handling units; the
county administrator manages townships and their staff accounts. Every page that shows an
initial password is rendered by `issued_response`, never cached."""

from .county import (
    CountyTownshipMixin,
    TownshipCreateView,
    TownshipDetailView,
    TownshipListView,
    TownshipStaffActiveView,
    TownshipStaffCreateView,
    TownshipStaffMixin,
    TownshipStaffPasswordView,
    TownshipStaffPermissionsView,
    TownshipUpdateView,
)
from .issuing import IssuingConfirmView, IssuingFormMixin, SlipsView, issued_response
from .township import (
    AccountActiveMixin,
    AccountCreateView,
    AccountListView,
    AccountMixin,
    AccountPasswordView,
    AccountSetActiveView,
)
from .units import UnitListView, UnitUpdateView

__all__ = [
    "AccountActiveMixin",
    "AccountCreateView",
    "AccountListView",
    "AccountMixin",
    "AccountPasswordView",
    "AccountSetActiveView",
    "CountyTownshipMixin",
    "IssuingConfirmView",
    "IssuingFormMixin",
    "SlipsView",
    "TownshipCreateView",
    "TownshipDetailView",
    "TownshipListView",
    "TownshipStaffActiveView",
    "TownshipStaffCreateView",
    "TownshipStaffMixin",
    "TownshipStaffPasswordView",
    "TownshipStaffPermissionsView",
    "TownshipUpdateView",
    "UnitListView",
    "UnitUpdateView",
    "issued_response",
]
