"""Malformed request parameters answer HTTP 400 with a Chinese page, never a 500.

A view raises :class:`duban.core.params.BadParameterError` wherever it parses a parameter; this
middleware turns it into the page, so no view needs its own try/except. The API's views
answer through ``duban.api.exception_handlers`` instead (DRF catches exceptions first).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duban.core.params import BadParameterError


class BadParameterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, BadParameterError):
            return None
        return render(request, "400_parameter.html", {"message": exception.message}, status=400)
