"""Web forms for case records. Each form validates through the standard's schema."""

from __future__ import annotations

from typing import Any, Generic, TypeVar, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError

from lantern.organizations.models import Organization
from lantern.standard.fields import coded, coded_many
from lantern.standard.schemas import (
    CASE_CODE_FIELDS,
    CaseSchema,
    ChargeSchema,
    ConsentSchema,
    IdentitySchema,
    IncidentSchema,
    PermitSchema,
    PersonSchema,
    StandardModel,
)

SchemaT = TypeVar("SchemaT", bound=StandardModel)


class DateInput(forms.DateInput):
    input_type = "date"


class SchemaForm(forms.Form, Generic[SchemaT]):
    """A form whose cleaned data must also pass a schema of the standard."""

    schema: type[SchemaT]

    def to_data(self) -> dict[str, Any]:
        return {key: (None if value == "" else value) for key, value in self.cleaned_data.items()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            try:
                self.validated = self.schema.model_validate(self.to_data())
            except ValidationError as error:
                for item in error.errors():
                    field = str(item["loc"][0]) if item["loc"] else None
                    # The standard's messages are in the catalogue (gettext_noop).
                    message = gettext(item["msg"].removeprefix("Value error, "))
                    self.add_error(field if field in self.fields else None, message)
        return cleaned


class CaseForm(SchemaForm[CaseSchema]):
    schema = CaseSchema

    source_record_id = forms.CharField(label=_("Your own record number"), required=False,
                                       max_length=100)
    status = coded("case_status", _("Case status"))
    trafficking_status = coded("trafficking_status", _("Trafficking status"))
    status_decided_by = coded("status_decided_by", _("Status decided by"), required=False,
                              blank="—")
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput)
    closed_on = forms.DateField(label=_("Closed on"), required=False, widget=DateInput)
    narrative = forms.CharField(
        label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Encrypted. Write only what the case needs."),
    )
    exploitation_types = coded_many("exploitation_type", _("Type of exploitation"))
    sexual_exploitation_types = coded_many("sexual_exploitation_type",
                                           _("Type of sexual exploitation"))
    labour_industries = coded_many("labour_industry", _("Industry of forced labour"))
    methods_of_control = coded_many("method_of_control", _("Methods of control"))
    palermo_acts = coded_many("palermo_act", _("Act"))
    palermo_means = coded_many("palermo_means", _("Means"))
    palermo_purposes = coded_many("palermo_purpose", _("Purpose"))
    ilo_indicators = coded_many("ilo_indicator", _("ILO indicators of forced labour"))

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        for field in CASE_CODE_FIELDS:
            data[field] = data.get(field) or []
        data["narrative"] = data.get("narrative") or ""
        data["source_record_id"] = data.get("source_record_id") or ""
        return data


class EditCaseForm(CaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["narrative"].label = _("Replace the narrative")
        self.fields["narrative"].help_text = _(
            "Encrypted. Leave empty to keep the current narrative."
        )


IDENTITY_LABELS = {
    "given_name": _("Given name"),
    "family_name": _("Family name"),
    "birth_date": _("Date of birth (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "phone": _("Phone"),
    "email": _("Email"),
    "address": _("Address"),
    "document_numbers": _("Document numbers"),
}


class PersonForm(SchemaForm[PersonSchema]):
    schema = PersonSchema

    role = coded("person_role", _("Role in the case"))
    sex = coded("sex", _("Sex"))
    gender = coded("gender", _("Gender"))
    age_group = coded("age_group", _("Age group"))
    indigenous_identity = coded("indigenous_identity", _("Indigenous identity"))
    birthplace = coded("birthplace", _("Place of birth"))
    disability = coded("disability", _("Disability"))
    lgbtq = coded("lgbtq", _("2SLGBTQI+"))
    relationship_to_trafficker = coded("relationship_to_trafficker",
                                       _("Victim's relationship to the trafficker"),
                                       required=False, blank="—")
    relationship_to_accused = coded("accused_victim_relationship",
                                    _("Relationship of the accused to the victim"),
                                    required=False, blank="—")
    role_in_process = coded("role_in_process", _("Accused's role in the trafficking process"),
                            required=False, blank="—")

    def __init__(self, *args: Any, with_identity: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.with_identity = with_identity
        if with_identity:
            for name, label in IDENTITY_LABELS.items():
                self.fields[name] = forms.CharField(label=label, required=False,
                                                    widget=_identity_widget(name))

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        identity = {name: data.pop(name, None) or "" for name in IDENTITY_LABELS}
        data["identity"] = identity if self.with_identity else {}
        return data


def _identity_widget(name: str) -> forms.Widget:
    # Browsers must not store what is typed here; autocomplete off on every field.
    attrs = {"autocomplete": "off"}
    if name in ("address", "document_numbers"):
        return forms.Textarea(attrs={**attrs, "rows": 2})
    return forms.TextInput(attrs=attrs)


class IdentityForm(SchemaForm[IdentitySchema]):
    schema = IdentitySchema

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in IDENTITY_LABELS.items():
            self.fields[name] = forms.CharField(label=label, required=False,
                                                widget=_identity_widget(name))

    def to_data(self) -> dict[str, Any]:
        return {key: value or "" for key, value in self.cleaned_data.items()}


class IncidentForm(SchemaForm[IncidentSchema]):
    schema = IncidentSchema

    occurred_on = forms.DateField(label=_("Date it occurred"), required=False, widget=DateInput)
    reported_on = forms.DateField(label=_("Date it was reported"), required=False,
                                  widget=DateInput)
    city = forms.CharField(label=_("City or community"), required=False, max_length=100)
    province = coded("province", _("Province or territory"))
    cma = coded("cma", _("Census metropolitan area"), required=False, blank="—")
    clearance_status = coded("clearance_status", _("Clearance status"))

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        data["city"] = data.get("city") or ""
        return data


class ChargeForm(SchemaForm[ChargeSchema]):
    schema = ChargeSchema

    code = coded("charge", _("Charge"))
    accused = forms.ChoiceField(label=_("Accused"), required=False)
    laid_on = forms.DateField(label=_("Laid on"), required=False, widget=DateInput)
    outcome = coded("court_outcome", _("Court outcome"))
    outcome_on = forms.DateField(label=_("Outcome date"), required=False, widget=DateInput)

    def __init__(self, *args: Any, accused: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", "—"), *((code, code) for code in accused)]
        cast(forms.ChoiceField, self.fields["accused"]).choices = options


class ConsentForm(SchemaForm[ConsentSchema]):
    schema = ConsentSchema

    purpose = coded("consent_purpose", _("Consent to"))
    shared_with = forms.ChoiceField(label=_("Organization (for consent to share)"),
                                    required=False)
    given_at = forms.DateTimeField(
        label=_("Given at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.filter(active=True).order_by("name_en")
        cast(forms.ChoiceField, self.fields["shared_with"]).choices = [
            ("", "—"), *((org.code, org.name) for org in organizations)
        ]


class PermitForm(SchemaForm[PermitSchema]):
    schema = PermitSchema

    permit_type = coded("trp_type", _("Permit"))
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput)
