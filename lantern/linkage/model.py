"""The Splink model: which pairs are compared (blocking) and how (comparisons).

Two forms of one model. Plain values are compared with Jaro-Winkler and exact matches on the
standardized columns; encoded values (``lantern encode``) with keyed tokens for exact matches
and the Dice similarity of keyed Bloom filters for near matches. The levels line up one to
one, so both modes learn the same kind of weights and the clustering after them is shared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.dialects import SplinkDialect

# Splink's own signatures take lists of these.
Level = ComparisonLevelCreator | dict[str, Any]
Rule = BlockingRuleCreator | dict[str, Any]


# Custom levels are written in DuckDB SQL and say so: Splink translates them for another
# backend (Spark reads "given1_l" as a string, not a column, unless told).


def _swapped(column_l: str, column_r: str) -> cll.CustomLevel:
    return cll.CustomLevel(
        f'"{column_l}_l" = "{column_r}_r" AND "{column_r}_l" = "{column_l}_r"',
        "given and family names swapped",
        base_dialect_str="duckdb",
    )


class _SwappedNear(cll.CustomLevel):
    """Each name close to the other's counterpart, by Jaro-Winkler.

    The function has a different name on each backend (Spark's comes from Splink's jar), which
    a plain translation of the SQL would not know.
    """

    def __init__(self, column_l: str, column_r: str, threshold: float) -> None:
        super().__init__(
            self._condition("jaro_winkler_similarity", column_l, column_r, threshold),
            "given and family names swapped, with a typo",
            base_dialect_str="duckdb",
        )
        self.columns, self.threshold = (column_l, column_r), threshold

    @staticmethod
    def _condition(function: str, column_l: str, column_r: str, threshold: float) -> str:
        return (
            f'{function}("{column_l}_l", "{column_r}_r") >= {threshold} AND '
            f'{function}("{column_r}_l", "{column_l}_r") >= {threshold}'
        )

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        function = sql_dialect.jaro_winkler_function_name
        condition = self._condition(function, *self.columns, self.threshold)
        return cll.CustomLevel(condition, base_dialect_str="duckdb").create_sql(sql_dialect)


def _swapped_near(column_l: str, column_r: str, threshold: float) -> cll.CustomLevel:
    return _SwappedNear(column_l, column_r, threshold)


def _crossed(column_l: str, column_r: str) -> cll.CustomLevel:
    return cll.CustomLevel(
        f'"{column_l}_l" = "{column_r}_r" OR "{column_r}_l" = "{column_l}_r"',
        "one name written in the other's place",
        base_dialect_str="duckdb",
    )


class _NearEdit(cll.DamerauLevenshteinLevel):
    """Splink's Damerau-Levenshtein level, made cheap for the usual pair that is far apart.

    The distance is the slowest function of a comparison (a microsecond a pair, on every pair
    blocking brings together). Two strings one edit apart agree on their first or on their
    last k characters, k = (shorter length - 1) // 2: a test on substrings that sets most
    pairs aside before the distance is computed. The level, its label and its result are
    Splink's; only the work differs.
    """

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        distance = super().create_sql(sql_dialect)
        if self.distance_threshold != 1:
            return distance
        left, right = self.col_expression.name_l, self.col_expression.name_r
        k = f"CAST(floor((least(length({left}), length({right})) - 1) / 2) AS INTEGER)"
        return (
            f"(left({left}, {k}) = left({right}, {k}) OR right({left}, {k}) = right({right}, {k})) "
            f"AND {distance}"
        )


class _SharedItem(cll.ArrayIntersectLevel):
    """Splink's "arrays share an item" level; in DuckDB a test that builds no intersection."""

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        if sql_dialect.sql_dialect_str != "duckdb" or self.min_intersection != 1:
            return super().create_sql(sql_dialect)
        self.col_expression.sql_dialect = sql_dialect
        return f"list_has_any({self.col_expression.name_l}, {self.col_expression.name_r})"


def _null(column: str) -> ComparisonLevelCreator:
    return cll.CustomLevel(
        f'"{column}_l" IS NULL OR "{column}_r" IS NULL', base_dialect_str="duckdb"
    ).configure(is_null_level=True)


def _exact(column: str, *, tf: bool = False) -> ComparisonLevelCreator:
    level = cll.ExactMatchLevel(column)
    return level.configure(tf_adjustment_column=column) if tf else level


# ---- Comparisons (both modes) -------------------------------------------------------------
# The two modes share every level but the "near" ones: Jaro-Winkler and edit distances on plain
# values, Dice similarity of Bloom filters on encoded ones. Tokens carry the plain column names
# (equal values give equal tokens, so exact levels and blocking rules are the same); each Bloom
# filter is ``<column>_bf``.

NearLevels = dict[str, list[Level]]


