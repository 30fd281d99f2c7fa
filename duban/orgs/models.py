"""The unit directory (OrgUnit, UnitAlias, CollectiveGroup) and the leader roster (Leader, Post)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from duban.core.models import BaseModel


class UnitLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县（市、区）级"
    STREET = "street", "街道（乡镇）级"
    OTHER = "other", "其他"


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    STREET_OFFICE = "street_office", "街道办事处"
    ZONE = "zone", "开发区/管委会"
    ENTERPRISE = "enterprise", "企业"
    OTHER = "other", "其他单位"


class OrgUnit(BaseModel):
    name = models.CharField("单位名称", max_length=200, unique=True)
    level = models.CharField("层级", max_length=16, choices=UnitLevel, default=UnitLevel.OTHER)
    kind = models.CharField("类别", max_length=16, choices=UnitKind, default=UnitKind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField("有效", default=True)
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta:
        ordering = ("level", "name")
        verbose_name = "单位"
        verbose_name_plural = "单位"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:unit-detail", args=[self.pk])


class UnitAlias(BaseModel):
    """Another name for a unit: 市发改委 = 市发展改革委 = 市发展和改革委员会."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="单位", on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField("别名", max_length=200, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name = "单位别名"
        verbose_name_plural = "单位别名"

    def __str__(self) -> str:
        return f"{self.name} → {self.unit.name}"


class CollectiveRule(models.TextChoices):
    EXPLICIT = "explicit", "按指定成员"
    STREETS = "streets", "全部街道办事处"
    COUNTY_GOVERNMENTS = "county_governments", "全部县（市、区）政府"
    CITY_DEPARTMENTS = "city_departments", "全部市政府部门"
    COUNTY_DEPARTMENTS = "county_departments", "全部区（县）政府部门"
    UNRESOLVED = "unresolved", "待指定（不展开）"


class CollectiveGroup(BaseModel):
    """A collective name in a notice (各街道办事处) and how it expands against the directory."""

    name = models.CharField("集合名称", max_length=200, unique=True)
    rule = models.CharField("展开规则", max_length=32, choices=CollectiveRule)
    members = models.ManyToManyField(
        OrgUnit, verbose_name="指定成员", blank=True, related_name="collective_groups"
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "集合单位"
        verbose_name_plural = "集合单位"

    def __str__(self) -> str:
        return self.name


class Leader(BaseModel):
    name = models.CharField("姓名", max_length=50, unique=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = "领导"
        verbose_name_plural = "领导"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:leader-detail", args=[self.pk])


PLACEHOLDER_TITLE = "（职务待补充）"


class Post(BaseModel):
    """A leadership post; tasks are linked to the post, so a successor inherits them.

    A post created at import for a leader whose post is unknown is a *placeholder*: its
    stored title (``<姓名>所任职务``) only keeps it unique, and pages show ``display_title``
    until the 督查室 renames it (``post_rename``).
    """

    title = models.CharField("职务", max_length=100, unique=True)
    is_placeholder = models.BooleanField("职务待补充", default=False)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="所在单位", null=True, blank=True, on_delete=models.SET_NULL
    )
    holder = models.ForeignKey(
        Leader,
        verbose_name="现任",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )

    class Meta:
        ordering = ("title",)
        verbose_name = "职务"
        verbose_name_plural = "职务"

    def __str__(self) -> str:
        return f"{self.display_title}（{self.holder or '空缺'}）"

    @property
    def display_title(self) -> str:
        return PLACEHOLDER_TITLE if self.is_placeholder else self.title

    def get_absolute_url(self) -> str:
        return reverse("orgs:post-detail", args=[self.pk])


class PostHolding(BaseModel):
    """History of who held a post, written by ``post_assign_holder``."""

    post = models.ForeignKey(
        Post, verbose_name="职务", on_delete=models.CASCADE, related_name="holdings"
    )
    leader = models.ForeignKey(
        Leader, verbose_name="领导", on_delete=models.CASCADE, related_name="holdings"
    )
    started_at = models.DateTimeField("任职起")
    ended_at = models.DateTimeField("任职止", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        ordering = ("post", "-started_at")
        verbose_name = "任职记录"
        verbose_name_plural = "任职记录"

    def __str__(self) -> str:
        return f"{self.leader} {self.post.display_title}"
