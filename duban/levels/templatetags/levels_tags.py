"""``{% task_levels task %}``: the task page's 落实上级任务 and 下级落实 sections.

A template tag, because the task page belongs to ``plans``, which sits below this app and
may not import it; the sections are shown to those who may see 上下级关联 (``LINK_VIEW``).
"""

from __future__ import annotations

from typing import Any

from django import template

from duban.accounts.permissions import Perm, can
from duban.core import clock
from duban.levels import selectors

register = template.Library()


@register.inclusion_tag("levels/_task_levels.html", takes_context=True)
def task_levels(context: dict[str, Any], task: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not can(user, Perm.LINK_VIEW):
        return {"uppers": [], "lowers": []}
    return {
        "uppers": selectors.task_upper_links(task),
        "lowers": selectors.task_lower_lines(task, clock.today()),
    }
