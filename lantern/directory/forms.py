from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.directory.places import find_city
from lantern.standard.fields import coded, coded_many, vocabulary_choices


class FindHelpForm(forms.Form):
    city = forms.CharField(label=_("City or town"), required=False, max_length=100)
    province = coded("province", _("Province or territory"), required=False,
                     blank=_("Anywhere in Canada"))
    service = coded("service_type", _("What do you need?"), required=False, blank=_("Any service"))
    language = coded("language", _("Language"), required=False, blank=_("Any language"))
    population = coded("population", _("Services for"), required=False, blank=_("Anyone"))
    open_24_7 = forms.BooleanField(label=_("Open 24 hours a day, 7 days a week"),
                                   required=False)


def _bilingual(label_en: Any, label_fr: Any, *, long: bool = False, max_length: int = 300
               ) -> tuple[forms.CharField, forms.CharField]:
    widget = forms.Textarea(attrs={"rows": 3}) if long else None
    return (
        forms.CharField(label=label_en, required=False, widget=widget,
                        max_length=None if long else max_length),
        forms.CharField(label=label_fr, required=False, widget=widget,
                        max_length=None if long else max_length),
    )


class EntryForm(forms.Form):
    description_en, description_fr = _bilingual(_("Description (English)"),
                                                _("Description (French)"), long=True)
    phone = forms.CharField(label=_("Intake phone number"), required=False, max_length=40)
    email = forms.EmailField(label=_("Intake email"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    services = coded_many("service_type", _("Services"))
    populations = coded_many("population", _("Populations served"))
    languages = coded_many("language", _("Languages"))
    genders = coded_many("gender", _("Genders served (leave empty for all)"))
    min_age = forms.IntegerField(label=_("Youngest age served"), required=False, min_value=0,
                                 max_value=120)
    max_age = forms.IntegerField(label=_("Oldest age served"), required=False, min_value=0,
                                 max_value=120)
    open_24_7 = forms.BooleanField(label=_("Open 24 hours a day, 7 days a week"),
                                   required=False)
    hours_en, hours_fr = _bilingual(_("Hours (English)"), _("Hours (French)"))
    how_to_access_en, how_to_access_fr = _bilingual(_("How to get in (English)"),
                                                    _("How to get in (French)"), long=True)
    documents_en, documents_fr = _bilingual(_("Documents needed (English)"),
                                            _("Documents needed (French)"), long=True)
    fees_en, fees_fr = _bilingual(_("Fees (English)"), _("Fees (French)"))
    accessibility_en, accessibility_fr = _bilingual(_("Accessibility (English)"),
                                                    _("Accessibility (French)"), long=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("min_age"), cleaned.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", _("The oldest age cannot be below the youngest."))
        # Every text a provider writes is published in both official languages.
        for field in ("description", "how_to_access", "hours", "documents", "fees",
                      "accessibility"):
            if bool(cleaned.get(f"{field}_en")) != bool(cleaned.get(f"{field}_fr")):
                self.add_error(f"{field}_fr", _("Write this text in both English and French."))
        return cleaned


class CapacityForm(forms.Form):
    capacity_status = forms.ChoiceField(label=_("Can you take new people now?"),
                                        choices=vocabulary_choices("capacity_status"))


class SiteForm(forms.Form):
    name_en = forms.CharField(label=_("Site name (English)"), max_length=200)
    name_fr = forms.CharField(label=_("Site name (French)"), max_length=200)
    address = forms.CharField(label=_("Street address"), required=False, max_length=300)
    address_confidential = forms.BooleanField(
        label=_("The address is confidential (show the city only)"), required=False)
    city = forms.CharField(label=_("City or town"), max_length=100)
    province = forms.ChoiceField(label=_("Province or territory"),
                                 choices=vocabulary_choices("province"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("city") and cleaned.get("province"):
            city = find_city(cleaned["city"], cleaned["province"])
            if city is None:
                self.add_error("city", _("We could not find this city or town in that "
                                         "province. Check the spelling or use the nearest town."))
            else:
                cleaned["city"] = city.name
                cleaned["latitude"], cleaned["longitude"] = city.latitude, city.longitude
        return cleaned
