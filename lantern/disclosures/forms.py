from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.organizations.models import Organization
from lantern.standard.vocabularies import vocabulary


class DisclosureForm(forms.Form):
    police = forms.ModelChoiceField(label=_("Police service"),
                                    queryset=Organization.objects.none())
    person = forms.ChoiceField(label=_("About whom"), required=False)
    basis = forms.ChoiceField(label=_("Legal basis"),
                              choices=lambda: vocabulary("disclosure_basis").choices(),
                              widget=forms.RadioSelect)
    court_order_reference = forms.CharField(label=_("Court order reference"), required=False,
                                            max_length=100)
    justification = forms.CharField(
        label=_("Why (for imminent danger or a child at risk)"), required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    shared = forms.CharField(label=_("What is disclosed"), max_length=10000,
                             widget=forms.Textarea(attrs={"rows": 6}),
                             help_text=_("Encrypted. The police service sees this and "
                                         "nothing else of the case."))

    def __init__(self, *args: Any, people: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["police"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            active=True, kind__in=("police_service", "law_enforcement_coordination"))
        self.fields["person"].choices = [("", "—"), *((p, p) for p in people)]  # type: ignore[attr-defined]
