"""``duban demo``'s city level: 001 (郑州市 2024 政府工作报告) as the city's 2024 tasks, and 000
(管城回族区 2024) linked to them.

All through the real services: the work report becomes a draft (``draft_create``), the draft
its Word notice and import preview (``draft_to_batch``), the preview the city's tasks
(``workflows.import_confirm``); then ``levels.services.propose_links`` proposes the district's
links and the office's confirmation of the six main indicators is ``decide_links``. The other
proposals stay 待确认 for the demo office to look at. Running it again changes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from duban.plans.models import SourceDocument

CITY_FILE = "001_*"
DISTRICT_FILE = "000_*"
CITY_GOVERNMENT = "郑州市人民政府"
# The six main indicators both documents state (the city's names; the district's budget
# revenue is 地方财政一般公共预算收入, its unemployment rate sits in task 29).
CONFIRMED_METRICS = (
    "地区生产总值", "固定资产投资", "规模以上工业增加值", "社会消费品零售总额",
    "一般公共预算收入", "城镇调查失业率",
)  # fmt: skip


def city_document(path: Path) -> SourceDocument:
    from duban.drafts import services as drafts
    from duban.drafts.models import DraftStatus, ReportDraft
    from duban.workflows import import_confirm

    data = path.read_bytes()
    done = ReportDraft.objects.filter(
        sha256=hashlib.sha256(data).hexdigest(), batch__document__isnull=False
    ).exclude(status=DraftStatus.DISCARDED)
    existing = done.select_related("batch__document").first()
    if existing is not None and existing.batch is not None:
        document = existing.batch.document
        if document is not None and document.withdrawn_at is None:
            return document
    from duban.orgs.models import Government

    government = Government.objects.named(CITY_GOVERNMENT)
    draft = drafts.draft_create(data=data, filename=path.name, actor=None, government=government)
    draft = drafts.draft_update(
        draft=draft,
        header=drafts.Header(title=draft.title, government=CITY_GOVERNMENT, year=draft.year),
        actor=None,
    )
    batch = drafts.draft_to_batch(draft=draft, actor=None)
    return import_confirm(batch=batch, actor=None)


def seed(corpus: Path) -> str:
    """The city's tasks from 001 and 000's links to them; one line for the demo's output."""
    from duban.levels.models import Basis, LinkStatus
    from duban.levels.services import decide_links, propose_links
    from duban.plans.models import SourceDocument

    city_path = next(iter(sorted(corpus.glob(CITY_FILE + ".txt"))), None)
    district_path = next(iter(sorted(corpus.glob(DISTRICT_FILE + ".txt"))), None)
    if city_path is None or district_path is None:
        return "上下级关联：缺少样例 000 或 001，跳过"
    sha = hashlib.sha256(district_path.read_bytes()).hexdigest()
    district = SourceDocument.objects.filter(sha256=sha, withdrawn_at__isnull=True).first()
    if district is None:
        return "上下级关联：样例 000 未导入，跳过"
    city = city_document(city_path)
    result = propose_links(upper_document=city, lower_document=district, actor=None)
    pending = city.lower_links.filter(
        lower_document=district,
        basis=Basis.METRIC,
        status=LinkStatus.PENDING,
        upper_target__metric__in=CONFIRMED_METRICS,
    )
    confirmed = decide_links(links=list(pending), accept=True, actor=None)
    return (
        f"上下级关联：《{city.title}》为市级任务；000 对其新建议 {result.created} 项，"
        f"确认 {confirmed} 项主要指标"
    )
