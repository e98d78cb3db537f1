from django.urls import path

from . import views

app_name = "community_events"

urlpatterns = [
    path("office/", views.staff_dashboard, name="staff_dashboard"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar.ics", views.ical, name="ical"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("events/<int:pk>/register/", views.register, name="register"),
    path("events/<int:pk>/check-in/", views.check_in_page, name="check_in"),
    path("events/<int:pk>/check-in/sync/", views.check_in_sync, name="check_in_sync"),
    path("events/<int:pk>/counts/", views.live_counts, name="counts"),
    path("events/<int:pk>/desk/", views.desk, name="desk"),
    path("events/<int:pk>/report/", views.event_report, name="event_report"),
    path("streets/<str:code>/report/", views.street_report, name="street_report"),
    path("tickets/", views.my_tickets, name="my_tickets"),
    path("tickets/<str:code>/", views.ticket, name="ticket"),
    path("tickets/<str:code>/answer/", views.answer_offer, name="answer_offer"),
    path("tickets/<str:code>/pledge/", views.pledge, name="pledge"),
]
