"""The 督查室's robot form and the two switches. Secrets are write-only fields."""

from __future__ import annotations

from typing import Any

from django import forms

from duban.messaging.models import MessageStyle, Robot, RobotKind
from duban.messaging.services import BAD_URL, RobotInput, web_address
from duban.orgs.models import OrgUnit
from duban.progress.models import NoticeKind


class RobotForm(forms.Form):
    name = forms.CharField(label="名称", max_length=50)
    kind = forms.ChoiceField(label="类型", choices=RobotKind.choices)
    url = forms.CharField(
        label="接口地址（Webhook）",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 60}),
    )
    secret = forms.CharField(
        label="加签密钥（钉钉“加签”安全设置，可不填）",
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )
    clear_secret = forms.BooleanField(label="清除已保存的加签密钥", required=False)
    style = forms.ChoiceField(label="消息格式", choices=MessageStyle.choices)
    kinds = forms.MultipleChoiceField(
        label="推送的通知类别（不选则推送全部）",
        choices=NoticeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    unit = forms.ModelChoiceField(
        label="只推送该单位的通知（不选则推送全部单位）",
        queryset=OrgUnit.objects.filter(is_active=True),
        required=False,
    )
    enabled = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args: Any, robot: Robot | None = None, **kwargs: Any) -> None:
        if robot is not None and "data" not in kwargs and not args:
            kwargs["initial"] = {
                "name": robot.name,
                "kind": robot.kind,
                "style": robot.style,
                "kinds": robot.kind_list,
                "unit": robot.unit_id,
                "enabled": robot.enabled,
            }
        super().__init__(*args, **kwargs)
        self.robot = robot
        if robot is not None:  # the stored address and secret are never put back in the form
            self.fields["url"].help_text = f"当前：{robot.url_shown}。留空则不变。"
            self.fields["secret"].help_text = (
                f"当前：已设置（{robot.secret_shown}）。留空则不变。"
                if robot.secret
                else "当前：未设置。"
            )
        else:
            self.fields["url"].required = True

    def clean_url(self) -> str:
        url = str(self.cleaned_data.get("url", "")).strip()
        if url and not web_address(url):
            raise forms.ValidationError(BAD_URL)
        return url

    def robot_input(self) -> RobotInput:
        data = self.cleaned_data
        return RobotInput(
            name=data["name"],
            kind=data["kind"],
            url=data["url"],
            secret=data["secret"],
            clear_secret=data["clear_secret"],
            style=data["style"],
            kinds=list(data["kinds"]),
            unit=data["unit"],
            enabled=data["enabled"],
        )


class OfficeChannelsForm(forms.Form):
    email_enabled = forms.BooleanField(label="向用户发送邮件通知", required=False)


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label="通过邮件接收通知", required=False)
