"""The audit trail is append-only: no update, no delete, through the ORM or the Django admin."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.models.deletion import ProtectedError

from intake import audit
from intake.audit.models import AppendOnlyError, AuditEvent


def test_it_records_who_what_and_from_where(rf, therapist, alice):
    request = rf.get("/", REMOTE_ADDR="192.0.2.7")
    request.user = therapist
    event = audit.record(request, "view", obj=alice, client=alice, detail="chart")
    event.refresh_from_db()
    assert (event.user, event.role, event.action) == (therapist, "therapist", "view")
    assert (event.object_type, event.object_id) == ("client", str(alice.pk))
    assert event.client == alice
    assert event.ip == "192.0.2.7"
    assert event.at is not None


def test_it_truncates_detail_to_the_column(rf, therapist):
    request = rf.get("/")
    request.user = therapist
    assert len(audit.record(request, "view", detail="x" * 500).detail) == 200


def test_it_refuses_bulk_update_and_delete(make_events, therapist, alice):
    make_events(3, user=therapist, client=alice)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(action="change")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(action="view").update(detail="")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update(list(AuditEvent.objects.all()), ["detail"])
    assert AuditEvent.objects.filter(action="view").count() == 3


def test_it_refuses_changing_or_deleting_one_event(make_events, therapist, alice):
    (event,) = make_events(1, user=therapist, client=alice)
    event = AuditEvent.objects.get(pk=event.pk)
    event.action = "change"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "view"


def test_it_keeps_people_with_events_from_being_deleted(make_events, therapist, alice):
    make_events(1, user=therapist, client=alice)
    with pytest.raises(ProtectedError):
        therapist.delete()
    assert AuditEvent.objects.filter(user=therapist).count() == 1


def test_it_offers_no_add_change_or_delete_in_the_django_admin(admin_http, make_events, admin_user):
    (event,) = make_events(1, user=admin_user)
    changelist = admin_http.get("/django-admin/intake/auditevent/")
    assert changelist.status_code == 200
    assert "/django-admin/intake/auditevent/add/" not in changelist.content.decode()
    assert admin_http.get("/django-admin/intake/auditevent/add/").status_code == 403
    detail_url = f"/django-admin/intake/auditevent/{event.pk}/change/"
    page = admin_http.get(detail_url)
    assert page.status_code == 200  # view only
    assert 'name="_save"' not in page.content.decode()
    assert admin_http.post(detail_url, {"action": "change"}).status_code == 403
    delete_url = f"/django-admin/intake/auditevent/{event.pk}/delete/"
    assert admin_http.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "view"
    bulk = admin_http.post(
        "/django-admin/intake/auditevent/",
        {"action": "delete_selected", "_selected_action": [event.pk]},
    )
    assert bulk.status_code in (200, 302, 403)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL trigger: runs in make test-postgres"
)
def test_it_refuses_raw_sql_changes_on_postgresql_yet_lets_truncate_through(
    make_events, therapist, alice
):
    from django.db import DatabaseError, transaction

    APPEND_ONLY_SQL = import_module("intake.migrations.0002_audit_append_only").APPEND_ONLY_SQL

    with connection.cursor() as cursor:
        cursor.execute(APPEND_ONLY_SQL)  # rolled back with the test's transaction
    make_events(2, user=therapist, client=alice)
    for sql in ("UPDATE intake_auditevent SET action = 'change'", "DELETE FROM intake_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert AuditEvent.objects.filter(action="view").count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # settle this transaction's FK checks
        cursor.execute("TRUNCATE intake_auditevent")
    assert AuditEvent.objects.count() == 0
