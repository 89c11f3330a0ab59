"""Data steward pages in a real browser: axe finds nothing, in English and in French."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.core.tests.test_browser_pages import _sign_in, _violations
from lantern.submissions.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_submission_pages_have_no_accessibility_violations(browser, live_server, lang,
                                                           tmp_path):
    steward = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    page = browser.new_page()
    _sign_in(page, live_server.url, steward, lang)
    base = f"{live_server.url}/{lang}/submissions"
    problems: list[str] = []
    page.goto(f"{base}/")
    problems += _violations(page)
    path = tmp_path / "cases.csv"
    path.write_text("source_record_id,opened_on\nA-1,2024-01-05\nA-2,not a date\n")
    page.set_input_files("#id_file", str(path))
    with page.expect_navigation():
        page.click("main form.record-form button.button")
    problems += _violations(page)  # queued, with its progress bar
    # Left before the worker runs: the page would reload itself when the import ends, and
    # that reload could cross the next page's load.
    page.goto("about:blank")
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)
    page.goto(f"{base}/{Submission.objects.get().pk}/")
    assert page.locator("main table").last.locator("tbody tr").count() == 1
    problems += _violations(page)
    # An import stopped by an error: its notice, and the button that resumes it.
    Submission.objects.update(status=Submission.Status.INTERRUPTED)
    page.reload()
    problems += _violations(page)
    with page.expect_navigation():
        page.click("main form[action$='/resume/'] button")
    assert Submission.objects.get().status == Submission.Status.QUEUED
    problems += _violations(page)  # with its message
    page.goto(f"{base}/mappings/person/")
    page.fill("#id_codes", "sex: F = female")
    with page.expect_navigation():
        page.click("main form.record-form button.button")
    problems += _violations(page)
    page.goto(f"{base}/tokens/")
    page.fill("#id_name", "nightly")
    page.check("input[name=scopes][value='org:submission:manage']")
    with page.expect_navigation():
        page.click("main form.record-form button.button")
    problems += _violations(page)
    assert problems == []
