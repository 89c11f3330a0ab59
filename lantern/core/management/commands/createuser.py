from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lantern.accounts.actions import create_user
from lantern.accounts.models import User
from lantern.accounts.permissions import Role, parse_roles
from lantern.organizations.models import Organization


class Command(BaseCommand):
    help = "Create an account in an organization with one or more roles."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--org", required=True, help="organization code")
        parser.add_argument("--roles", required=True,
                            help="comma-separated: " + ", ".join(role.value for role in Role))
        parser.add_argument("--email", default="")
        parser.add_argument("--password-env", default="LANTERN_NEW_PASSWORD",
                            help="read the password from this variable instead of a prompt")

    def handle(self, *args: Any, **options: Any) -> None:
        organization = Organization.objects.filter(code=options["org"]).first()
        if organization is None:
            raise CommandError(f"No organization with code {options['org']!r}.")
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"The username {options['username']!r} is taken.")
        try:
            roles = parse_roles(options["roles"].split(","))
        except ValueError as error:
            raise CommandError(str(error)) from None
        password = os.environ.get(options["password_env"]) or getpass.getpass("Password: ")
        candidate = User(username=options["username"], email=options["email"])
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user = create_user(None, username=options["username"], password=password,
                           organization=organization, roles=roles, email=options["email"])
        self.stdout.write(f"Created {user.username} in {organization.code} "
                          f"with roles {', '.join(user.roles)}.")
