"""The files of the referral letter a client adds on the referral step, as kept on the draft
(``referral_details``) until submit files them as the referral's documents."""

from __future__ import annotations


def stored_letters(details: dict) -> list[dict]:
    """The letter files kept on a draft's referral details: ``letters`` (a list, since issue
    19: several files for one letter), or the one ``letter`` of older drafts."""
    if details.get("letters"):
        return [letter for letter in details["letters"] if isinstance(letter, dict)]
    letter = details.get("letter")
    return [letter] if isinstance(letter, dict) else []


def letter_names(details: dict) -> list[str]:
    """The names the client gave the files of their letter, as uploaded."""
    return [letter.get("original_name", "") for letter in stored_letters(details)]
