"""Turn mentions (detect.py) into date spans: calendar, value, equivalents, flags.

Resolution never looks at the system clock. Yearless dates, relative
expressions and bare weekdays resolve against the *document date*; without one
they get ``value: null``, ``resolved: "unresolved"`` and the flag
``no-document-date``. See docs/dates.md for every field and flag.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from corpuskit.dates import lexicon as lx
from corpuskit.dates import numbers
from corpuskit.dates.calendars import CalendarDate, CalendarRangeError, from_gregorian, month_length
from corpuskit.dates.detect import Atom, Mention, month_entries, _key, _month_table_any

WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {_key(k): v for k, v in {**lx.WEEKDAYS_FA, **lx.WEEKDAYS_AR}.items()}
_ERA = {re.sub(r"[ \t]+", "", k): v for k, v in {**lx.CALENDAR_WORDS, **lx.ERA_MARKERS}.items()}
_AR_CALENDAR_ADJ = {"المیلادی": "gregorian", "المیلادیه": "gregorian", "الهجری": "hijri", "الهجریه": "hijri",
                    "الشمسی": "jalali", "الشمسیه": "jalali"}


@dataclass
class Context:
    lang: str
    doc: dt.date | None


class Unresolvable(Exception):
    """The expression is a date but cannot get a value (the flag says why)."""

    def __init__(self, flag: str, calendar: str | None = None, written: str | None = None):
        super().__init__(flag)
        self.flag = flag
        self.calendar = calendar  # what is known without a value
        self.written = written


def default_calendar(lang: str) -> str:
    """The calendar a bare month/year count runs in: Iran's in Persian, else Gregorian."""
    return "jalali" if lang == "fa" else "gregorian"


def infer_year_calendar(year: int, ctx: Context, flags: list[str]) -> str | None:
    """Calendar of a year written without month name or marker, from its range:
    >= 1700 Gregorian; 1300-1699 Jalali or Hijri, whichever is nearer the
    document's year in that calendar (else the text's language decides)."""
    if 1700 <= year <= 2200:
        return "gregorian"
    if not 1300 <= year < 1700:
        return None
    if ctx.doc is not None:
        distance = {}
        for calendar in ("jalali", "hijri"):
            try:
                distance[calendar] = abs(from_gregorian(ctx.doc, calendar).year - year)
            except CalendarRangeError:
                distance[calendar] = 10_000
        nearer = min(distance, key=distance.get)
        other = "hijri" if nearer == "jalali" else "jalali"
        if distance[other] - distance[nearer] < 10:
            # Both are plausible (Jalali and Hijri years are 40-odd apart and
            # drift): the text's language decides, and the flag says it was a guess.
            flags.append("calendar-guessed")
            return _language_calendar(ctx.lang)
        return nearer
    flags.append("calendar-guessed")
    return _language_calendar(ctx.lang)


def _language_calendar(lang: str) -> str:
    """The calendar a 13xx/14xx year is in when nothing else says: Jalali in Persian, Hijri in Arabic."""
    return "jalali" if lang == "fa" else "hijri"


def _era(fields: dict[str, Any]) -> str | None:
    era = fields.get("era")
    return _ERA.get(re.sub(r"[ \t]+", "", era)) if era else None


# --------------------------------------------------------------------------- periods


def _gregorian(calendar: str, year: int, month: int, day: int) -> dt.date:
    return CalendarDate(calendar, year, month, day).to_gregorian()


def month_interval(calendar: str, year: int, month: int) -> tuple[dt.date, dt.date]:
    first = _gregorian(calendar, year, month, 1)
    return first, _gregorian(calendar, year, month, month_length(calendar, year, month))


def year_interval(calendar: str, year: int) -> tuple[dt.date, dt.date]:
    first = _gregorian(calendar, year, 1, 1)
    return first, _gregorian(calendar, year, 12, month_length(calendar, year, 12))


