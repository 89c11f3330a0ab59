"""The tables of a release, in the shape of Statistics Canada's Juristat tables.

Each table counts one kind of unit (a linked incident, a linked victim, a charge, …), every
unit in exactly one cell. Tables that count the same units share margins: the five victim
tables share the total number of victims, and two of them the victims by sex. A shared
margin is one cell, released once, so that disclosure control sees every equation it is in;
the two incident tables by year share the incidents of each year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lantern.stats import counting
from lantern.stats import dimensions as dims
from lantern.stats.dimensions import Dimension
from lantern.stats.periods import Window


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: Promise
    unit: Promise
    rows: Dimension | None
    columns: Dimension | None
    count: Callable[[counting.Scope], counting.Counts]
    # Rows are the years of the release's window (``rows`` is then None).
    year_rows: bool = False
    # Ids of margins shared with other tables: the row totals, the column totals, the total.
    shared_rows: str = ""
    shared_columns: str = ""
    shared_total: str = ""

    def row_dimension(self, window: Window) -> Dimension:
        if self.year_rows:
            return dims.years(window.start.year, window.end.year)
        assert self.rows is not None
        return self.rows


_VICTIMS = _("Victims (linked people)")

TABLES: tuple[TableSpec, ...] = (
    TableSpec("incidents_year_province",
              _("Police-reported and other incidents of trafficking in persons, by year and "
                "province or territory"),
              _("Incidents (linked)"), None, dims.PROVINCE,
              counting.incidents_by_year_and_province, year_rows=True,
              shared_rows="incidents.year", shared_total="incidents"),
    TableSpec("incidents_year_exploitation",
              _("Incidents of trafficking in persons, by year and type of exploitation"),
              _("Incidents (linked)"), None, dims.EXPLOITATION,
              counting.incidents_by_year_and_exploitation, year_rows=True,
              shared_rows="incidents.year", shared_total="incidents"),
    TableSpec("incidents_cma",
              _("Incidents of trafficking in persons, by census metropolitan area"),
              _("Incidents (linked)"), dims.CMA, None, counting.incidents_by_cma),
    TableSpec("victims_sex_age", _("Victims, by sex and age group"), _VICTIMS,
              dims.SEX, dims.AGE_GROUP, counting.victims_by_sex_and_age,
              shared_rows="victims.sex", shared_total="victims"),
    TableSpec("victims_indigenous_sex", _("Victims, by Indigenous identity and sex"), _VICTIMS,
              dims.INDIGENOUS_IDENTITY, dims.SEX,
              counting.victims_by_indigenous_identity_and_sex,
              shared_columns="victims.sex", shared_total="victims"),
    TableSpec("victims_birthplace", _("Victims, Canadian-born and foreign-born"), _VICTIMS,
              dims.BIRTHPLACE, None, counting.victims_by_birthplace, shared_total="victims"),
    TableSpec("victims_exploitation", _("Victims, by type of exploitation"), _VICTIMS,
              dims.EXPLOITATION, None, counting.victims_by_exploitation,
              shared_total="victims"),
    TableSpec("victims_relationship", _("Victims, by relationship of the accused to the victim"),
              _VICTIMS, dims.RELATIONSHIP, None, counting.victims_by_relationship,
              shared_total="victims"),
    TableSpec("accused_sex_age", _("Accused persons, by sex and age group"),
              _("Accused (linked people)"), dims.SEX, dims.AGE_GROUP,
              counting.accused_by_sex_and_age),
    TableSpec("charges_offence_outcome",
              _("Charges laid, trafficking and alternate offences, by court outcome"),
              _("Charges"), dims.CHARGE_GROUP, dims.COURT_OUTCOME,
              counting.charges_by_offence_and_outcome),
    TableSpec("permits_year_type",
              _("Temporary resident permits issued to victims of trafficking, by year"),
              _("Permits"), None, dims.PERMIT_TYPE, counting.permits_by_year_and_type,
              year_rows=True),
    TableSpec("hotline_contacts_type_province",
              _("Hotline contacts, by type of contact and province or territory"),
              _("Contacts"), dims.CONTACT_TYPE, dims.PROVINCE_OR_UNKNOWN,
              counting.hotline_contacts_by_type_and_province),
    TableSpec("hotline_cases_situation_province",
              _("Situations of trafficking identified by the hotline, by type and province or "
                "territory"),
              _("Situations (cases)"), dims.CLASSIFICATION, dims.PROVINCE_OR_UNKNOWN,
              counting.hotline_cases_by_situation_and_province),
    TableSpec("referrals_service_outcome",
              _("Referrals to services, by service and outcome"), _("Referrals"),
              dims.SERVICE, dims.REFERRAL_STATUS, counting.referrals_by_service_and_outcome),
    TableSpec("unmet_needs_service_province",
              _("Needs no provider could take, by service and province or territory"),
              _("Unmet needs"), dims.SERVICE, dims.PROVINCE,
              counting.unmet_needs_by_service_and_province),
)

# Derived from the released incident counts and the population estimates; not noised again.
RATES_KEY = "incident_rates_year_province"
RATES_TITLE = _("Incidents of trafficking in persons per 100,000 population, by year and "
                "province or territory")
RATES_SOURCE = "incidents_year_province"

SPECS: dict[str, TableSpec] = {spec.key: spec for spec in TABLES}


def title(key: str) -> str:
    if key == RATES_KEY:
        return str(RATES_TITLE)
    spec = SPECS.get(key)
    return str(spec.title) if spec else key


def fit(counts: counting.Counts, rows: Dimension, columns: Dimension | None
        ) -> dict[tuple[str, str], int]:
    """Every cell of the table, zeros included; a code outside a dimension goes to its
    "unknown" or "not stated" category (the standard's schemas make that rare)."""
    grid = {(r, c): 0 for r in rows.codes for c in (columns.codes if columns else ("",))}
    for (row, column), n in counts.items():
        key = (_place(row, rows), _place(column, columns) if columns else "")
        if key in grid:
            grid[key] += n
    return grid


def _place(code: str, dimension: Dimension) -> str:
    if code in dimension.codes:
        return code
    for fallback in ("unknown", dims.NOT_STATED):
        if fallback in dimension.codes:
            return fallback
    return code
