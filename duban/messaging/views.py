"""The 督查室's 消息推送 pages (robots, the e-mail switch, the log) and each user's own choice."""

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
    delivery_scope,
    government_scope,
    unit_scope,
    within,
)
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.messaging import selectors, services
from duban.messaging.forms import OfficeChannelsForm, PreferenceForm, RobotForm
from duban.messaging.models import Channel, DeliveryState, Robot

LOG_PAGE_SIZE = 50


@perm_required(Perm.MESSAGING_MANAGE)
def channels_view(request: HttpRequest) -> HttpResponse:
    """The settings page: the office's e-mail switch (POST here) and the robots."""
    if request.method == "POST":
        form = OfficeChannelsForm(request.POST)
        if form.is_valid():
            enabled = form.cleaned_data["email_enabled"]
            services.office_channels_update(email_enabled=enabled, actor=request.user)
            messages.success(request, "已开启邮件通知。" if enabled else "已关闭邮件通知。")
        return redirect("messaging:channels")
    office = selectors.office_channels()
    return render(
        request,
        "messaging/channels.html",
        {
            "office_form": OfficeChannelsForm(initial={"email_enabled": office.email_enabled}),
            "robots": selectors.robot_list(scope=government_scope(request.user)),
        },
    )


def _robot_form_page(request: HttpRequest, robot: Robot | None) -> HttpResponse:
    form = RobotForm(request.POST or None, robot=robot)
    units: Any = form.fields["unit"]
    units.queryset = within(units.queryset, unit_scope(request.user))  # the office's own
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.robot_save(robot=robot, data=form.robot_input(), actor=request.user)
        except ApplicationError as err:
            form.add_error(None, err.message)
        else:
            messages.success(request, f"已保存群机器人：{saved.name}。")
            return redirect("messaging:channels")
    return render(request, "messaging/robot_form.html", {"form": form, "robot": robot})


@perm_required(Perm.MESSAGING_MANAGE)
def robot_create_view(request: HttpRequest) -> HttpResponse:
    return _robot_form_page(request, None)


@perm_required(Perm.MESSAGING_MANAGE)
def robot_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _robot_form_page(
        request, get_object_or_404(within(Robot.objects, government_scope(request.user)), pk=pk)
    )


@require_POST
@perm_required(Perm.MESSAGING_MANAGE)
def robot_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    robot = get_object_or_404(within(Robot.objects, government_scope(request.user)), pk=pk)
    services.robot_delete(robot=robot, actor=request.user)
    messages.success(request, f"已删除群机器人：{robot.name}。")
    return redirect("messaging:channels")


@require_POST
@perm_required(Perm.MESSAGING_MANAGE)
def robot_test_view(request: HttpRequest, pk: int) -> HttpResponse:
    robot = get_object_or_404(within(Robot.objects, government_scope(request.user)), pk=pk)
    services.robot_test(robot=robot, actor=request.user)
    messages.success(request, f"已向“{robot.name}”发出测试消息，结果见推送记录。")
    return redirect("messaging:log")


@perm_required(Perm.DELIVERY_VIEW)
def log_view(request: HttpRequest) -> HttpResponse:
    """The delivery log, newest first, 50 a page; filter by state and channel."""
    state = params.get_choice(request.GET, "state", DeliveryState.values)
    channel = params.get_choice(request.GET, "channel", Channel.values)
    rows = selectors.delivery_log(state=state, channel=channel, scope=delivery_scope(request.user))
    page = Paginator(rows, LOG_PAGE_SIZE).get_page(params.get_page(request.GET))
    return render(
        request,
        "messaging/log.html",
        {
            "page": page,
            "state": state,
            "channel": channel,
            "states": DeliveryState.choices,
            "channels": Channel.choices,
        },
    )


@require_POST
@perm_required(Perm.MESSAGING_MANAGE)
def resend_view(request: HttpRequest, pk: int) -> HttpResponse:
    log = get_object_or_404(selectors.delivery_log(scope=delivery_scope(request.user)), pk=pk)
    try:
        services.delivery_resend(log=log, actor=request.user)
    except ApplicationError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, f"已重新排队发送：{log.title}。")
    return redirect("messaging:log")


@perm_required(Perm.PROGRESS_VIEW)
def preference_view(request: HttpRequest) -> HttpResponse:
    """A user's own channels: whether notices also come by e-mail (to the address on file)."""
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            services.preference_update(user=request.user, email=email, actor=request.user)
            messages.success(
                request, "已保存：" + ("通过邮件接收通知。" if email else "不通过邮件接收通知。")
            )
        return redirect("messaging:preference")
    preference = selectors.preference_for(request.user)
    return render(
        request,
        "messaging/preference.html",
        {
            "form": PreferenceForm(initial={"email": preference.email}),
            "office": selectors.office_channels(),
            "address": request.user.email,  # type: ignore[union-attr]
        },
    )
