"""An invented work report (2025) and last year's notice of the same government (2024)."""

from __future__ import annotations

from typing import Any

import pytest

REPORT = """2025年测试市政府工作报告
各位代表：
一、2024年工作回顾
过去一年，地区生产总值增长6.1%，新建中小学校10所。
二、2025年工作安排
经济社会发展主要预期目标是：地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内。
（一）办好人民满意教育。推进义务教育优质均衡发展，新建中小学校12所，新增学位8000个。
（二）加强生态环境保护。持续打好蓝天保卫战，细颗粒物平均浓度下降3%。
（三）推动产业转型升级。坚持创新驱动，加快培育新兴产业。
壮大先进制造业。实施重点技改项目50个，新增规上工业企业30家。
发展现代服务业。推动生产性服务业向专业化延伸，服务业增加值增长7%。
各位代表！让我们团结奋进。
"""

LAST_YEAR = """测试市人民政府办公厅
关于印发2024年政府工作报告目标任务分解的通知
各有关单位：
现将2024年政府工作报告目标任务分解印发给你们，请认真抓好落实。
2024年政府工作报告目标任务分解
1. 地区生产总值增长6%左右。
责任领导：张三
牵头单位：市发展和改革委员会
责任单位：市统计局
完成时限：2024年12月底
2. 推进义务教育优质均衡发展，新建中小学校10所。
责任领导：李四
牵头单位：市教育局
完成时限：2024年12月底
"""


@pytest.fixture
def office_user(django_user_model: Any) -> Any:
    from duban.accounts.models import Role
    from duban.accounts.services import user_create

    return user_create(username="office", password="pw-123456", role=Role.OFFICE)


@pytest.fixture
def last_year(office_user: Any) -> Any:
    """Last year's notice, imported and confirmed as any notice is."""
    from duban.orgs.services import unit_create
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    unit_create(name="市生态环境局")
    batch = import_batch_create(data=LAST_YEAR.encode(), filename="2024分解.txt", actor=office_user)
    return import_confirm(batch=batch, actor=office_user)
