from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.directory.models import Provider
from lantern.standard.fields import vocabulary_choices
from lantern.standard.vocabularies import vocabulary


class ProviderChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Provider) -> str:  # type: ignore[override]
        site = next(iter(obj.sites.all()), None)
        where = f"{site.city}, {site.province}" if site else ""
        status = vocabulary("capacity_status").get(obj.capacity_status)
        return f"{obj.name} — {where} ({status.label if status else obj.capacity_status})"


class FindProviderForm(forms.Form):
    need = forms.ChoiceField(label=_("Need"), choices=vocabulary_choices("service_type"))
    province = forms.ChoiceField(label=_("Province or territory"),
                                 choices=vocabulary_choices("province"))


class ReferralForm(forms.Form):
    provider = ProviderChoice(label=_("Provider"), queryset=Provider.objects.none(),
                              widget=forms.RadioSelect, empty_label=None)
    summary = forms.CharField(
        label=_("What the referral shares with the provider"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Encrypted. Only what the provider needs: first name or alias, how to "
                    "reach the person safely, language, the need. The provider sees nothing "
                    "else of the case."))
    warm_transfer = forms.BooleanField(label=_("Warm transfer (the advocate stays on the line "
                                               "and introduces the person)"), required=False)
    override_reason = forms.CharField(
        label=_("Supervisor override: why send without consent"), required=False,
        max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, providers: Any, can_override: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        if not can_override:
            del self.fields["override_reason"]


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=vocabulary_choices("decline_reason"))
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)
