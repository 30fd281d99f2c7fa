"""Read-only API views; they use the same selectors and ``permissions.can`` as the pages."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from duban.accounts.permissions import Perm, can
from duban.core import params
from duban.orgs.selectors import unit_list
from duban.plans import selectors
from duban.plans.models import Task


class HasPerm(BasePermission):  # type: ignore[misc]
    """Grants access when ``can(user, view.perm)``; object scope is left to the selectors."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return can(request.user, view.perm)


class Pagination(PageNumberPagination):  # type: ignore[misc]
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_number(self, request: Any, paginator: Any) -> Any:
        return params.get_page(request.query_params, self.page_query_param)


class ErrorSerializer(serializers.Serializer):  # type: ignore[misc]
    """Every API error (``duban.api.exception_handlers``): one schema component for all views."""

    message = serializers.CharField(help_text="中文错误说明，可直接展示给用户")
    extra = serializers.DictField(required=False, help_text="补充信息，如各字段的错误")


class UnitRefSerializer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField(source="unit.id")
    name = serializers.CharField(source="unit.name")
    role = serializers.CharField()
    raw_name = serializers.CharField()


class TaskListApi(APIView):  # type: ignore[misc]
    perm = Perm.TASK_VIEW
    permission_classes = (HasPerm,)

    class OutputSerializer(serializers.Serializer):  # type: ignore[misc]
        id = serializers.IntegerField()
        number = serializers.IntegerField()
        text = serializers.CharField()
        list = serializers.CharField(source="task_list.title")
        document = serializers.CharField(source="task_list.document.title")
        section_path = serializers.CharField()
        deadline = serializers.CharField(source="deadline_text")

    def get(self, request: Request) -> Response:
        query = request.query_params  # malformed values: params.BadParameterError → 400
        filters = selectors.TaskFilters(
            document=params.get_id(query, "document"),
            task_list=params.get_id(query, "task_list"),
            unit=params.get_id(query, "unit"),
            leader=params.get_id(query, "leader"),
            q=params.get_text(query, "q"),
        )
        qs = selectors.task_list(user=request.user, filters=filters)
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(self.OutputSerializer(page, many=True).data)


class TaskDetailApi(APIView):  # type: ignore[misc]
    perm = Perm.TASK_VIEW
    permission_classes = (HasPerm,)

    class OutputSerializer(TaskListApi.OutputSerializer):
        baseline_text = serializers.CharField()
        span = serializers.CharField(source="span_text")
        units = UnitRefSerializer(source="assignments", many=True)
        leaders = serializers.SerializerMethodField()

        def get_leaders(self, task: Task) -> list[dict[str, Any]]:
            return [
                {
                    "post": link.post.display_title,
                    "holder": link.post.holder.name if link.post.holder else None,
                    "raw_name": link.raw_name,
                }
                for link in task.leader_links.all()
            ]

    def get(self, request: Request, pk: int) -> Response:
        task = selectors.task_get(user=request.user, pk=pk)
        return Response(self.OutputSerializer(task).data)


class UnitListApi(APIView):  # type: ignore[misc]
    perm = Perm.UNIT_VIEW
    permission_classes = (HasPerm,)

    class OutputSerializer(serializers.Serializer):  # type: ignore[misc]
        id = serializers.IntegerField()
        name = serializers.CharField()
        level = serializers.CharField()
        kind = serializers.CharField()
        parent = serializers.IntegerField(source="parent_id", allow_null=True)
        aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    def get(self, request: Request) -> Response:
        query = params.get_text(request.query_params, "q")
        qs = unit_list(user=request.user, query=query).prefetch_related("aliases")
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(self.OutputSerializer(page, many=True).data)
