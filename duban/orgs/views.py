"""Directory pages: unit and leader lists, unit editing, aliases, Excel import/export, posts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import (
    Perm,
    can,
    post_scope,
    unit_scope,
    unit_write_scope,
    within,
)
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.orgs import selectors, services
from duban.orgs.directory import directory_export_xlsx, directory_import_xlsx
from duban.orgs.forms import (
    AliasForm,
    DirectoryUploadForm,
    HandoverForm,
    PostRenameForm,
    UnitForm,
)
from duban.orgs.models import OrgUnit, Post

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _parents(form: UnitForm, request: HttpRequest) -> UnitForm:
    """A parent is chosen among the units the office sees (its government's and shared)."""
    field: Any = form.fields["parent"]
    field.queryset = within(field.queryset, unit_scope(request.user))
    return form


@perm_required(Perm.UNIT_VIEW)
def unit_list_view(request: HttpRequest) -> HttpResponse:
    query = params.get_text(request.GET, "q")  # malformed → HTTP 400
    units = selectors.unit_list(user=request.user, query=query)
    page = Paginator(units, 50).get_page(params.get_page(request.GET))
    return render(request, "orgs/unit_list.html", {"page": page, "q": query})


@perm_required(Perm.LEADER_VIEW)
def leader_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "orgs/leader_list.html",
        {
            "leaders": selectors.leader_list(user=request.user),
            "can_manage_posts": can(request.user, Perm.POST_MANAGE),
        },
    )


@perm_required(Perm.DIRECTORY_MANAGE)
def directory_view(request: HttpRequest) -> HttpResponse:
    unit_form = _parents(UnitForm(request.POST if "create" in request.POST else None), request)
    upload_form = DirectoryUploadForm(
        request.POST if "upload" in request.POST else None,
        request.FILES if "upload" in request.POST else None,
    )
    errors: list[str] = []
    if request.method == "POST" and "create" in request.POST and unit_form.is_valid():
        unit = services.unit_create(actor=request.user, **unit_form.cleaned_data)
        messages.success(request, f"已新建单位“{unit.name}”。")
        return redirect("orgs:directory")
    if request.method == "POST" and "upload" in request.POST and upload_form.is_valid():
        upload = upload_form.cleaned_data["file"]
        result = directory_import_xlsx(data=upload.read(), actor=request.user, filename=upload.name)
        if result.ok:
            messages.success(
                request, f"单位目录已导入：新增 {result.created}，更新 {result.updated}。"
            )
            return redirect("orgs:directory")
        errors = result.errors
    status = 400 if errors or unit_form.errors or upload_form.errors else 200
    return render(
        request,
        "orgs/directory.html",
        {"unit_form": unit_form, "upload_form": upload_form, "errors": errors},
        status=status,
    )


@perm_required(Perm.DIRECTORY_MANAGE)
def directory_export_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(directory_export_xlsx(user=request.user), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="units.xlsx"'
    return response


@perm_required(Perm.DIRECTORY_MANAGE)
def unit_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    units = within(OrgUnit.objects, unit_write_scope(request.user))
    unit = get_object_or_404(units, pk=pk)
    form = _parents(UnitForm(request.POST or None, instance=units.get(pk=pk)), request)
    if request.method == "POST" and form.is_valid():
        services.unit_update(unit=unit, actor=request.user, **form.cleaned_data)
        messages.success(request, "已保存。")
        return redirect(unit)
    return render(
        request, "orgs/unit_edit.html", {"unit": unit, "form": form, "alias_form": AliasForm()}
    )


@require_POST
@perm_required(Perm.DIRECTORY_MANAGE)
def unit_alias_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(within(OrgUnit.objects, unit_write_scope(request.user)), pk=pk)
    form = AliasForm(request.POST)
    if form.is_valid():
        try:
            services.unit_alias_add(unit=unit, name=form.cleaned_data["name"], actor=request.user)
        except ApplicationError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, "已添加别名。")
    return redirect("orgs:unit-edit", pk=unit.pk)


@perm_required(Perm.POST_MANAGE)
def post_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/post_list.html", {"posts": selectors.post_list(user=request.user)})


@perm_required(Perm.POST_MANAGE)
def post_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The post: holder history, handover to a successor, renaming (the 督查室's)."""
    post = get_object_or_404(
        within(Post.objects, post_scope(request.user)).select_related("holder", "unit"), pk=pk
    )
    posted = request.POST if request.method == "POST" else None
    handover = HandoverForm(posted if "handover" in request.POST else None, post=post)
    rename = PostRenameForm(
        posted if "rename" in request.POST else None,
        initial={"title": "" if post.is_placeholder else post.title},
    )
    error = ""
    try:
        if "handover" in request.POST and handover.is_valid():
            data = handover.cleaned_data
            services.post_handover(
                post=post,
                successor=data["successor"],
                new_leader_name=data["new_leader_name"],
                effective_on=data["effective_on"],
                note=data["note"],
                actor=request.user,
            )
            messages.success(request, "职务已交接，继任领导即日起负责该职务的任务。")
            return redirect(post)
        if "rename" in request.POST and rename.is_valid():
            services.post_rename(post=post, title=rename.cleaned_data["title"], actor=request.user)
            messages.success(request, "职务名称已保存。")
            return redirect(post)
    except ApplicationError as err:
        error = err.message
    invalid = bool(error or handover.errors or rename.errors)
    return render(
        request,
        "orgs/post_detail.html",
        {
            "post": post,
            "holdings": selectors.post_holdings(post=post),
            "task_count": post.task_links.values("task_id").distinct().count(),
            "handover_form": handover,
            "rename_form": rename,
            "error": error,
        },
        status=400 if invalid else 200,
    )
