"""Writing the audit trail. Every view, print, download or change of health data writes an event:
``audit.record_on(request, audit.Action.VIEW, note)`` for an object of a client's record (the client
is found from the object), ``audit.record(request, audit.Action.EXPORT, detail=...)`` otherwise."""

import ipaddress

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest

from intake.audit.models import AuditEvent

Action = AuditEvent.Action


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind our proxy (BEHIND_PROXY) the last
    X-Forwarded-For hop, the one our proxy appended (earlier hops are the client's to forge)."""
    if getattr(settings, "BEHIND_PROXY", False):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = _valid_ip(hops[-1])
        if forwarded:
            return forwarded
    return _valid_ip(request.META.get("REMOTE_ADDR") or "")


def record(
    request: HttpRequest | None,
    action: str,
    *,
    obj: Model | None = None,
    client=None,
    client_id: int | None = None,
    detail: str = "",
    user=None,
) -> AuditEvent:
    """Append one audit event. `detail` must never hold health data (ids and kinds only)."""
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return AuditEvent.objects.create(
        user=user,
        role=getattr(user, "role", "") if user is not None else "",
        action=action,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        client_id=client.pk if client is not None else client_id,
        ip=client_ip(request) if request is not None else None,
        detail=detail[:200],
    )


def client_id_of(obj: Model) -> int | None:
    """The client whose record ``obj`` belongs to: the client itself, the object's own client
    (intake, note, handout, referral), or a referral document's referral's client."""
    if obj._meta.model_name == "client":
        return obj.pk
    if hasattr(obj, "client_id"):
        return obj.client_id
    return obj.referral.client_id  # a referral document


def record_on(
    request: HttpRequest | None, action: str, obj: Model, *, detail: str = "", user=None
) -> AuditEvent:
    """Append one event about ``obj``, an object of a client's record, filed under that client."""
    return record(request, action, obj=obj, client_id=client_id_of(obj), detail=detail, user=user)
