"""Reading a database id out of text a user typed."""


def parse_id(text: object) -> int | None:
    """The id `text` names, or None if it is not one.

    Short ASCII digits only: "¹".isdigit() is true but int() refuses it, and a 20-digit
    number overflows SQLite's 64-bit integers (both found by fuzzing as 500s).
    """
    value = str(text)
    if value.isascii() and value.isdigit() and len(value) < 16:
        return int(value)
    return None
