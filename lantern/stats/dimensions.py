"""The categories tables are broken down by, and their labels in the reader's language.

Most come straight from a vocabulary of the standard; a few add a category of their own
("several types", "not stated"). Cells store codes; labels are looked up when shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lantern.standard.vocabularies import vocabulary

NOT_STATED = "not_stated"
MULTIPLE = "multiple"

_EXTRA: dict[str, Promise] = {
    NOT_STATED: _("Not stated"),
    MULTIPLE: _("More than one type"),
    "trafficking": _("Trafficking in persons"),
    "sexual_services": _("Commodification of sexual activity"),
    "alternate": _("Other (alternate) offences"),
    "_total": _("Total"),
}


@dataclass(frozen=True)
class Dimension:
    name: str
    title: Promise
    codes: tuple[str, ...]
    # The vocabulary whose labels name the codes; others are in _EXTRA or are years.
    vocabulary: str | None = None
    extra: tuple[str, ...] = field(default_factory=tuple)

    def label(self, code: str) -> str:
        if code in _EXTRA:
            return str(_EXTRA[code])
        if self.vocabulary:
            concept = vocabulary(self.vocabulary).get(code)
            if concept is not None:
                return concept.label
        return code


def from_vocabulary(name: str, title: Promise, *, exclude: tuple[str, ...] = (),
                    only_tag: str = "", extra: tuple[str, ...] = ()) -> Dimension:
    concepts = vocabulary(name).concepts
    codes = tuple(c.code for c in concepts
                  if c.code not in exclude and (not only_tag or only_tag in c.tags))
    return Dimension(name, title, codes + extra, vocabulary=name, extra=extra)


def years(first: int, last: int) -> Dimension:
    return Dimension("year", _("Year"), tuple(str(year) for year in range(first, last + 1)))


def label(dimension_name: str, code: str) -> str:
    """The label of a code of a named dimension (for pages that have only stored codes)."""
    if code in _EXTRA:
        return str(_EXTRA[code])
    dimension = DIMENSIONS.get(dimension_name)
    return dimension.label(code) if dimension else code


PROVINCE = from_vocabulary("province", _("Province or territory"))
PROVINCE_OR_UNKNOWN = from_vocabulary("province", _("Province or territory"),
                                      extra=(NOT_STATED,))
CMA = from_vocabulary("cma", _("Census metropolitan area"))
SEX = from_vocabulary("sex", _("Sex"))
AGE_GROUP = from_vocabulary("age_group", _("Age group"))
INDIGENOUS_IDENTITY = from_vocabulary("indigenous_identity", _("Indigenous identity"))
BIRTHPLACE = from_vocabulary("birthplace", _("Place of birth"))
RELATIONSHIP = from_vocabulary("accused_victim_relationship",
                               _("Relationship of the accused to the victim"))
EXPLOITATION = from_vocabulary("exploitation_type", _("Type of exploitation"),
                               extra=(MULTIPLE, NOT_STATED))
CHARGE_GROUP = Dimension("charge_group", _("Offence"),
                         ("trafficking", "sexual_services", "alternate"))
COURT_OUTCOME = from_vocabulary("court_outcome", _("Court outcome"))
PERMIT_TYPE = from_vocabulary("trp_type", _("Type of permit"))
CONTACT_TYPE = from_vocabulary("contact_type", _("Type of contact"), only_tag="data")
CLASSIFICATION = from_vocabulary("screening_classification", _("Situation identified"),
                                 exclude=("not_trafficking",))
SERVICE = from_vocabulary("service_type", _("Service needed"))
REFERRAL_STATUS = from_vocabulary("referral_status", _("Outcome of the referral"))

DIMENSIONS: dict[str, Dimension] = {
    d.name: d for d in (PROVINCE, CMA, SEX, AGE_GROUP, INDIGENOUS_IDENTITY, BIRTHPLACE,
                        RELATIONSHIP, EXPLOITATION, CHARGE_GROUP, COURT_OUTCOME, PERMIT_TYPE,
                        CONTACT_TYPE, CLASSIFICATION, SERVICE, REFERRAL_STATUS)
}
