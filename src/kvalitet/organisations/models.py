"""The tenant (Organisation), its Unit tree and who works where in which role (Membership)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Country(models.TextChoices):
    DENMARK = "DK", _("Denmark")
    SWEDEN = "SE", _("Sweden")


class Language(models.TextChoices):
    DANISH = "da", _("Danish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


TIME_ZONES = [
    ("Europe/Copenhagen", "Europe/Copenhagen"),
    ("Europe/Stockholm", "Europe/Stockholm"),
    ("Atlantic/Faroe", "Atlantic/Faroe"),
    ("America/Nuuk", "America/Nuuk"),
]


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TIME_ZONES)
    portal_introduction = models.TextField(
        _("introduction on the public portal"),
        blank=True,
        help_text=_("What the quality system is, in words a citizen understands."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Part of the key of every cached portal fragment: the services that change what the public
    # portal shows raise it in their own transaction (kvalitet.portal.cache.portal_changed).
    portal_version = models.PositiveIntegerField(default=1, editable=False)

    # The portal version is bookkeeping, not something a person changed.
    history = HistoricalRecords(excluded_fields=["portal_version"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    ORGANISATION = "organisation", _("Whole organisation")
    DEPARTMENT = "department", _("Department")
    DIVISION = "division", _("Division")
    TEAM = "team", _("Team")


class UnitQuerySet(models.QuerySet["Unit"]):
    def active(self) -> "UnitQuerySet":
        return self.filter(is_active=True)

    def subtree_of(self, unit: "Unit") -> "UnitQuerySet":
        return self.filter(organisation_id=unit.organisation_id, path__startswith=unit.path)


class Unit(models.Model):
    """A node of the organisation's tree; `path` makes "everything below" one indexed LIKE."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="units", verbose_name=_("organisation")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=20, help_text=_("A short code such as KLK."))
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    path = models.CharField(max_length=255, db_index=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="unit_code_unique"),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(parent__isnull=True),
                name="one_root_unit_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Quality coordinator")
    NETWORK_MEMBER = "network_member", _("Quality network member")
    MANAGER = "manager", _("Manager")
    STAFF = "staff", _("Staff / case handler")
    AUDITOR = "auditor", _("Auditor")
    VIEWER = "viewer", _("Viewer (politician, management group)")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active_on(self, day: datetime.date) -> "MembershipQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            person__is_active=True,
        )

    def active(self) -> "MembershipQuerySet":
        return self.active_on(timezone.localdate())


class Membership(models.Model):
    """A person's role in a unit (and everything below it), optionally for a period."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["unit__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit", "role"], name="membership_person_unit_role_unique"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="membership_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.unit}"

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class Invitation(models.Model):
    """An e-mail invitation to join an organisation in a role; the token is stored hashed."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
