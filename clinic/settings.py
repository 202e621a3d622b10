"""Settings for the clinic project, read from the environment.

Development defaults are safe to run on a laptop; production (DEBUG off) refuses to start
without a SECRET_KEY. Every setting a clinic may change is listed in the README.
"""

import os
import sys
import zoneinfo
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The test suite runs with safe development defaults (no HTTPS redirect, fast hashing).
TESTING = env_bool("TESTING", "pytest" in sys.modules)
_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = _DEV_SECRET
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable (a long random string, "
            'e.g. python -c "import secrets; print(secrets.token_urlsafe(50))"), or set DEBUG=1 '
            "for local development."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "intake",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "intake.languages.ClientLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "intake.kiosk.middleware.KioskMiddleware",
    "intake.accounts.middleware.SessionTimeoutMiddleware",
    "intake.accounts.two_factor.SecondFactorMiddleware",
    "intake.accounts.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "intake.context_processors.clinic",
            ],
            # Each capability keeps its template tags in its own package.
            "libraries": {
                "clients_tags": "intake.clients.templatetags",
                "handouts_tags": "intake.handouts.templatetags",
                "referrals_tags": "intake.referrals.templatetags",
            },
        },
    },
]

# SQLite by default; PostgreSQL (or anything dj-database-url understands) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Tests open connections from live-server threads: close them so test databases can be dropped.
        conn_max_age=0 if TESTING else env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "intake.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock an account + IP pair after 5 failures for a cool-off.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The login form's field is "username" (holding the e-mail), not the model's USERNAME_FIELD.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "intake.accounts.lockout.lockout_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Sessions: idle and absolute limits are enforced by intake.accounts.middleware.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
STAFF_IDLE_TIMEOUT = env_int("STAFF_IDLE_TIMEOUT_SECONDS", 15 * 60)
STAFF_ABSOLUTE_TIMEOUT = env_int("STAFF_ABSOLUTE_TIMEOUT_SECONDS", 12 * 60 * 60)
CLIENT_IDLE_TIMEOUT = env_int("CLIENT_IDLE_TIMEOUT_SECONDS", 30 * 60)

# Transport and browser security. Secure cookies and HSTS are on unless DEBUG.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG and not TESTING)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG and not TESTING)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if (DEBUG or TESTING) else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Declares eligibility for browsers' HSTS preload list (nothing is submitted automatically).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG and not TESTING)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto, and take the client's address from
# the last X-Forwarded-For hop (intake.audit.client_ip, used by the audit trail and the lockout).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = "intake.audit.client_ip"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Clients read the site in English, French or Spanish (intake/languages.py says how one is
# chosen); staff pages are English. Catalogues live in locale/ (docs/translations.md).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
# The clinic's own time zone (an IANA name): every date and time staff and clients see, and every
# PDF and e-mail, is in it (the database stores UTC). The default is the demo clinic's (a Canadian
# clinic: "licence", 555 numbers), never UTC, which is no clinic's wall clock: set yours.
TIME_ZONE = env_str("TIME_ZONE", "America/Toronto")
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
    raise ImproperlyConfigured(
        f"TIME_ZONE={TIME_ZONE!r} is not a time zone name: use an IANA name such as "
        "America/Toronto or Europe/London."
    ) from error
# Dates and times written one way on every page (clinic/formats/en/formats.py: "28 Nov 2026").
FORMAT_MODULE_PATH = ["clinic.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded health documents: never under STATIC_ROOT, never served by URL; only through
# permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "uploads")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
# Never served publicly: this prefix is routed nowhere (the test live server alone would use it).
MEDIA_URL = "/__private-media-not-served__/"
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "clinic@example.org")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# The site's public address: links in e-mails (alerts, urgent intakes) are built on it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Under this age at the intake date, a parent or guardian consents (name, relationship, signature).
AGE_OF_MAJORITY = env_int("AGE_OF_MAJORITY", 18)

