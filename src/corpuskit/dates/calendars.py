"""Calendar dates and conversion: Gregorian, Jalali (Solar Hijri) and Hijri (Umm al-Qura).

* ``gregorian`` -- the proleptic Gregorian calendar of :class:`datetime.date`.
* ``jalali`` -- the Iranian Solar Hijri calendar, via ``persiantools``.
* ``hijri`` -- the Saudi Umm al-Qura calendar, via ``hijridate``. It is
  tabulated, so it is defined only for 1343-1500 AH (1924-08-01 to
  2077-11-16 CE); outside that :class:`CalendarRangeError` is raised rather
  than a silently extrapolated answer. Umm al-Qura is *not* the arithmetic
  (tabular) Islamic calendar: the two differ by a day or two in many months.
  Caveat: hijridate's table has a few impossible 28/31-day months before
  1365 AH, and disagrees by 1-2 days with the JDK's Umm al-Qura table in
  740 of 1896 months (none in 1420-1449 AH); see tests/dates.

Invalid dates (31 Mehr, 30 Esfand of a common year, 30 of a 29-day Hijri
month, month 13, ...) raise :class:`ValueError` with a message that says why.

The conversion libraries are imported inside functions, never at module
import, so that importing :mod:`corpuskit` (and starting the CLI) stays fast.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "CALENDARS",
    "CalendarDate",
    "CalendarRangeError",
    "HIJRI_GREGORIAN_RANGE",
    "HIJRI_YEAR_RANGE",
    "JALALI_YEAR_RANGE",
    "MONTH_NAMES",
    "WEEKDAY_NAMES",
    "convert",
    "from_gregorian",
    "is_valid",
    "month_length",
    "month_name",
    "supported_range",
    "to_gregorian",
    "weekday_name",
]

CALENDARS: tuple[str, ...] = ("gregorian", "jalali", "hijri")

#: Years (inclusive) that hijridate's Umm al-Qura table covers.
HIJRI_YEAR_RANGE: tuple[int, int] = (1343, 1500)
#: The same range in Gregorian days (inclusive): 1 Muharram 1343 .. 30 Dhu al-Hijja 1500.
HIJRI_GREGORIAN_RANGE: tuple[_dt.date, _dt.date] = (_dt.date(1924, 8, 1), _dt.date(2077, 11, 16))
#: Years (inclusive) that persiantools accepts.
JALALI_YEAR_RANGE: tuple[int, int] = (1, 9377)
#: The same range in Gregorian days (inclusive): 1 Farvardin 1 .. 30 Esfand 9377.
JALALI_GREGORIAN_RANGE: tuple[_dt.date, _dt.date] = (_dt.date(622, 3, 22), _dt.date(9999, 3, 20))


class CalendarRangeError(ValueError):
    """A date lies outside the range a calendar implementation supports."""


def _check_calendar(calendar: str) -> None:
    if calendar not in CALENDARS:
        raise ValueError(f"unknown calendar {calendar!r}; expected one of {', '.join(CALENDARS)}")


def supported_range(calendar: str) -> tuple[_dt.date, _dt.date]:
    """The first and last Gregorian day (inclusive) that *calendar* can convert."""
    _check_calendar(calendar)
    if calendar == "hijri":
        return HIJRI_GREGORIAN_RANGE
    if calendar == "jalali":
        return JALALI_GREGORIAN_RANGE
    return (_dt.date.min, _dt.date.max)


def _check_year(calendar: str, year: int) -> None:
    if calendar == "hijri":
        lo, hi = HIJRI_YEAR_RANGE
        if not lo <= year <= hi:
            g_lo, g_hi = HIJRI_GREGORIAN_RANGE
            raise CalendarRangeError(
                f"Hijri year {year} is outside the Umm al-Qura range supported by hijridate "
                f"({lo}-{hi} AH, {g_lo.isoformat()} to {g_hi.isoformat()} CE)"
            )
    elif calendar == "jalali":
        lo, hi = JALALI_YEAR_RANGE
        if not lo <= year <= hi:
            raise CalendarRangeError(f"Jalali year {year} is outside the supported range {lo}-{hi} AP")
    else:
        lo, hi = _dt.MINYEAR, _dt.MAXYEAR
        if not lo <= year <= hi:
            raise CalendarRangeError(f"Gregorian year {year} is outside the supported range {lo}-{hi}")


@lru_cache(maxsize=4096)
def month_length(calendar: str, year: int, month: int) -> int:
    """Number of days in *month* of *year* in *calendar*.

    Raises :class:`CalendarRangeError` for a year the calendar cannot handle and
    :class:`ValueError` for a month outside 1..12.
    """
    _check_calendar(calendar)
    _check_year(calendar, year)
    if not 1 <= month <= 12:
        raise ValueError(f"{calendar} month must be in 1..12, got {month}")
    if calendar == "gregorian":
        return _stdlib_calendar.monthrange(year, month)[1]
    if calendar == "jalali":
        from persiantools.jdatetime import JalaliDate

        return JalaliDate.days_in_month(month, year)
    from hijridate import Hijri

    return Hijri(year, month, 1).month_length()


def _validate(calendar: str, year: int, month: int, day: int) -> None:
    length = month_length(calendar, year, month)  # checks calendar, year, month
    if not 1 <= day <= length:
        month_label = f"{month_name(calendar, month, 'en')} {year}"
        raise ValueError(
            f"invalid {calendar} date {year:04d}-{month:02d}-{day:02d}: "
            f"{month_label} has {length} days"
        )


def is_valid(calendar: str, year: int, month: int, day: int) -> bool:
    """Whether the date exists in *calendar*.

    A year outside the supported range is not "invalid" but unknown, so that
    raises :class:`CalendarRangeError` instead of returning ``False``.
    """
    try:
        _validate(calendar, year, month, day)
    except CalendarRangeError:
        raise
    except ValueError:
        _check_calendar(calendar)  # an unknown calendar name is an error, not "invalid"
        return False
    return True


@dataclass(frozen=True, slots=True)
class CalendarDate:
    """A day in one of :data:`CALENDARS`. Validated on construction."""

    calendar: str
    year: int
    month: int
    day: int

    def __post_init__(self) -> None:
        for field in ("year", "month", "day"):
            value = getattr(self, field)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{field} must be an int, got {value!r}")
        _validate(self.calendar, self.year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.calendar}:{self.isoformat()}"

    def isoformat(self) -> str:
        """``YYYY-MM-DD`` in this date's own calendar."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_gregorian(self) -> _dt.date:
        return to_gregorian(self)

    @property
    def gregorian_iso(self) -> str:
        """The same day as an ISO 8601 Gregorian date."""
        return to_gregorian(self).isoformat()

    @property
    def weekday(self) -> int:
        """Day of the week, 0 = Monday .. 6 = Sunday (as :meth:`datetime.date.weekday`)."""
        return to_gregorian(self).weekday()

    def weekday_name(self, lang: str = "fa") -> str:
        return weekday_name(self.weekday, lang)

    def month_name(self, lang: str = "fa", variant: str | None = None) -> str:
        return month_name(self.calendar, self.month, lang, variant)

    def convert(self, calendar: str) -> CalendarDate:
        return convert(self, calendar)


