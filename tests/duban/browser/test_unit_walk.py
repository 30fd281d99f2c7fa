"""Issue 12, end to end on a phone (Chromium at 390×844): the whole unit workflow.

The 督查室 sets up a 企业微信 group robot and imports a notice through the import page; a
street's 填报员 reads its 交办 notice (a task reached through 各街道办事处, one named to it),
signs (签收) the shared task and files its part (with a photo); the lead unit writes the 汇总
from the parts and submits it; the 督查室 returns it, the lead resubmits, the 督查室
approves; finally the 督查室 presses 催办 on the late list for another task, and the message
reaches a real SMTP server (aiosmtpd) and the robot's HTTP endpoint. Delivery goes through the django-q2 queue,
which under pytest runs its tasks at once (``Q_CLUSTER["sync"]``) after the commit.

Every page is checked as ``test_phone_layout`` checks them (no sideways scrolling, no form
control or button out of sight to the right, the closed header at most 64 px high) and saved
as ``test-artifacts/walk-phone-*.png``; the pages this walk fills with data are also shot at
1440×900 (``walk-desktop-*.png``).

The service clock is set to 2024-04-12 (and keeps ticking): the notice's first period, 2024年3月,
was due on 04-10, so the task nobody reported is late and on the list.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from duban.accounts.models import Role, User
from duban.accounts.services import user_create
from duban.messaging.models import Channel, DeliveryLog, DeliveryState
from duban.orgs.models import OrgUnit, UnitKind, UnitLevel
from duban.orgs.services import unit_create
from duban.plans.models import Task
from duban.progress.models import Notification, ProgressReport, ReportingPeriod
from duban.progress.parts.models import UnitPart
from tests.duban.chromium import ARTIFACTS, OFF_SCREEN, login, new_page, screenshot
from tests.duban.messaging.conftest import Mailbox, Robots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-123456"
PHONE, DESKTOP = (390, 844), (1440, 900)
START = datetime(2024, 4, 12, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
NOTICE = """测试市人民政府办公室
关于印发《2024年市政府重点工作任务分解》的通知

测政办〔2024〕9号

各街道办事处，市政府各部门：

《2024年市政府重点工作任务分解》已经市政府同意，现印发给你们，请认真抓好落实。各单位于每月10日前报送截至上一个月月底的进展情况。

测试市人民政府办公室
2024年3月7日

2024年市政府重点工作任务分解

一、城市建设

1. 新建5G基站1000个，6月底前完成选址。

责任领导：张三

牵头单位：市甲局

责任单位：各街道办事处

2. 整治背街小巷50条。

责任领导：李四

责任单位：市乙局

3. 完成东街道老旧小区改造10个。

责任领导：张三

责任单位：东街道办事处
"""


def _png(width: int = 8, height: int = 6) -> bytes:
    """A real (tiny, grey) PNG, as a phone camera would hand over a photo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def ticking(monkeypatch: pytest.MonkeyPatch) -> None:
    """The services' clock (``timezone.now``) starts at ``START`` and runs on in real time."""
    real_now = datetime.now
    began = real_now(START.tzinfo)
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: START + (real_now(START.tzinfo) - began)
    )


@dataclass
class Town:
    units: dict[str, OrgUnit]
    users: dict[str, User]


@pytest.fixture
def town(ticking: None) -> Town:
    """The directory before the notice: two bureaus, two streets, their 填报员 and the 督查室."""
    units = {
        name: unit_create(name=name, level=UnitLevel.CITY, kind=UnitKind.DEPARTMENT)
        for name in ("市甲局", "市乙局")
    }
    for name in ("东街道办事处", "西街道办事处"):
        units[name] = unit_create(name=name, level=UnitLevel.STREET, kind=UnitKind.STREET_OFFICE)
    people = {"jia": "市甲局", "yi": "市乙局", "east": "东街道办事处", "west": "西街道办事处"}
    users = {
        name: user_create(
            username=name,
            password=PASSWORD,
            role=Role.REPORTER,
            units=[units[unit]],
            display_name=f"{unit}填报员",
        )
        for name, unit in people.items()
    }
    for name, user in users.items():
        user.email = f"{name}@example.gov.cn"
        user.save(update_fields=["email"])
    users["office"] = user_create(
        username="office", password=PASSWORD, role=Role.OFFICE, display_name="督查室王五"
    )
    return Town(units, users)


