from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lantern.organizations.actions import create_organization
from lantern.standard.vocabularies import vocabulary


class Command(BaseCommand):
    help = "Create an organization."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("code", help="short unique code, e.g. toronto-police")
        parser.add_argument("--name-en", required=True)
        parser.add_argument("--name-fr", required=True)
        parser.add_argument("--type", required=True, dest="kind",
                            help="one of: " + ", ".join(vocabulary("organization_type").codes()))
        parser.add_argument("--province", default="", help="two-letter code; empty = national")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organization = create_organization(
                None, code=options["code"], name_en=options["name_en"],
                name_fr=options["name_fr"], kind=options["kind"], province=options["province"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Created organization {organization.code} ({organization.name_en}).")
