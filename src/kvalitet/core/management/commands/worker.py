"""`kvalitet worker`: runs queued background tasks (e-mail, long reports) from the database."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker (Django Tasks on the database backend)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")

    def handle(self, *args, batch=False, interval=1.0, **options):
        arguments = ["--interval", str(interval), "--queue-name", "*"]
        if batch:
            arguments += ["--batch", "--no-startup-delay", "--no-reload"]
        call_command("db_worker", *arguments, verbosity=options.get("verbosity", 1))