class Walk:
    """The browser side: one phone per person, every page checked and shot."""

    def __init__(self, browser: Any, base: str) -> None:
        self.browser, self.base, self.phones, self.shots = browser, base, {}, 0

    def phone(self, who: str) -> Any:
        if who not in self.phones:
            page = new_page(self.browser, width=PHONE[0], height=PHONE[1])
            self.phones[who] = login(page, self.base, who, PASSWORD)
        return self.phones[who]

    def go(self, who: str, path: str) -> Any:
        page = self.phone(who)
        answer = page.goto(f"{self.base}{path}")
        assert answer is not None and answer.status == 200, (who, path, answer and answer.status)
        return page

    def check(self, who: str, name: str) -> Any:
        """The phone-width check of ``test_phone_layout`` on the page as it is now, and a shot."""
        page = self.phones[who]
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.scrollWidth") == PHONE[0], (who, page.url)
        assert page.evaluate("document.documentElement.clientWidth") == PHONE[0]
        assert not page.is_visible("#site-nav"), page.url
        assert page.evaluate("document.querySelector('header.top').offsetHeight") <= 64, page.url
        assert page.evaluate(OFF_SCREEN) == [], page.url  # no control hidden to the right
        self.shots += 1
        shot = f"walk-phone-{self.shots:02d}-{who}-{name}"
        screenshot(page, shot)
        assert _png_width(shot) == PHONE[0], shot
        return page


def _png_width(name: str) -> int:
    head = (ARTIFACTS / f"{name}.png").read_bytes()[:24]
    return int(struct.unpack(">I", head[16:20])[0])


def _text(page: Any, selector: str = "main") -> str:
    return str(page.inner_text(selector))


def test_a_unit_workflow_on_the_phone(
    live_server: Any, browser: Any, town: Town, smtp: Mailbox, robots: Robots
) -> None:
    walk = Walk(browser, live_server.url)
    _robot_and_import(walk, robots)
    task, other = Task.objects.get(number=1), Task.objects.get(number=2)
    march = ReportingPeriod.objects.get(label="2024年3月", kind="monthly")
    _street_signs_and_files(walk, task, march)
    _lead_writes_the_summary(walk, task, march)
    _office_returns_then_approves(walk, task, march)
    _office_urges_the_late_unit(walk, other, town, smtp, robots)
    _desktop_pages(browser, live_server.url, task, march)


def _robot_and_import(walk: Walk, robots: Robots) -> None:
    """The 督查室 adds a 企业微信 robot in 消息推送, then uploads and confirms the notice."""
    office = walk.go("office", "/messaging/robots/new/")
    walk.check("office", "robot-form")
    office.fill("#id_name", "督查工作群")
    office.select_option("#id_kind", "wecom")
    office.fill("#id_url", f"{robots.url}/cgi-bin/webhook/send?key=walk-key")
    office.click("main form button:has-text('保存')")
    office.wait_for_url(lambda url: url.endswith("/messaging/"))
    assert "督查工作群" in _text(office) and "walk-key" not in office.content()
    walk.check("office", "channels")

    walk.go("office", "/imports/")
    walk.check("office", "import")
    office.set_input_files(
        "#id_file",
        {"name": "测试市重点工作任务分解.txt", "mimeType": "text/plain", "buffer": NOTICE.encode()},
    )
    office.click("button:has-text('上传并预览')")
    office.wait_for_selector("text=导入预览")
    preview = _text(office)
    assert "测政办〔2024〕9号" in preview and "共 3 行" in preview
    walk.check("office", "import-preview")
    office.click("button:has-text('确认导入')")
    office.wait_for_url(lambda url: "/tasks/?document=" in url)
    assert "已导入《关于印发《2024年市政府重点工作任务分解》的通知》" in _text(office)
    walk.check("office", "imported-tasks")


