"""The columns a file of people may have, in the order ``lantern link`` reads them.

Every column may be empty. The first ten are the ones the issue names; the last three are
what case records also hold (the ``address`` and ``document_numbers`` of a person's identity)
and are used when present.
"""

from __future__ import annotations

PEOPLE_COLUMNS = (
    "record_id",
    "source",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "phone",
    "email",
    "city",
    "province",
    "address",
    "postal_code",
    "document_number",
)

REQUIRED_COLUMNS = ("record_id",)

# The identifying columns compared between records (everything but the ids).
IDENTIFYING_COLUMNS = PEOPLE_COLUMNS[2:]

# A person's identity (``cases.identity.PersonIdentity``, the ``person`` submission's
# identifying columns) and the column of a people file each field fills.
IDENTITY_COLUMNS = {
    "given_name": "given_name",
    "family_name": "family_name",
    "birth_date": "date_of_birth",
    "phone": "phone",
    "email": "email",
    "address": "address",
    "document_numbers": "document_number",
}
