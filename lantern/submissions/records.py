"""The flat records organizations send, one schema per entity of the standard.

A record is the standard entity plus the sender's own identifiers: ``source_record_id``
(the sender's id of this record) and, for what belongs to a case, the sender's id of that
case. In files, a list is written as codes separated by ";".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop
from pydantic import Field, ValidationInfo, field_validator, model_validator

from lantern.linkage import encodings
from lantern.standard.schemas import (
    CASE_CODE_FIELDS,
    CaseSchema,
    ChargeSchema,
    IdentitySchema,
    IncidentSchema,
    PersonSchema,
    StandardModel,
)

SourceId = Field(min_length=1, max_length=100, description="The sender's own id of the record")


def _split_lists(value: Any) -> Any:
    if isinstance(value, str):
        return [item for item in map(str.strip, value.split(";")) if item]
    return value


class CaseRecord(CaseSchema):
    """A case as sent: the standard case with the sender's id (required)."""

    source_record_id: str = SourceId

    @model_validator(mode="before")
    @classmethod
    def lists_from_text(cls, data: Any) -> Any:
        # One call for the eight list fields instead of one each; a list not given starts
        # as a new empty list, which pydantic would otherwise deep-copy from the default.
        if isinstance(data, dict):
            data = dict(data)
            for name in CASE_CODE_FIELDS:
                value = data.get(name)
                data[name] = [] if value is None else _split_lists(value)
        return data


class PersonRecord(StandardModel):
    """A victim or accused as sent, identity flattened into columns."""

    source_record_id: str = SourceId
    case_source_record_id: str = Field(min_length=1, max_length=100)
    role: str
    given_name: str = ""
    family_name: str = ""
    birth_date: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    document_numbers: str = ""
    # Privacy-preserving mode: the identity encoded by ``lantern encode`` on the sender's
    # side, instead of the identity columns above (lantern.linkage.encodings).
    identity_encoding: str = Field("", max_length=encodings.MAX_LENGTH)
    sex: str = "unknown"
    gender: str = "unknown"
    age_group: str = "unknown"
    indigenous_identity: str = "unknown"
    birthplace: str = "unknown"
    disability: str = "unknown"
    lgbtq: str = "unknown"
    relationship_to_trafficker: str | None = None
    relationship_to_accused: str | None = None
    role_in_process: str | None = None

    @field_validator("identity_encoding")
    @classmethod
    def encoding_alone(cls, value: str, info: ValidationInfo) -> str:
        if not value:
            return value
        if any(info.data.get(name) for name in IdentitySchema.model_fields):
            raise ValueError(gettext_noop(
                "Send the identity or its encoding (lantern encode), not both."))
        try:
            encodings.parse(value)
        except encodings.EncodingError:
            raise ValueError(gettext_noop(
                "Not an identity encoding written by lantern encode.")) from None
        return value

    def to_person(self) -> PersonSchema:
        """The standard person; validation of every code happens here."""
        identity = {name: getattr(self, name) for name in IdentitySchema.model_fields}
        data = self.model_dump(exclude={"source_record_id", "case_source_record_id",
                                        "identity_encoding", *identity})
        return PersonSchema.model_validate({**data, "identity": identity})


class IncidentRecord(IncidentSchema):
    source_record_id: str = SourceId
    case_source_record_id: str = Field(min_length=1, max_length=100)


class ChargeRecord(ChargeSchema):
    source_record_id: str = SourceId
    case_source_record_id: str = Field(min_length=1, max_length=100)
    accused_source_record_id: str = ""


RECORDS: dict[str, type[StandardModel]] = {
    "case": CaseRecord,
    "person": PersonRecord,
    "incident": IncidentRecord,
    "charge": ChargeRecord,
}
# Fields whose values identify a person: sealed in versions, never in errors or logs.
IDENTIFYING_FIELDS = {"narrative", "identity_encoding", *IdentitySchema.model_fields}
