from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.intelligence import identifiers
from lantern.intelligence.models import CaseIdentifier


class IdentifierForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of identifier"), choices=CaseIdentifier.Kind.choices)
    value = forms.CharField(
        label=_("Value"), max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Encrypted. Pages show its kind and last characters only."))
    source = forms.ChoiceField(label=_("Where it came from"),
                               choices=CaseIdentifier.Source.choices,
                               initial=CaseIdentifier.Source.INVESTIGATION)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if kind and value:
            problem = identifiers.problem(kind, identifiers.normalize(kind, value))
            if problem is not None:
                self.add_error("value", str(problem))
        return cleaned