# The clinic's letterhead, used on every page header and every PDF.
CLINIC_NAME = env_str("CLINIC_NAME", "Riverside Massage & Physiotherapy")
CLINIC_ADDRESS = env_str("CLINIC_ADDRESS", "12 Mill Street, Springfield")
CLINIC_PHONE = env_str("CLINIC_PHONE", "555-0100")
CLINIC_EMAIL = env_str("CLINIC_EMAIL", "frontdesk@example.org")
PDF_PAGE_SIZE = env_str("PDF_PAGE_SIZE", "A4").upper()
if PDF_PAGE_SIZE not in ("A4", "LETTER"):
    raise ImproperlyConfigured("PDF_PAGE_SIZE must be A4 or LETTER.")

# Logs carry no health data: requests are logged by path only for errors, never bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# ---------------------------------------------------------------- issue 17: signed note PDFs
# The clinic's signing certificate and key (PEM; or a PKCS#12 .p12/.pfx as CLINIC_SIGNING_CERT,
# its password in CLINIC_SIGNING_KEY_PASSWORD). `python manage.py make_clinic_certificate` writes
# a self-signed one at the default paths; a certificate from a CA can be configured instead, with
# its CA certificates in CLINIC_SIGNING_CHAIN (comma-separated PEM files). No certificate: note
# PDFs print unsigned.
SIGNING_DIR = BASE_DIR / "var" / "signing"
CLINIC_SIGNING_CERT = env_str("CLINIC_SIGNING_CERT", str(SIGNING_DIR / "clinic-cert.pem"))
CLINIC_SIGNING_KEY = env_str("CLINIC_SIGNING_KEY", str(SIGNING_DIR / "clinic-key.pem"))
CLINIC_SIGNING_KEY_PASSWORD = env_str("CLINIC_SIGNING_KEY_PASSWORD")
CLINIC_SIGNING_CHAIN = [path for path in env_str("CLINIC_SIGNING_CHAIN").split(",") if path.strip()]

# ---------------------------------------------------------------- issue 20: 2FA and the audit trail
# The audit trail's hash chain is an HMAC keyed with AUDIT_CHAIN_KEY (default: derived from
# SECRET_KEY; set it explicitly before rotating SECRET_KEY, or older events stop verifying).
AUDIT_CHAIN_KEY = env_str("AUDIT_CHAIN_KEY")
# Who receives the daily e-mail of the chain's head (manage.py audit_digest): the clinic owner.
AUDIT_DIGEST_RECIPIENTS = env_list("AUDIT_DIGEST_RECIPIENTS")
AUDIT_DIGEST_HOUR = env_int("AUDIT_DIGEST_HOUR", 6)  # Celery beat sends it daily at HH:30
# Audit events are kept at least this many years (six at the least: HIPAA's documentation rule).
AUDIT_RETENTION_YEARS = env_int("AUDIT_RETENTION_YEARS", 6)
if AUDIT_RETENTION_YEARS < 6:
    raise ImproperlyConfigured("AUDIT_RETENTION_YEARS must be 6 or more.")
# Where manage.py archive_audit writes its monthly JSON-lines files.
AUDIT_ARCHIVE_DIR = Path(env_str("AUDIT_ARCHIVE_DIR", str(BASE_DIR / "var" / "audit-archive")))
# The log review lists records opened outside these hours (clinic time) or on other days.
AUDIT_OPENING_HOURS = env_str("AUDIT_OPENING_HOURS", "07:00-20:00")
AUDIT_OPENING_DAYS = env_list("AUDIT_OPENING_DAYS", "mon,tue,wed,thu,fri,sat")
# Two-factor sign-in (django-otp) is required of therapists and admins; also of clients if set.
REQUIRE_2FA_FOR_CLIENTS = env_bool("REQUIRE_2FA_FOR_CLIENTS", False)
# The name authenticator apps show for the account.
OTP_TOTP_ISSUER = CLINIC_NAME

