"""Words around dates in Persian and Arabic news, in folded spelling (see fold.py).

Month names are not here: they live in ``data/months.tsv`` (corpuskit.dates.months).
Number words are in corpuskit.dates.numbers. Everything in this module is written
folded (``ی`` for ي/ى, ``ک`` for ك, ``ا`` for أ/إ/آ, ``ه`` for ة) because the
patterns run on folded text.
"""

from __future__ import annotations

ZWNJ = "\u200c"

#: Weekday words -> datetime.weekday() (0 = Monday). Persian compounds are written
#: with ZWNJ, a space or nothing (سه‌شنبه / سه شنبه / سهشنبه); the pattern builder
#: allows all three wherever a key has a space.
WEEKDAYS_FA = {
    "شنبه": 5,
    "یک شنبه": 6,
    "دو شنبه": 0,
    "سه شنبه": 1,
    "چهار شنبه": 2,
    "پنج شنبه": 3,
    "جمعه": 4,
}
WEEKDAYS_AR = {
    "السبت": 5,
    "الاحد": 6,
    "الاثنین": 0,
    "الثلاثا": 1,  # الثلاثاء; the final hamza is optional in practice
    "الثلاثاء": 1,
    "الاربعا": 2,
    "الاربعاء": 2,
    "الخمیس": 3,
    "الجمعه": 4,
}
#: Weekday words that are also common words ("the one", "the two"): taken as
#: weekdays only with date context (يوم before, a date, a time or a relative
#: day next to them, or المقبل/الماضي after).
AMBIGUOUS_WEEKDAYS = {"الاحد", "الاثنین"}
#: Words before جمعه/الجمعة that make it the Friday prayer, not a day.
FRIDAY_PRAYER = {"نماز", "امام", "خطبه", "خطبه‌های", "خطیب", "ائمه", "صلاه", "خطیب", "جمعه"}

#: Part-of-day words that may precede a weekday or a relative day (kept in the span).
PART_OF_DAY = [
    "بامداد", "صبح", "ظهر", "بعدازظهر", "بعد از ظهر", "عصر", "شامگاه", "غروب", "شب", "نیمه شب",
    "صباح", "ظهر", "عصر", "مساء", "لیله", "فجر", "ظهیره",
]

#: Relative day words -> offset in days from the document date.
RELATIVE_DAYS_FA = {
    "امروز": 0,
    "امشب": 0,
    "دیروز": -1,
    "دیشب": -1,
    "پریروز": -2,
    "فردا": 1,
    "فردا شب": 1,
    "پس فردا": 2,
}
RELATIVE_DAYS_AR = {
    "الیوم": 0,
    "هذا الیوم": 0,
    "امس": -1,
    "الامس": -1,
    "البارحه": -1,
    "امس الاول": -2,
    "اول امس": -2,
    "غدا": 1,
    "بعد غد": 2,
}
#: Words after الیوم that make it "the day" (the next day, national day...), not today.
NOT_TODAY_AFTER = {
    "التالی", "السابق", "الاول", "الثانی", "الثالث", "الاخیر", "الوطنی", "العالمی", "الدولی",
    "نفسه", "ذاته", "ذلک", "الذی", "الموعود", "المشهود",
}
#: Words before الیوم with the same effect (ذلك اليوم = that day).
NOT_TODAY_BEFORE = {"ذلک", "نفس", "ذات", "طوال", "منتصف", "کل"}

#: Direction words of Persian "N unit DIR" (۳۹ روز دیگر, سه سال پیش): +1 future, -1 past.
#: Not بعد: "دو سال بعد" is "two years later" in a story, anchored to an event.
DIRECTION_FA = {"دیگر": 1, "آینده": 1, "اینده": 1, "پیش": -1, "قبل": -1, "گذشته": -1}
#: Of those, the ones that take an object: "سه روز پیش از انتخابات" is anchored to the election.
ANCHORED_BY_AZ = {"پیش", "قبل"}
#: Arabic words before a count of units: منذ يومين, قبل ثلاثة أيام, بعد أسبوعين.
DIRECTION_AR = {"منذ": -1, "قبل": -1, "بعد": 1, "خلال": 0}

