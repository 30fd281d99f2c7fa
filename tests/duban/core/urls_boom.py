"""The real URLs plus one view that fails, for the error-page tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as real_urlpatterns


def boom_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret-detail: connection string postgres://x")


urlpatterns = [path("boom/", boom_view), *real_urlpatterns]
