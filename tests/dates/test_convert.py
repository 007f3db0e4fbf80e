"""corpuskit.dates.convert: reading dates, describing them in three calendars, the text layout."""

from __future__ import annotations

import pytest

from corpuskit.dates.calendars import CalendarDate, CalendarRangeError
from corpuskit.dates.convert import describe, format_description, parse_date

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("text", "calendar", "expected"),
    [
        ("1399-07-04", "jalali", ("jalali", 1399, 7, 4)),
        ("1399/7/4", "jalali", ("jalali", 1399, 7, 4)),
        ("1399.07.04", "jalali", ("jalali", 1399, 7, 4)),
        ("  1399-07-04\n", "jalali", ("jalali", 1399, 7, 4)),
        ("۱۳۹۹/۰۷/۰۴", "jalali", ("jalali", 1399, 7, 4)),
        ("\u200f۱۳۹۹/۰۷/۰۴\u200e", "jalali", ("jalali", 1399, 7, 4)),  # direction marks from copied RTL text
        ("٢٠١٨-٠٨-٢٣", None, ("gregorian", 2018, 8, 23)),
        ("2020-09-25", None, ("gregorian", 2020, 9, 25)),
        ("1700-01-01", None, ("gregorian", 1700, 1, 1)),
        ("1445-09-01", "hijri", ("hijri", 1445, 9, 1)),
        ("1399-07-04", "gregorian", ("gregorian", 1399, 7, 4)),  # an explicit calendar wins
    ],
)
def test_parse_date_forms(text, calendar, expected):
    assert parse_date(text, calendar) == CalendarDate(*expected)


@pytest.mark.parametrize("text", ["1399-07-04", "1699-12-31", "۱۴۴۵/۰۹/۰۱"])
def test_a_year_below_1700_without_a_calendar_is_ambiguous(text):
    with pytest.raises(ValueError, match="give --from jalali or --from hijri") as info:
        parse_date(text)
    assert not isinstance(info.value, CalendarRangeError)


@pytest.mark.parametrize(
    ("text", "calendar", "message"),
    [
        ("1399-07-31", "jalali", "invalid jalali date 1399-07-31: Mehr 1399 has 30 days"),
        ("1402-12-30", "jalali", "invalid jalali date 1402-12-30: Esfand 1402 has 29 days"),
        ("1399-13-01", "jalali", "invalid jalali date 1399-13-01: there is no month 13"),
        ("1399-00-10", "jalali", "invalid jalali date 1399-00-10: there is no month 0"),
        ("1399-07-00", "jalali", "invalid jalali date 1399-07-00: Mehr 1399 has 30 days"),
        ("2023-02-29", None, "invalid gregorian date 2023-02-29: February 2023 has 28 days"),
        ("25/09/2020", None, "cannot read '25/09/2020' as a date: write the year first (YYYY-MM-DD)"),
        ("1399-07/04", "jalali", "cannot read '1399-07/04' as a date: expected YYYY-MM-DD"),
        ("99-07-04", "jalali", "cannot read '99-07-04' as a date"),
        ("yesterday", None, "cannot read 'yesterday' as a date"),
        ("", None, "cannot read '' as a date"),
        ("1399-07-04", "persian", "unknown calendar 'persian'"),
    ],
)
def test_invalid_dates_say_why(text, calendar, message):
    with pytest.raises(ValueError) as info:
        parse_date(text, calendar)
    assert str(info.value).startswith(message)
    assert not isinstance(info.value, CalendarRangeError)


def test_a_year_outside_the_hijri_table_is_a_range_error():
    with pytest.raises(CalendarRangeError, match=r"Hijri year 1600 is outside .* \(1343-1500 AH"):
        parse_date("1600-01-01", "hijri")


def test_30_esfand_of_a_leap_year_exists():
    assert parse_date("1403-12-30", "jalali").gregorian_iso == "2025-03-20"


def test_describe_a_jalali_date():
    assert describe(parse_date("1399-07-04", "jalali")) == {
        "input": {"calendar": "jalali", "date": "1399-07-04"},
        "weekday": {"en": "Friday", "fa": "جمعه", "ar": "الجمعة"},
        "gregorian": {"date": "2020-09-25", "month": {"en": "September", "fa": "سپتامبر", "ar": "سبتمبر"}},
        "jalali": {"date": "1399-07-04", "month": {"en": "Mehr", "fa": "مهر", "ar": "مهر"}},
        "hijri": {"date": "1442-02-08", "month": {"en": "Safar", "fa": "صفر", "ar": "صفر"}},
    }


