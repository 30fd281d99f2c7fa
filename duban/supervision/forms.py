"""Forms of the office's supervision settings."""

from __future__ import annotations

from django import forms


class WeightsForm(forms.Form):
    on_time = forms.DecimalField(
        label="按时完成率权重", min_value=0, max_digits=5, decimal_places=1
    )
    targets_met = forms.DecimalField(
        label="指标达标率权重", min_value=0, max_digits=5, decimal_places=1
    )
    schedule_met = forms.DecimalField(
        label="序时进度达标率权重", min_value=0, max_digits=5, decimal_places=1
    )
    quality = forms.DecimalField(label="报送质量权重", min_value=0, max_digits=5, decimal_places=1)
    note = forms.CharField(label="调整说明", max_length=200, required=False)


class CarryOverForm(forms.Form):
    """结转: the target year and the page's cut-off; ``expected`` is the count confirmed."""

    year = forms.IntegerField(label="结转至年度", min_value=2000, max_value=2100)
    as_of = forms.DateField(label="数据截至", widget=forms.HiddenInput)
    expected = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
