"""Forms of the account pages: an account's role, units and leader; a new account; a password.

The role list has no 系统管理员 (the services refuse it too); units and leaders are chosen
from the directory. A password typed by the 督查室 is checked by Django's validators here,
so the form says why in Chinese; left empty, one is generated.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator

from duban.accounts.models import Role, User
from duban.accounts.services import AccountInput
from duban.core.choosers import IdChoiceField, IdMultipleChoiceField
from duban.orgs.models import Leader, OrgUnit

ROLE_CHOICES = [(r.value, r.label) for r in Role if r != Role.ADMIN]
NOT_IN_DIRECTORY = "目录中没有这个{what}，请从列表中选择。"


class AccountSearchForm(forms.Form):
    q = forms.CharField(label="用户名、姓名或单位", max_length=100, required=False)


class AccountForm(forms.Form):
    display_name = forms.CharField(label="显示名", max_length=50, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    role = forms.ChoiceField(label="角色", choices=ROLE_CHOICES, initial=Role.REPORTER)
    units = IdMultipleChoiceField(
        label="所属单位",
        queryset=OrgUnit.objects.filter(is_active=True).order_by("name"),
        required=False,
        error_messages={
            "invalid_choice": NOT_IN_DIRECTORY.format(what="单位"),
            "invalid_pk_value": NOT_IN_DIRECTORY.format(what="单位"),
        },
        help_text="单位填报员代表所选单位报送进展；按住 Ctrl 可多选。",
    )
    leader = IdChoiceField(
        label="对应领导",
        queryset=Leader.objects.order_by("name"),
        required=False,
        error_messages={"invalid_choice": NOT_IN_DIRECTORY.format(what="领导")},
        help_text="角色为领导时必选：可查看该领导现任职务所负责的任务。",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role == Role.LEADER and data.get("leader") is None and "leader" not in self.errors:
            self.add_error("leader", "角色为领导时请选择对应领导。")
        if role == Role.REPORTER and not data.get("units") and "units" not in self.errors:
            self.add_error("units", "单位填报员请至少选择一个单位。")
        return data

    def narrow(self, *, units: Any, leaders: Any) -> AccountForm:
        """Offer only the office's government's units and leaders (``unit_scope`` /
        ``leader_scope``; ``None`` = all), so a forged id of another's is refused."""
        for name, scope in (("units", units), ("leader", leaders)):
            field = self.fields[name]
            if scope is not None:
                field.queryset = field.queryset.filter(scope)  # type: ignore[attr-defined]
        return self

    def account_input(self) -> AccountInput:
        data = self.cleaned_data
        return AccountInput(
            display_name=data.get("display_name") or "",
            role=Role(data["role"]),
            units=tuple(data.get("units") or ()),
            leader=data.get("leader"),
            email=data.get("email") or "",
        )


def account_initial(user: User) -> dict[str, Any]:
    return {
        "display_name": user.display_name,
        "email": user.email,
        "role": user.role,
        "units": [m.unit_id for m in user.memberships.all()],
        "leader": user.leader_id,
    }


class PasswordForm(forms.Form):
    """Empty: a one-time password is generated; typed: it must pass Django's validators."""

    password = forms.CharField(
        label="新密码",
        required=False,
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="留空则自动生成一次性密码，仅显示一次。",
    )
    password2 = forms.CharField(
        label="确认新密码",
        required=False,
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password, again = data.get("password") or "", data.get("password2") or ""
        if password != again:
            self.add_error("password2", "两次输入的密码不一致。")
        elif password:
            try:
                password_validation.validate_password(password, self._account(data))
            except forms.ValidationError as err:
                self.add_error("password", err)
        return data

    def _account(self, data: dict[str, Any]) -> User:
        """The user the similarity rule compares with (the new one while creating)."""
        if self.user is not None:
            return self.user
        return User(
            username=data.get("username") or "", display_name=data.get("display_name") or ""
        )


class AccountCreateForm(PasswordForm, AccountForm):
    """A new account: ``clean`` runs the password's rules, then (``super``) the account's."""

    username = forms.CharField(
        label="用户名",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="登录用，150 个字符以内：字母、数字、汉字和 @ . + - _。",
    )
    field_order = ("username", "display_name", "email", "role", "units", "leader")

    def clean_username(self) -> str:
        name = str(self.cleaned_data["username"]).strip()
        if User.objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(f"用户名“{name}”已被使用。")
        return name