def _street_signs_and_files(walk: Walk, task: Task, march: ReportingPeriod) -> None:
    """东街道: its 交办 notice (task 1 through 各街道办事处, task 3 to it by name), its 签收
    of task 1, and its part of task 1 with a photo."""
    east = walk.go("east", "/notifications/")
    notices = _text(east)
    assert "交办：2 项任务（东街道办事处）" in notices
    assert "第1项：新建5G基站1000个" in notices and "本单位：责任（各街道办事处）" in notices
    assert "第3项：完成东街道老旧小区改造10个" in notices
    assert notices.count("请于2024年04月17日前签收") == 2  # each unit signs its own
    # the notice says how it went out: the app, the e-mail, and the group robot
    assert "（站内,邮件,企业微信群机器人）" in notices
    walk.check("east", "notifications")

    walk.go("east", "/tasks/mine/")
    assert "新建5G基站1000个" in _text(east) and "完成东街道老旧小区改造10个" in _text(east)
    walk.check("east", "mine")
    walk.go("east", f"/tasks/{task.pk}/progress/")
    assert "签收期限：2024-04-17" in _text(east)
    walk.check("east", "task")
    east.click("main form.sign-form button:has-text('签收')")
    east.wait_for_selector("#signing tr:has-text('东街道办事处'):has-text('已签收')")
    walk.check("east", "signed")

    walk.go("east", "/progress/")  # the bulk page lists the part it owes on task 1
    assert "本单位分项报送的任务（1）" in _text(east)
    walk.check("east", "bulk")
    walk.go("east", f"/tasks/{task.pk}/parts/{march.pk}/")
    accept = east.get_attribute("#id_evidence", "accept") or ""
    assert re.search(r"image/(\*|jpeg|png)", accept), accept  # the phone offers its camera
    walk.check("east", "part-form")
    east.fill("#id_progress", "东街道已完成基站选址12处，正在协调小区入场。")
    figures = east.locator("input[id^='id_actual_']")
    assert figures.count() == 1  # 新建5G基站 个
    figures.first.fill("120个")  # typed with its unit, as issue 12 item 8 allows
    east.set_input_files(
        "#id_evidence", {"name": "选址现场.png", "mimeType": "image/png", "buffer": _png()}
    )
    east.click("#submit-part")
    east.wait_for_selector("#part-state:has-text('已报送')")
    assert "选址现场.png" in _text(east, "#parts")
    walk.check("east", "part-filed")
    part = UnitPart.objects.get(task=task, period=march, unit__name="东街道办事处")
    assert part.submitted_at is not None and part.evidence.count() == 1


def _lead_writes_the_summary(walk: Walk, task: Task, march: ReportingPeriod) -> None:
    """市甲局 sees the streets' parts under its report; the 汇总 is pre-filled from them."""
    jia = walk.go("jia", f"/tasks/{task.pk}/reports/{march.pk}/")
    parts = _text(jia, "#parts")
    assert "东街道办事处" in parts and "选址现场.png" in parts and "已报送" in parts
    assert "西街道办事处" in parts and "未报送" in parts
    summary = jia.input_value("#id_progress")
    assert "东街道办事处" in summary and "基站选址12处" in summary  # pre-filled from the part
    walk.check("jia", "report-prefilled")
    jia.fill("#id_progress", summary + "\n市甲局：全市完成选址12处。")
    jia.click("#submit-report")
    jia.wait_for_selector("#report-readonly")
    assert _text(jia, "#report-state") == "已报送"
    walk.check("jia", "report-submitted")