def _add_months(calendar: str, year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _in_calendar(day: dt.date, calendar: str) -> CalendarDate:
    return from_gregorian(day, calendar)


# --------------------------------------------------------------------------- the span


class Value:
    """What a mention resolves to, before it is written out."""

    def __init__(self, granularity: str, calendar: str | None):
        self.granularity = granularity  # year | month | week | day
        self.calendar = calendar
        self.day: dt.date | None = None
        self.interval: tuple[dt.date, dt.date] | None = None
        self.written: str | None = None  # in its own calendar, cut to granularity
        self.week: str | None = None  # ISO week (2020-W39), for week granularity


def _day_value(calendar: str | None, day: dt.date, written: CalendarDate | None = None) -> Value:
    value = Value("day", calendar)
    value.day = day
    if calendar is not None:
        value.written = (written or _in_calendar(day, calendar)).isoformat()
    return value


def _month_value(calendar: str, year: int, month: int) -> Value:
    value = Value("month", calendar)
    value.interval = month_interval(calendar, year, month)
    value.written = f"{year:04d}-{month:02d}"
    return value


def _year_value(calendar: str, year: int) -> Value:
    value = Value("year", calendar)
    value.interval = year_interval(calendar, year)
    value.written = f"{year:04d}"
    return value


def _week_value(day: dt.date) -> Value:
    value = Value("week", None)
    monday = day - dt.timedelta(days=day.weekday())
    value.interval = (monday, monday + dt.timedelta(days=6))
    iso = day.isocalendar()
    value.week = f"{iso.year:04d}-W{iso.week:02d}"
    return value


def _shift(unit: str, amount: int, calendar: str, ctx: Context) -> Value:
    """The document date moved by ``amount`` units (0: the current unit)."""
    assert ctx.doc is not None
    if unit in ("day", "hour", "minute"):
        if unit != "day":
            amount = 0  # "two hours ago" is still the document's day
        return _day_value(None, ctx.doc + dt.timedelta(days=amount))
    if unit == "week":
        return _week_value(ctx.doc + dt.timedelta(weeks=amount))
    here = _in_calendar(ctx.doc, calendar)
    if unit == "month":
        year, month = _add_months(calendar, here.year, here.month, amount)
        return _month_value(calendar, year, month)
    return _year_value(calendar, here.year + amount)


def _nearest_year(calendar: str, month: int, day: int | None, ctx: Context) -> int:
    """The year that puts a yearless month (and day) nearest the document date."""
    assert ctx.doc is not None
    here = _in_calendar(ctx.doc, calendar).year
    best, best_distance = here, None
    for year in (here - 1, here, here + 1):
        try:
            if day is None:
                first, last = month_interval(calendar, year, month)
                distance = 0 if first <= ctx.doc <= last else min(abs((first - ctx.doc).days), abs((last - ctx.doc).days))
            else:
                distance = abs((_gregorian(calendar, year, month, min(day, month_length(calendar, year, month))) - ctx.doc).days)
        except (ValueError, CalendarRangeError):
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = year, distance
    return best


def _next_or_last_year(calendar: str, month: int, direction: int, ctx: Context) -> int:
    """The year of the next (+1) or the last (-1) such month, seen from the document date."""
    assert ctx.doc is not None
    here = _in_calendar(ctx.doc, calendar).year
    years = range(here - 1, here + 3) if direction > 0 else range(here + 1, here - 3, -1)
    for year in years:
        first, last = month_interval(calendar, year, month)
        if (direction > 0 and first > ctx.doc) or (direction < 0 and last < ctx.doc):
            return year
    return here + direction


def _resolve_date(atom: Atom, ctx: Context, flags: list[str], how: list[str]) -> Value:
    f = atom.fields
    entries = month_entries(ctx.lang, f["month"]) or _month_table_any(f["month"])
    era = _era(f)
    entry = next((e for e in entries if e.calendar == era), entries[0])
    if era and era != entry.calendar:
        flags.append("era-mismatch")
    if "month2" in f:
        second = month_entries(ctx.lang, f["month2"]) or _month_table_any(f["month2"])
        if not any(e.month == entry.month and e.calendar == entry.calendar for e in second):
            flags.append("month-pair-mismatch")
    calendar, month, day = entry.calendar, entry.month, f.get("day")
    if "year" in f:
        year = int(f["year"])
    else:
        if ctx.doc is None:
            yearless = f"--{month:02d}" + (f"-{day:02d}" if day else "")
            raise Unresolvable("no-document-date", calendar, yearless)
        if "myear" in f:
            year = _in_calendar(ctx.doc, calendar).year + lx.YEAR_OF_MONTH[re.sub(r"[ \t\u200c]+", " ", f["myear"])]
        elif "mdir" in f:
            year = _next_or_last_year(calendar, month, lx.MONTH_DIRECTION[f["mdir"]], ctx)
        else:
            year = _nearest_year(calendar, month, day, ctx)
        flags.append("year-from-document")
        how.append("document-year")
    if day is None:
        try:
            return _month_value(calendar, year, month)
        except CalendarRangeError:  # رمضان 2018 read as Hijri 2018, مهر 9999
            raise Unresolvable("out-of-range", calendar, f"{year:04d}-{month:02d}") from None
    as_written = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        written = CalendarDate(calendar, year, month, day)
    except CalendarRangeError:
        raise Unresolvable("out-of-range", calendar, as_written) from None
    except ValueError:  # 31 Mehr, 30 February
        raise Unresolvable("invalid-date", calendar, as_written) from None
    return _day_value(calendar, written.to_gregorian(), written)


def _resolve_numeric(atom: Atom, ctx: Context, flags: list[str]) -> Value | None:
    f = atom.fields
    year, month, day = int(f["year"]), int(f["m"]), int(f["d"])
    if month > 12 and day <= 12:
        month, day = day, month
        flags.append("month-first")
    calendar = _era(f) or infer_year_calendar(year, ctx, flags)
    if calendar is None:
        return None
    try:
        written = CalendarDate(calendar, year, month, day)
    except CalendarRangeError:
        raise Unresolvable("out-of-range") from None
    except ValueError:
        return None  # 12/35/2018 or a phone number: not a date
    return _day_value(calendar, written.to_gregorian(), written)


def _resolve_year(atom: Atom, ctx: Context, flags: list[str]) -> Value | None:
    f = atom.fields
    if "short" in f:  # سال ۹۹ = 1399
        short = int(f["short"])
        year = 1300 + short if short >= 50 else 1400 + short
        flags.append("short-year")
        return _year_value("jalali", year)
    year = int(f["year"])
    calendar = _era(f) or infer_year_calendar(year, ctx, flags)
    if calendar is None:
        return None
    if atom.kind == "bareyear":
        flags.append("bare-year")
    try:
        return _year_value(calendar, year)
    except CalendarRangeError:
        raise Unresolvable("out-of-range") from None


def _resolve_relative(atom: Atom, ctx: Context, flags: list[str]) -> Value | None:
    f = atom.fields
    if atom.kind == "relday":
        offset = {**lx.RELATIVE_DAYS_FA, **lx.RELATIVE_DAYS_AR}[re.sub(r"[ \t\u200c]+", " ", f["rel"]).strip()]
        if ctx.doc is None:
            raise Unresolvable("no-document-date")
        return _day_value(None, ctx.doc + dt.timedelta(days=offset))
    if atom.kind == "relcount":
        if "dual" in f:
            count, unit = 2, numbers.ARABIC_DUAL_UNITS[_key(f["dual"])]
        else:
            count = int(f["n"]) if "n" in f else numbers.parse_cardinal(f["nword"])
            unit = {**numbers.UNIT_WORDS_FA, **numbers.UNIT_WORDS_AR}.get(_key(f["unit"])) or numbers.UNIT_WORDS_FA.get(
                f["unit"]
            )
        direction = lx.DIRECTION_FA.get(f["dir"]) if f["dir"] in lx.DIRECTION_FA else lx.DIRECTION_AR.get(f["dir"])
        if count is None or unit is None or not direction:
            return None
        calendar = lx.CALENDAR_WORDS.get(f.get("cal", ""), default_calendar(ctx.lang))
        if ctx.doc is None:
            raise Unresolvable("no-document-date")
        return _shift(unit, direction * count, calendar, ctx)
    # a period: ماه آینده, العام الجاري, امسال, this month
    if "pword" in f:
        unit, direction = lx.PERIOD_WORDS[f["pword"]]
    else:
        noun = f["pnoun"]
        unit = lx.PERIODS_FA.get(noun) or lx.PERIODS_AR.get("ال" + noun)
        if "pdir" in f:
            word = f["pdir"]
            direction = lx.PERIOD_DIRECTION_FA.get(word, lx.PERIOD_DIRECTION_AR.get(word, 0))
        else:
            direction = 0
    cal_word = f.get("cal")
    calendar = default_calendar(ctx.lang)
    if cal_word:
        calendar = lx.CALENDAR_WORDS.get(cal_word) or _AR_CALENDAR_ADJ.get(cal_word, calendar)
    if ctx.doc is None:
        raise Unresolvable("no-document-date")
    return _shift(unit, direction, calendar, ctx)


def _resolve_weekday(weekday: int, direction: int | None, ctx: Context, flags: list[str]) -> Value:
    """A bare weekday: the latest such day on or before the document date
    (news reports what happened), or the next/previous one when said."""
    if ctx.doc is None:
        raise Unresolvable("no-document-date")
    back = (ctx.doc.weekday() - weekday) % 7
    if direction is None:
        flags.append("assumed-past")
        day = ctx.doc - dt.timedelta(days=back)
    elif direction < 0:
        day = ctx.doc - dt.timedelta(days=back or 7)
    else:
        day = ctx.doc + dt.timedelta(days=(weekday - ctx.doc.weekday()) % 7 or 7)
    return _day_value(None, day)


def _weekday_direction(word: str | None) -> int | None:
    if not word:
        return None
    if word in lx.DIRECTION_FA:
        return lx.DIRECTION_FA[word]
    if word in lx.PERIOD_DIRECTION_AR:
        return lx.PERIOD_DIRECTION_AR[word] or None
    return 1 if any(w in word for w in ("آینده", "بعد")) else -1


def _time(atom: Atom, day: dt.date) -> dict[str, Any]:
    f = atom.fields
    hour, minute, second = int(f["hh"]), int(f["mm"]), int(f.get("ss", 0))
    ampm = re.sub(r"[ \t]+", " ", f.get("ampm", ""))
    if ampm and ampm in lx.PM_WORDS and hour < 12:
        hour += 12
    if hour > 23:
        return {}
    out: dict[str, Any] = {"time": f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if "ss" in f else "")}
    zone = None
    if "tz" in f:
        zone = lx.TIMEZONES.get(f["tz"])
        out["timezone"] = zone or "local"
    elif "tzlatin" in f:
        zone = "UTC"
        out["timezone"] = "UTC"
        if f.get("tzoff"):
            out["timezone"] = f["tzlatin"] + f["tzoff"]
            zone = None
            out["utc_offset"] = _offset_text(f["tzoff"])
    if zone:
        out["utc_offset"] = _utc_offset(zone, day, hour, minute)
    return out


