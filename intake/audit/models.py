"""The audit trail: who read, printed or changed which client's health record, when, from where.

Append-only: rows are only ever inserted (``intake.audit.record``). The queryset refuses bulk
``update()`` and ``delete()``, the model refuses saving an existing row and deleting one, the
Django admin is read-only, and people and clients with events cannot be deleted (PROTECT):
deactivate an account instead. Tests still empty the tables with a database flush (SQL, not the ORM).

Tamper-evident: every insert (``create``, ``bulk_create``) links the new events into the hash chain
(``intake.audit.chain``) under the chain's lock, so someone who rewrites rows in the database is
found by ``manage.py verify_audit``.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from intake.audit import chain


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events are append-only: they cannot be updated.")

    def delete(self):
        raise AppendOnlyError("Audit events are append-only: they cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Audit events are append-only: they cannot be updated.")

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are append-only: they cannot be updated.")

    def create(self, **kwargs):
        (event,) = self.bulk_create([self.model(**kwargs)])
        return event

    def bulk_create(self, objs, *args, **kwargs):
        """Insert new events, linked to the chain's head in order, under the chain's lock."""
        objs = list(objs)
        # No savepoint inside a caller's transaction: the head read and the insert are two queries.
        with transaction.atomic(using=self.db, savepoint=False):
            chain.lock_head()
            chain.link(objs, chain.head_hash())
            return super().bulk_create(objs, *args, **kwargs)


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "View"
        PRINT = "print", "Print"
        DOWNLOAD = "download", "Download"
        CREATE = "create", "Create"
        CHANGE = "change", "Change"
        DELETE = "delete", "Delete"
        SIGN = "sign", "Sign"
        EXPORT = "export", "Export"
        LOGIN = "login", "Login"
        LOGIN_FAILED = "login-failed", "Login failed"
        LOGOUT = "logout", "Logout"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(max_length=16, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    client = models.ForeignKey(
        "intake.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set before the insert (not auto_now_add, which is set after): the chain's hash covers it.
    at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True)
    prev_hash = models.CharField(max_length=64, default="", editable=False)
    hash = models.CharField(max_length=64, default="", editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "audit event"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["client", "-at"], name="audit_client_idx"),
            models.Index(fields=["user", "-at"], name="audit_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.role} {self.action} {self.object_type}#{self.object_id}"

    # Guards, not behaviour: an existing event can never be rewritten or removed.
    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only: they cannot be changed.")
        if not self.hash:
            raise AppendOnlyError("Audit events are added with AuditEvent.objects.create().")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are append-only: they cannot be deleted.")


class AuditArchive(models.Model):
    """One month of audit events written to a JSON-lines file (``manage.py archive_audit``). Once
    the file is written and verified, the month may be removed from the database (``purged_at``);
    the database's chain then starts from ``last_hash``."""

    month = models.DateField(unique=True, help_text="The first day of the month.")
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    count = models.PositiveIntegerField()
    first_prev_hash = models.CharField(max_length=64)
    last_hash = models.CharField(max_length=64)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "audit archive"
        ordering = ["month"]

    def __str__(self) -> str:
        return f"audit events of {self.month:%B %Y}"