@lru_cache(maxsize=8192)
def to_gregorian(d: CalendarDate) -> _dt.date:
    """The Gregorian :class:`datetime.date` of *d*. (Cached: a corpus names the
    same few thousand days over and over, and the libraries are slow.)"""
    if d.calendar == "gregorian":
        return _dt.date(d.year, d.month, d.day)
    if d.calendar == "jalali":
        from persiantools.jdatetime import JalaliDate

        try:
            return JalaliDate(d.year, d.month, d.day).to_gregorian()
        except (OverflowError, ValueError) as exc:  # pragma: no cover - defensive: year already range-checked
            raise CalendarRangeError(f"cannot convert Jalali {d.isoformat()} to Gregorian: {exc}") from exc
    if d.calendar == "hijri":
        from hijridate import Hijri

        try:
            return Hijri(d.year, d.month, d.day).to_gregorian()
        except OverflowError as exc:  # pragma: no cover - year already range-checked
            raise CalendarRangeError(str(exc)) from exc
    _check_calendar(d.calendar)
    raise AssertionError("unreachable")  # pragma: no cover


@lru_cache(maxsize=8192)
def from_gregorian(date: _dt.date, calendar: str) -> CalendarDate:
    """The day *date* expressed in *calendar* (cached, as to_gregorian)."""
    _check_calendar(calendar)
    if isinstance(date, _dt.datetime):
        date = date.date()
    if calendar == "gregorian":
        return CalendarDate("gregorian", date.year, date.month, date.day)
    lo, hi = supported_range(calendar)
    if not lo <= date <= hi:
        if calendar == "hijri":
            name = "Umm al-Qura Hijri calendar (hijridate, 1343-1500 AH)"
        else:
            name = "Jalali calendar (persiantools, 1-9377 AP)"
        raise CalendarRangeError(
            f"{date.isoformat()} is outside the range of the {name}: "
            f"{lo.isoformat()} to {hi.isoformat()}"
        )
    if calendar == "jalali":
        from persiantools.jdatetime import JalaliDate

        j = JalaliDate(date)
        return CalendarDate("jalali", j.year, j.month, j.day)
    from hijridate import Gregorian

    h = Gregorian(date.year, date.month, date.day).to_hijri()
    return CalendarDate("hijri", h.year, h.month, h.day)


