"""The 后台 shows an import's program data in Chinese: a task's parse record and a batch's
document information as summaries (never raw JSON keys, never an editable JSON box), booleans
as 是/否, and Django's permissions named by model and action."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from duban.accounts.admin_permissions import permission_label
from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.orgs.models import OrgUnit
from duban.plans import admin_summary
from duban.plans.models import Task
from duban.plans.provenance import MANUAL_WORDS, mark_manual

pytestmark = pytest.mark.django_db

RAW_KEYS = ('"doc_number":', '"source_format":', '"role":', '"section_path":', '"units":')


def _raw_json_in(page: str) -> list[str]:
    """The stored JSON's keys as they would show in a JSON box (its quotes HTML-escaped)."""
    text = html.unescape(page)
    return [key for key in RAW_KEYS if key in text]


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(
        user_create(username="gly01", password="pw-123456", role=Role.ADMIN, superuser=True)
    )
    return client


def test_a_task_record_reads_as_its_duty_fields(import_basic: Callable[..., Any]) -> None:
    import_basic()
    task = Task.objects.get(number=1)
    shown = str(admin_summary.record_summary(task.source_data))
    assert "<dt>牵头单位</dt><dd>市发展和改革委员会</dd>" in shown
    assert "<dt>责任领导</dt><dd>张三" in shown
    assert "<dt>原文</dt><dd>地区生产总值增长7%以上。</dd>" in shown
    assert _raw_json_in(shown) == []
    corrected = mark_manual(task.source_data, {"deadline", "lead_units"})
    assert f"市发展和改革委员会（{MANUAL_WORDS}）" in str(admin_summary.record_summary(corrected))
    assert admin_summary.record_summary({}) == admin_summary.NO_RECORD
    assert "任务 7 结转" in admin_summary.record_summary({"carried_from": 7})
    assert "版本" in admin_summary.record_summary({"record": "other/9"})  # the Chinese refusal


def test_document_information_reads_as_the_notice_header() -> None:
    shown = str(
        admin_summary.document_summary(
            {
                "title": "关于印发<任务>的通知",
                "doc_number": "测政办〔2024〕1号",
                "year": 2024,
                "recipients": None,
                "lists": [{"title": "2024年重点工作", "first_lead_rule": True, "span": "第5行"}],
                "schedule": {"monthly": {"day": 10, "covers_previous_period": True}},
            }
        )
    )
    assert "<dt>标题</dt><dd>关于印发&lt;任务&gt;的通知</dd>" in shown  # escaped
    assert "<dt>文号</dt><dd>测政办〔2024〕1号</dd>" in shown
    assert "<dt>主送机关</dt><dd>—</dd>" in shown
    assert "2024年重点工作（第5行），列第一位的为牵头单位" in shown
    assert "<dt>每月报送</dt><dd>10日前，报上一期</dd>" in shown
    assert "文件未写明" in str(admin_summary.document_summary({"schedule": None}))


def test_admin_pages_show_summaries_not_json(
    import_basic: Callable[..., Any], admin_client: Client
) -> None:
    batch = import_basic()
    task = Task.objects.get(number=1)
    page = admin_client.get(f"/admin/plans/importbatch/{batch.pk}/change/").content.decode()
    assert "<dt>文号</dt><dd>测政办〔2024〕1号</dd>" in page
    assert 'name="document_info"' not in page and 'name="issues"' not in page
    assert _raw_json_in(page) == []
    page = admin_client.get(f"/admin/plans/task/{task.pk}/change/").content.decode()
    assert "解析记录" in page and "<dt>牵头单位</dt>" in page
    assert 'name="source_data"' not in page
    assert _raw_json_in(page) == []
    listing = admin_client.get("/admin/plans/task/").content.decode()
    assert "已撤销" in listing and 'alt="False"' not in listing


def test_permissions_are_listed_by_model_and_action(admin_client: Client) -> None:
    change_unit = Permission.objects.get(codename="change_orgunit")
    assert permission_label(change_unit) == f"单位与领导 | {OrgUnit._meta.verbose_name} | 可修改"
    page = admin_client.get("/admin/auth/group/add/").content.decode()
    assert "单位与领导 | 单位 | 可修改" in page
    assert "Can add" not in page and "Can change" not in page
