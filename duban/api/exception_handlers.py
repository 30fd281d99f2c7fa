"""Every API error is ``{"message": "<Chinese text>"}`` (plus ``extra`` when there is some)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from duban.core.exceptions import ApplicationError
from duban.core.params import BadParameterError

MESSAGES = {
    401: "请先登录。",
    403: "没有权限。",
    404: "未找到。",
    405: "不支持该请求方法。",
    406: "无法按请求的格式返回结果。",
    415: "不支持该请求体类型。",
}
UNPARSABLE = "请求体格式有误，无法解析。"


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        return Response({"message": exc.message, "extra": exc.extra}, status=400)
    if isinstance(exc, BadParameterError):
        return Response({"message": exc.message}, status=400)
    if isinstance(exc, exceptions.ParseError) and not _has_chinese(str(exc.detail)):
        exc = exceptions.ParseError(UNPARSABLE)  # DRF's form parsers answer in English
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        message = MESSAGES[401]
    elif response.status_code in MESSAGES:
        message = MESSAGES[response.status_code]
    elif isinstance(detail, dict) and "detail" in detail:
        message = str(detail["detail"])
    else:
        message = "请求有误。"
    body: dict[str, Any] = {"message": message}
    if isinstance(detail, dict) and "detail" not in detail:
        body["extra"] = detail
    response.data = body
    return response
