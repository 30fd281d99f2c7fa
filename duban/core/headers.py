"""Response headers that say nothing about the software behind the site.

Django's development server sends ``Server: WSGIServer/0.2 CPython/3.11.x`` unless the response
already names a server; a version tells an attacker which published holes to try. Gunicorn
sends its bare name ``gunicorn`` itself (no version) and would add a second ``Server`` line
after any the application set, so under gunicorn the header is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

SERVER_NAME = "duban"


class ServerHeaderMiddleware:
    """Replace the server's self-description with a bare product name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not request.META.get("SERVER_SOFTWARE", "").startswith("gunicorn"):
            response["Server"] = SERVER_NAME
        return response
