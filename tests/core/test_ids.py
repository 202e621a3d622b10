import pytest

from intake.ids import parse_id


@pytest.mark.parametrize(("text", "expected"), [("7", 7), (42, 42), ("000123", 123)])
def test_it_reads_short_ascii_digits(text, expected):
    assert parse_id(text) == expected


@pytest.mark.parametrize("text", ["", "¹", "٣", "-1", "1.5", " 7", "9" * 16, "abc", None])
def test_it_refuses_anything_else(text):
    assert parse_id(text) is None
