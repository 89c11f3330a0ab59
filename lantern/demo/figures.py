"""Shares that shape the demo's case data, rounded from published Statistics Canada figures.

Source: Statistics Canada, Juristat, "Trafficking in persons in Canada, 2022" (Conroy, 2023
/2024) and earlier editions of the same series (police-reported incidents 2012-2022). The
shares are rounded approximations used to make fictional data look like the real
distribution; they are not to be quoted as statistics.
"""

from __future__ import annotations

# Police-reported trafficking incidents by year (approximate published counts).
INCIDENTS_BY_YEAR: dict[int, int] = {
    2012: 206, 2013: 218, 2014: 200, 2015: 312, 2016: 340, 2017: 377,
    2018: 375, 2019: 511, 2020: 400, 2021: 552, 2022: 528,
}

# Share of incidents by province or territory, 2012-2022 (approximate).
PROVINCE_SHARE: dict[str, float] = {
    "ON": 0.55, "QC": 0.13, "AB": 0.07, "NS": 0.06, "MB": 0.05, "BC": 0.05,
    "SK": 0.03, "NB": 0.02, "NL": 0.015, "PE": 0.005, "YT": 0.003, "NT": 0.004, "NU": 0.003,
}

# Victims: about 94% women and girls; about one in four under 18, most 18 to 24.
VICTIM_SEX: dict[str, float] = {"female": 0.94, "male": 0.06}
VICTIM_AGE: dict[str, float] = {
    "0_11": 0.02, "12_17": 0.22, "18_24": 0.44, "25_34": 0.22, "35_44": 0.07, "45_54": 0.03,
}

# Accused: about four in five men and boys, most 18 to 34.
ACCUSED_SEX: dict[str, float] = {"male": 0.81, "female": 0.19}
ACCUSED_AGE: dict[str, float] = {
    "12_17": 0.05, "18_24": 0.33, "25_34": 0.38, "35_44": 0.15, "45_54": 0.06, "55_64": 0.03,
}

# Completed court cases with at least one trafficking charge, by decision (approximate);
# most trafficking charges end stayed or withdrawn, often beside a guilty finding on an
# alternate charge.
COURT_OUTCOME: dict[str, float] = {
    "guilty": 0.12, "acquitted": 0.04, "stayed_withdrawn_dismissed": 0.62,
    "other_decision": 0.02, "ongoing": 0.20,
}

# Victims and accused: most victims know the accused (intimate partner, friend, acquaintance).
RELATIONSHIP: dict[str, float] = {
    "intimate_partner": 0.31, "friend": 0.13, "casual_acquaintance": 0.27,
    "business_relationship": 0.08, "stranger": 0.12, "other_family": 0.03, "unknown": 0.06,
}

# Most police-reported trafficking is for sexual exploitation.
EXPLOITATION: dict[str, float] = {
    "sexual_exploitation": 0.86, "forced_labour": 0.10, "forced_criminal_activity": 0.02,
    "forced_marriage": 0.02,
}
