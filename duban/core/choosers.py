"""Model choice form fields that check an id before the database sees it.

Why: Django's ``ModelChoiceField`` passes the posted value to the query as is, and an id
past the database's integer range (``2**63``) raises ``OverflowError`` in the driver — a
500 instead of the field's Chinese "请从列表中选择". These fields refuse anything that is not
an id (``core.params`` rules) as an invalid choice first.
"""

from __future__ import annotations

from typing import Any

from django import forms

from duban.core import params


def _is_id(value: Any) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and 1 <= int(text) <= params.ID_MAX


class IdChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if not _is_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def _check_values(self, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else [value]:
            if not _is_id(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)  # type: ignore[misc]  # Django's, untyped
