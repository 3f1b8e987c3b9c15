"""Sign-in bookkeeping that should not count as a change to the person."""

from django.utils import timezone

from kvalitet.accounts.models import Person


def record_last_login(sender, user, **kwargs) -> None:
    now = timezone.now()
    Person.objects.filter(pk=user.pk).update(last_login=now)
    user.last_login = now