def _plain_near() -> NearLevels:
    return {
        "given1": [cll.JaroWinklerLevel("given1", 0.92), cll.JaroWinklerLevel("given1", 0.80)],
        "family": [cll.JaroWinklerLevel("family", 0.92), cll.JaroWinklerLevel("family", 0.80)],
        "swapped": [_swapped_near("given1", "family", 0.88)],
        "dob": [_NearEdit("dob", 1), cll.AbsoluteDifferenceLevel("dob_year", 1)],
        "phone": [_NearEdit("phone", 1)],
        "email": [cll.JaroWinklerLevel("email", 0.88)],
        "city": [cll.JaroWinklerLevel("city", 0.9)],
        "postal_code": [_NearEdit("postal_code", 1)],
        "address": [cll.JaroWinklerLevel("address", 0.9), cll.JaroWinklerLevel("address", 0.75)],
        "document_number": [
            _NearEdit("document_number", 1),
            _NearEdit("document_number", 2),
        ],
    }


def _encoded_near() -> NearLevels:
    return {
        "given1": [_dice("given1", 0.7), _dice("given1", 0.5)],
        "family": [_dice("family", 0.7), _dice("family", 0.5)],
        "swapped": [_swapped_dice(0.7)],
        # A year is a token: no "one year apart" on encoded values.
        "dob": [_dice("dob", 0.8), _exact("dob_year")],
        "phone": [_dice("phone", 0.8)],
        "email": [_dice("email", 0.8)],
        "city": [_dice("city", 0.8)],
        "postal_code": [_dice("postal_code", 0.7)],
        "address": [_dice("address", 0.8), _dice("address", 0.6)],
        "document_number": [_dice("document_number", 0.75), _dice("document_number", 0.6)],
    }


def _comparison(name: str, levels: list[Level]) -> ComparisonCreator:
    return cl.CustomComparison(output_column_name=name, comparison_levels=levels)


def _comparisons(present: set[str], near: NearLevels) -> list[ComparisonCreator]:
    comparisons: list[ComparisonCreator] = []
    swapped: list[Level] = [_swapped("given1", "family"), *near["swapped"]]
    if "given1" in present:
        high, low = near["given1"]
        comparisons.append(
            _comparison(
                "given_name",
                [
                    _null("given1"),
                    _exact("given1", tf=True),
                    *swapped,
                    _SharedItem("given_forms"),
                    high,
                    low,
                    _crossed("given1", "family"),
                    cll.ElseLevel(),
                ],
            )
        )
    if "family" in present:
        high, low = near["family"]
        comparisons.append(
            _comparison(
                "family_name",
                [
                    _null("family"),
                    _exact("family", tf=True),
                    *swapped,
                    high,
                    _SharedItem("family_tokens"),
                    low,
                    _crossed("given1", "family"),
                    cll.ElseLevel(),
                ],
            )
        )
    if "dob_year" in present:
        comparisons.append(
            _comparison(
                "date_of_birth",
                [
                    _null("dob_year"),
                    _exact("dob"),
                    cll.CustomLevel(
                        '"dob_l" = "dob_swapped_r"',
                        "day and month swapped",
                        base_dialect_str="duckdb",
                    ),
                    cll.CustomLevel(
                        '("dob_l" IS NULL OR "dob_r" IS NULL) AND "dob_year_l" = "dob_year_r" '
                        'AND ("dob_month_year_l" IS NULL OR "dob_month_year_r" IS NULL '
                        'OR "dob_month_year_l" = "dob_month_year_r")',
                        "partial date, consistent",
                        base_dialect_str="duckdb",
                    ),
                    *near["dob"],
                    cll.ElseLevel(),
                ],
            )
        )
    if "sex" in present:
        comparisons.append(cl.ExactMatch("sex"))
    # Frequent values (a shared phone, a common postal code) weigh less: term frequencies.
    for column, tf in (
        ("phone", True),
        ("email", True),
        ("postal_code", True),
        ("address", False),
        ("document_number", False),
    ):
        if column not in present:
            continue
        levels: list[Level] = [_null(column), _exact(column, tf=tf)]
        if column == "email" and "email_user" in present:
            levels.append(_exact("email_user"))
        comparisons.append(_comparison(column, [*levels, *near[column], cll.ElseLevel()]))
    if "city" in present or "province" in present:
        place: list[Level] = []
        if "city" in present:
            place += [_null("city"), _exact("city", tf=True), *near["city"]]
        if "province" in present:
            if not place:
                place.append(_null("province"))
            place.append(_exact("province"))
        comparisons.append(_comparison("place", [*place, cll.ElseLevel()]))
    return comparisons


def plain_comparisons(present: set[str]) -> list[ComparisonCreator]:
    return _comparisons(present, _plain_near())


def encoded_comparisons(present: set[str]) -> list[ComparisonCreator]:
    return _comparisons(present, _encoded_near())


# ---- Encoded values: Dice similarity of Bloom filters ---------------------------------------


def _dice_sql(left: str, right: str) -> str:
    return f'2.0 * bit_count("{left}" & "{right}") / (bit_count("{left}") + bit_count("{right}"))'


