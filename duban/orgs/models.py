"""The governments (Government), the unit directory (OrgUnit, UnitAlias, CollectiveGroup) and
the leader roster (Leader, Post)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse

from duban.core.exceptions import ApplicationError
from duban.core.models import BaseModel
from duban.orgs.naming import government_of


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


DEFAULT_GOVERNMENT_NAME = "本级人民政府"


def short_name_of(full_name: str) -> str:
    """郑州市人民政府 → 郑州市; 郑州市管城回族区人民政府 → 管城回族区 (the district's own name)."""
    place = full_name.removesuffix("人民政府").removesuffix("政府") or full_name
    if "市" in place[:-1] and place[-1] in "区县":
        place = place[place.index("市") + 1 :]
    return place


class GovernmentQuerySet(models.QuerySet["Government"]):
    def default(self) -> Government | None:
        """The government a row without one belongs to: the only one, when there is one.

        The rule for installations that hold one government (every installation before
        governments existed): a document saved without a government, or an office user
        without one, belongs to / acts for it. With several governments there is no default
        (``None``): a document must name its government and an office user without one sees
        nothing, so nothing is ever guessed across governments.
        """
        rows = list(self.order_by("pk")[:2])
        return rows[0] if len(rows) == 1 else None

    def named(self, name: str) -> Government | None:
        """By full or short name (郑州市人民政府 or 郑州市): the CLI's ``--government``."""
        return self.filter(models.Q(name=name) | models.Q(short_name=name)).first()

    def for_actor(self, actor: Any) -> Government | None:
        """The government an office user acts for: their own, else the default one."""
        if actor is None or getattr(actor, "is_superuser", False):
            return None
        government_id = getattr(actor, "government_id", None)
        if government_id is not None:
            return self.filter(pk=government_id).first()
        return self.default()

    def for_document(self, issuer: str | None) -> Government:
        """The government of a document saved without one: the one its issuer names, else the
        default; in an installation with none yet, the first one is created from the issuer
        (本级人民政府 when the issuer names no government). Several governments and no match:
        ``ApplicationError`` (the importer always passes the importer's government)."""
        government = self.for_issuer(issuer) or self.default()
        if government is not None:
            return government
        if self.exists():
            raise ApplicationError(
                "本系统有多个政府，无法判断该文件属于哪一个：请以本级督查室账号导入，或指定所属政府。"
            )
        named = government_of(issuer)
        full, level = named if named else (DEFAULT_GOVERNMENT_NAME, UnitLevel.OTHER)
        return self.create(name=full, short_name=short_name_of(full), level=level)

    def for_issuer(self, issuer: str | None) -> Government | None:
        """The government a document's issuer (发文机关) names, if it is one of ours."""
        named = government_of(issuer)
        if named is None:
            return None
        for government in self.all():
            if government.is_named(named[0]):
                return government
        return None


class Government(BaseModel):
    """One government whose 督查室 uses the installation (a city, or one of its districts).

    Each document, unit and office account belongs to one; an office sees and changes only
    its own government's ledger (``accounts.permissions``). ``unit`` is the government as a
    unit in its parent's directory (管城回族区人民政府 in the city's notices), through which a
    city task is assigned to the district.
    """

    name = models.CharField(
        "政府全称", max_length=200, unique=True, help_text="如：郑州市人民政府。"
    )
    short_name = models.CharField("简称", max_length=50, help_text="如：郑州市、管城回族区。")
    level = models.CharField("层级", max_length=16, choices=UnitLevel, default=UnitLevel.CITY)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    unit = models.OneToOneField(
        "OrgUnit",
        verbose_name="在上级名录中的单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="as_government",
        help_text="上级政府交办任务时使用的单位，如：管城回族区人民政府。",
    )

    objects = GovernmentQuerySet.as_manager()

    class Meta:
        ordering = ("level", "name")
        verbose_name = "政府"
        verbose_name_plural = "政府"

    def __str__(self) -> str:
        return self.name

    def is_named(self, full_name: str) -> bool:
        """Does a government name read from a document (郑州市管城回族区人民政府) mean this one?

        A district's documents may prefix the city (郑州市管城回族区人民政府 = 管城回族区人民政府).
        """
        return full_name == self.name or full_name.endswith(self.name)


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
    # whose directory the unit is in; null = shared (seen by every office, changed by none)
    government = models.ForeignKey(
        Government,
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )

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
    government = models.ForeignKey(
        Government,
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leaders",
    )

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
