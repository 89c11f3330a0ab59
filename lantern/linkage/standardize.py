"""Standardization of people's identifying fields, in DuckDB SQL.

Sources write the same person differently: accents dropped or kept, hyphens, nicknames and
English/French forms of one name, names in another script, given and family names swapped,
day and month swapped, partial dates, phones in any format, e-mail tags. This module turns a
table of raw text columns (:data:`lantern.linkage.columns.PEOPLE_COLUMNS`) into the columns
the model compares. It runs in DuckDB so a million rows take seconds, and it is the same code
whether the hub links plain values or a data provider encodes them (``lantern encode``).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import duckdb
from unidecode import unidecode

VARIANTS_FILE = Path(__file__).parent / "data" / "given_name_variants.csv"

PROVINCES = {
    "alberta": "AB",
    "british columbia": "BC",
    "colombie britannique": "BC",
    "manitoba": "MB",
    "new brunswick": "NB",
    "nouveau brunswick": "NB",
    "newfoundland and labrador": "NL",
    "terre neuve et labrador": "NL",
    "newfoundland": "NL",
    "nova scotia": "NS",
    "nouvelle ecosse": "NS",
    "northwest territories": "NT",
    "territoires du nord ouest": "NT",
    "nunavut": "NU",
    "ontario": "ON",
    "prince edward island": "PE",
    "ile du prince edouard": "PE",
    "quebec": "QC",
    "saskatchewan": "SK",
    "yukon": "YT",
    "pq": "QC",
    "nfld": "NL",
    "pei": "PE",
}

SEXES = {
    "m": "m",
    "male": "m",
    "man": "m",
    "h": "m",
    "homme": "m",
    "masculin": "m",
    "f": "f",
    "female": "f",
    "woman": "f",
    "femme": "f",
    "feminin": "f",
    "x": "x",
    "another gender": "x",
    "autre": "x",
}


@cache
def given_name_variants() -> dict[str, list[str]]:
    """Each written form of a given name and the canonical forms it may stand for."""
    variants: dict[str, list[str]] = {}
    with VARIANTS_FILE.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            variants.setdefault(row["variant"], []).append(row["canonical"])
    return variants


def _ascii(value: str | None) -> str | None:
    return None if value is None else unidecode(value)


def _name_sql(column: str) -> str:
    """Lower case, no accents, any script in Latin letters, hyphens and dots as spaces."""
    accentless = f"strip_accents(lower(trim(coalesce({column}, ''))))"
    latin = (
        f"CASE WHEN regexp_matches({accentless}, '[^\\x00-\\x7F]') "
        f"THEN lower(lantern_ascii({accentless})) ELSE {accentless} END"
    )
    cleaned = (
        f"regexp_replace(regexp_replace({latin}, '[''`\u2019]', '', 'g'), '[^a-z]+', ' ', 'g')"
    )
    return f"nullif(trim({cleaned}), '')"


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Register the helpers the standardization SQL uses (idempotent per connection)."""
    try:
        con.create_function(  # type: ignore[call-overload]
            "lantern_ascii",
            _ascii,
            ["VARCHAR"],
            "VARCHAR",
            null_handling="special",
            side_effects=False,
        )
    except duckdb.CatalogException:
        return
    variants = given_name_variants()
    con.execute("CREATE TEMP TABLE lantern_given_variants (variant VARCHAR, forms VARCHAR[])")
    con.executemany(
        "INSERT INTO lantern_given_variants VALUES (?, ?)",
        [(variant, forms) for variant, forms in variants.items()],
    )
    con.execute("CREATE TEMP TABLE lantern_provinces (name VARCHAR, code VARCHAR)")
    con.executemany("INSERT INTO lantern_provinces VALUES (?, ?)", list(PROVINCES.items()))
    con.execute("CREATE TEMP TABLE lantern_sexes (name VARCHAR, code VARCHAR)")
    con.executemany("INSERT INTO lantern_sexes VALUES (?, ?)", list(SEXES.items()))