#: Adjectives of "the NEXT/LAST/CURRENT month/year/week": +1, -1, 0.
#: Not بعد: "سال بعد" is mostly "the year after" in a story.
PERIOD_DIRECTION_FA = {"آینده": 1, "اینده": 1, "گذشته": -1, "پیش": -1, "قبل": -1, "جاری": 0, "کنونی": 0}
#: Words before a period that make it a count ("چند سال پیش", "هزاران سال پیش",
#: "دویست سال آینده"): a duration whose size corpuskit does not resolve.
COUNT_WORDS = {
    "چند", "چندین", "هزاران", "صدها", "دهها", "ده‌ها", "میلیونها", "سالها", "عده", "بضعه", "بضع", "عدد",
    "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد", "هزار", "میلیون",
    "مئات", "الاف", "الوف", "عشرات",
}
PERIOD_DIRECTION_AR = {
    "المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1,
    "الماضی": -1, "الماضیه": -1, "المنصرم": -1, "المنصرمه": -1, "الفائت": -1, "الفائته": -1, "السابق": -1,
    "الجاری": 0, "الجاریه": 0, "الحالی": 0, "الحالیه": 0,
}
#: After a yearless month name: the next or the last one (رمضان المقبل, مهر گذشته).
MONTH_DIRECTION = {
    "المقبل": 1, "القادم": 1, "آینده": 1, "اینده": 1,
    "الماضی": -1, "المنصرم": -1, "الفائت": -1, "گذشته": -1,
}
#: After a yearless month name: which year it is in (مهرماه امسال, مهر سال گذشته,
#: أغسطس من العام الماضي): the document's year in the month's calendar, plus this.
YEAR_OF_MONTH = {
    "امسال": 0, "پارسال": -1, "سال جاری": 0, "سال گذشته": -1, "سال قبل": -1, "سال آینده": 1, "سال اینده": 1,
    "من العام الجاری": 0, "من العام الحالی": 0, "من العام الماضی": -1, "من العام المقبل": 1,
    "من هذا العام": 0, "هذا العام": 0, "العام الجاری": 0, "العام الماضی": -1, "العام المقبل": 1,
}
#: Words before a bare year (انتخابات 2018، / في 2019.): a year with nothing
#: else to say so is taken only after these, never after a count (عدد المصابين 2019.)
#: or another number (a phone number ۰۲۱ ۸۸۷۷ ۲۰۱۹).
BARE_YEAR_AFTER = {
    "انتخابات", "الانتخابات", "لانتخابات", "وانتخابات", "انتخاب", "مونديال", "المونديال", "اولمبیاد", "الاولمبیاد",
    "دوره", "موسم", "ميزانيه", "موازنه", "بودجه", "جام", "کاس", "رالی", "اکسبو", "رویه", "چشم‌انداز", "افق",
    "فی", "منذ", "حتی", "قبل", "بعد", "خلال", "اواخر", "اوائل", "مطلع", "منتصف", "نهایه", "بدایه",
    "در", "از", "تا", "پیش", "پس", "اوایل", "اواسط", "پایان", "ابتدای", "سال", "سالهای", "سال‌های", "عام", "العام",
}
#: Period nouns -> unit.
PERIODS_FA = {"روز": "day", "هفته": "week", "ماه": "month", "سال": "year"}
PERIODS_AR = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}
#: Single words that are a whole relative period.
PERIOD_WORDS = {"امسال": ("year", 0), "پارسال": ("year", -1)}
#: "this month/year" openers.
THIS_FA = {"این"}
THIS_AR = {"هذا", "هذه"}