# ---------------------------------------------------------------- issue 19: the client's pages
# Whether clients read their signed session notes on their own page (read-only, audited; drafts
# never). Off by default: each clinic decides.
CLIENTS_SEE_SIGNED_NOTES = env_bool("CLIENTS_SEE_SIGNED_NOTES", False)

# ---------------------------------------------------------------- issue 15: intake access
# Intake invitations: a single-use link e-mailed to a client the front desk booked.
INVITATION_EXPIRY_DAYS = env_int("INVITATION_EXPIRY_DAYS", 7)
# The waiting-room kiosk: after this long without a tap it forgets its client and returns to its
# start screen; arrival codes work once, for this many minutes; this many wrong codes in a row
# make a kiosk refuse codes for a few minutes.
KIOSK_IDLE_SECONDS = env_int("KIOSK_IDLE_SECONDS", 120)
ARRIVAL_CODE_MINUTES = env_int("ARRIVAL_CODE_MINUTES", 30)
KIOSK_CODE_ATTEMPTS = env_int("KIOSK_CODE_ATTEMPTS", 5)
KIOSK_LOCK_MINUTES = env_int("KIOSK_LOCK_MINUTES", 5)

# ---------------------------------------------------------------- issue 18: several app servers
# One server needs none of this. Several behind a load balancer share, through these settings:
# the cache and the sessions (Redis), the uploaded files (an S3-compatible object store) and the
# background work (Celery, Redis as its broker). README "Deployment (several servers)".
REDIS_URL = env_str("REDIS_URL")
# Fail fast (a clear error page, /healthz says "cache": "down") rather than hang when Redis is gone.
_REDIS_TIMEOUTS = {"socket_connect_timeout": 2, "socket_timeout": 2}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "clinic",
            "OPTIONS": _REDIS_TIMEOUTS,
        }
    }
    # Read from Redis, written to both: a session outlives a Redis restart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Uploads in an S3-compatible bucket when S3_BUCKET is set; private (no public URL is ever
# handed out: downloads stream through the permission-checked, audited views).
S3_BUCKET = env_str("S3_BUCKET")
if S3_BUCKET:
    from botocore.config import Config as _S3Config

    S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("S3_REGION") or None,
            "location": env_str("S3_PREFIX"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "client_config": _S3Config(
                s3={"addressing_style": env_str("S3_ADDRESSING_STYLE", "path")},
                connect_timeout=3,
                read_timeout=20,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        },
    }

# Background work: the urgent-intake e-mail, the daily referral alerts. Without a broker every
# task runs at once, in the process that asked for it (`make run` needs no other service).
from celery.schedules import crontab as _crontab  # noqa: E402

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves it for another
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, **_REDIS_TIMEOUTS}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5}
CELERY_TIMEZONE = TIME_ZONE
# Where EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend writes (one file a send).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
# Run by `celery -A clinic beat` (one for the whole cluster): the daily referral alerts (the
# referral_alerts command does the same from cron), and a sweep for urgent-intake e-mails that
# could not be queued (broker down when the intake was submitted).
REFERRAL_ALERTS_HOUR = env_int("REFERRAL_ALERTS_HOUR", 7)
CELERY_BEAT_SCHEDULE = {
    "referral-alerts": {
        "task": "intake.jobs.tasks.send_referral_alerts",
        "schedule": _crontab(hour=REFERRAL_ALERTS_HOUR, minute=0),
    },
    "urgent-intake-emails": {
        "task": "intake.jobs.tasks.send_pending_urgent_emails",
        "schedule": 300.0,
    },
    # The audit chain's head to AUDIT_DIGEST_RECIPIENTS (nothing is sent when none is set).
    "audit-digest": {
        "task": "intake.jobs.tasks.send_audit_digest",
        "schedule": _crontab(hour=AUDIT_DIGEST_HOUR, minute=30),
    },
}
