"""Account pages of the 督查室 (用户管理): list, create, edit, 停用/启用, reset a password;
and 修改密码 for everyone.

Here, not in ``accounts``: an account's units and leader come from the directory
(``orgs``), which sits above ``accounts`` in the layers; the writes stay in
``accounts.services``, the templates in ``accounts/templates``.

Thin: forms parse, ``accounts.services`` writes and audits. A password set or generated here
is shown once, on the response to the POST that made it (never stored in the session or a
message, never cached), so it cannot be seen again by going back.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from duban.accounts import selectors, services
from duban.accounts.decorators import perm_required
from duban.accounts.middleware import MUST_CHANGE
from duban.accounts.models import User
from duban.accounts.permissions import Perm, leader_scope, unit_scope, user_scope
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.workflows.accountforms import (
    AccountCreateForm,
    AccountForm,
    AccountSearchForm,
    PasswordForm,
    account_initial,
)

PAGE_SIZE = 50


@perm_required(Perm.USER_MANAGE)
def user_list_view(request: HttpRequest) -> HttpResponse:
    form = AccountSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise params.form_error(form)  # HTTP 400 naming the parameter
    query = (form.cleaned_data.get("q") or "").strip() if form.is_bound else ""
    accounts = selectors.account_list(query=query, scope=user_scope(request.user))
    page = Paginator(accounts, PAGE_SIZE).get_page(params.get_page(request.GET))
    return render(request, "accounts/user_list.html", {"page": page, "q": query, "form": form})


def _narrow(form: AccountForm, request: HttpRequest) -> AccountForm:
    return form.narrow(units=unit_scope(request.user), leaders=leader_scope(request.user))


def _shown(request: HttpRequest, account: User, password: str, *, created: bool) -> HttpResponse:
    context = {"account": account, "password": password, "created": created}
    return render(request, "accounts/user_password_shown.html", context)


@never_cache
@perm_required(Perm.USER_MANAGE)
def user_create_view(request: HttpRequest) -> HttpResponse:
    form = AccountCreateForm(request.POST if request.method == "POST" else None)
    _narrow(form, request)
    if form.is_bound and form.is_valid():
        try:
            account, password = services.account_create(
                username=form.cleaned_data["username"],
                data=form.account_input(),
                password=form.cleaned_data.get("password") or None,
                actor=request.user,
            )
        except ApplicationError as err:
            form.add_error(None, err.message)
        else:
            return _shown(request, account, password, created=True)
    status = 400 if form.errors else 200
    return render(request, "accounts/user_form.html", {"form": form}, status=status)


def _edit_page(
    request: HttpRequest,
    account: User,
    *,
    form: AccountForm | None = None,
    password_form: PasswordForm | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {
        "account": account,
        "form": form or _narrow(AccountForm(initial=account_initial(account)), request),
        "password_form": password_form or PasswordForm(user=account),
        "locked": selectors.out_of_reach(request.user, account),
        "is_self": account.pk == request.user.pk,
    }
    bound = form is not None or password_form is not None
    return render(request, "accounts/user_edit.html", context, status=400 if bound else 200)


@perm_required(Perm.USER_MANAGE)
def user_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get(pk=pk, scope=user_scope(request.user))
    if request.method != "POST":
        return _edit_page(request, account)
    form = _narrow(AccountForm(request.POST), request)
    if form.is_valid():
        try:
            services.account_update(user=account, data=form.account_input(), actor=request.user)
        except ApplicationError as err:
            form.add_error(None, err.message)
        else:
            messages.success(request, f"已保存账号 {account.username}。")
            return redirect("accounts:user-edit", pk=account.pk)
    return _edit_page(request, account, form=form)


@never_cache
@require_POST
@perm_required(Perm.USER_MANAGE)
def user_password_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get(pk=pk, scope=user_scope(request.user))
    form = PasswordForm(request.POST, user=account)
    if form.is_valid():
        try:
            password = services.account_password_reset(
                user=account, password=form.cleaned_data.get("password") or None, actor=request.user
            )
        except ApplicationError as err:
            form.add_error(None, err.message)
        else:
            return _shown(request, account, password, created=False)
    return _edit_page(request, account, password_form=form)


def _set_active(request: HttpRequest, pk: int, *, active: bool) -> HttpResponse:
    account = selectors.account_get(pk=pk, scope=user_scope(request.user))
    try:
        services.account_set_active(user=account, active=active, actor=request.user)
    except ApplicationError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, f"已{'启用' if active else '停用'}账号 {account.username}。")
    return redirect("accounts:user-edit", pk=account.pk)


@require_POST
@perm_required(Perm.USER_MANAGE)
def user_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@require_POST
@perm_required(Perm.USER_MANAGE)
def user_activate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)


@never_cache
@login_required
def own_password_view(request: HttpRequest) -> HttpResponse:
    """修改密码: every signed-in user, for their own account (Django's form, our service)."""
    form = PasswordChangeForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        user = form.user  # the signed-in account (login_required)
        try:
            services.own_password_change(user=user, password=form.cleaned_data["new_password1"])
        except ApplicationError as err:
            form.add_error("new_password1", err.message)
        else:
            update_session_auth_hash(request, user)  # stay signed in here
            messages.success(request, "密码已修改。")
            return redirect("plans:task-list")
    status = 400 if form.errors else 200
    context = {"form": form, "must_change_message": MUST_CHANGE}
    return render(request, "accounts/own_password.html", context, status=status)
