"""Recording identifiers through the page, refreshing the alerts through the command."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client

from lantern.cases.models import Case


def record_identifier(client: Client, case: Case, kind: str, value: str,
                      source: str = "investigation") -> HttpResponse:
    return client.post(f"/en/intelligence/cases/{case.reference}/identifiers/",
                       {"kind": kind, "value": value, "source": source})


def refresh() -> str:
    out = io.StringIO()
    call_command("link_alerts", stdout=out)
    return out.getvalue()
