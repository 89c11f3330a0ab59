"""Statisticians build, preview, approve and publish on the pages; policy analysts read
published releases only; the other roles see nothing of it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.stats.models import Release
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db


def _analyst():
    return testing.make_user(testing.make_org("federal_department", ""), Role.POLICY_ANALYST)


@pytest.mark.django_db(transaction=True)
def test_a_statistician_builds_in_the_worker_previews_approves_and_publishes(signed_in):
    records.case_with_victims(records.police(), 25)
    client = signed_in(records.statistician())
    response = client.post("/en/statistics/releases/", {"period": "2024", "epsilon": "1.0"})
    release = Release.objects.get()
    assert response["Location"] == f"/en/statistics/releases/{release.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'id="progress"' in page and "progress.js" in page
    assert client.get(f"/en/statistics/releases/{release.pk}/progress/").json()["done"] is False
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)
    progress = client.get(f"/en/statistics/releases/{release.pk}/progress/").json()
    assert progress["done"] is True and progress["read"] == 100
    # The build made the Fast Facts bulletin in both languages, linked from the page.
    assert sorted(release.bulletins.values_list("language", flat=True)) == ["en", "fr"]
    page = client.get(f"/en/statistics/releases/{release.pk}/").content.decode()
    assert "Victims, by sex and age group" in page and "Approve this release" in page
    assert f"/en/statistics/fast-facts/{release.pk}.pdf" in page
    preview = client.get(f"/en/statistics/releases/{release.pk}/preview/").content.decode()
    assert "What disclosure control changed" in preview and "Changed by rounding" in preview
    client.post(f"/en/statistics/releases/{release.pk}/approve/")
    release.refresh_from_db()
    assert release.status == Release.Status.APPROVED
    client.post(f"/en/statistics/releases/{release.pk}/publish/")
    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED and release.published_at


def test_a_refused_period_is_explained(signed_in):
    client = signed_in(records.statistician())
    response = client.post("/en/statistics/releases/", {"period": "2999Q1", "epsilon": "1"})
    assert response.status_code == 400
    assert "that is over" in response.content.decode()
    assert not Release.objects.exists()


def _draft_and_published() -> tuple[Release, Release]:
    records.case_with_victims(records.police(), 12)
    records.statistician("stats")
    call_command("release", "build", "--period", "2024", "--epsilon", "1", "--quiet")
    published = Release.objects.get()
    call_command("release", "approve", str(published.pk), "--user", "stats")
    call_command("release", "publish", str(published.pk), "--user", "stats")
    call_command("release", "build", "--period", "2024", "--epsilon", "1", "--quiet")
    draft = Release.objects.exclude(pk=published.pk).get()
    return draft, published


def test_a_policy_analyst_reads_published_releases_only(signed_in):
    draft, published = _draft_and_published()
    client = signed_in(_analyst())
    listing = client.get("/en/statistics/").content.decode()
    assert str(published.pk) in listing and str(draft.pk) not in listing
    assert "Build a draft" not in listing
    page = client.get(f"/en/statistics/releases/{published.pk}/")
    assert page.status_code == 200 and "Preview" not in page.content.decode()
    assert client.get(f"/en/statistics/releases/{draft.pk}/").status_code == 404
    assert client.get(f"/en/statistics/releases/{draft.pk}/progress/").status_code == 404
    for release in (draft, published):
        assert client.get(f"/en/statistics/releases/{release.pk}/preview/").status_code == 403
    assert client.post(f"/en/statistics/releases/{draft.pk}/approve/").status_code == 403
    assert client.post("/en/statistics/releases/",
                       {"period": "2024", "epsilon": "1"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT


@pytest.mark.parametrize("role", [Role.POLICE_INVESTIGATOR, Role.HOTLINE_ADVOCATE])
def test_other_roles_are_refused(signed_in, role):
    draft, published = _draft_and_published()
    client = signed_in(testing.make_user(testing.make_org(), role))
    assert client.get("/en/statistics/").status_code == 403
    assert client.get("/en/statistics/sources/").status_code == 403
    for release in (draft, published):
        for path in ("", "progress/", "preview/"):
            url = f"/en/statistics/releases/{release.pk}/{path}"
            assert client.get(url).status_code == 403
        assert client.post(f"/en/statistics/releases/{release.pk}/approve/").status_code == 403
        assert client.post(f"/en/statistics/releases/{release.pk}/publish/").status_code == 403


def test_only_a_statistician_approves_from_the_command_line():
    draft, _published = _draft_and_published()
    analyst = _analyst()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="may not"):
        call_command("release", "approve", str(draft.pk), "--user", analyst.username)
    with pytest.raises(CommandError, match="needs --user"):
        call_command("release", "approve", str(draft.pk))
    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT
