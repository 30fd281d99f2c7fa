from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from duban.accounts.admin_permissions import ChinesePermissionsMixin
from duban.accounts.models import UnitMembership, User
from duban.core.admin_display import yes_no


class UnitMembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitMembership
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(User)
class DubanUserAdmin(ChinesePermissionsMixin, UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "display_name", "role", "leader", yes_no("is_active", "有效"))
    list_filter = ("role", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("督办", {"fields": ("role", "display_name", "leader", "must_change_password")}),
    )
    inlines = (UnitMembershipInline,)


class DubanGroupAdmin(ChinesePermissionsMixin, GroupAdmin):
    """Django's group admin, its permissions listed in Chinese."""


admin.site.unregister(Group)
admin.site.register(Group, DubanGroupAdmin)
