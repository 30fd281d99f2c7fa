"""Hypothesis strategies that write decomposition notices from the grammar of the genre.

Each strategy draws the tasks first (text, leaders, units by role), then writes
them in one of the layouts governments use: numbering styles, label variants,
field places (own line, inline after 。, trailing brackets of every kind,
duty sentences), table flattenings, group headings with restarting numbers,
the first-listed-is-lead convention stated in the preamble, the first label or
the first unit list, traditional characters, a whole notice on one line.

Names come from invented pools (no sample's place, person or unit), so a rule
that names a sample cannot pass these tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import opencc  # a dependency of the parser: a missing install must fail, not skip
from hypothesis import strategies as st

_s2t: Callable[[str], str] = opencc.OpenCC("s2t").convert

SURNAMES = "鲁韦苗凤俞袁柳鲍唐费岑薛雷贺倪汤滕殷罗毕郝邬常乐傅卞齐康顾孟"
GIVEN = "德明晓岚志远嘉树文澜若溪思源立群怀瑾景行鹏程楠青松海宁"
PLACES = ("青溪", "云岭", "石门", "柳湾", "鹤鸣", "松阳", "桐川", "望江")
BUREAUS = (
    "水务局", "林业局", "气象局", "统计局", "审计局", "医疗保障局", "信访局",
    "退役军人事务局", "大数据中心", "融媒体中心", "行政服务中心", "投资促进局",
    "城市管理局", "机关事务管理局", "供销合作社", "民族宗教事务局", "人民防空办公室",
)  # fmt: skip
PAREN_BUREAUS = ("林业局(园林管理处)", "水务局(河湖管理中心)", "统计局(普查中心)")
TOWNS = ("镇人民政府", "街道办事处", "乡人民政府")
VERBS = ("推进", "完善", "实施", "建设", "提升", "开展", "深化", "加快")
OBJECTS = (
    "智慧灌区改造", "山塘水库除险加固", "乡村客运站提档", "老旧管网更新",
    "林下经济示范基地", "冷链物流园区", "数字档案馆", "口袋公园", "农村饮水提质",
)  # fmt: skip
TAILS = ("，年内完成{n}处。", "，覆盖率达到{n}%以上。", "，新增{n}个示范点。", "。")

LEADER_LABELS = ("责任领导", "分管领导", "牵头领导", "分管{lv}领导", "牵头{lv}领导", "牵头负责领导")
LEAD_LABELS = ("牵头单位", "牵头部门", "牵头责任单位", "主办单位", "{lv}牵头单位")
RESPONSIBLE_LABELS = ("责任单位", "主要责任单位", "承办单位", "责任部门")
SUPPORTING_LABELS = ("配合单位", "协同单位", "协办单位", "参与单位", "协同责任单位")
CONVENTIONS = ("列第一位的为牵头单位", "首位单位为牵头单位", "排第一位的为牵头单位")
BRACKETS = (("（", "）"), ("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕"))
CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class GenTask:
    """A task as generated: what the parser must give back."""

    number: int
    text: str
    leaders: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    supporting: tuple[str, ...] = ()
    group: str | None = None  # the group heading as written, when the task is under one


@dataclass(frozen=True)
class Notice:
    text: str
    tasks: tuple[GenTask, ...]
    layout: str


# ---------------------------------------------------------------- pieces


@st.composite
def person(draw: st.DrawFn) -> str:
    size = draw(st.sampled_from((1, 2)))
    given = "".join(draw(st.lists(st.sampled_from(GIVEN), min_size=size, max_size=size)))
    return draw(st.sampled_from(SURNAMES)) + given


def unit(level: str, parens: bool = False) -> st.SearchStrategy[str]:
    plain = st.sampled_from(BUREAUS).map(lambda b: level + b)
    town = st.tuples(st.sampled_from(PLACES), st.sampled_from(TOWNS)).map("".join)
    if parens:
        return st.sampled_from(PAREN_BUREAUS).map(lambda b: level + b)
    return st.one_of(plain, plain, town)


def units(level: str, min_size: int = 1, max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(unit(level), min_size=min_size, max_size=max_size, unique=True).map(tuple)


@st.composite
def task_text(draw: st.DrawFn) -> str:
    tail = draw(st.sampled_from(TAILS)).format(n=draw(st.integers(2, 90)))
    return draw(st.sampled_from(VERBS)) + draw(st.sampled_from(OBJECTS)) + tail


def _label(template: str, level: str) -> str:
    return template.format(lv=level)


def number_mark(style: str, n: int) -> str:
    cn = CN[n - 1] if n <= 10 else str(n)
    return {
        "1.": f"{n}.",
        "1、": f"{n}、",
        "（一）": f"（{cn}）",
        "(1)": f"({n})",
        "一、": f"{cn}、",
    }[style]


# ---------------------------------------------------------------- tasks


@st.composite
def gen_tasks(
    draw: st.DrawFn, level: str, *, roles: str = "all", min_size: int = 2, max_size: int = 5
) -> list[GenTask]:
    """Tasks with fields: ``roles`` = all / responsible (one list only) / none."""
    count = draw(st.integers(min_size, max_size))
    texts = draw(st.lists(task_text(), min_size=count, max_size=count, unique=True))
    out = []
    for index, text in enumerate(texts, start=1):
        if roles == "none":
            out.append(GenTask(index, text))
            continue
        leaders = tuple(draw(st.lists(person(), max_size=2, unique=True)))
        if roles == "responsible":
            out.append(GenTask(index, text, leaders, (), draw(units(level))))
            continue
        lead = draw(units(level, 1, 2))
        rest = [u for u in draw(units(level, 0, 3)) if u not in lead]
        cut = draw(st.integers(0, len(rest)))
        out.append(GenTask(index, text, leaders, lead, tuple(rest[:cut]), tuple(rest[cut:])))
    return out


# ---------------------------------------------------------------- field places


@st.composite
def fields_text(draw: st.DrawFn, task: GenTask, level: str, place: str) -> str:
    """The task line and its fields, in ``place``: line / inline / bracket / sentence."""
    parts: list[str] = []
    if task.leaders:
        parts.append(
            _label(draw(st.sampled_from(LEADER_LABELS)), level) + "：" + "、".join(task.leaders)
        )
    if place == "sentence" and (task.lead or task.responsible or task.supporting):
        duty = "、".join(task.lead) + "牵头" if task.lead else ""
        if task.responsible:
            duty += "，" + "、".join(task.responsible) + "按职责分工负责"
        if task.supporting:
            duty += "，" + "、".join(task.supporting) + "配合"
        opener, closer = draw(st.sampled_from(BRACKETS[:2]))
        lead_in = "；".join(parts) + "；" if parts else ""
        return task.text + opener + lead_in + duty.lstrip("，") + closer
    for names, labels in (
        (task.lead, LEAD_LABELS),
        (task.responsible, RESPONSIBLE_LABELS),
        (task.supporting, SUPPORTING_LABELS),
    ):
        if names:
            parts.append(_label(draw(st.sampled_from(labels)), level) + "：" + "、".join(names))
    if not parts:
        return task.text
    if place == "line":
        return task.text + "\n" + "\n".join(parts)
    if place == "inline":
        return task.text + "；".join(parts)
    has_parens = any("(" in u for u in (*task.lead, *task.responsible, *task.supporting))
    kinds = BRACKETS[2:] if has_parens else BRACKETS
    opener, closer = draw(st.sampled_from(kinds))
    return task.text + opener + "；".join(parts) + closer


PREAMBLE = (
    "{place}{lv}人民政府办公室关于印发{year}年政府工作报告重点工作责任分解的通知\n"
    "各乡镇人民政府，{lv}政府各部门：\n"
    "现将《{year}年政府工作报告重点工作责任分解》印发给你们，请认真贯彻执行。{convention}\n"
    "{place}{lv}人民政府办公室\n"
    "{year}年3月8日\n"
    "{year}年政府工作报告重点工作责任分解\n"
)


def preamble(place: str, level: str, year: int, convention: str = "") -> str:
    return PREAMBLE.format(place=place, lv=level, year=year, convention=convention)


def traditional(text: str) -> str:
    return str(_s2t(text))


# ---------------------------------------------------------------- notices


@st.composite
def paragraph_notice(draw: st.DrawFn, *, place_of_fields: str | None = None) -> Notice:
    """Numbered tasks under a section heading, fields in one of the four places."""
    level = draw(st.sampled_from("县区市"))
    where = place_of_fields or draw(st.sampled_from(("line", "inline", "bracket", "sentence")))
    style = draw(st.sampled_from(("1.", "1、", "（一）", "(1)")))
    tasks = draw(gen_tasks(level))
    if draw(st.booleans()) and where == "bracket":  # a unit with parentheses: the bracket switches
        tasks[0] = replace(tasks[0], lead=(draw(unit(level, parens=True)),))
    lines = [preamble(draw(st.sampled_from(PLACES)), level, 2025), "一、聚力推动高质量发展"]
    for task in tasks:
        lines.append(number_mark(style, task.number) + draw(fields_text(task, level, where)))
    return Notice("\n".join(lines) + "\n", tuple(tasks), f"paragraph/{style}/{where}")


@st.composite
def group_notice(draw: st.DrawFn) -> Notice:
    """Leader or lead-unit group headings; numbering restarts in every group."""
    level = draw(st.sampled_from("县区市"))
    kind = draw(st.sampled_from(("leader", "unit", "leaders_bracket")))
    lines = [preamble(draw(st.sampled_from(PLACES)), level, 2024)]
    tasks: list[GenTask] = []
    groups = draw(st.integers(2, 3))
    for g in range(groups):
        roles = "none" if kind == "unit" else "responsible"
        members = draw(gen_tasks(level, roles=roles, min_size=1, max_size=3))
        if kind == "leader":
            name = draw(person())
            title = draw(st.sampled_from(("长", "常务副" + level + "长", "副" + level + "长")))
            title = level + title if title == "长" else title
            verb = draw(st.sampled_from(("牵头", "主抓")))
            heading = f"{CN[g]}、{name}{title}{verb}重点工作"
            extra: dict[str, tuple[str, ...]] = {"leaders": (name,)}
        elif kind == "unit":
            lead = draw(unit(level))
            heading = f"{CN[g]}、{lead}牵头工作（{len(members)}项）"
            extra = {"lead": (lead,)}
        else:
            names = tuple(draw(st.lists(person(), min_size=1, max_size=3, unique=True)))
            heading = f"{CN[g]}、{draw(st.sampled_from(OBJECTS))}（牵头领导：{'、'.join(names)}）"
            extra = {"leaders": names}
        lines.append(heading)
        for member in members:
            task = replace(member, **{"leaders": (), "group": heading, **extra})
            body = task.text
            if task.responsible:
                body += "\n责任单位：" + "、".join(task.responsible)
            lines.append(f"{task.number}." + body)
            tasks.append(task)
    return Notice("\n".join(lines) + "\n", tuple(tasks), f"group/{kind}")


@st.composite
def convention_notice(draw: st.DrawFn) -> Notice:
    """The first-listed-is-lead convention, stated once in the preamble / first label / first list."""
    level = draw(st.sampled_from("县区市"))
    position = draw(st.sampled_from(("preamble", "label", "list")))
    words = draw(st.sampled_from(CONVENTIONS))
    tasks = draw(gen_tasks(level, roles="responsible"))
    stated = f"涉及多个单位的，{words}。" if position == "preamble" else ""
    lines = [preamble(draw(st.sampled_from(PLACES)), level, 2023, stated), "一、聚力推动高质量发展"]
    expected = []
    for index, task in enumerate(tasks):
        listed = list(task.responsible)
        label = "责任单位"
        if index == 0 and position == "label":
            label = f"责任单位（{words}）"
        if index == 0 and position == "list":
            listed[0] += f"（{words}，下同）"
        body = task.text
        if task.leaders:
            body += "\n责任领导：" + "、".join(task.leaders)
        lines.append(f"{task.number}." + body + f"\n{label}：" + "、".join(listed))
        expected.append(replace(task, lead=task.responsible[:1], responsible=task.responsible[1:]))
    return Notice("\n".join(lines) + "\n", tuple(expected), f"convention/{position}")


TABLE_TASK_COLUMNS = ("工作任务", "重点工作任务", "主要任务", "目标任务")


@st.composite
def table_notice(draw: st.DrawFn, *, flattening: str | None = None) -> Notice:
    """A task table flattened to text: cell per line, ``|``, tabs, runs of spaces, run together."""
    level = draw(st.sampled_from("县区市"))
    how = flattening or draw(st.sampled_from(("lines", "pipes", "tabs", "spaces", "together")))
    tasks = draw(gen_tasks(level, min_size=2, max_size=4))
    tasks = [replace(t, leaders=t.leaders or (draw(person()),)) for t in tasks]
    tasks = [replace(t, supporting=t.supporting or t.responsible, responsible=()) for t in tasks]
    tasks = [t if t.supporting else replace(t, supporting=(draw(unit(level)),)) for t in tasks]
    tasks = [
        replace(t, supporting=tuple(u for u in t.supporting if u not in t.lead)) for t in tasks
    ]
    tasks = [t if t.supporting else replace(t, supporting=(level + "档案馆",)) for t in tasks]
    if how == "together":
        # Run together, a person's name directly followed by a town (费宁 + 鹤鸣镇…) cannot be cut
        # by any reader without a list of names; a lead unit there carries the level word, as
        # the units of such tables do (县财政局), and the cut stays decidable.
        tasks = [
            t
            if t.lead[:1] and t.lead[0].startswith(level)
            else replace(t, lead=(level + "财政局",))
            for t in tasks
        ]
        tasks = [
            replace(t, supporting=tuple(u for u in t.supporting if u not in t.lead)) for t in tasks
        ]
        tasks = [t if t.supporting else replace(t, supporting=(level + "档案馆",)) for t in tasks]
    header = ("序号", draw(st.sampled_from(TABLE_TASK_COLUMNS)), "责任领导", "牵头单位", "配合单位")
    rows = [header] + [
        (str(t.number), t.text, "、".join(t.leaders), "、".join(t.lead), "、".join(t.supporting))
        for t in tasks
    ]
    join = {"pipes": " | ", "tabs": "\t", "spaces": "   ", "together": ""}
    if how == "lines":
        body = "\n\n".join(cell for row in rows for cell in row)
    elif how == "pipes":
        body = "\n".join(" | ".join(row) + " |" for row in rows)
    else:
        body = "\n".join(join[how].join(row) for row in rows)
    text = preamble(draw(st.sampled_from(PLACES)), level, 2022) + body + "\n"
    return Notice(text, tuple(tasks), f"table/{how}")


def one_line(notice: Notice) -> Notice:
    """The whole notice on one line, as web pages deliver it."""
    flat = " ".join(line.strip() for line in notice.text.splitlines() if line.strip())
    return Notice(flat, notice.tasks, notice.layout + "/one-line")


def in_traditional(notice: Notice) -> Notice:
    """The notice in traditional characters; texts expected as written (traditional)."""
    tasks = tuple(
        replace(t, text=traditional(t.text), group=traditional(t.group) if t.group else None)
        for t in notice.tasks
    )
    return Notice(traditional(notice.text), tasks, notice.layout + "/traditional")
