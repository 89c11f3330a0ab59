"""The screening proposal follows the Palermo elements and reads indicators together."""

from __future__ import annotations

import pytest

from lantern.hotline.screening import Answers, describe, propose


@pytest.mark.parametrize(("answers", "expected"), [
    (Answers(palermo_acts=["recruitment"], palermo_means=["deception"],
             palermo_purposes=["sexual_exploitation"]), "sex_trafficking"),
    (Answers(palermo_acts=["recruitment"], palermo_means=["deception"],
             ilo_indicators=["retention_of_documents", "intimidation_threats"]),
     "labour_trafficking"),
    (Answers(palermo_acts=["harbouring"], palermo_means=["threat"],
             sex_indicators=["earnings_taken"], ilo_indicators=["debt_bondage", "isolation"]),
     "both"),
    # A child: no means needed.
    (Answers(palermo_acts=["recruitment"], sex_indicators=["underage_commercial_sex"]),
     "sex_trafficking"),
    (Answers(palermo_acts=["recruitment"], minor_involved="yes",
             palermo_purposes=["sexual_exploitation"]), "sex_trafficking"),
    # An adult with no means noted: exploitation, not (yet) trafficking.
    (Answers(palermo_acts=["recruitment"], palermo_purposes=["sexual_exploitation"]),
     "other_exploitation"),
    # One ILO indicator alone does not make forced labour.
    (Answers(palermo_acts=["recruitment"], palermo_means=["deception"],
             ilo_indicators=["excessive_overtime"]), "other_exploitation"),
    (Answers(), "not_trafficking"),
])
def test_proposals(answers, expected):
    assert propose(answers).classification == expected


def test_reasons_name_the_answers_that_drove_the_proposal():
    proposal = propose(Answers(palermo_acts=["recruitment"], minor_involved="yes",
                               sex_indicators=["advertised_online"]))
    texts = [describe(reason) for reason in proposal.reasons]
    assert any("art. 3(c)" in text for text in texts)
    assert any(text.startswith("Sex-trafficking indicators:") for text in texts)
