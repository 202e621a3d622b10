"""The client's record in a standard form: FHIR R4B resources (``fhir.resources``' R4B classes
validate them), one client's Bundle, the clinic's NDJSON export, the published intake
Questionnaire. See docs/fhir.md for what maps to what.

Builders (:mod:`intake.fhir.resources`, :mod:`intake.fhir.documents`) turn model rows into plain
JSON-ready dicts; :mod:`intake.fhir.validation` checks them against the R4B models;
:mod:`intake.fhir.bundle` reads one client's record; :mod:`intake.fhir.ndjson` streams the clinic's.
"""