def convert(d: CalendarDate, calendar: str) -> CalendarDate:
    """*d* expressed in *calendar* (returns *d* itself if already there)."""
    _check_calendar(calendar)
    if d.calendar == calendar:
        return d
    return from_gregorian(to_gregorian(d), calendar)


# --------------------------------------------------------------------------- names

_ZWNJ = "\u200c"

#: MONTH_NAMES[calendar][lang] -> 12 names, January/Farvardin/Muharram first.
#: Gregorian Arabic has two forms: "ar" (Egyptian/Gulf, أغسطس) and "ar-levant" (آب).
MONTH_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "gregorian": {
        "fa": ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
               "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"),
        "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
               "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
        "ar-levant": ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
                      "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"),
        "en": ("January", "February", "March", "April", "May", "June",
               "July", "August", "September", "October", "November", "December"),
    },
    "jalali": {
        "fa": ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
               "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"),
        # The same names in Arabic orthography (ي for ی).
        "ar": ("فروردين", "أرديبهشت", "خرداد", "تير", "مرداد", "شهريور",
               "مهر", "آبان", "آذر", "دي", "بهمن", "اسفند"),
        "en": ("Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
               "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"),
    },
    "hijri": {
        "fa": ("محرم", "صفر", f"ربیع{_ZWNJ}الاول", f"ربیع{_ZWNJ}الثانی", f"جمادی{_ZWNJ}الاول",
               f"جمادی{_ZWNJ}الثانی", "رجب", "شعبان", "رمضان", "شوال", f"ذی{_ZWNJ}القعده",
               f"ذی{_ZWNJ}الحجه"),
        "ar": ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
               "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"),
        "en": ("Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula",
               "Jumada al-Akhira", "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qada",
               "Dhu al-Hijja"),
    },
}

#: WEEKDAY_NAMES[lang] -> 7 names, Monday first (index = datetime.date.weekday()).
#: Weekdays do not depend on the calendar.
WEEKDAY_NAMES: dict[str, tuple[str, ...]] = {
    "fa": ("دوشنبه", f"سه{_ZWNJ}شنبه", "چهارشنبه", f"پنج{_ZWNJ}شنبه", "جمعه", "شنبه", "یکشنبه"),
    "ar": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def month_name(calendar: str, month: int, lang: str = "fa", variant: str | None = None) -> str:
    """Name of *month* (1..12) of *calendar* in *lang* ('fa', 'ar', 'en').

    For Gregorian Arabic, ``variant="levant"`` gives the Levantine names (آب)
    instead of the Egyptian/Gulf ones (أغسطس).
    """
    _check_calendar(calendar)
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, got {month}")
    key = f"{lang}-{variant}" if variant else lang
    names = MONTH_NAMES[calendar].get(key)
    if names is None:
        known = ", ".join(sorted(MONTH_NAMES[calendar]))
        raise ValueError(f"no {calendar} month names for {key!r}; known: {known}")
    return names[month - 1]


def weekday_name(weekday: int, lang: str = "fa") -> str:
    """Name of *weekday* (0 = Monday) in *lang* ('fa', 'ar', 'en')."""
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be in 0..6 (0 = Monday), got {weekday}")
    try:
        return WEEKDAY_NAMES[lang][weekday]
    except KeyError:
        raise ValueError(f"no weekday names for {lang!r}; known: {', '.join(sorted(WEEKDAY_NAMES))}") from None
