"""`kvalitet demo`: load the demo organisations (idempotent) and print the demo sign-ins.

Each app may have a `demo.py` with `load(stdout)`; they run in INSTALLED_APPS order, so later
areas add their data to the organisations the first one made.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kvalitet.core.demo_loader import load_all

DEMO_PASSWORD = "demo"


class Command(BaseCommand):
    help = "Create the demo organisations Nørreby (DK) and Solvik (SE), with one person per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Create demo people even when DEBUG is off."
        )
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print sign-ins.")

    def handle(self, *args, force=False, quiet_logins=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo people with the password 'demo' while DEBUG is off."
            )
        # Role names in English: the sign-ins are printed for whoever runs the set-up.
        with translation.override("en"):
            logins = load_all()
        if quiet_logins:
            return
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with password 'demo':"))
        width = max(len(email) for _org, email, _role in logins)
        for organisation, email, role in logins:
            self.stdout.write(f"  {email.ljust(width)}  {organisation:<16} {role}")
