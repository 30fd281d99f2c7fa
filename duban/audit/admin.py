"""The audit trail in the admin: readable by those allowed to view it, changeable by no one.

Add, change and delete are refused for every user, superusers included, so the change page
is a read-only view and the bulk delete action is not offered; the model itself refuses
updates and deletes as well (``duban.audit.models``).
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from duban.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created_at", "actor", "action", "object_type", "object_id", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("summary", "object_id")
    readonly_fields = (
        "created_at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "summary",
        "data",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
