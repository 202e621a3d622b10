"""The words a letter to a physician opens and closes with: the greeting ("Dear Dr Patel,"),
the closing ("Kind regards,") and the signer's line ("Sam Rivera, RMT").

Plain functions of text, shared by the pre-filled letter text (``services``), the letter page
(``views``) and the PDFs (``selectors`` and ``pdf``).
"""

from __future__ import annotations

import re

DEFAULT_CLOSING = "Kind regards,"

#: A title before the name, and how a letter writes it (British style, no full stop).
TITLES = {
    "dr": "Dr",
    "doctor": "Dr",
    "prof": "Professor",
    "professor": "Professor",
    "mr": "Mr",
    "mrs": "Mrs",
    "ms": "Ms",
    "miss": "Miss",
    "mx": "Mx",
}
#: Letters after a name that are not part of it ("Samira Patel MD").
POST_NOMINALS = frozenset(
    {"md", "m.d.", "do", "d.o.", "mbbs", "mbchb", "frcpc", "frcp", "ccfp", "mrcgp", "phd",
     "ph.d.", "facp", "faafp", "np", "pa-c", "dc", "dpm", "rn"}
)  # fmt: skip
#: Words that begin a surname of several words ("van der Berg", "de la Cruz").
PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le", "st", "st.",
     "bin", "ibn", "al", "el", "ter", "ten"}
)  # fmt: skip

_CLOSING = re.compile(
    r"^(?:(?:kind|best|warm|warmest|with\s+best)\s+regards|regards|"
    r"yours\s+(?:sincerely|faithfully|truly)|sincerely(?:\s+yours)?|with\s+thanks|many\s+thanks)"
    r"\s*[,.]?$",
    re.IGNORECASE,
)


def addressee(name: str) -> str:
    """Title and surname for a greeting: "Dr. Samira Patel" → "Dr Patel", "Samira Patel, MD"
    → "Dr Patel" (the directory holds physicians: no title means Dr), "Prof. Anna van der
    Berg" → "Professor van der Berg". "Doctor" when no name is left."""
    words = name.split(",")[0].split()
    title = "Dr"
    if words and words[0].lower().rstrip(".") in TITLES:
        title = TITLES[words.pop(0).lower().rstrip(".")]
    while len(words) > 1 and words[-1].lower() in POST_NOMINALS:
        words.pop()
    if not words:
        return "Doctor"
    start = len(words) - 1
    for index in range(1, len(words)):
        if words[index].lower() in PARTICLES:
            start = index
            break
    return f"{title} {' '.join(words[start:])}"


def greeting(name: str) -> str:
    """The letter's first line: "Dear Dr Patel,"."""
    return f"Dear {addressee(name)},"


def split_closing(text: str) -> tuple[str, str]:
    """The letter's text without its closing line, and the closing ("Kind regards," unless the
    text ends with one of its own). The PDF prints the closing after the safety flags, just
    before the signature."""
    lines = text.rstrip().split("\n")
    if lines and _CLOSING.match(lines[-1].strip()):
        return "\n".join(lines[:-1]).rstrip(), lines[-1].strip()
    return text.rstrip(), DEFAULT_CLOSING


def signer_line(name: str, credentials: str) -> str:
    """The name a letter is signed with: "Sam Rivera, RMT" (the name alone without
    credentials)."""
    name, credentials = " ".join(name.split()), " ".join(credentials.split())
    return f"{name}, {credentials}" if name and credentials else name or credentials
