"""The code systems and codes the export writes, in one place.

External systems are named by their canonical URIs (identifiers, not links: nothing is fetched).
Our own code systems live under the site's address (``settings.SITE_URL``) so that two clinics'
codes never collide.

Body sites: the SNOMED CT body-structure concept of each body-map region where one names it
(the concepts and
names of DICOM's anatomic-region table, which imaging systems use); the region's
own code is always sent too, since it carries the side and, for some regions, more detail (the
front or back of the thigh, the top or sole of the foot). The outer side of the hip has no
SNOMED CT concept here (hip joint is not the same place): it goes with our code only.
"""

from __future__ import annotations

from django.conf import settings

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"

#: LOINC 72514-3: Pain severity - 0-10 verbal numeric rating [Score] - Reported (the NPRS).
LOINC_PAIN = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")

#: body-map region code -> (SNOMED CT code, display)
SNOMED_BODY_SITES: dict[str, tuple[str, str]] = {
    "head": ("69536005", "Head"),
    **dict.fromkeys(("neck_l", "neck_r"), ("45048000", "Neck")),
    **dict.fromkeys(("shoulder_l", "shoulder_r"), ("16982005", "Shoulder")),
    **dict.fromkeys(
        ("upper_back_l", "upper_back_r", "mid_back_l", "mid_back_r"),
        ("77568009", "Back"),
    ),
    **dict.fromkeys(("lower_back_l", "lower_back_r"), ("52612000", "Lumbar region")),
    **dict.fromkeys(("buttock_l", "buttock_r"), ("46862004", "Buttock")),
    **dict.fromkeys(("groin_l", "groin_r"), ("26893007", "Inguinal region")),
    **dict.fromkeys(
        ("front_thigh_l", "front_thigh_r", "back_thigh_l", "back_thigh_r"),
        ("68367000", "Thigh"),
    ),
    **dict.fromkeys(("front_knee_l", "front_knee_r"), ("72696002", "Knee")),
    **dict.fromkeys(("back_knee_l", "back_knee_r"), ("32361000", "Popliteal fossa")),
    **dict.fromkeys(
        ("outer_lower_leg_l", "outer_lower_leg_r", "shin_l", "shin_r"),
        ("30021000", "Lower leg"),
    ),
    **dict.fromkeys(("calf_l", "calf_r"), ("53840002", "Calf of leg")),
    **dict.fromkeys(("ankle_l", "ankle_r"), ("70258002", "Ankle joint")),
    **dict.fromkeys(
        ("top_foot_l", "top_foot_r", "heel_l", "heel_r", "sole_l", "sole_r"),
        ("56459004", "Foot"),
    ),
    **dict.fromkeys(("upper_arm_l", "upper_arm_r"), ("40983000", "Upper arm")),
    **dict.fromkeys(("forearm_l", "forearm_r"), ("14975008", "Forearm")),
    **dict.fromkeys(("hand_l", "hand_r"), ("85562004", "Hand")),
    **dict.fromkeys(("chest_l", "chest_r"), ("43799004", "Chest")),
    "abdomen": ("818981001", "Abdomen"),
}


def base() -> str:
    """The site's address, the root of our own systems and of every resource's full URL."""
    return settings.SITE_URL.rstrip("/")


def system(name: str) -> str:
    """One of our own code systems or identifier systems, e.g. ``system("body-region")``."""
    return f"{base()}/fhir/CodeSystem/{name}"


def coding(system_uri: str, code: str, display: str = "") -> dict:
    out = {"system": system_uri, "code": code}
    if display:
        out["display"] = display
    return out


def ours(name: str, code: str, display: str = "") -> dict:
    """A coding in our own system ``name``."""
    return coding(system(name), code, display)


def concept(*codings: dict, text: str = "") -> dict:
    out: dict = {"coding": list(codings)} if codings else {}
    if text:
        out["text"] = text
    return out
