"""Data stewards upload files, follow them, read the reasons; others see nothing of it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.cases.models import Case
from lantern.submissions.models import ApiToken, Submission

pytestmark = pytest.mark.django_db(transaction=True)

CSV = (b"source_record_id,opened_on,trafficking_status\n"
       b"U-1,2024-01-05,possible\nU-2,2024-01-06,maybe\n"
       b"U-3,2024-01-07,=CMD|' /C calc'!A0\n")


def _upload(client, content: bytes = CSV, name: str = "cases.csv"):
    return client.post("/en/submissions/", {
        "entity": "case", "mode": "store_valid",
        "file": SimpleUploadedFile(name, content, content_type="text/csv")})


def test_an_upload_runs_in_the_worker_and_reports_every_row(signed_in):
    steward = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    client = signed_in(steward)
    response = _upload(client)
    submission = Submission.objects.get()
    assert response["Location"] == f"/en/submissions/{submission.pk}/"
    assert submission.rows_total == 3 and submission.status == "queued"
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)
    progress = client.get(f"/en/submissions/{submission.pk}/progress.json").json()
    assert progress == {"status": "done", "total": 3, "read": 3, "stored": 1,
                        "unchanged": 0, "rejected": 2, "done": True}
    assert Case.objects.filter(organization=steward.organization).count() == 1
    report = client.get(f"/en/submissions/{submission.pk}/errors.csv").content.decode()
    assert "Not a code of the vocabulary trafficking_status" in report
    # A formula cell is reported, and neutralized in the report itself.
    assert "formula" in report
    assert "\n=" not in report and ",=" not in report


def test_another_organization_cannot_see_the_submission(signed_in):
    steward = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    _upload(signed_in(steward))
    submission = Submission.objects.get()
    other = signed_in(testing.make_user(testing.make_org(), Role.DATA_STEWARD))
    for path in ("", "progress.json", "errors.csv"):
        assert other.get(f"/en/submissions/{submission.pk}/{path}").status_code == 404
    assert str(submission.pk) not in other.get("/en/submissions/").content.decode()


def test_roles_without_submissions_are_refused(signed_in):
    investigator = testing.make_user(testing.make_org(), Role.POLICE_INVESTIGATOR)
    assert signed_in(investigator).get("/en/submissions/").status_code == 403


def test_templates_carry_bilingual_headers(client):
    text = client.get("/en/submissions/templates/person.csv").content.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("source_record_id (") and "given_name (Given name / Prénom)" in header


def test_tokens_are_shown_once_and_revoked_from_the_page(signed_in):
    steward = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    client = signed_in(steward)
    html = client.post("/en/submissions/tokens/", {"name": "nightly export",
                                                   "scopes": ["org:submission:manage"]}
                       ).content.decode()
    token = ApiToken.objects.get()
    assert f"lt_{token.prefix}_" in html
    later = client.get("/en/submissions/tokens/").content.decode()
    assert f"lt_{token.prefix}_…" in later and html.split('id="new-token">')[1][:30] not in later
    client.post(f"/en/submissions/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_data_quality_page_counts_completeness_rejections_and_unknown_codes(
        signed_in, tmp_path):
    steward = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    path = tmp_path / "cases.csv"
    path.write_bytes(CSV)
    call_command("import", str(path), "--org", steward.organization.code, "--entity", "case",
                 stdout=open("/dev/null", "w"))  # noqa: SIM115
    client = signed_in(steward)
    html = client.get("/en/submissions/quality/").content.decode()
    assert "unknown_code" in html and "Not a code of the vocabulary" in html
    assert "maybe" not in html  # the submitted value is never repeated
    assert "unreadable_row" in html
    assert "status_decided_by" in html and "0 / 1" in html
    other = signed_in(testing.make_user(testing.make_org(), Role.DATA_STEWARD))
    assert "maybe" not in other.get("/en/submissions/quality/").content.decode()


def test_rejected_rows_come_back_as_sent_for_correction_and_the_read_is_logged(signed_in):
    from lantern.audit.models import AuditEntry

    steward = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    client = signed_in(steward)
    _upload(client, b"source_record_id,opened_on,narrative\nQ-1,2024-01-05,Fine.\n"
                    b"Q-2,tomorrow,Seen with Mme Fictive at the motel.\n")
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)
    submission = Submission.objects.get()
    raw = submission.quarantined.get().values_sealed
    assert "Fictive" not in raw  # sealed at rest
    text = client.post(f"/en/submissions/{submission.pk}/rejected.csv").content.decode()
    assert "Q-2" in text and "Seen with Mme Fictive" in text and "opened_on:" in text
    assert "Q-1" not in text
    assert AuditEntry.objects.filter(action="submission.rejected.read", actor=steward).exists()
    other = signed_in(testing.make_user(testing.make_org(), Role.DATA_STEWARD))
    assert other.post(f"/en/submissions/{submission.pk}/rejected.csv").status_code == 404
