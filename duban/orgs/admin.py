from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from duban.core.admin_display import yes_no
from duban.orgs.models import CollectiveGroup, Leader, OrgUnit, Post, PostHolding, UnitAlias
from duban.orgs.signals import collective_members_added, collective_units_announce


class UnitAliasInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitAlias
    extra = 1


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "level", "kind", "parent", yes_no("is_active", "有效"))
    list_filter = ("level", "kind", "is_active")
    search_fields = ("name", "aliases__name")
    autocomplete_fields = ("parent",)
    inlines = (UnitAliasInline,)

    def save_model(self, request: HttpRequest, obj: OrgUnit, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change or {"level", "kind", "is_active"} & set(form.changed_data):
            collective_units_announce(units=[obj], actor=request.user)  # the groups' tasks


@admin.register(UnitAlias)
class UnitAliasAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "unit")
    search_fields = ("name", "unit__name")
    autocomplete_fields = ("unit",)


@admin.register(CollectiveGroup)
class CollectiveGroupAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "rule")
    list_filter = ("rule",)
    filter_horizontal = ("members",)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        group = form.instance
        before = set(group.members.values_list("pk", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        added = [u for u in group.members.filter(is_active=True) if u.pk not in before]
        if added:  # members added here get the group's tasks, as with the services
            collective_members_added.send(
                sender=CollectiveGroup, group=group, units=added, actor=request.user
            )


class PostHoldingInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PostHolding
    extra = 0


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "note")
    search_fields = ("name",)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", yes_no("is_placeholder", "职务待补充"), "holder", "unit")
    list_filter = ("is_placeholder",)
    search_fields = ("title", "holder__name")
    autocomplete_fields = ("holder", "unit")
    inlines = (PostHoldingInline,)
