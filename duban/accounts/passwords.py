"""Django's minimum-length password rule with its message in Chinese.

Django 5.2 reworded this one message and its zh-hans catalogue has no translation for the new
wording yet, so it would appear in English; the rule itself is Django's, unchanged.
"""

from __future__ import annotations

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符。"
