from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.standard.vocabularies import vocabulary


class OrganizationForm(forms.Form):
    code = forms.SlugField(label=_("Short code"), max_length=40,
                           help_text=_("Lowercase letters, digits and hyphens, e.g. york-police"))
    name_en = forms.CharField(label=_("Name in English"), max_length=200)
    name_fr = forms.CharField(label=_("Name in French"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"),
                             choices=lambda: vocabulary("organization_type").choices())
    province = forms.ChoiceField(
        label=_("Province or territory"), required=False,
        choices=lambda: [("", _("National (no province)")), *vocabulary("province").choices()],
    )