#: Calendar qualifiers after a period noun or a year (ماه میلادی آینده, ۱۴۰۲ شمسی).
CALENDAR_WORDS = {
    "میلادی": "gregorian",
    "میلادیه": "gregorian",
    "شمسی": "jalali",
    "خورشیدی": "jalali",
    "هجری شمسی": "jalali",
    "هجری خورشیدی": "jalali",
    "قمری": "hijri",
    "هجری قمری": "hijri",
    "هجری": "hijri",
    "هجریه": "hijri",
    "للهجره": "hijri",
}
#: Abbreviated era markers after a year (۱۴۰۳ ه.ش, 1446 هـ, 2018 م).
ERA_MARKERS = {
    "ه.ش": "jalali", "ه ش": "jalali", "هـ.ش": "jalali", "ش": "jalali",
    "ه.ق": "hijri", "ه ق": "hijri", "هـ.ق": "hijri", "ق": "hijri", "هـ": "hijri", "ه": "hijri",
    "م": "gregorian",
}

#: Words before a year (سال ۲۰۱۶, عام 2016, لعام 2016). Arabic ones may carry
#: the clitics و ف ب ل ک in front (handled by the pattern).
YEAR_WORDS_FA = ["سال"]
YEAR_WORDS_AR = ["عام", "العام", "سنه", "السنه"]

#: Modifiers before a date: early / mid / late (أواخر العام الجاري, اواسط مهر).
MODIFIERS = {
    "اوایل": "early", "اوائل": "early", "مطلع": "early", "بدایه": "early", "ابتدای": "early",
    "اواسط": "mid", "منتصف": "mid", "نیمه": "mid", "میانه": "mid",
    "اواخر": "late", "نهایه": "late", "اخر": "late", "پایان": "late",
}

#: Labels of the publication date in page headers (تاریخ انتشار: ..., تم النشر: ...).
PUBLISHED_LABELS = [
    "تاریخ انتشار", "زمان انتشار", "منتشر شده", "انتشار", "تاریخ خبر", "تاریخ",
    "تم النشر", "تاریخ النشر", "نشر فی", "نشر بتاریخ", "تاریخ الخبر", "بتاریخ", "نشر",
]

#: Time-zone words after بتوقيت / به وقت -> IANA zone (None: local time, no zone).
TIMEZONES = {
    "غرینتش": "UTC", "جرینتش": "UTC", "غرینیتش": "UTC", "گرینویچ": "UTC", "گرینیچ": "UTC",
    "UTC": "UTC", "GMT": "UTC",
    "مکه": "Asia/Riyadh", "مکه المکرمه": "Asia/Riyadh", "الریاض": "Asia/Riyadh", "السعودیه": "Asia/Riyadh",
    "القدس": "Asia/Jerusalem", "القاهره": "Africa/Cairo", "مصر": "Africa/Cairo",
    "بیروت": "Asia/Beirut", "دمشق": "Asia/Damascus", "بغداد": "Asia/Baghdad", "عمان": "Asia/Amman",
    "الدوحه": "Asia/Qatar", "ابوظبی": "Asia/Dubai", "دبی": "Asia/Dubai", "الامارات": "Asia/Dubai",
    "الکویت": "Asia/Kuwait", "طهران": "Asia/Tehran", "تهران": "Asia/Tehran", "ایران": "Asia/Tehran",
    "کابل": "Asia/Kabul", "افغانستان": "Asia/Kabul", "موسکو": "Europe/Moscow", "مسکو": "Europe/Moscow",
    "المحلی": None, "محلی": None,
}
#: Words before a clock time (الساعة 18:00, ساعت ۱۰).
HOUR_WORDS = ["الساعه", "ساعت", "ساعه"]
#: After a clock time: afternoon/evening markers (add 12 hours to 1..11).
#: "م" and "ص" right after a time are the usual short forms of مساءً and صباحاً
#: on Arabic news sites ("٣:٤٥ م"); the time pattern only takes them there.
PM_WORDS = ["م", "مساء", "مساءا", "عصرا", "ب.ظ", "بعد از ظهر", "بعدازظهر", "عصر", "شب", "PM", "pm"]
AM_WORDS = ["ص", "صباحا", "صباح", "ق.ظ", "صبح", "بامداد", "AM", "am"]
