from django.urls import path

from . import views

# Names without a namespace, like the core's other pages ("home", "notification_list").
urlpatterns = [
    path("", views.CalendarView.as_view(), name="calendar"),
    path("feed/", views.CalendarFeedCreateView.as_view(), name="calendar_feed_create"),
    path("feed/reset/", views.CalendarFeedResetView.as_view(), name="calendar_feed_reset"),
    # The one page open without logging in besides the login's own: see CalendarFeedView.
    path("feed/<slug:token>.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
]
