from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lantern.organizations.models import Organization
from lantern.submissions import ctdc, htcds


class Command(BaseCommand):
    help = ("`lantern export ctdc --out FILE [--k 11]`: the CTDC flat layout, k-anonymized. "
            "`lantern export htcds --org CODE --out FILE`: an organization's cases in the "
            "HTCDS 2.0 shape as JSON Lines, without identities.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("layout", choices=["ctdc", "htcds"])
        parser.add_argument("--org", help="organization code (htcds)")
        parser.add_argument("--out", required=True)
        parser.add_argument("--k", type=int, default=11)

    def handle(self, *args: Any, layout: str, out: str, k: int, **options: Any) -> None:
        if layout == "htcds":
            organization = Organization.objects.filter(code=options.get("org") or "").first()
            if organization is None:
                raise CommandError("htcds needs --org CODE of an existing organization.")
            with open(out, "w", encoding="utf-8") as handle:
                count = htcds.export(organization, handle)
            self.stdout.write(f"{count} cases of {organization.code} exported.")
            return
        with open(out, "w", encoding="utf-8", newline="") as handle:
            report = ctdc.export(handle, k=k)
        self.stdout.write(f"{report.exported} of {report.victims} victims exported "
                          f"(k={k}); {report.generalized} values generalized, "
                          f"{report.left_out} victims left out.")
