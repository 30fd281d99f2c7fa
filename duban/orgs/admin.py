from django.contrib import admin

from duban.orgs.models import CollectiveGroup, Leader, OrgUnit, Post, PostHolding, UnitAlias


class UnitAliasInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitAlias
    extra = 1


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "level", "kind", "parent", "is_active")
    list_filter = ("level", "kind", "is_active")
    search_fields = ("name", "aliases__name")
    autocomplete_fields = ("parent",)
    inlines = (UnitAliasInline,)


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


class PostHoldingInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PostHolding
    extra = 0


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "note")
    search_fields = ("name",)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "holder", "unit")
    search_fields = ("title", "holder__name")
    autocomplete_fields = ("holder", "unit")
    inlines = (PostHoldingInline,)
