from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ReleaseForm(forms.Form):
    period = forms.CharField(
        label=_("Reference period"), max_length=7,
        help_text=_("A year (2025) or a quarter (2025Q4) that is over. The tables cover the "
                    "years up to its end."))
    epsilon = forms.FloatField(
        label=_("Privacy-loss budget of this release (epsilon)"), min_value=0.01,
        initial=1.0,
        help_text=_("Split equally among the release's tables. Smaller means more noise."))
