from django.urls import path

from . import views

app_name = "guide"
urlpatterns = [
    path("", views.part, name="index"),
    path("img/<str:image>.png", views.image, name="image"),
    path("<str:slug>/", views.part, name="part"),
]
