"""Every resource the export writes is checked against ``fhir.resources``' R4B models (FHIR
4.3.0, R4's technical correction: the resources used here are unchanged from R4)."""

from __future__ import annotations

from collections.abc import Iterable

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

FHIR_VERSION = "4.3.0"


class InvalidResource(ValueError):
    """A built resource that FHIR's model refuses: a bug in a builder, never the client's data."""


def validate(resource: dict) -> dict:
    """Check one resource (a dict as it will be written); returns it unchanged."""
    kind = resource.get("resourceType", "")
    try:
        get_fhir_model_class(kind).model_validate(resource)
    except ValidationError as error:
        # Where and what, never the value: the message may reach a log, values are health data.
        where = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
            for e in error.errors(include_url=False, include_input=False, include_context=False)
        )
        raise InvalidResource(f"{kind}/{resource.get('id')}: {where}") from None
    except ValueError:  # not a FHIR resource type at all
        raise InvalidResource(f"{kind!r} is not a FHIR resource type") from None
    return resource


def validate_all(resources: Iterable[dict]) -> None:
    for resource in resources:
        validate(resource)
