"""The entities of the Lantern data standard as pydantic schemas.

These classes are the standard: the web forms, the API and the file imports all validate
through them, and their JSON Schema is what the API publishes and docs/standard.md
describes. Coded fields name their vocabulary (``x-vocabulary``) and list its codes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from django.utils import timezone
from django.utils.translation import gettext_noop
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic_core import CoreSchema, core_schema

from lantern.standard.vocabularies import vocabulary

PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@dataclass(frozen=True)
class _InVocabulary:
    """The check of ``Code``, done inside pydantic-core: a string, then one of the codes.

    A Python validator per value made each code a call into Python (issue 4). The error
    keeps a type of its own, so that data-quality reports count codes outside the standard,
    and does not repeat the value: a wrong column can hold a name.
    """

    name: str
    codes: tuple[str, ...]

    def __get_pydantic_core_schema__(self, source: Any,
                                     handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.chain_schema([
            handler(source),
            core_schema.custom_error_schema(
                core_schema.literal_schema(list(self.codes)),
                custom_error_type="unknown_code",
                custom_error_message="not a code of the vocabulary '{vocabulary}'",
                custom_error_context={"vocabulary": self.name}),
        ])


def Code(name: str) -> Any:
    """A string that must be a code of the vocabulary ``name``."""
    codes = vocabulary(name).codes()
    schema = {"type": "string", "enum": codes, "x-vocabulary": name}
    return Annotated[str, _InVocabulary(name, tuple(codes)), WithJsonSchema(schema)]


# Marks the lists that ``StandardModel`` keeps free of repeated codes.
DISTINCT = "lantern:distinct"


def Codes(name: str) -> Any:
    """A list of distinct codes of the vocabulary ``name``.

    Repeated codes are dropped by the model (``StandardModel``), in one call per record
    rather than one per list.
    """
    return Annotated[list[Code(name)], DISTINCT]  # type: ignore[misc]


# Today's date, when the caller fixed it (see ``dates_checked_against``).
_today: ContextVar[dt.date | None] = ContextVar("lantern_standard_today", default=None)


@contextmanager
def dates_checked_against(today: dt.date) -> Iterator[None]:
    """Check "not in the future" against ``today`` instead of asking the clock per date.

    For callers that validate many records at once (the file imports): the date in the
    default time zone costs about 7 µs to compute. They give it again for each batch, so a
    long import still follows the calendar.
    """
    token = _today.set(today)
    try:
        yield
    finally:
        _today.reset(token)


def _not_in_future(value: dt.date | None) -> dt.date | None:
    if value is not None and value > (_today.get() or timezone.localdate()):
        raise ValueError(gettext_noop("date is in the future"))
    return value


def _not_a_number(value: object) -> object:
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        raise ValueError(gettext_noop("Not a date: write it as YYYY-MM-DD."))
    return value


PastDate = Annotated[dt.date, BeforeValidator(_not_a_number), AfterValidator(_not_in_future)]
Identifying: JsonDict = {"x-identifying": True}


def _partial_date(value: str) -> str:
    value = value.strip()
    if value and not PARTIAL_DATE.match(value):
        raise ValueError(gettext_noop("use YYYY, YYYY-MM or YYYY-MM-DD"))
    return value


class StandardModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="after")
    def codes_distinct(self) -> Any:
        # Keeps the first of each repeated code in the lists typed ``Codes``.
        for name in type(self)._distinct_lists():
            values = self.__dict__[name]
            if len(values) > 1 and len(set(values)) < len(values):
                self.__dict__[name] = list(dict.fromkeys(values))
        return self

    @classmethod
    @cache
    def _distinct_lists(cls) -> tuple[str, ...]:
        return tuple(name for name, info in cls.model_fields.items()
                     if DISTINCT in info.metadata)


class IdentitySchema(StandardModel):
    """Identifying data of a person. Encrypted at rest; never in statistics or logs."""

    given_name: str = Field("", max_length=200, json_schema_extra=Identifying)
    family_name: str = Field("", max_length=200, json_schema_extra=Identifying)
    birth_date: Annotated[str, AfterValidator(_partial_date)] = Field(
        "", max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD",
        json_schema_extra=Identifying,
    )
    phone: str = Field("", max_length=40, json_schema_extra=Identifying)
    email: str = Field("", max_length=254, json_schema_extra=Identifying)
    address: str = Field("", max_length=500, json_schema_extra=Identifying)
    document_numbers: str = Field(
        "", max_length=500, description="Passport, permit or other document numbers",
        json_schema_extra=Identifying,
    )


class PersonSchema(StandardModel):
    """A victim/survivor or an accused person in a case (HTCDS Person with its context)."""

    role: Code("person_role")  # type: ignore[valid-type]
    identity: IdentitySchema = Field(default_factory=IdentitySchema)
    sex: Code("sex") = "unknown"  # type: ignore[valid-type]
    gender: Code("gender") = "unknown"  # type: ignore[valid-type]
    age_group: Code("age_group") = "unknown"  # type: ignore[valid-type]
    indigenous_identity: Code("indigenous_identity") = "unknown"  # type: ignore[valid-type]
    birthplace: Code("birthplace") = "unknown"  # type: ignore[valid-type]
    disability: Code("disability") = "unknown"  # type: ignore[valid-type]
    lgbtq: Code("lgbtq") = "unknown"  # type: ignore[valid-type]
    relationship_to_trafficker: Code("relationship_to_trafficker") | None = Field(  # type: ignore[valid-type]
        None, description="Victims only"
    )
    relationship_to_accused: Code("accused_victim_relationship") | None = Field(  # type: ignore[valid-type]
        None, description="Victims only: relationship of the accused to the victim (UCR2)"
    )
    role_in_process: Code("role_in_process") | None = Field(  # type: ignore[valid-type]
        None, description="Accused only"
    )

    @model_validator(mode="after")
    def context_matches_role(self) -> PersonSchema:
        victim_context = self.relationship_to_trafficker or self.relationship_to_accused
        if self.role == "accused" and victim_context:
            raise ValueError(gettext_noop(
                "relationships to the trafficker or accused describe victims only"))
        if self.role == "victim" and self.role_in_process:
            raise ValueError(gettext_noop(
                "a role in the trafficking process describes accused persons only"))
        return self


class CaseSchema(StandardModel):
    """A case: one situation of trafficking as an organization knows it (HTCDS Case)."""

    source_record_id: str = Field("", max_length=100, description="The sender's own id")
    status: Code("case_status") = "open"  # type: ignore[valid-type]
    trafficking_status: Code("trafficking_status") = "possible"  # type: ignore[valid-type]
    status_decided_by: Code("status_decided_by") | None = None  # type: ignore[valid-type]
    opened_on: PastDate
    closed_on: PastDate | None = None
    narrative: str = Field("", max_length=20000, json_schema_extra=Identifying)
    exploitation_types: Codes("exploitation_type") = []  # type: ignore[valid-type]
    sexual_exploitation_types: Codes("sexual_exploitation_type") = []  # type: ignore[valid-type]
    labour_industries: Codes("labour_industry") = []  # type: ignore[valid-type]
    methods_of_control: Codes("method_of_control") = []  # type: ignore[valid-type]
    palermo_acts: Codes("palermo_act") = []  # type: ignore[valid-type]
    palermo_means: Codes("palermo_means") = []  # type: ignore[valid-type]
    palermo_purposes: Codes("palermo_purpose") = []  # type: ignore[valid-type]
    ilo_indicators: Codes("ilo_indicator") = []  # type: ignore[valid-type]

    @model_validator(mode="after")
    def dates_in_order(self) -> CaseSchema:
        if self.closed_on and self.closed_on < self.opened_on:
            raise ValueError(gettext_noop("a case cannot close before it opened"))
        if self.status == "closed" and not self.closed_on:
            raise ValueError(gettext_noop("a closed case needs the date it closed"))
        return self


# Case fields that hold lists of codes, and the vocabulary of each.
CASE_CODE_FIELDS: dict[str, str] = {
    "exploitation_types": "exploitation_type",
    "sexual_exploitation_types": "sexual_exploitation_type",
    "labour_industries": "labour_industry",
    "methods_of_control": "method_of_control",
    "palermo_acts": "palermo_act",
    "palermo_means": "palermo_means",
    "palermo_purposes": "palermo_purpose",
    "ilo_indicators": "ilo_indicator",
}


class IncidentSchema(StandardModel):
    """A police-reported or otherwise known incident of a case (UCR2 incident)."""

    occurred_on: PastDate | None = None
    reported_on: PastDate | None = None
    city: str = Field("", max_length=100)
    province: Code("province")  # type: ignore[valid-type]
    cma: Code("cma") | None = None  # type: ignore[valid-type]
    clearance_status: Code("clearance_status") = "not_cleared"  # type: ignore[valid-type]

    @model_validator(mode="after")
    def cma_in_province(self) -> IncidentSchema:
        if self.cma:
            concept = vocabulary("cma").get(self.cma)
            if concept is not None and concept.tags and self.province not in concept.tags:
                raise ValueError(gettext_noop(
                    "the census metropolitan area is not in that province"))
        if self.occurred_on and self.reported_on and self.reported_on < self.occurred_on:
            raise ValueError(gettext_noop("an incident cannot be reported before it occurred"))
        return self


class ChargeSchema(StandardModel):
    """A charge laid against an accused: trafficking or alternate, with its court outcome."""

    code: Code("charge")  # type: ignore[valid-type]
    accused: str | None = Field(None, description="Pseudonym of the accused in the case")
    laid_on: PastDate | None = None
    outcome: Code("court_outcome") = "ongoing"  # type: ignore[valid-type]
    outcome_on: PastDate | None = None

    @model_validator(mode="after")
    def outcome_dated(self) -> ChargeSchema:
        if self.outcome == "ongoing" and self.outcome_on:
            raise ValueError(gettext_noop("an ongoing charge has no outcome date"))
        if self.laid_on and self.outcome_on and self.outcome_on < self.laid_on:
            raise ValueError(gettext_noop("a court outcome cannot precede the charge"))
        return self


class PermitSchema(StandardModel):
    """A temporary resident permit issued to a foreign national victim (IRCC)."""

    permit_type: Code("trp_type")  # type: ignore[valid-type]
    issued_on: PastDate


class ConsentSchema(StandardModel):
    """A person's consent: to services, to sharing with a named organization, to statistics."""

    purpose: Code("consent_purpose")  # type: ignore[valid-type]
    shared_with: str | None = Field(None, description="Code of the organization (share only)")
    given_at: AwareDatetime

    @model_validator(mode="after")
    def given_in_the_past(self) -> ConsentSchema:
        if self.given_at > timezone.now():
            raise ValueError(gettext_noop("consent cannot be given in the future"))
        return self

    @model_validator(mode="after")
    def share_names_recipient(self) -> ConsentSchema:
        if self.purpose == "share" and not self.shared_with:
            raise ValueError(gettext_noop("consent to share must name the organization"))
        if self.purpose != "share" and self.shared_with:
            raise ValueError(gettext_noop("only consent to share names an organization"))
        return self


class OrganizationSchema(StandardModel):
    """An organization that records or sends data (HTCDS Organisation)."""

    code: str = Field(max_length=40, pattern=r"^[a-z0-9-]+$",
                      description="Short unique code, e.g. york-police")
    name_en: str = Field(min_length=1, max_length=200)
    name_fr: str = Field(min_length=1, max_length=200)
    kind: Code("organization_type")  # type: ignore[valid-type]
    province: Code("province") | None = Field(  # type: ignore[valid-type]
        None, description="Empty for an organization that works nationally")


ENTITIES: dict[str, type[StandardModel]] = {
    "organization": OrganizationSchema,
    "case": CaseSchema,
    "incident": IncidentSchema,
    "person": PersonSchema,
    "identity": IdentitySchema,
    "charge": ChargeSchema,
    "permit": PermitSchema,
    "consent": ConsentSchema,
}
