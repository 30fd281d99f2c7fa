from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from duban.accounts.models import UnitMembership, User


class UnitMembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitMembership
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(User)
class DubanUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "display_name", "role", "leader", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("督办", {"fields": ("role", "display_name", "leader")}),
    )
    inlines = (UnitMembershipInline,)
