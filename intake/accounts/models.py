"""People: the login account (User, with a role) and the Client record a client owns."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.crypto import salted_hmac


class Role(models.TextChoices):
    CLIENT = "client", "Client"
    THERAPIST = "therapist", "Therapist"
    ADMIN = "admin", "Admin"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A login. Clients sign themselves up; therapists and admins are created by an admin.

    `is_staff` keeps Django's meaning (may enter the Django admin) and is true for admins only.
    """

    username = None
    email = models.EmailField("e-mail address", unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CLIENT)
    credentials = models.CharField(
        max_length=60,
        blank=True,
        help_text="Staff: printed after the name where they sign letters and reports, e.g. RMT.",
    )
    # Raised to end every session of this person at once (two-factor enrolment, a device reset):
    # Django checks each session's hash against get_session_auth_hash on every request.
    sessions_epoch = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = "user"
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def _get_session_auth_hash(self, secret=None) -> str:
        """Django's hash of the password, mixed with ``sessions_epoch`` once it was raised (at 0 it
        is Django's own, so sessions made before this field existed stay valid)."""
        password_hash = super()._get_session_auth_hash(secret=secret)
        if not self.sessions_epoch:
            return password_hash
        value = f"{password_hash}:{self.sessions_epoch}"
        return salted_hmac(
            "intake.User.sessions_epoch", value, secret=secret, algorithm="sha256"
        ).hexdigest()

    @property
    def is_client(self) -> bool:
        return self.role == Role.CLIENT

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST

    @property
    def is_admin_role(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_clinic_staff(self) -> bool:
        return self.role in (Role.THERAPIST, Role.ADMIN)


class Client(models.Model):
    """A person the clinic treats. A self-registered client owns exactly one."""

    user = models.OneToOneField(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="client"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    # The language the client reads in (blank: not chosen, the clinic's default); see
    # intake/languages.py.
    language = models.CharField(max_length=8, blank=True, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "client"
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="client_name_idx"),
            models.Index(fields=["email"], name="client_email_idx"),
            models.Index(fields=["phone"], name="client_phone_idx"),
            models.Index(fields=["date_of_birth"], name="client_dob_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("client_chart", kwargs={"client_id": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
