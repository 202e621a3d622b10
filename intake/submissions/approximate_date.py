"""An approximate date: a month and a year, and the day only if the client knows it ("when did it
start?"). The form field cleans to a ``datetime.date``; a date given without its day is a
:class:`MonthDate` (the first of the month), so the intake stores the date with its precision."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import dateformat, formats
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext_lazy as _

#: The month list: names in the active language (Django's own catalogue), values 1 to 12.
MONTHS = [("", _("Month")), *((str(n), MONTH_NAMES[n]) for n in range(1, 13))]
EARLIEST_YEAR = 1900


class MonthDate(datetime.date):
    """A date known to its month only: the first of that month."""


def last_day(day: datetime.date) -> datetime.date:
    """The last day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def label(day: datetime.date | None, *, month_only: bool) -> str:
    """ "September 2026" for a month, "14 Sep 2026" for a day (the active language's date
    format: "14 septembre 2026" in French), "" for none."""
    if day is None:
        return ""
    return dateformat.format(day, "F Y") if month_only else formats.date_format(day)


class ApproximateDateWidget(forms.MultiWidget):
    """Month (a list), year and, optionally, day: named ``<name>_month``, ``_year``, ``_day``.
    A page lays the three out with a label each (``parts``)."""

    PART_LABELS = (_("Month"), _("Year"), _("Day (if you know it)"))

    def __init__(self, attrs: dict | None = None) -> None:
        number = {"inputmode": "numeric", "class": "form-control"}
        widgets = {
            "month": forms.Select(choices=MONTHS, attrs={"class": "form-select"}),
            "year": forms.NumberInput(attrs={**number, "min": EARLIEST_YEAR}),
            "day": forms.NumberInput(attrs={**number, "min": 1, "max": 31}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list:
        """A stored date as its parts: a MonthDate leaves the day empty."""
        if not isinstance(value, datetime.date):
            return [None, None, None]
        day = None if isinstance(value, MonthDate) else value.day
        return [str(value.month), value.year, day]

    def parts(self, name: str, value: Any, id_: str) -> list[dict]:
        """Each part to lay out: its label, name, id, value (as typed, or from the stored date),
        and the month's choices."""
        if not isinstance(value, list | tuple):
            value = self.decompress(value)
        return [
            {
                "label": label,
                "name": f"{name}{suffix}",
                "id": f"{id_}{suffix}",
                "value": "" if part is None else str(part),
                "choices": widget.choices if isinstance(widget, forms.Select) else (),
                "attrs": widget.attrs,
            }
            for label, suffix, widget, part in zip(
                self.PART_LABELS, self.widgets_names, self.widgets, value, strict=True
            )
        ]


class ApproximateDateField(forms.DateField):
    """A date from a month and a year, the day optional; a DateField for everything that reads
    the form's fields (the FHIR Questionnaire, the paper form)."""

    widget = ApproximateDateWidget

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        month, year, day = ((str(part or "")).strip() for part in (value or ("", "", "")))
        if not (month or year or day):
            return None
        if not month or not year:
            raise ValidationError(
                _("Choose the month and type the year: both are needed, the day is not."),
                code="incomplete",
            )
        if not (year.isdigit() and len(year) == 4) or int(year) < EARLIEST_YEAR:
            raise ValidationError(_("Type the year with 4 digits, for example 2025."), code="year")
        if day and not day.isdigit():
            raise ValidationError(_("Type the day as a number, or leave it empty."), code="day")
        try:
            if not day:
                return MonthDate(int(year), int(month), 1)
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(
                _("That day does not exist in that month: check it, or leave the day empty."),
                code="day",
            ) from None
