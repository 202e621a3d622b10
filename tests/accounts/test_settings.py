import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def run_check(**env_over):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "TESTING")}
    env.update(env_over)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_it_refuses_to_start_without_a_secret_key_in_production():
    result = run_check(DEBUG="0", TESTING="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_in_production_with_a_secret_key():
    result = run_check(DEBUG="0", TESTING="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="clinic.example")
    assert result.returncode == 0, result.stderr


def test_it_uses_postgres_when_database_url_is_set():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    env = dict(os.environ, DATABASE_URL="postgres://u@db.example:5432/clinic", DEBUG="1")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','clinic.settings'); django.setup(); {code}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "django.db.backends.postgresql", out.stderr
