"""Convert single dates between calendars, for ``corpuskit convert``.

* :func:`parse_date` reads ``YYYY-MM-DD`` (also ``/`` or ``.`` as separator,
  one or two digits for month and day, Latin, Persian ``۰-۹`` or Arabic-Indic
  ``٠-٩`` digits) into a :class:`~corpuskit.dates.calendars.CalendarDate`.
* :func:`describe` gives the day in every calendar with month and weekday names
  in English, Persian and Arabic, as a JSON-ready dict.
* :func:`format_description` turns that dict into one plain-text line per
  calendar for a terminal.

The conversion itself is :mod:`corpuskit.dates.calendars`; nothing is
re-implemented here. No Click: the CLI is a thin layer over these functions.
"""

from __future__ import annotations

import re
from typing import Any

from corpuskit.dates.calendars import (
    CALENDARS,
    CalendarDate,
    CalendarRangeError,
    convert,
    month_name,
    weekday_name,
)

__all__ = [
    "GREGORIAN_FROM_YEAR",
    "LANGS",
    "describe",
    "format_description",
    "parse_date",
]

#: Without an explicit calendar, a year from this one on is Gregorian. Smaller
#: years are Jalali (~1300-1410 today) or Hijri (~1340-1450): ambiguous.
GREGORIAN_FROM_YEAR = 1700

#: Languages of the names in :func:`describe`, in output order.
LANGS: tuple[str, ...] = ("en", "fa", "ar")

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_LATIN = str.maketrans(_PERSIAN_DIGITS + _ARABIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN = str.maketrans("0123456789", _PERSIAN_DIGITS)
# Invisible direction marks that text copied from a right-to-left page often carries.
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"))

_YEAR_FIRST = re.compile(r"(?P<year>[0-9]{3,4})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})")
_DAY_FIRST = re.compile(r"[0-9]{1,2}([-/.])[0-9]{1,2}\1[0-9]{3,4}")


def parse_date(text: str, calendar: str | None = None) -> CalendarDate:
    """The date written in *text*, in *calendar* (``gregorian``, ``jalali`` or ``hijri``).

    *text* is year first: ``1399-07-04``, ``1399/7/4``, ``1399.07.04``, in Latin,
    Persian or Arabic-Indic digits, with surrounding whitespace ignored. The
    year has 3 or 4 digits. Without *calendar*, a year >= 1700 is Gregorian and a
    smaller one is ambiguous (Jalali or Hijri), which is an error.

    Raises :class:`ValueError` with a message for the user: unreadable text, an
    ambiguous year, a day that does not exist (31 Mehr), and
    :class:`~corpuskit.dates.calendars.CalendarRangeError` (a ``ValueError``)
    for a year outside what the calendar's library supports.
    """
    if calendar is not None and calendar not in CALENDARS:
        raise ValueError(f"unknown calendar {calendar!r}; expected one of {', '.join(CALENDARS)}")
    cleaned = text.translate(_BIDI_MARKS).strip().translate(_TO_LATIN)
    match = _YEAR_FIRST.fullmatch(cleaned)
    if match is None:
        shown = text.strip()
        if _DAY_FIRST.fullmatch(cleaned):
            raise ValueError(f"cannot read {shown!r} as a date: write the year first (YYYY-MM-DD)")
        raise ValueError(f"cannot read {shown!r} as a date: expected YYYY-MM-DD (or YYYY/MM/DD, YYYY.MM.DD)")
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if calendar is None:
        if year < GREGORIAN_FROM_YEAR:
            raise ValueError(
                f"{iso} is ambiguous: a year below {GREGORIAN_FROM_YEAR} can be Jalali or Hijri; "
                "give --from jalali or --from hijri"
            )
        calendar = "gregorian"
    if not 1 <= month <= 12:
        raise ValueError(f"invalid {calendar} date {iso}: there is no month {month}")
    return CalendarDate(calendar, year, month, day)  # validates the day and the year's range


def _month_names(date: CalendarDate) -> dict[str, str]:
    return {lang: month_name(date.calendar, date.month, lang) for lang in LANGS}


def describe(date: CalendarDate) -> dict[str, Any]:
    """*date* in every calendar, with month and weekday names in English, Persian and Arabic.

    ::

        {"input": {"calendar": "jalali", "date": "1399-07-04"},
         "weekday": {"en": "Friday", "fa": "جمعه", "ar": "الجمعة"},
         "gregorian": {"date": "2020-09-25", "month": {"en": "September", "fa": "سپتامبر", "ar": "سبتمبر"}},
         "jalali": {"date": "1399-07-04", "month": {...}},
         "hijri": {"date": "1442-02-08", "month": {...}}}

    A calendar the day cannot be expressed in (Hijri outside 1343-1500 AH) gets
    ``{"date": None, "error": MESSAGE}`` instead; the other calendars are still given.
    """
    weekday = date.weekday  # also checks that the day converts at all
    result: dict[str, Any] = {
        "input": {"calendar": date.calendar, "date": date.isoformat()},
        "weekday": {lang: weekday_name(weekday, lang) for lang in LANGS},
    }
    for calendar in CALENDARS:
        try:
            other = convert(date, calendar)
        except CalendarRangeError as error:
            result[calendar] = {"date": None, "error": str(error)}
        else:
            result[calendar] = {"date": other.isoformat(), "month": _month_names(other)}
    return result


def _persian_digits(number: int) -> str:
    return str(number).translate(_TO_PERSIAN)


def format_description(description: dict[str, Any]) -> list[str]:
    """:func:`describe`'s dict as plain-text lines, one per calendar, for a terminal::

        gregorian  2020-09-25  Friday 25 September 2020 · جمعه ۲۵ سپتامبر ۲۰۲۰ · الجمعة 25 سبتمبر 2020
        jalali     1399-07-04  Friday 4 Mehr 1399 · جمعه ۴ مهر ۱۳۹۹ · الجمعة 4 مهر 1399
        hijri      1442-02-08  Friday 8 Safar 1442 · جمعه ۸ صفر ۱۴۴۲ · الجمعة 8 صفر 1442

    Calendar name and ISO date are aligned columns; then the date written out in
    English, Persian (Persian digits) and Arabic (Latin digits, as in the Maghreb
    and most Arabic newspapers online), each with its weekday. A calendar the day
    cannot be expressed in shows ``-`` and the reason.
    """
    width = max(len(calendar) for calendar in CALENDARS)
    weekday = description["weekday"]
    lines = []
    for calendar in CALENDARS:
        entry = description[calendar]
        if entry.get("date") is None:
            lines.append(f"{calendar:<{width}}  {'-':<10}  {entry.get('error', 'not available')}")
            continue
        year, month, day = (int(part) for part in entry["date"].split("-"))
        names = entry["month"]
        forms = [
            f"{weekday['en']} {day} {names['en']} {year}",
            f"{weekday['fa']} {_persian_digits(day)} {names['fa']} {_persian_digits(year)}",
            f"{weekday['ar']} {day} {names['ar']} {year}",
        ]
        lines.append(f"{calendar:<{width}}  {entry['date']}  {' · '.join(forms)}")
    return lines