@pytest.mark.parametrize(
    ("text", "calendar", "gregorian", "jalali", "hijri", "weekday"),
    [
        ("1404-01-01", "jalali", "2025-03-21", "1404-01-01", "1446-09-21", "Friday"),
        ("1403-12-30", "jalali", "2025-03-20", "1403-12-30", "1446-09-20", "Thursday"),
        ("1445-09-01", "hijri", "2024-03-11", "1402-12-21", "1445-09-01", "Monday"),
        ("2024-03-11", None, "2024-03-11", "1402-12-21", "1445-09-01", "Monday"),
    ],
)
def test_reference_days_in_all_three_calendars(text, calendar, gregorian, jalali, hijri, weekday):
    description = describe(parse_date(text, calendar))
    got = (description["gregorian"]["date"], description["jalali"]["date"], description["hijri"]["date"])
    assert got == (gregorian, jalali, hijri)
    assert description["weekday"]["en"] == weekday


def test_describe_month_and_weekday_names_in_every_calendar():
    description = describe(parse_date("1445-09-01", "hijri"))  # 1 Ramadan 1445 = Monday 11 March 2024
    assert description["weekday"] == {"en": "Monday", "fa": "دوشنبه", "ar": "الاثنين"}
    assert description["gregorian"]["month"] == {"en": "March", "fa": "مارس", "ar": "مارس"}
    assert description["jalali"]["month"] == {"en": "Esfand", "fa": "اسفند", "ar": "اسفند"}
    assert description["hijri"]["month"] == {"en": "Ramadan", "fa": "رمضان", "ar": "رمضان"}

    description = describe(parse_date("2018-08-23"))  # Thursday 1 Shahrivar 1397 = 12 Dhu al-Hijja 1439
    assert description["weekday"] == {"en": "Thursday", "fa": f"پنج{ZWNJ}شنبه", "ar": "الخميس"}
    assert description["gregorian"]["month"] == {"en": "August", "fa": "اوت", "ar": "أغسطس"}
    assert description["jalali"]["month"] == {"en": "Shahrivar", "fa": "شهریور", "ar": "شهريور"}
    assert description["hijri"]["month"] == {"en": "Dhu al-Hijja", "fa": f"ذی{ZWNJ}الحجه", "ar": "ذو الحجة"}


@pytest.mark.parametrize(("text", "calendar"), [("1900-01-01", None), ("1278-10-11", "jalali"), ("2100-01-01", None)])
def test_a_day_outside_the_hijri_table_gets_an_error_entry_not_a_crash(text, calendar):
    description = describe(parse_date(text, calendar))
    assert description["hijri"]["date"] is None
    assert "outside the range of the Umm al-Qura Hijri calendar" in description["hijri"]["error"]
    assert description["gregorian"]["date"] and description["jalali"]["date"]


def test_1900_in_every_calendar():
    description = describe(parse_date("1900-01-01"))
    assert description["jalali"] == {"date": "1278-10-11", "month": {"en": "Dey", "fa": "دی", "ar": "دي"}}
    assert description["hijri"] == {
        "date": None,
        "error": "1900-01-01 is outside the range of the Umm al-Qura Hijri calendar "
        "(hijridate, 1343-1500 AH): 1924-08-01 to 2077-11-16",
    }


def test_format_description_lines():
    assert format_description(describe(parse_date("1399-07-04", "jalali"))) == [
        "gregorian  2020-09-25  Friday 25 September 2020 · جمعه ۲۵ سپتامبر ۲۰۲۰ · الجمعة 25 سبتمبر 2020",
        "jalali     1399-07-04  Friday 4 Mehr 1399 · جمعه ۴ مهر ۱۳۹۹ · الجمعة 4 مهر 1399",
        "hijri      1442-02-08  Friday 8 Safar 1442 · جمعه ۸ صفر ۱۴۴۲ · الجمعة 8 صفر 1442",
    ]


def test_format_description_shows_why_a_calendar_is_missing():
    lines = format_description(describe(parse_date("1900-01-01")))
    assert lines[1] == "jalali     1278-10-11  Monday 11 Dey 1278 · دوشنبه ۱۱ دی ۱۲۷۸ · الاثنين 11 دي 1278"
    assert lines[2].startswith("hijri      -           1900-01-01 is outside the range")
