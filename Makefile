# Two commands do everything on a fresh machine:
#   make run    create .venv, install, migrate, load demo data, serve on http://127.0.0.1:8000
#   make test   create/update .venv, install what the suite needs (Chromium too), run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
PYTEST_ARGS ?=
BENCH_ARGS ?=
WORKERS ?= 2
# Random answers per form in tests/fuzz (.ci/run asks for 500).
FUZZ_EXAMPLES ?= 50
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Local serving over plain HTTP on this machine only; production sets its own values (see README).
LOCAL_ENV := DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 \
	SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0

.PHONY: venv run test test-postgres chromium gettext lint format bench bench-deps clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

venv: $(STAMP)

var/secret_key:
	mkdir -p var && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@ && chmod 600 $@

run: venv var/secret_key
	$(LOCAL_ENV) SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py migrate --noinput
	$(LOCAL_ENV) SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py seed_demo
	$(LOCAL_ENV) SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py make_clinic_certificate --if-missing
	$(LOCAL_ENV) SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:8000  (demo logins are in README.md)"
	$(LOCAL_ENV) SECRET_KEY=$$(cat var/secret_key) $(BIN)/gunicorn clinic.wsgi --bind 127.0.0.1:8000 \
		--workers 2 --timeout 60

# Several app servers (README "Deployment (several servers)"): with CELERY_BROKER_URL set, one or
# more workers run the background tasks and exactly one beat schedules the periodic ones.
worker: venv
	@test -n "$$CELERY_BROKER_URL" || (echo "Set CELERY_BROKER_URL (e.g. redis://host:6379/1)" && exit 1)
	$(BIN)/celery -A clinic worker --loglevel INFO

beat: venv
	@test -n "$$CELERY_BROKER_URL" || (echo "Set CELERY_BROKER_URL (e.g. redis://host:6379/1)" && exit 1)
	mkdir -p var && $(BIN)/celery -A clinic beat --loglevel INFO --schedule var/celerybeat-schedule

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -x /usr/bin/chromium || (echo "chromium is missing: browser tests cannot run" && exit 1)

# GNU gettext's xgettext: the translation tests run makemessages (manage.py update_translations).
gettext:
	@if ! command -v xgettext >/dev/null; then \
		echo "Installing Debian's gettext for the translation tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	fi

test: venv chromium gettext
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -n $(WORKERS) $(PYTEST_ARGS)

test-postgres: venv chromium gettext
	@$(BIN)/python -c "import psycopg; psycopg.connect('$(POSTGRES_URL)').close()" \
		|| (echo "PostgreSQL is not reachable at $(POSTGRES_URL)" && exit 1)
	DATABASE_URL=$(POSTGRES_URL) FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -n $(WORKERS) $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv var/secret_key
	$(LOCAL_ENV) SECRET_KEY=$$(cat var/secret_key) DATABASE_URL=$${DATABASE_URL:-$(POSTGRES_URL)} \
		DJANGO_SETTINGS_MODULE=clinic.settings $(BIN)/python -m bench $(BENCH_ARGS)

# Optional: WeasyPrint (and the Pango it needs) for the bench's reportlab-vs-WeasyPrint row.
bench-deps: venv
	$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
