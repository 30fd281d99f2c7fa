"""The API's own pages: ``/api/v1/`` (the endpoint index), the schema's Swagger UI.

The index is built from the same table as the URL patterns (``duban.api.urls.ENDPOINTS``),
so an endpoint cannot be routed without being listed, nor listed without being routed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
AUTHENTICATION = (
    "系统账号在请求头中携带 Authorization: Token <令牌>（令牌由 duban token 用户名 签发）；"
    '已登录的浏览器亦可直接调用。错误一律返回 {"message": "中文说明"}。'
)


@dataclass(frozen=True)
class Endpoint:
    route: str  # as in ``path()``, relative to /api/v1/
    view: Any  # the ``as_view()`` callable
    name: str
    description: str

    @property
    def methods(self) -> list[str]:
        view = self.view.cls
        return [
            m.upper()
            for m in view.http_method_names
            if m not in ("options", "head") and hasattr(view, m)
        ]

    def url(self, prefix: str) -> str:
        """``tasks/<int:pk>/`` → ``/api/v1/tasks/{id}/`` (the schema's own spelling)."""
        return prefix + _PARAMETER.sub(
            lambda m: "{id}" if m[1] == "pk" else "{" + m[1] + "}", self.route
        )


class EntrySerializer(serializers.Serializer):  # type: ignore[misc]
    name = serializers.CharField(help_text="路由名")
    url = serializers.CharField(help_text="地址，{id} 为编号")
    methods = serializers.ListField(child=serializers.CharField(), help_text="支持的请求方法")
    description = serializers.CharField(help_text="中文说明")


class IndexSerializer(serializers.Serializer):  # type: ignore[misc]
    name = serializers.CharField()
    version = serializers.CharField()
    authentication = serializers.CharField(help_text="认证方式")
    schema = serializers.CharField(help_text="OpenAPI 3 描述文件地址")
    docs = serializers.CharField(help_text="接口文档页面地址")
    endpoints = EntrySerializer(many=True)


class ApiIndexApi(APIView):  # type: ignore[misc]
    """``GET /api/v1/``: what the API offers, so its root answers instead of a 404."""

    permission_classes = (AllowAny,)
    endpoints: tuple[Endpoint, ...] = ()

    @extend_schema(
        tags=["说明"],
        summary="接口目录",
        description="列出全部接口的地址、请求方法与中文说明；无需登录。",
        responses={200: IndexSerializer},
    )
    def get(self, request: Request) -> Response:
        prefix = reverse("api-index")
        return Response(
            {
                "name": "督办系统 API",
                "version": "v1",
                "authentication": AUTHENTICATION,
                "schema": reverse("api-schema"),
                "docs": reverse("api-docs"),
                "endpoints": [
                    {
                        "name": e.name,
                        "url": e.url(prefix),
                        "methods": e.methods,
                        "description": e.description,
                    }
                    for e in self.endpoints
                ],
            }
        )


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's static files; its start-up script is a separate file
    (``?script``), since the Content-Security-Policy allows no inline script or style."""

    url_name = "api-schema"
    title = "督办系统 API 文档"
    template_name = "api/swagger_ui.html"


class SchemaView(SpectacularAPIView):
    """The schema of v1. drf-spectacular's ``?version=`` is not read: it landed unchecked in
    the Content-Disposition header, where a newline in it was a 500 (one API version here)."""

    def _get_version_parameter(self, request: Request) -> None:
        return None
