"""The generated district of bench/scale.py: directory, leaders, documents and their tasks.

Everything is written with ``bulk_create`` in batches (the import and report services are
benchmarked elsewhere); what matters here is that the rows look like a real year: skewed
unit loads, 0–3 co-units, 1–2 leaders, 0–2 targets, 0–3 milestones, sections two deep.
The year's reports are written by ``scalereports``. Deterministic for a given seed.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from scalenames import (
    GOVERNMENT,
    ISSUER,
    PHASES,
    POSTS,
    SMALL_SECTIONS,
    SUB_TOPICS,
    TARGET_SHAPES,
    TOP_SECTIONS,
    numeral,
    person_names,
    task_text,
    unit_names,
)
from tqdm import tqdm

TZ = ZoneInfo("Asia/Shanghai")
CHUNK = 5000
BATCH = 2000


@dataclass
class TaskFacts:
    """What the report generator needs to know of one task (kept small: 100k of them)."""

    pk: int
    unit_id: int  # the reporting unit: the 牵头单位
    targets: list[tuple[int, str, Decimal]] = field(default_factory=list)  # pk, kind, value
    milestones: list[tuple[int, date, str]] = field(default_factory=list)  # pk, due, text
    fate: str = "normal"  # normal | laggard | closed | silent
    turn: int = 0  # closed: the last period reported; silent: the first period not reported


@dataclass
class Directory:
    government_id: int
    units: list[tuple[int, str]]  # pk, kind (government excluded)
    weights: list[float]
    posts: list[int]


def aware(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def build_directory(n_units: int, rng: random.Random) -> Directory:
    """One government, ``n_units - 1`` units under it, 15 leadership posts with holders."""
    from duban.orgs.models import Leader, OrgUnit, Post, PostHolding, UnitKind, UnitLevel

    gov = OrgUnit.objects.create(name=GOVERNMENT, level=UnitLevel.COUNTY, kind=UnitKind.GOVERNMENT)
    rows = OrgUnit.objects.bulk_create(
        OrgUnit(
            name=name,
            kind=kind,
            level=UnitLevel.STREET if kind == UnitKind.STREET_OFFICE else UnitLevel.COUNTY,
            parent=gov,
        )
        for name, kind in unit_names(n_units - 1, rng)
    )
    # Departments carry most of the load, a few of them much more than the rest.
    weights = [
        (3.0 / (1 + i * 0.08)) if u.kind != UnitKind.STREET_OFFICE else 0.25
        for i, u in enumerate(rows)
    ]
    leaders = Leader.objects.bulk_create(Leader(name=n) for n in person_names(len(POSTS), rng))
    posts = Post.objects.bulk_create(
        Post(title=title, unit=gov, holder=leader)
        for title, leader in zip(POSTS, leaders, strict=True)
    )
    PostHolding.objects.bulk_create(
        PostHolding(post=p, leader=p.holder, started_at=aware(date(2021, 9, 1))) for p in posts
    )
    return Directory(gov.pk, [(u.pk, u.kind) for u in rows], weights, [p.pk for p in posts])


def create_document(*, year: int, periods: int, title: str, tag: str, number: int) -> int:
    """A confirmed notice with its default schedule and its monthly periods (via the service)."""
    from duban.plans.models import DocumentKind, ReportingSchedule, SourceDocument
    from duban.progress.services import periods_ensure

    issued = date(year, 13 - periods, 15)  # default schedule: from the issue month to December
    doc = SourceDocument.objects.create(
        kind=DocumentKind.DECOMPOSITION,
        title=title,
        issuer=ISSUER,
        doc_number=f"临政办〔{year}〕{number}号",
        issued_on=issued,
        year=year,
        level="区",
        source_format="docx",
        file=f"documents/{year}/{tag}.docx",
        filename=f"{title}.docx",
        sha256=(tag * 64)[:64],
        size=400_000,
    )
    ReportingSchedule.objects.create(document=doc, monthly_day=10, is_default=True)
    periods_ensure(document=doc, actor=None)
    return int(doc.pk)


def _sections(document_id: int, big: bool, rng: random.Random) -> list[tuple[Any, str]]:
    """Two task lists, 一、二、… headings with （一）（二） subsections; returns the leaves."""
    from duban.plans.models import Section, TaskList

    layout = [("重点工作任务", TOP_SECTIONS), ("民生实事和重大项目", SMALL_SECTIONS)]
    if not big:
        layout = [("重点工作任务", TOP_SECTIONS[:3])]
    leaves: list[tuple[Any, str]] = []
    position = 0
    for list_pos, (list_title, tops) in enumerate(layout):
        tl = TaskList.objects.create(document_id=document_id, title=list_title, position=list_pos)
        for i, heading in enumerate(tops, start=1):
            top_title = f"{numeral(i)}、{heading}"
            top = Section.objects.create(
                task_list=tl, title=top_title, path=top_title, position=position
            )
            position += 1
            subs = rng.sample(SUB_TOPICS, rng.randint(2, 4)) if big else []
            if not subs:
                leaves.append((top, top_title))
            for j, sub in enumerate(subs, start=1):
                title = f"（{numeral(j)}）{sub}"
                path = f"{top_title} › {title}"
                leaf = Section.objects.create(
                    task_list=tl, parent=top, title=title, path=path, position=position
                )
                position += 1
                leaves.append((leaf, path))
    return leaves


def _units_for(rng: random.Random, d: Directory) -> list[tuple[int, str]]:
    lead = rng.choices(range(len(d.units)), weights=d.weights)[0]
    chosen = [(d.units[lead][0], "lead")]
    others = rng.sample(range(len(d.units)), rng.choice((0, 1, 1, 2, 2, 3)))
    chosen += [
        (d.units[i][0], rng.choice(("responsible", "supporting"))) for i in others if i != lead
    ]
    return chosen


def _targets(rng: random.Random, task: Any) -> list[Any]:
    from duban.plans.models import Target

    rows = []
    for position in range(rng.choices((0, 1, 2), weights=(35, 45, 20))[0]):
        kind, comparator, unit, metric, (low, high) = rng.choice(TARGET_SHAPES)
        value = Decimal(rng.randint(low, high))
        name = metric.format(obj=rng.choice(("城市更新", "产业", "民生", "基础设施", "数字经济")))
        rows.append(
            Target(
                task=task,
                position=position,
                metric=name,
                value=value,
                unit=unit,
                normalized_value=value,
                normalized_unit=unit,
                comparator=comparator,
                kind=kind,
                raw_text=f"{name}{'不超过' if comparator == 'at_most' else ''}{value}{unit}",
            )
        )
    return rows


def _milestones(rng: random.Random, task: Any, year: int) -> list[Any]:
    from duban.plans.models import Milestone

    if rng.random() < 0.05:
        return [
            Milestone(task=task, ongoing=True, precision="", raw_phrase="长期坚持", text="持续推进")
        ]
    count = rng.choice((0, 1, 2, 2, 3, 3))
    months = sorted(rng.sample(range(3, 13), count))
    return [
        Milestone(
            task=task,
            position=i,
            due_date=date(year, m, calendar.monthrange(year, m)[1]),
            precision="month",
            raw_phrase=f"{m}月底前",
            text=PHASES[min(i * 2 + rng.randint(0, 1), len(PHASES) - 1)],
        )
        for i, m in enumerate(months)
    ]


def _fate(rng: random.Random, periods: int) -> tuple[str, int]:
    roll = rng.random()
    if roll < 0.05:
        return "closed", rng.randint(max(1, periods // 2), periods - 2)
    if roll < 0.07:
        return "silent", rng.randint(2, periods - 1)
    return ("laggard", 0) if roll < 0.17 else ("normal", 0)


def build_tasks(
    *, document_id: int, count: int, year: int, periods: int, d: Directory, rng: random.Random
) -> list[TaskFacts]:
    """``count`` tasks of one document with their units, leaders, targets and milestones."""
    from duban.plans.models import Milestone, Target, Task, TaskLeader, TaskUnit

    leaves = _sections(document_id, count > 100, rng)
    slots = sorted(rng.choices(range(len(leaves)), k=count))
    numbers: dict[int, int] = {}
    facts: list[TaskFacts] = []
    bar = tqdm(total=count, desc="tasks", unit="task", leave=False)
    for start in range(0, count, CHUNK):
        tasks, extras = [], []
        for slot in slots[start : start + CHUNK]:
            section, path = leaves[slot]
            list_id = section.task_list_id
            numbers[list_id] = numbers.get(list_id, 0) + 1
            text, deadline = task_text(rng, numbers[list_id], year)
            units = _units_for(rng, d)
            posts = rng.sample(d.posts, rng.choice((1, 1, 2)))
            tasks.append(
                Task(
                    task_list_id=list_id,
                    section=section,
                    number=numbers[list_id],
                    text=text,
                    baseline_text=text,
                    section_path=path,
                    deadline_text=deadline,
                    leader_label="责任领导",
                    span_text=f"第{numbers[list_id] * 3 + 10}行",
                    source_data={
                        "number": numbers[list_id],
                        "text": text,
                        "section_path": path.split(" › "),
                        "deadline": deadline,
                        "units": [{"role": r, "unit": u} for u, r in units],
                        "leaders": posts,
                    },
                )
            )
            extras.append((units, posts))
        Task.objects.bulk_create(tasks, batch_size=BATCH)
        links, leaders, targets, milestones = [], [], [], []
        for task, (units, posts) in zip(tasks, extras, strict=True):
            links += [
                TaskUnit(task=task, unit_id=u, role=r, position=i) for i, (u, r) in enumerate(units)
            ]
            leaders += [TaskLeader(task=task, post_id=p, position=i) for i, p in enumerate(posts)]
            targets += _targets(rng, task)
            milestones += _milestones(rng, task, year)
            fate, turn = _fate(rng, periods)
            facts.append(TaskFacts(pk=task.pk, unit_id=units[0][0], fate=fate, turn=turn))
        TaskUnit.objects.bulk_create(links, batch_size=BATCH)
        TaskLeader.objects.bulk_create(leaders, batch_size=BATCH)
        Target.objects.bulk_create(targets, batch_size=BATCH)
        Milestone.objects.bulk_create(milestones, batch_size=BATCH)
        by_pk = {f.pk: f for f in facts[start:]}
        for t in targets:
            by_pk[t.task_id].targets.append((t.pk, t.kind, t.value))
        for m in milestones:
            if m.due_date is not None:
                by_pk[m.task_id].milestones.append((m.pk, m.due_date, m.text))
        bar.update(len(tasks))
    bar.close()
    return facts


def build_users(d: Directory) -> int:
    """One 填报员 per unit (bulk, unusable password) and the 督查室 user; returns its pk."""
    from django.contrib.auth.hashers import make_password

    from duban.accounts.models import Role, UnitMembership, User
    from duban.accounts.services import user_create

    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"unit{pk}", password=unusable, role=Role.REPORTER, display_name=f"填报员{pk}"
        )
        for pk, _ in d.units
    )
    UnitMembership.objects.bulk_create(
        UnitMembership(user=u, unit_id=pk) for u, (pk, _) in zip(users, d.units, strict=True)
    )
    office = user_create(username="bench-office", password="bench-office-pw", role=Role.OFFICE)
    return int(office.pk)
