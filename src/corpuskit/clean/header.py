"""Values from a page's header lines: publication date and time, news id.

Dates are read by the dates stage's own extractor (corpuskit/dates), so a
header line is understood in every calendar, spelling and digit script the
dates stage knows, with the time zone when one is stated (``بتوقيت غرينتش``,
``به وقت تهران``, ``GMT+3``). The value is ISO 8601 to the precision the page
gives: ``2020-09-25``, ``2017-07-10T20:35`` (no zone stated: local time,
no offset), ``2018-08-23T18:00+00:00``.
"""

from __future__ import annotations

import re
from functools import cache

from corpuskit.clean.lines import key

#: Span kinds that name a day (a month or a year alone is no publication date).
_DAY_GRANULARITY = {"day", "hour", "minute", "second"}


def _iso(span: dict) -> str:
    value = span["value"]
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    return value


def header_dates(text: str, lang: str | None) -> list[tuple[str, int, int]]:
    """Every full date (a day, with its time if given) in ``text``, as
    ``(iso value, start, end)``, from one run of the dates extractor."""
    from corpuskit.dates.extract import extract

    spans, _ = extract(text, lang if lang in ("fa", "ar") else None, None)
    return [(_iso(span), span["start"], span["end"]) for span in spans if _is_day(span)]


def header_date(text: str, lang: str | None) -> tuple[str, int, int] | None:
    """The first of ``header_dates``; None when there is none."""
    found = header_dates(text, lang)
    return found[0] if found else None


def _is_day(span: dict) -> bool:
    return (
        span.get("kind") in ("date", "datetime")
        and span.get("granularity") in _DAY_GRANULARITY
        and span.get("resolved") == "explicit"
    )


_FILLER_WORDS = [
    "شنبه", "یکشنبه", "یک شنبه", "دوشنبه", "سه شنبه", "چهارشنبه", "پنجشنبه", "پنج شنبه", "جمعه", "السبت",
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "ساعت", "الساعة", "ص", "م",
    "صباحا", "مساء", "am", "pm", "gmt", "utc",
]


@cache
def _filler() -> re.Pattern[str]:
    words = sorted({key(word) for word in _FILLER_WORDS}, key=len, reverse=True)
    return re.compile(r"[\s\d:：,،.\-–—/|()\[\]•·]+|(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def is_date_line(text: str, lang: str | None) -> str | None:
    """The ISO date of a line that holds a date and nothing else (weekday, time
    and punctuation aside), like DW's ``۱۳۹۹ مهر ۴, جمعه``, or the day in two
    calendars, ``۳ آذر ۱۴۰۲ - ۲۴ نوامبر ۲۰۲۳``."""
    found = header_dates(text, lang)
    if not found:
        return None
    rest, last = [], 0
    for _, start, end in found:
        rest.append(text[last:start])
        last = end
    rest.append(text[last:])
    return found[0][0] if not _filler().sub(" ", key(" ".join(rest))).strip() else None
