"""The ``lantern`` command: Django's management commands under one name.

``lantern serve``, ``lantern worker``, ``lantern demo``, ``lantern createorg``,
``lantern audit verify`` and the rest are management commands of Lantern's apps;
``lantern help`` lists them all.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
    from django.core.management import execute_from_command_line

    argv = [sys.argv[0], *sys.argv[1:]] if len(sys.argv) > 1 else [sys.argv[0], "help"]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
