"""`kvalitet remind`: run the daily jobs and send today's digests (for cron or a systemd timer)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from kvalitet.reminders.services import remind


class Command(BaseCommand):
    help = "Run the daily jobs and send each person one digest of what waits for them today."

    def handle(self, *args, **options):
        result = remind(today=timezone.localdate())
        for name, summary in result.jobs.items():
            self.stdout.write(f"{name}: {summary}")
        self.stdout.write(
            f"digests queued: {result.digests_sent}; already sent today: {result.already_sent}"
        )
