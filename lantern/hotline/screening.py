"""Proposing a classification from what the caller said.

The rules follow the Palermo Protocol's definition (art. 3): trafficking needs an act, a
means and a purpose of exploitation; for a child, the means are not needed (art. 3(c)).
The purpose is read from the purposes the advocate ticked and from the indicators: any
sex-trafficking indicator points to sexual exploitation; two or more ILO indicators of
forced labour point to forced labour. The ILO reads indicators together and says one alone
may sometimes suffice; a proposal from one indicator would flag too many ordinary labour
disputes, so one indicator alone proposes "other exploitation" and the advocate decides.
Every rule that fired is returned as a reason, so the advocate sees why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lantern.standard.vocabularies import vocabulary

LABOUR_PURPOSES = {"forced_labour", "slavery", "practices_similar_to_slavery", "servitude"}
ILO_THRESHOLD = 2


@dataclass(frozen=True)
class Answers:
    palermo_acts: Sequence[str] = ()
    palermo_means: Sequence[str] = ()
    palermo_purposes: Sequence[str] = ()
    ilo_indicators: Sequence[str] = ()
    sex_indicators: Sequence[str] = ()
    minor_involved: str = "unknown"


@dataclass(frozen=True)
class Proposal:
    classification: str
    # (reason code, parameters): rendered in the reader's language by ``describe``.
    reasons: list[tuple[str, dict[str, object]]] = field(default_factory=list)


def propose(answers: Answers) -> Proposal:
    """The classification the answers point to, and the answers that drove it."""
    reasons: list[tuple[str, dict[str, object]]] = []
    minor = answers.minor_involved == "yes" or "underage_commercial_sex" in answers.sex_indicators
    has_act = bool(answers.palermo_acts)
    reasons.append(("act", {"codes": list(answers.palermo_acts)}) if has_act
                   else ("no_act", {}))
    has_means = bool(answers.palermo_means) or minor
    if answers.palermo_means:
        reasons.append(("means", {"codes": list(answers.palermo_means)}))
    elif minor:
        reasons.append(("means_not_needed_minor", {}))
    else:
        reasons.append(("no_means", {}))
    sex = "sexual_exploitation" in answers.palermo_purposes or bool(answers.sex_indicators)
    if answers.sex_indicators:
        reasons.append(("sex_indicators", {"codes": list(answers.sex_indicators)}))
    labour_purposes = LABOUR_PURPOSES & set(answers.palermo_purposes)
    labour = bool(labour_purposes) or len(answers.ilo_indicators) >= ILO_THRESHOLD
    if len(answers.ilo_indicators) >= ILO_THRESHOLD:
        reasons.append(("ilo_indicators", {"codes": list(answers.ilo_indicators)}))
    elif answers.ilo_indicators:
        reasons.append(("ilo_indicator_alone", {"codes": list(answers.ilo_indicators)}))
    purposes = list(answers.palermo_purposes)
    if purposes:
        reasons.append(("purpose", {"codes": purposes}))
    other_purpose = bool(set(purposes) - LABOUR_PURPOSES - {"sexual_exploitation"})
    if has_act and has_means and (sex or labour):
        classification = "both" if sex and labour else (
            "sex_trafficking" if sex else "labour_trafficking")
    elif sex or labour or other_purpose or answers.ilo_indicators:
        classification = "other_exploitation"
    else:
        classification = "not_trafficking"
    return Proposal(classification, reasons)


def _labels(name: str, codes: object) -> str:
    voc = vocabulary(name)
    found = [voc.get(code) for code in codes] if isinstance(codes, list) else []
    return "; ".join(concept.label for concept in found if concept is not None)


def describe(reason: Sequence[object]) -> str:
    """One stored reason in the active language."""
    code, params = str(reason[0]), dict(reason[1])  # type: ignore[call-overload]
    codes = params.get("codes", [])
    if code == "act":
        return _("Act: %(labels)s") % {"labels": _labels("palermo_act", codes)}
    if code == "no_act":
        return _("No act of recruitment, transport, transfer, harbouring or receipt was noted.")
    if code == "means":
        return _("Means: %(labels)s") % {"labels": _labels("palermo_means", codes)}
    if code == "means_not_needed_minor":
        return _("A minor is involved: the means are not needed (Palermo Protocol, art. 3(c)).")
    if code == "no_means":
        return _("No means (threat, force, deception, abuse of vulnerability…) was noted.")
    if code == "sex_indicators":
        return _("Sex-trafficking indicators: %(labels)s") % {
            "labels": _labels("sex_trafficking_indicator", codes)}
    if code == "ilo_indicators":
        count = len(codes) if isinstance(codes, list) else 0
        return ngettext("%(count)d ILO indicator of forced labour: %(labels)s",
                        "%(count)d ILO indicators of forced labour: %(labels)s", count) % {
            "count": count, "labels": _labels("ilo_indicator", codes)}
    if code == "ilo_indicator_alone":
        return _("One ILO indicator alone (%(labels)s) does not point to forced labour.") % {
            "labels": _labels("ilo_indicator", codes)}
    if code == "purpose":
        return _("Purpose: %(labels)s") % {"labels": _labels("palermo_purpose", codes)}
    return code