def _office_returns_then_approves(walk: Walk, task: Task, march: ReportingPeriod) -> None:
    url = f"/tasks/{task.pk}/reports/{march.pk}/"
    office = walk.go("office", "/progress/review/")
    assert "新建5G基站1000个" in _text(office)
    walk.check("office", "review-queue")
    walk.go("office", url)
    office.fill("#id_note", "请补充西街道的情况")
    office.click("#return")
    office.wait_for_selector("#report-state:has-text('已退回')")
    walk.check("office", "returned")

    jia = walk.go("jia", url)
    assert "请补充西街道的情况" in _text(jia, ".review-note")
    jia.fill("#id_progress", jia.input_value("#id_progress") + "\n西街道正在选址，下月报送。")
    walk.check("jia", "report-return-read")
    jia.click("#submit-report")
    jia.wait_for_selector("#report-readonly")
    walk.check("jia", "report-resubmitted")

    walk.go("office", url)
    office.click("#approve")
    office.wait_for_selector("#report-state:has-text('审核通过')")
    walk.check("office", "approved")
    report = ProgressReport.objects.get(task=task, period=march)
    assert report.state == "approved" and "西街道正在选址" in report.progress


def _office_urges_the_late_unit(
    walk: Walk, other: Task, town: Town, smtp: Mailbox, robots: Robots
) -> None:
    """催办 from the late list: in the app, by e-mail (aiosmtpd) and to the robot (HTTP)."""
    mails_before, hits_before = len(smtp.messages), len(robots.hits)
    office = walk.go("office", "/progress/late/")
    row = office.locator("main table tr", has_text="市乙局").filter(has_text="整治背街小巷")
    assert row.count() == 1 and "2024年3月进展" in row.inner_text()
    walk.check("office", "late-list")
    row.locator("button:has-text('催办')").click()
    office.wait_for_selector(".messages li.success")
    assert "已向市乙局催办" in _text(office, ".messages")
    walk.check("office", "urged")

    notice = Notification.objects.get(recipient=town.users["yi"], stage="urge")
    mails = smtp.messages[mails_before:]
    # a long encoded subject is folded after "Subject:"; the unfolded value starts with a space
    assert [m["Subject"].strip() for m in mails] == [f"【督办】{notice.title}"]
    assert smtp.recipients[-1] == ["yi@example.gov.cn"]
    assert "整治背街小巷50条" in mails[0].get_content()
    (hit,) = robots.hits[hits_before:]
    assert hit.path == "/cgi-bin/webhook/send" and hit.query == {"key": ["walk-key"]}
    content = hit.payload["text"]["content"]
    assert content.startswith(f"【督办】{notice.title}\n") and "市乙局填报员" in content
    logs = DeliveryLog.objects.filter(notification=notice)
    assert {(log.channel, log.state) for log in logs} == {
        (Channel.EMAIL, DeliveryState.SENT),
        (Channel.WECOM, DeliveryState.SENT),
    }
    notice.refresh_from_db()
    assert notice.channels == "站内,邮件,企业微信群机器人"

    yi = walk.go("yi", "/notifications/")
    assert notice.title in _text(yi)
    walk.check("yi", "urged-notice")


def _desktop_pages(browser: Any, base: str, task: Task, march: ReportingPeriod) -> None:
    """The pages the walk filled, at 1440×900 (``test_phone_layout`` shoots them empty)."""
    pages = {
        "east": [("part", f"/tasks/{task.pk}/parts/{march.pk}/"), ("notices", "/notifications/")],
        "jia": [("report", f"/tasks/{task.pk}/reports/{march.pk}/")],
        "office": [("late", "/progress/late/"), ("channels", "/messaging/")],
    }
    for who, paths in pages.items():
        page = login(new_page(browser, width=DESKTOP[0], height=DESKTOP[1]), base, who, PASSWORD)
        for name, path in paths:
            answer = page.goto(f"{base}{path}")
            assert answer is not None and answer.status == 200, path
            assert page.evaluate("document.documentElement.scrollWidth") == DESKTOP[0], path
            assert page.is_visible("#site-nav"), path
            shot = f"walk-desktop-{who}-{name}"
            screenshot(page, shot)
            assert _png_width(shot) == DESKTOP[0], shot