def standardize(con: duckdb.DuckDBPyConnection, source: str, target: str) -> None:
    """Create table ``target`` of standardized columns from the raw text table ``source``.

    ``source`` has the columns of :data:`PEOPLE_COLUMNS` as text (missing ones as NULL) and
    a BIGINT ``unique_id``.
    """
    prepare(con)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE lantern_names AS
        SELECT unique_id,
               {_name_sql("given_name")} AS given,
               {_name_sql("family_name")} AS family,
               {_name_sql("city")} AS city,
               {_name_sql("province")} AS province_name,
               {_name_sql("sex")} AS sex_name,
               {_name_sql("address")} AS address,
               trim(coalesce(date_of_birth, '')) AS dob_text
        FROM {source}
    """)
    con.execute(f"""
        CREATE OR REPLACE TABLE {target} AS
        WITH dates AS (
            SELECT unique_id,
                   regexp_extract(dob_text, '^(\\d{{4}})[-/. ]?(\\d{{1,2}})?[-/. ]?(\\d{{1,2}})?', ['y', 'm', 'd']) AS iso,
                   regexp_extract(dob_text, '^(\\d{{1,2}})[-/. ](\\d{{1,2}})[-/. ](\\d{{4}})$', ['d', 'm', 'y']) AS dmy
            FROM lantern_names
        ),
        parts AS (
            SELECT unique_id,
                   CASE WHEN dmy.y <> '' THEN dmy.y ELSE iso.y END AS y,
                   CASE WHEN dmy.y <> '' THEN dmy.m ELSE iso.m END AS m,
                   CASE WHEN dmy.y <> '' THEN dmy.d ELSE iso.d END AS d
            FROM dates
        ),
        dob AS (
            SELECT unique_id,
                   CASE WHEN try_cast(y AS INTEGER) BETWEEN 1880 AND 2100 THEN try_cast(y AS INTEGER) END AS dob_year,
                   CASE WHEN try_cast(m AS INTEGER) BETWEEN 1 AND 12 THEN try_cast(m AS INTEGER) END AS dob_month,
                   CASE WHEN try_cast(d AS INTEGER) BETWEEN 1 AND 31 THEN try_cast(d AS INTEGER) END AS dob_day,
                   try_cast(m AS INTEGER) AS raw_month,
                   try_cast(d AS INTEGER) AS raw_day
            FROM parts
        )
        SELECT
            r.unique_id,
            CAST(r.record_id AS VARCHAR) AS record_id,
            nullif(trim(coalesce(r.source, '')), '') AS source,
            n.given,
            split_part(n.given, ' ', 1) AS given1,
            list_distinct(list_prepend(split_part(n.given, ' ', 1),
                                       coalesce(v.forms, []::VARCHAR[]))) AS given_forms,
            n.family,
            string_split(n.family, ' ') AS family_tokens,
            -- Blocking keys.
            substr(n.family, 1, 3) AS family_prefix,
            substr(split_part(n.given, ' ', 1), 1, 1) AS given_initial,
            substr(n.family, 1, 1) AS family_initial,
            d.dob_year,
            CASE WHEN d.dob_year IS NOT NULL AND d.dob_month IS NOT NULL AND d.dob_day IS NOT NULL
                 THEN printf('%04d-%02d-%02d', d.dob_year, d.dob_month, d.dob_day) END AS dob,
            -- The same date read with day and month the other way round.
            CASE WHEN d.dob_year IS NOT NULL AND d.raw_day BETWEEN 1 AND 12
                      AND d.raw_month BETWEEN 1 AND 31 AND d.raw_day <> d.raw_month
                 THEN printf('%04d-%02d-%02d', d.dob_year, d.raw_day, d.raw_month) END AS dob_swapped,
            CASE WHEN d.dob_year IS NOT NULL AND d.dob_month IS NOT NULL
                 THEN printf('%04d-%02d', d.dob_year, d.dob_month) END AS dob_month_year,
            s.code AS sex,
            -- The rule of crypto.normalize_phone (blind indexes), in SQL; too short is no phone.
            CASE WHEN length(p.digits) = 11 AND p.digits LIKE '1%' THEN substr(p.digits, 2)
                 WHEN length(p.digits) >= 7 THEN p.digits END AS phone,
            nullif(regexp_replace(lower(trim(coalesce(r.email, ''))), '\\+[^@]*@', '@'), '') AS email_raw,
            n.city,
            coalesce(pv.code, upper(n.province_name)) AS province,
            nullif(regexp_replace(upper(coalesce(r.postal_code, '')), '[^A-Z0-9]', '', 'g'), '') AS postal_code,
            n.address,
            nullif(regexp_replace(upper(coalesce(r.document_number, '')), '[^A-Z0-9]', '', 'g'), '') AS document_number
        FROM {source} r
        JOIN lantern_names n USING (unique_id)
        JOIN dob d USING (unique_id)
        CROSS JOIN LATERAL (SELECT regexp_replace(coalesce(r.phone, ''), '[^0-9]', '', 'g') AS digits) p
        LEFT JOIN lantern_given_variants v ON v.variant = split_part(n.given, ' ', 1)
        LEFT JOIN lantern_sexes s ON s.name = n.sex_name
        LEFT JOIN lantern_provinces pv ON pv.name = n.province_name
    """)
    con.execute(f"""
        CREATE OR REPLACE TABLE {target} AS
        SELECT * EXCLUDE (email_raw, given_forms),
               CASE WHEN given1 IS NULL THEN NULL ELSE given_forms END AS given_forms,
               CASE WHEN email_raw LIKE '%_@_%' THEN email_raw END AS email,
               CASE WHEN email_raw LIKE '%_@_%' THEN split_part(email_raw, '@', 1) END AS email_user
        FROM {target}
    """)
    con.execute("DROP TABLE lantern_names")