def _offset_text(raw: str) -> str:
    sign, digits = raw[0], raw[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
    return f"{sign}{int(hours):02d}:{minutes}"


def _utc_offset(zone: str, day: dt.date, hour: int, minute: int) -> str | None:
    if zone == "UTC":
        return "+00:00"
    try:
        from zoneinfo import ZoneInfo

        local = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))
    except Exception:  # no tz database on this machine: keep the zone name only
        return None
    offset = local.utcoffset() or dt.timedelta(0)
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def _equivalent(value: Value, calendar: str) -> str | None:
    try:
        if value.granularity == "day" and value.day is not None:
            return _in_calendar(value.day, calendar).isoformat()
        if value.interval is not None:
            if value.calendar == calendar and value.written:
                return value.written
            first, last = (_in_calendar(d, calendar).isoformat() for d in value.interval)
            return f"{first}/{last}"
    except CalendarRangeError:
        return None
    return None


def _iso_value(value: Value) -> str | None:
    if value.granularity == "day" and value.day is not None:
        return value.day.isoformat()
    if value.granularity == "week":
        return value.week
    if value.interval is None:
        return None
    first, last = value.interval
    if value.calendar == "gregorian":
        return first.isoformat()[: 7 if value.granularity == "month" else 4]
    return f"{first.isoformat()}/{last.isoformat()}"


