"""Fast Facts: building a release also makes its bulletin, a PDF in English and one in
French; anyone downloads a published one, only statisticians a draft's."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.stats import bulletin
from lantern.stats.models import Bulletin, FrozenRelease, Release
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_published_bulletin_has_the_headline_figures_charts_and_notes(client):
    records.some_cases()
    release = records.publish(epsilon="50")
    response = client.get(f"/en/statistics/fast-facts/{release.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "lantern-fast-facts-2024-en.pdf" in response["Content-Disposition"]
    text = _text(response.content)
    assert "Fast Facts" in text and "Headline figures" in text
    assert "Notes on the sources" in text and "Statistics Canada" in text
    # Made at publication: it names the date, and never says "draft".
    assert f"published {release.published_at.date().isoformat()}" in text
    assert "(draft)" not in text
    incidents = release.tables.get(key="incidents_year_province").cells.get(
        row="2024", column="_total")
    assert re.search(rf"(^|\n){incidents.value:,}\s*Incidents in 2024, Canada", text), text
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 4
    # The charts are drawn into the page: vector paths, not text.
    assert any("/XObject" in str(page.get("/Resources", {})) for page in reader.pages)


def test_the_french_bulletin_is_in_french(client):
    records.some_cases()
    release = records.publish(epsilon="50")
    response = client.get(f"/fr/statistics/fast-facts/{release.pk}.pdf")
    assert response.status_code == 200
    assert "lantern-en-bref-2024-fr.pdf" in response["Content-Disposition"]
    text = _text(response.content)
    assert "En bref" in text and "Notes sur les sources" in text


def test_a_draft_bulletin_is_for_statisticians_only(client, signed_in):
    records.some_cases()
    call_command("release", "build", "--period", "2024", "--epsilon", "50", "--quiet")
    draft = Release.objects.get()
    assert draft.bulletins.count() == 2
    url = f"/en/statistics/fast-facts/{draft.pk}.pdf"
    assert client.get(url).status_code == 404
    analyst = testing.make_user(testing.make_org("federal_department", ""), Role.POLICY_ANALYST)
    assert signed_in(analyst).get(url).status_code == 404
    response = signed_in(records.statistician()).get(url)
    assert response.status_code == 200 and "(draft)" in _text(response.content)


def test_the_command_makes_a_draft_s_bulletin_again_and_writes_a_published_one(tmp_path):
    records.some_cases()
    call_command("release", "build", "--period", "2024", "--epsilon", "50", "--quiet")
    draft = Release.objects.get()
    first = draft.bulletins.get(language="en").created_at
    call_command("release", "bulletin", str(draft.pk))
    assert draft.bulletins.get(language="en").created_at > first
    release = records.publish(epsilon="50")
    with pytest.raises(CommandError, match="Only a draft"):
        call_command("release", "bulletin", str(release.pk))
    call_command("release", "bulletin", str(release.pk), "--out", str(tmp_path))
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == ["lantern-en-bref-2024-fr.pdf", "lantern-fast-facts-2024-en.pdf"]
    assert (tmp_path / written[1]).read_bytes().startswith(b"%PDF")


def test_a_published_bulletin_never_changes():
    records.some_cases()
    release = records.publish(epsilon="50")
    stored = release.bulletins.get(language="en")
    stored.pdf = b"%PDF-forged"
    with pytest.raises(FrozenRelease):
        stored.save()
    with pytest.raises(FrozenRelease):
        Bulletin.objects.filter(release=release).delete()
    with pytest.raises(FrozenRelease):
        Bulletin.objects.filter(release=release).update(pdf=b"")


def test_the_bulletin_fetches_nothing():
    with pytest.raises(FatalURLFetchingError):
        bulletin.pdf('<p>Fast Facts</p><img src="http://127.0.0.1:9/tracker.png" alt="">')
    pdf, pages = bulletin.pdf("<p>Fast Facts</p>")
    assert pdf.startswith(b"%PDF") and pages == 1
