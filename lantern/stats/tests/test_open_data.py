"""Open data: each published release as CSV files and a Frictionless data package that
frictionless itself validates; the JSON API gives the same cells. Drafts are not found."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import frictionless
import pytest
from django.core.management import call_command

from lantern.stats.models import Release
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db


@pytest.fixture
def release() -> Release:
    records.some_cases()
    return records.publish(epsilon="50")


def test_the_data_package_is_valid_and_describes_every_table(client, release, tmp_path):
    base = f"/en/statistics/open-data/{release.pk}"
    descriptor = client.get(f"{base}/datapackage.json").json()
    assert descriptor["licenses"][0]["name"] == "OGL-Canada-2.0"
    keys = [resource["name"] for resource in descriptor["resources"]]
    assert "incidents_year_province" in keys and "incident_rates_year_province" in keys
    value = next(f for f in descriptor["resources"][0]["schema"]["fields"]
                 if f["name"] == "value")
    assert value["title"] == "Count / Nombre"
    # Download the package as a user would, then let frictionless check every file.
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for key in keys:
        response = client.get(f"{base}/{key}.csv")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        (tmp_path / f"{key}.csv").write_bytes(response.content)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_zip_holds_the_same_files_and_is_the_same_every_time(client, release, tmp_path):
    url = f"/en/statistics/open-data/{release.pk}/package.zip"
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200 and first.content == second.content
    with zipfile.ZipFile(io.BytesIO(first.content)) as bundle:
        bundle.extractall(tmp_path)
        names = set(bundle.namelist())
    assert "datapackage.json" in names and "victims_sex_age.csv" in names
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_csv_has_labels_in_both_languages(client, release):
    text = client.get(f"/en/statistics/open-data/{release.pk}/victims_sex_age.csv"
                      ).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    female = next(r for r in rows if r["row"] == "female" and r["column"] == "_total")
    assert female["row_en"] == "Female" and female["row_fr"] == "Féminin"
    assert female["column_en"] == "Total" and female["column_fr"] == "Total"
    for key in release.tables.values_list("key", flat=True):
        text = client.get(f"/en/statistics/open-data/{release.pk}/{key}.csv").content.decode()
        for row in csv.DictReader(io.StringIO(text)):
            # A cell has a figure, or the symbol saying why it has none; never both.
            assert bool(row["value"] or row["rate"]) != bool(row["status"]), (key, row)
            if row["value"]:
                assert int(row["value"]) % 5 == 0


def test_a_suppressed_cell_has_no_value_and_its_symbol(client, settings):
    settings.LANTERN_STATS_THRESHOLD = 500  # every count here is under it
    records.some_cases()
    release = records.publish(epsilon="50")
    text = client.get(f"/en/statistics/open-data/{release.pk}/victims_sex_age.csv"
                      ).content.decode()
    female = next(r for r in csv.DictReader(io.StringIO(text))
                  if r["row"] == "female" and r["column"] == "_total")
    assert female["value"] == "" and female["status"] == "x"
    table = client.get(f"/api/v1/statistics/releases/{release.pk}/tables/victims_sex_age")
    cell = next(c for c in table.json()["cells"]
                if c["row"] == "female" and c["column"] == "_total")
    assert cell["value"] is None and cell["status"] == "x"


def test_the_api_gives_published_releases_and_their_cells(client, release):
    listing = client.get("/api/v1/statistics/releases")
    assert listing.status_code == 200
    [item] = listing.json()
    assert item["id"] == str(release.pk) and item["period"] == "2024"
    assert client.get("/api/v1/statistics/releases/latest").json()["id"] == str(release.pk)
    table = client.get(f"/api/v1/statistics/releases/{release.pk}/tables/victims_sex_age")
    assert table.status_code == 200
    body = table.json()
    assert body["title_fr"].startswith("Victimes")
    csv_rows = list(csv.DictReader(io.StringIO(client.get(
        f"/en/statistics/open-data/{release.pk}/victims_sex_age.csv").content.decode())))
    assert [(c["row"], c["column"], c["value"]) for c in body["cells"]] == [
        (r["row"], r["column"], int(r["value"]) if r["value"] else None) for r in csv_rows]
    assert client.get(f"/api/v1/statistics/releases/{release.pk}/tables/nothing"
                      ).status_code == 404
    assert "/statistics/releases" in json.dumps(client.get("/api/v1/openapi.json").json())


def test_drafts_are_not_found_anywhere(client, release):
    call_command("release", "build", "--period", "2024", "--epsilon", "50", "--quiet")
    draft = Release.objects.exclude(pk=release.pk).get()
    base = f"/en/statistics/open-data/{draft.pk}"
    for url in (f"{base}/datapackage.json", f"{base}/victims_sex_age.csv", f"{base}/package.zip",
                f"/api/v1/statistics/releases/{draft.pk}",
                f"/api/v1/statistics/releases/{draft.pk}/tables/victims_sex_age"):
        assert client.get(url).status_code == 404, url
    listing = client.get("/en/statistics/open-data/").content.decode()
    assert str(release.pk) in listing and str(draft.pk) not in listing
    assert [r["id"] for r in client.get("/api/v1/statistics/releases").json()] == [
        str(release.pk)]
