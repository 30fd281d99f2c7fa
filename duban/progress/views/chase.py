"""催办 and 督办单 by the 督查室: one POST for one ticked (task, unit) pair or many.

The late list and the task page post here; the ticked pairs come as ``item=<task>-<unit>``.
A malformed pair is a 400 with a Chinese message (``params``), an unknown task or unit a 404;
what the service refuses (not assigned, chased within the interval) is said on the page the
office came from.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, can, unit_scope
from duban.core import clock, params
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Task
from duban.progress import selectors
from duban.progress.assigned import acknowledge_deadline
from duban.progress.chase_models import ChaseKind, ChaseRecord
from duban.progress.parts import queries as parts
from duban.progress.services.chase import MAX_ITEMS, ChaseOutcome, ChaseTarget, chase_send

ITEM = "item"
BAD_ITEM = "不是有效的事项（应为“任务编号-单位编号”）"


def _pairs(request: HttpRequest) -> list[tuple[int, int]]:
    values = request.POST.getlist(ITEM)
    if len(values) > MAX_ITEMS:
        raise params.BadParameterError(ITEM, f"{len(values)} 个值", f"过多（至多 {MAX_ITEMS} 个）")
    pairs = []
    for value in values:
        parts = value.strip().split("-")
        if len(parts) != 2:  # noqa: PLR2004 (a task and a unit)
            raise params.BadParameterError(ITEM, value, BAD_ITEM)
        ids = [params.get_id({ITEM: part}, ITEM) for part in parts]
        if ids[0] is None or ids[1] is None:
            raise params.BadParameterError(ITEM, value, BAD_ITEM)
        pairs.append((ids[0], ids[1]))
    return pairs


def _targets(pairs: list[tuple[int, int]]) -> list[ChaseTarget]:
    tasks = Task.objects.select_related("task_list__document").in_bulk({t for t, _ in pairs})
    units = OrgUnit.objects.in_bulk({u for _, u in pairs})
    missing = [t for t, _ in pairs if t not in tasks]
    if missing:
        raise Http404("任务不存在")
    if any(u not in units for _, u in pairs):
        raise Http404("单位不存在")
    return [ChaseTarget(tasks[t], units[u]) for t, u in pairs]


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/") else reverse("progress:late")


def _report(request: HttpRequest, kind: ChaseKind, outcome: ChaseOutcome) -> None:
    if outcome.units:
        what = "催办" if kind == ChaseKind.URGE else "发出督办单"
        numbers = "、".join(r.number for r in outcome.records if r.number)
        messages.success(
            request,
            f"已向{'、'.join(outcome.units)}{what}（{len(outcome.records)} 项，"
            f"通知 {outcome.notices} 人）"
            + (f"：{numbers}，可在督办单列表下载。" if numbers else "。"),
        )
    for reason in outcome.skipped:
        messages.warning(request, f"{reason}。")


@require_POST
@perm_required(Perm.PROGRESS_CHASE)
def chase_view(request: HttpRequest) -> HttpResponse:
    """催办 (``action=urge``) or 督办单 (``action=supervise``) for the ticked pairs."""
    kind = ChaseKind(params.get_choice(request.POST, "action", ChaseKind.values, ChaseKind.URGE))
    requirement = params.get_text(request.POST, "requirement", max_length=500)
    targets = _targets(_pairs(request))
    try:
        outcome = chase_send(
            targets=targets,
            kind=kind,
            requirement=requirement,
            as_of=clock.today(),
            actor=request.user,
        )
    except ApplicationError as err:
        messages.error(request, err.message)
    else:
        _report(request, kind, outcome)
    return redirect(_back(request))


@perm_required(Perm.PROGRESS_CHASE)
def orders_view(request: HttpRequest) -> HttpResponse:
    """Every 催办 and 督办单 the office sent, newest first, 50 a page."""
    records = ChaseRecord.objects.select_related("task", "unit", "created_by")
    page = Paginator(records, 50).get_page(params.get_page(request.GET))
    return render(request, "progress/chase_records.html", {"page": page, "records": page})


def chase_panel(request: HttpRequest, task: Task) -> dict[str, Any]:
    """The task page's part: each unit's 签收 (signed or not, and the deadline while one is
    missing), the 催办/督办 sent (of the units the user may see), for the 督查室 the units
    to tick, and for a unit's user its units that still have to sign."""
    records = ChaseRecord.objects.filter(task=task).select_related("unit")
    scope = unit_scope(request.user)
    signing = parts.signing_of(task)
    if scope is not None:
        records = records.filter(unit__in=OrgUnit.objects.filter(scope))
        visible = set(OrgUnit.objects.filter(scope).values_list("pk", flat=True))
        signing = [row for row in signing if row.unit.pk in visible]
    mine = set(selectors.user_unit_ids(request.user))
    to_sign = [
        row.unit
        for row in signing
        if row.signature is None
        and row.unit.pk in mine
        and can(request.user, Perm.PROGRESS_SUBMIT, task=task, unit=row.unit)
    ]
    primary = selectors.primary_unit(task)
    units = []
    if can(request.user, Perm.PROGRESS_CHASE):
        links = task.assignments.select_related("unit").order_by("role", "position")
        seen: set[int] = set()
        for link in links:
            if link.unit_id not in seen:
                seen.add(link.unit_id)
                units.append(
                    (
                        link.unit,
                        link.get_role_display(),
                        link.unit_id == (primary.pk if primary else None),
                    )
                )
    return {
        "signing": signing,
        "to_sign": to_sign,
        "acknowledge_by": acknowledge_deadline(task)
        if any(row.signature is None for row in signing)
        else None,
        "records": records[:50],
        "units": units,
        "next": request.get_full_path(),
        "acknowledge_days": settings.DUBAN_ACKNOWLEDGE_DAYS,
        "interval": settings.DUBAN_CHASE_INTERVAL_DAYS,
    }