def _dice(column: str, threshold: float) -> cll.CustomLevel:
    return cll.CustomLevel(
        f"{_dice_sql(column + '_bf_l', column + '_bf_r')} >= {threshold}",
        f"{column} Dice >= {threshold}",
        base_dialect_str="duckdb",
    )


def _swapped_dice(threshold: float) -> cll.CustomLevel:
    return cll.CustomLevel(
        f"{_dice_sql('given1_bf_l', 'family_bf_r')} >= {threshold} AND "
        f"{_dice_sql('family_bf_l', 'given1_bf_r')} >= {threshold}",
        "given and family names swapped, with a typo",
        base_dialect_str="duckdb",
    )


# ---- Blocking and training (both modes) ---------------------------------------------------


def blocking_rules(present: set[str]) -> list[Rule]:
    """Pairs worth comparing: sharing a date of birth, a name, a phone, an e-mail, …"""
    rules: list[Rule] = []
    if {"dob", "given_initial"} <= present:
        rules.append(block_on("dob", "given_initial"))
    if {"dob", "family_prefix"} <= present:
        rules.append(block_on("dob", "family_prefix"))
    if {"dob", "given_initial", "family_initial"} <= present:
        rules.append(CustomRule("l.dob = r.dob AND l.given_initial = r.family_initial"))
    for place in ("postal_code", "city"):
        if {"dob", place} <= present:
            rules.append(block_on("dob", place))
    if {"given1", "family"} <= present:
        rules.append(block_on("given1", "family"))
        rules.append(CustomRule("l.given1 = r.family AND l.family = r.given1"))
    if {"dob_swapped", "family_prefix"} <= present:
        rules.append(CustomRule("l.dob = r.dob_swapped AND l.family_prefix = r.family_prefix"))
    if {"dob_year", "given1", "family_prefix"} <= present:
        rules.append(block_on("dob_year", "given1", "family_prefix"))
    for column in ("phone", "email", "document_number"):
        if column in present:
            rules.append(block_on(column))
    if {"postal_code", "family_prefix"} <= present:
        rules.append(block_on("postal_code", "family_prefix"))
    if {"postal_code", "given1"} <= present:
        rules.append(block_on("postal_code", "given1"))
    return rules


# Columns that identify one person: pairs sharing one are nearly all true pairs.
IDENTIFIER_COLUMNS = ("email", "document_number")


@dataclass(frozen=True)
class TrainingBlock:
    rule: BlockingRuleCreator
    # Trained only if no block before it of pairs sharing an identifier was trained on
    # enough pairs (see ``engine.MIN_IDENTIFIER_PAIRS``).
    unless_identifiers: bool = False
    # For a block of pairs sharing an identifier of one person: its column.
    identifier: str = ""


def training_blocks(present: set[str], sample_every: int = 1) -> list[TrainingBlock]:
    """Blocks for expectation maximisation: each leaves other comparisons free to learn.

    The date of birth learns in a block of pairs sharing an identifier of one person (an
    e-mail, a document number) where there is one, and only otherwise in a block of pairs
    sharing a full name: among those, people who merely share a common name are many (at a
    million records they outnumber the true pairs), and the model would learn that a match
    often has another date of birth, another phone and another address. The full-name block
    is also the fallback when the identifiers are there but their blocks hold too few pairs
    to learn from.

    On large files only pairs whose left record falls in one of ``sample_every`` slices are
    used: the parameters are shares, which a large random sample estimates as well.
    """
    sample = f" AND l.unique_id % {sample_every} = 0" if sample_every > 1 else ""
    blocks: list[TrainingBlock] = []
    if {"dob", "given_initial"} <= present:
        blocks.append(TrainingBlock(CustomRule(
            "l.dob = r.dob AND l.given_initial = r.given_initial" + sample)))
    for column in IDENTIFIER_COLUMNS:
        if column in present:
            blocks.append(TrainingBlock(CustomRule(f"l.{column} = r.{column}" + sample),
                                        identifier=column))
    if {"given1", "family"} <= present:
        blocks.append(TrainingBlock(
            CustomRule("l.given1 = r.given1 AND l.family = r.family" + sample),
            unless_identifiers=True))
    return blocks


def deterministic_rules(present: set[str]) -> list[str | BlockingRuleCreator]:
    """Rules almost certainly true matches, to estimate how common matches are."""
    rules: list[str | BlockingRuleCreator] = []
    if {"dob", "given1", "family"} <= present:
        rules.append(CustomRule("l.dob = r.dob AND l.given1 = r.given1 AND l.family = r.family"))
    if {"document_number", "family"} <= present:
        rules.append(CustomRule("l.document_number = r.document_number AND l.family = r.family"))
    if {"email", "family"} <= present:
        rules.append(CustomRule("l.email = r.email AND l.family = r.family"))
    return rules


def settings(comparisons: Iterable[ComparisonCreator], rules: list[Rule]) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=list(comparisons),
        blocking_rules_to_generate_predictions=rules,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