def resolve(mention: Mention, ctx: Context) -> dict[str, Any] | None:
    """The span fields of one mention (without start/end/text), or None when a
    closer look says it is no date after all (``12/35/2018``, year 3000)."""
    flags: list[str] = []
    how: list[str] = []
    core, weekday_atom, time_atom = mention.core, mention.get("weekday"), mention.get("time")
    modifier = mention.get("modifier")
    stated = _WEEKDAYS.get(_key(weekday_atom.fields["weekday"])) if weekday_atom else None
    kind = "date"
    out: dict[str, Any] = {}
    value: Value | None = None
    try:
        if core is None:
            kind = "weekday"
            direction = _weekday_direction(weekday_atom.fields.get("wdir")) if weekday_atom else None
            value = _resolve_weekday(stated, direction, ctx, flags)  # type: ignore[arg-type]
            how.append("document-weekday")
        elif core.kind == "date":
            value = _resolve_date(core, ctx, flags, how)
        elif core.kind == "numeric":
            value = _resolve_numeric(core, ctx, flags)
        elif core.kind in ("year", "bareyear"):
            value = _resolve_year(core, ctx, flags)
        else:
            kind = "relative"
            value = _resolve_relative(core, ctx, flags)
            how.append("document-date")
        if value is None:
            return None
    except (Unresolvable, CalendarRangeError) as caught:
        # A CalendarRangeError that got this far is a document date near the
        # end of the supported range moved past it ("next year" in 2077).
        problem = caught if isinstance(caught, Unresolvable) else Unresolvable("out-of-range")
        flags.append(problem.flag)
        out = {"kind": kind, "calendar": problem.calendar, "value": None, "written": problem.written,
               "granularity": None, "resolved": "unresolved"}
        if stated is not None:
            out["weekday"] = WEEKDAY_EN[stated]
        out["flags"] = flags
        return out
    if stated is not None:
        out_weekday = WEEKDAY_EN[stated]
        if value.granularity == "day" and value.day is not None and value.day.weekday() != stated:
            flags.append("weekday-mismatch")
    granularity = value.granularity
    iso = _iso_value(value)
    extra: dict[str, Any] = {}
    if time_atom is not None and value.granularity == "day" and value.day is not None:
        extra = _time(time_atom, value.day)
        if extra:
            kind = "datetime" if kind == "date" else kind
            granularity = "second" if "ss" in time_atom.fields else "minute"
            offset = extra.get("utc_offset")
            iso = f"{iso}T{extra['time']}" + ("" if offset is None else "Z" if offset == "+00:00" else offset)
    out = {
        "kind": kind,
        "calendar": value.calendar,
        "value": iso,
        "written": value.written,
        "granularity": granularity,
        "jalali": _equivalent(value, "jalali"),
        "hijri": _equivalent(value, "hijri"),
    }
    if value.interval is not None:
        out["interval"] = {"start": value.interval[0].isoformat(), "end": value.interval[1].isoformat()}
    out.update(extra)
    if stated is not None:
        out["weekday"] = out_weekday
    if modifier is not None:
        out["modifier"] = lx.MODIFIERS[modifier.fields["modifier"]]
    out["resolved"] = how[0] if how else "explicit"
    if how and ctx.doc is not None:
        out["anchor"] = ctx.doc.isoformat()
    out["flags"] = flags
    return out
