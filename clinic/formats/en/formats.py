"""The clinic's one way of writing dates and times in English (settings.FORMAT_MODULE_PATH):
"28 Nov 2026" and "28 Nov 2026, 14:05", in the clinic's time zone. Templates write
``{{ day|date }}`` and ``{{ moment|date:"DATETIME_FORMAT" }}``; Python writes
``django.utils.formats.date_format(day)``. Input formats stay Django's."""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
