"""Every date pattern, false-alarm trap and resolution rule of the dates stage,
each on a news sentence in its own language, with exact expectations.

The expected values were computed independently of ``find_dates``: Gregorian
by hand, Jalali with jdatetime, Hijri (Umm al-Qura) with hijridate, and
weekdays from ``datetime.date.weekday``. The default document date is
2020-09-25: a Friday, 4 Mehr 1399, 8 Safar 1442.
"""

from __future__ import annotations

import pytest

from corpuskit.dates import find_dates

DOC = "2020-09-25"  # Friday = 1399-07-04 = 1442-02-08


def only(text: str, lang: str, doc: str | None = DOC) -> dict:
    """The one date span of ``text`` (fails if there is none or more than one)."""
    found = find_dates(text, lang, doc)
    assert len(found) == 1, [(s["text"], s["value"]) for s in found]
    span = found[0]
    assert text[span["start"] : span["end"]] == span["text"]
    return span


def none(text: str, lang: str, doc: str | None = DOC) -> None:
    """``text`` has no date at all."""
    found = find_dates(text, lang, doc)
    assert found == [], [(s["text"], s["value"]) for s in found]


def expect(span: dict, **fields) -> None:
    """The span has exactly these values for these fields."""
    assert {k: span.get(k) for k in fields} == fields


def case(text, lang, span, value, doc=DOC, **fields):
    return pytest.param(text, lang, doc, span, value, fields, id=span)


# --------------------------------------------------------------------------- full dates


@pytest.mark.parametrize(
    "text, lang, doc, span, value, fields",
    [
        case("مراسم تحلیف رئیس‌جمهور جدید در ۲۵ آبان ۱۴۰۳ در تهران برگزار شد.", "fa",
             "۲۵ آبان ۱۴۰۳", "2024-11-15", calendar="jalali", written="1403-08-25", hijri="1446-05-13"),
        # year month day, then the weekday after a comma: 4 Mehr 1399 is a Friday
        case("این گزارش در ۱۳۹۹ مهر ۴, جمعه منتشر شده است.", "fa",
             "۱۳۹۹ مهر ۴, جمعه", "2020-09-25", calendar="jalali", written="1399-07-04", weekday="Friday"),
        # a dateline: weekday, day, paired month names, year; 2018-08-23 is a Thursday
        case("بيروت - الخميس 23 أغسطس/آب 2018: أعلن الجيش اللبناني توقيف خلية إرهابية.", "ar",
             "الخميس 23 أغسطس/آب 2018", "2018-08-23", calendar="gregorian", weekday="Thursday",
             jalali="1397-06-01"),
        case("وقع الانفجار يوم الخميس 23 أغسطس/آب 2018 في العاصمة.", "ar",
             "يوم الخميس 23 أغسطس/آب 2018", "2018-08-23", calendar="gregorian", weekday="Thursday"),
        case("أقيمت الاحتفالات في 9 جمادى الأولى 1446 هـ في مكة المكرمة.", "ar",
             "9 جمادى الأولى 1446 هـ", "2024-11-11", calendar="hijri", written="1446-05-09", jalali="1403-08-21"),
        # Arabic text typed with Persian digits and a Persian-keyboard month name
        case("وصل الوفد الإيراني إلى فيينا في ۱۰ یولیو ۲۰۱۷ لإجراء محادثات نووية.", "ar",
             "۱۰ یولیو ۲۰۱۷", "2017-07-10", calendar="gregorian", written="2017-07-10"),
        case("قرار است انتخابات آمریکا در سوم نوامبر ۲۰۲۰ برگزار شود.", "fa",
             "سوم نوامبر ۲۰۲۰", "2020-11-03", calendar="gregorian", jalali="1399-08-13"),
        case("وقعت هجمات الحادي عشر من سبتمبر 2001 في نيويورك.", "ar",
             "الحادي عشر من سبتمبر 2001", "2001-09-11", calendar="gregorian"),
        case("این نمایشگاه از بیست و یکم آذر ۱۴۰۲ آغاز می‌شود.", "fa",
             "بیست و یکم آذر ۱۴۰۲", "2023-12-12", calendar="jalali", written="1402-09-21"),
        case("أعلنت المحكمة العليا أن غرة شوال 1441 هـ هي أول أيام عيد الفطر.", "ar",
             "غرة شوال 1441 هـ", "2020-05-24", calendar="hijri", written="1441-10-01"),
        case("أعلنت طهران أن الاجتماع سيعقد في 15 فروردين 1400 هجري شمسي.", "ar",
             "15 فروردين 1400 هجري شمسي", "2021-04-04", calendar="jalali", written="1400-01-15"),
    ],
)
def test_full_dates_in_any_order(text, lang, doc, span, value, fields):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, kind="date", granularity="day", resolved="explicit", flags=[], **fields)


@pytest.mark.parametrize(
    "text, lang, doc, span, value, fields",
    [
        case("أعلنت الوزارة في بيان صدر بتاريخ 2018/08/23 عن إجراءات جديدة.", "ar",
             "2018/08/23", "2018-08-23", calendar="gregorian", flags=[]),
        case("تم توقيع الاتفاق في 2018-08-23 في الرياض.", "ar", "2018-08-23", "2018-08-23", calendar="gregorian"),
        # 1401 is 2 years from the document's Jalali year, 41 from its Hijri year: no guess
        case("قانون بودجه در تاریخ ۱۴۰۱/۰۶/۲۵ به تصویب مجلس رسید.", "fa",
             "۱۴۰۱/۰۶/۲۵", "2022-09-16", calendar="jalali", written="1401-06-25", flags=[]),
        case("این قرارداد در ۱۴۰۱/۶/۲۵ امضا شد.", "fa", "۱۴۰۱/۶/۲۵", "2022-09-16", calendar="jalali"),
        case("در تاریخ ۱۴۰۱-۰۶-۲۵ این قرارداد امضا شد.", "fa", "۱۴۰۱-۰۶-۲۵", "2022-09-16", calendar="jalali"),
        # day first
        case("تنتهي صلاحية الاتفاقية في 31-12-2022 ما لم يتم تجديدها.", "ar",
             "31-12-2022", "2022-12-31", calendar="gregorian", flags=[]),
        case("وقع الحادث بتاريخ 23/08/2018 قرب الحدود.", "ar", "23/08/2018", "2018-08-23", calendar="gregorian"),
        # without a document date the range 1300-1699 is a guess, the language decides
        case("قانون بودجه در تاریخ ۱۴۰۱/۰۶/۲۵ به تصویب مجلس رسید.", "fa",
             "۱۴۰۱/۰۶/۲۵", "2022-09-16", doc=None, calendar="jalali", flags=["calendar-guessed"]),
    ],
)
def test_numeric_dates(text, lang, doc, span, value, fields):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, kind="date", granularity="day", resolved="explicit", **fields)


@pytest.mark.parametrize(
    "text, lang, doc, span, value, fields",
    [
        case("جرت الانتخابات النصفية في نوفمبر/تشرين الثاني 2018 وسط إقبال كبير.", "ar",
             "نوفمبر/تشرين الثاني 2018", "2018-11", calendar="gregorian", written="2018-11",
             interval={"start": "2018-11-01", "end": "2018-11-30"}),
        case("نرخ تورم در دی‌ماه ۱۴۰۲ به ۴۰ درصد رسید.", "fa",
             "دی‌ماه ۱۴۰۲", "2023-12-22/2024-01-20", calendar="jalali", written="1402-10",
             interval={"start": "2023-12-22", "end": "2024-01-20"}),
        case("بانک مرکزی اعلام کرد نرخ تورم در دی ماه ۱۴۰۲ کاهش یافت.", "fa",
             "دی ماه ۱۴۰۲", "2023-12-22/2024-01-20", calendar="jalali", written="1402-10"),
        case("بانک مرکزی اعلام کرد نرخ تورم در دیماه ۱۴۰۲ کاهش یافت.", "fa",
             "دیماه ۱۴۰۲", "2023-12-22/2024-01-20", calendar="jalali", written="1402-10"),
        case("بانک مرکزی اعلام کرد نرخ تورم در ماه دی ۱۴۰۲ کاهش یافت.", "fa",
             "ماه دی ۱۴۰۲", "2023-12-22/2024-01-20", calendar="jalali", written="1402-10"),
    ],
)
def test_month_and_year(text, lang, doc, span, value, fields):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, kind="date", granularity="month", resolved="explicit", flags=[], **fields)


@pytest.mark.parametrize(
    "text, lang, doc, span, value, fields",
    [
        case("این شرکت در سال ۲۰۱۶ تأسیس شد.", "fa", "سال ۲۰۱۶", "2016", calendar="gregorian", flags=[],
             interval={"start": "2016-01-01", "end": "2016-12-31"}),
        case("تأسست الشركة عام 2016 في دبي.", "ar", "عام 2016", "2016", calendar="gregorian", flags=[]),
        case("تأسست المدينة عام 1950 م على ضفاف النهر.", "ar", "عام 1950 م", "1950", calendar="gregorian", flags=[]),
        case("در سال ۲۰۲۰ میلادی این بنا بازسازی شد.", "fa", "سال ۲۰۲۰ میلادی", "2020", calendar="gregorian"),
        # era markers name the calendar
        case("بلغ الإنتاج ذروته في عام 1442 هـ.", "ar", "عام 1442 هـ", "2020-08-20/2021-08-08",
             calendar="hijri", written="1442", flags=[]),
        case("در سال ۱۴۰۲ ه.ش تورم به ۴۰ درصد رسید.", "fa", "سال ۱۴۰۲ ه.ش", "2023-03-21/2024-03-19",
             calendar="jalali", written="1402", flags=[]),
        case("در سال ۱۴۴۲ قمری این بنا بازسازی شد.", "fa", "سال ۱۴۴۲ قمری", "2020-08-20/2021-08-08",
             calendar="hijri", flags=[]),
        # no marker: 1300-1699 is the calendar whose year is nearer the document's
        # (1399 Jalali, 1442 Hijri); a clear choice is no guess
        case("این قانون در سال ۱۳۹۹ تصویب شد.", "fa", "سال ۱۳۹۹", "2020-03-20/2021-03-20",
             calendar="jalali", written="1399", flags=[]),
        case("صدر القانون عام 1442 بعد نقاش طويل.", "ar", "عام 1442", "2020-08-20/2021-08-08",
             calendar="hijri", written="1442", flags=[]),
        # no document date: the language decides, flagged as a guess
        case("این قانون در سال ۱۳۹۹ تصویب شد.", "fa", "سال ۱۳۹۹", "2020-03-20/2021-03-20", doc=None,
             calendar="jalali", flags=["calendar-guessed"]),
        case("صدر القانون عام 1442 بعد نقاش طويل.", "ar", "عام 1442", "2020-08-20/2021-08-08", doc=None,
             calendar="hijri", flags=["calendar-guessed"]),
    ],
)
def test_years_and_their_calendar(text, lang, doc, span, value, fields):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, kind="date", granularity="year", resolved="explicit", **fields)


def test_a_month_name_decides_the_calendar_of_its_year():
    # 1441 without a marker, but رمضان is a Hijri month
    found = only("این مراسم در ۱۵ رمضان ۱۴۴۱ برگزار شد.", "fa")
    expect(found, text="۱۵ رمضان ۱۴۴۱", calendar="hijri", value="2020-05-08", written="1441-09-15", flags=[])


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    "text, lang, doc, span, value, fields",
    [
        case("انطلقت الرحلة في 2018/08/23 الساعة 18:00 بتوقيت غرينتش من مطار دبي.", "ar",
             "2018/08/23 الساعة 18:00 بتوقيت غرينتش", "2018-08-23T18:00Z",
             time="18:00", timezone="UTC", utc_offset="+00:00", written="2018-08-23"),
        case("انطلقت الرحلة في 23 أغسطس 2018 الساعة 18:00 بتوقيت مكة المكرمة.", "ar",
             "23 أغسطس 2018 الساعة 18:00 بتوقيت مكة المكرمة", "2018-08-23T18:00+03:00",
             time="18:00", timezone="Asia/Riyadh", utc_offset="+03:00"),
        # Tehran: +03:30 since Iran dropped summer time in 2022 ...
        case("هواپیما ۲۵ آبان ۱۴۰۳ ساعت ۱۰:۳۰ به وقت تهران به زمین نشست.", "fa",
             "۲۵ آبان ۱۴۰۳ ساعت ۱۰:۳۰ به وقت تهران", "2024-11-15T10:30+03:30",
             time="10:30", timezone="Asia/Tehran", utc_offset="+03:30"),
        # ... and +04:30 on a summer day of 2020
        case("هواپیما ۱۰ تیر ۱۳۹۹ ساعت ۱۰:۳۰ به وقت تهران به زمین نشست.", "fa",
             "۱۰ تیر ۱۳۹۹ ساعت ۱۰:۳۰ به وقت تهران", "2020-06-30T10:30+04:30",
             time="10:30", timezone="Asia/Tehran", utc_offset="+04:30"),
        # a page header: time, weekday and date; no zone given
        case("۲۰:۳۵ - الاثنين ۱۰ یولیو ۲۰۱۷", "ar", "۲۰:۳۵ - الاثنين ۱۰ یولیو ۲۰۱۷", "2017-07-10T20:35",
             time="20:35", weekday="Monday", utc_offset=None),
        # "م" and "ص" right after a time: مساءً and صباحاً, as Arabic news headers write them
        case("تاريخ النشر: ٠٥/١١/٢٠٢٣ ٣:٤٥ م", "ar", "٠٥/١١/٢٠٢٣ ٣:٤٥ م", "2023-11-05T15:45",
             time="15:45", utc_offset=None),
        case("تاريخ النشر: ٠٥/١١/٢٠٢٣ ٩:١٠ ص", "ar", "٠٥/١١/٢٠٢٣ ٩:١٠ ص", "2023-11-05T09:10",
             time="09:10", utc_offset=None),
    ],
)
def test_times_join_their_date(text, lang, doc, span, value, fields):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, kind="datetime", granularity="minute", resolved="explicit", flags=[],
           **fields)


# --------------------------------------------------------------------------- yearless dates


@pytest.mark.parametrize(
    "text, lang, doc, span, value, fields",
    [
        case("نشست وزیران در سوم مهر برگزار شد.", "fa", "سوم مهر", "2020-09-24",
             calendar="jalali", written="1399-07-03"),
        case("اعتصاب کامیون‌داران از اول خرداد آغاز شد.", "fa", "اول خرداد", "2020-05-21",
             calendar="jalali", written="1399-03-01"),
        # 1 Shawwal 1446 (Umm al-Qura) = 2025-03-30, two days after the document
        case("أعلن الديوان الملكي أن عيد الفطر سيكون في غرة شوال.", "ar", "غرة شوال", "2025-03-30",
             doc="2025-03-28", calendar="hijri", written="1446-10-01"),
        # the nearest year may be the previous one ...
        case("پوتین روز ۲۸ دسامبر در نشست خبری سالانه خود شرکت کرد.", "fa", "روز ۲۸ دسامبر", "2020-12-28",
             doc="2021-01-05", calendar="gregorian", written="2020-12-28"),
        # ... or the next one
        case("قرار است نشست بعدی در ۵ ژانویه برگزار شود.", "fa", "۵ ژانویه", "2021-01-05",
             doc="2020-12-28", calendar="gregorian"),
        case("تعطیلات نوروز از ۵ فروردین آغاز می‌شود.", "fa", "۵ فروردین", "2021-03-25",
             doc="2021-03-15", calendar="jalali", written="1400-01-05"),
    ],
)
def test_a_yearless_date_takes_the_year_nearest_the_document(text, lang, doc, span, value, fields):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, kind="date", granularity="day", resolved="document-year", anchor=doc,
           flags=["year-from-document"], **fields)


def test_a_yearless_month_takes_the_year_nearest_the_document():
    found = only("بانک مرکزی اعلام کرد نرخ تورم در دی‌ماه کاهش یافت.", "fa")
    expect(found, text="دی‌ماه", value="2020-12-21/2021-01-19", written="1399-10", granularity="month",
           resolved="document-year", flags=["year-from-document"])


# --------------------------------------------------------------------------- relative dates and weekdays


@pytest.mark.parametrize(
    "text, lang, doc, span, value, fields",
    [
        case("وزیر امور خارجه امروز با همتای روسی خود دیدار کرد.", "fa", "امروز", "2020-09-25", granularity="day"),
        case("رئیس‌جمهور دیروز به نیویورک سفر کرد.", "fa", "دیروز", "2020-09-24", granularity="day"),
        case("رئیس‌جمهور شامگاه دیروز به تهران بازگشت.", "fa", "شامگاه دیروز", "2020-09-24", granularity="day"),
        case("تیم ملی فردا به دوحه می‌رود.", "fa", "فردا", "2020-09-26", granularity="day"),
        case("التقى وزير الخارجية اليوم نظيره الروسي في موسكو.", "ar", "اليوم", "2020-09-25", granularity="day"),
        case("وصل الوفد أمس إلى الرياض.", "ar", "أمس", "2020-09-24", granularity="day"),
        case("عاد الرئيس إلى البلاد مساء أمس.", "ar", "مساء أمس", "2020-09-24", granularity="day"),
        case("انتخابات ریاست جمهوری آمریکا ۳۹ روز دیگر برگزار می‌شود.", "fa",
             "۳۹ روز دیگر", "2020-11-03", granularity="day", calendar=None),
        case("بدأت المفاوضات منذ يومين في جنيف.", "ar", "منذ يومين", "2020-09-23", granularity="day"),
        case("توفي الشاعر قبل ثلاثة أيام في القاهرة.", "ar", "قبل ثلاثة أيام", "2020-09-22", granularity="day"),
        # a Persian month or year count runs in the Jalali calendar: Aban 1399
        case("قیمت بنزین از ماه آینده افزایش می‌یابد.", "fa", "ماه آینده", "2020-10-22/2020-11-20",
             granularity="month", calendar="jalali", written="1399-08",
             interval={"start": "2020-10-22", "end": "2020-11-20"}),
        case("قرارداد از ماه میلادی آینده اجرا می‌شود.", "fa", "ماه میلادی آینده", "2020-10",
             granularity="month", calendar="gregorian"),
        case("قیمت نفت امسال کاهش یافت.", "fa", "امسال", "2020-03-20/2021-03-20", granularity="year",
             calendar="jalali", written="1399"),
        case("من المتوقع أن تنتهي الأعمال خلال العام الجاري.", "ar", "العام الجاري", "2020",
             granularity="year", calendar="gregorian"),
        case("ارتفعت الأسعار الشهر الماضي بنسبة 5%.", "ar", "الشهر الماضي", "2020-08", granularity="month",
             calendar="gregorian"),
        case("سيزور الرئيس باريس الأسبوع المقبل.", "ar", "الأسبوع المقبل", "2020-W40", granularity="week",
             interval={"start": "2020-09-28", "end": "2020-10-04"}),
    ],
)
def test_relative_expressions_resolve_against_the_document_date(text, lang, doc, span, value, fields):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, kind="relative", resolved="document-date", anchor=doc, flags=[],
           **fields)


@pytest.mark.parametrize(
    "text, lang, doc, span, value, fields",
    [
        # a bare weekday: the latest one on or before the document date (a Friday)
        case("وعقد المجلس جلسته الخميس لمناقشة الموازنة.", "ar", "الخميس", "2020-09-24",
             weekday="Thursday", flags=["assumed-past"]),
        case("مجلس سه‌شنبه لایحه بودجه را تصویب کرد.", "fa", "سه‌شنبه", "2020-09-22",
             weekday="Tuesday", flags=["assumed-past"]),
        case("مجلس سه شنبه لایحه بودجه را تصویب کرد.", "fa", "سه شنبه", "2020-09-22",
             weekday="Tuesday", flags=["assumed-past"]),
        case("مجلس روز سه‌شنبه لایحه بودجه را تصویب کرد.", "fa", "روز سه‌شنبه", "2020-09-22",
             weekday="Tuesday", flags=["assumed-past"]),
        case("عقد المجلس جلسته يوم الاثنين في عمان.", "ar", "يوم الاثنين", "2020-09-21",
             weekday="Monday", flags=["assumed-past"]),
        # on the document's own weekday that is the document date itself
        case("مجلس سه‌شنبه لایحه بودجه را تصویب کرد.", "fa", "سه‌شنبه", "2020-09-22", doc="2020-09-22",
             weekday="Tuesday", flags=["assumed-past"]),
        # "next Tuesday": the first one after the document date
        case("نشست بعدی شورا سه‌شنبه آینده برگزار می‌شود.", "fa", "سه‌شنبه آینده", "2020-09-29",
             weekday="Tuesday", flags=[]),
        case("نشست بعدی شورا سه‌شنبه آینده برگزار می‌شود.", "fa", "سه‌شنبه آینده", "2020-09-29",
             doc="2020-09-22", weekday="Tuesday", flags=[]),
        case("يعقد المجلس جلسته الثلاثاء المقبل في عمان.", "ar", "الثلاثاء المقبل", "2020-09-29",
             weekday="Tuesday", flags=[]),
        # "last Tuesday" said on a Tuesday: a week before
        case("عقد المجلس جلسته الثلاثاء الماضي في عمان.", "ar", "الثلاثاء الماضي", "2020-09-15",
             doc="2020-09-22", weekday="Tuesday", flags=[]),
    ],
)
def test_weekdays_resolve_against_the_document_date(text, lang, doc, span, value, fields):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, kind="weekday", granularity="day", calendar=None,
           resolved="document-weekday", anchor=doc, **fields)


@pytest.mark.parametrize(
    "text, lang, span, fields",
    [
        ("رئیس‌جمهور دیروز به نیویورک سفر کرد.", "fa", "دیروز", {"kind": "relative", "calendar": None}),
        ("التقى وزير الخارجية اليوم نظيره الروسي في موسكو.", "ar", "اليوم", {"kind": "relative"}),
        ("انتخابات ریاست جمهوری آمریکا ۳۹ روز دیگر برگزار می‌شود.", "fa", "۳۹ روز دیگر", {"kind": "relative"}),
        ("من المتوقع أن تنتهي الأعمال خلال العام الجاري.", "ar", "العام الجاري", {"kind": "relative"}),
        ("وعقد المجلس جلسته الخميس لمناقشة الموازنة.", "ar", "الخميس",
         {"kind": "weekday", "weekday": "Thursday"}),
        ("پوتین در ۲۸ دسامبر در نشست خبری سالانه خود شرکت کرد.", "fa", "۲۸ دسامبر",
         {"kind": "date", "calendar": "gregorian", "written": "--12-28"}),
        ("أعلن الديوان الملكي أن عيد الفطر سيكون في غرة شوال.", "ar", "غرة شوال",
         {"kind": "date", "calendar": "hijri", "written": "--10-01"}),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None,
)
def test_without_a_document_date_relative_and_yearless_dates_stay_unresolved(text, lang, span, fields):
    found = only(text, lang, None)
    expect(found, text=span, value=None, granularity=None, resolved="unresolved", flags=["no-document-date"],
           **fields)


def test_a_published_label_gives_the_document_date():
    text = "تاریخ انتشار: ۴ مهر ۱۳۹۹\nرئیس‌جمهور دیروز به نیویورک سفر کرد."
    label, yesterday = find_dates(text, "fa")
    expect(label, text="۴ مهر ۱۳۹۹", value="2020-09-25", flags=["document-date"])
    expect(yesterday, text="دیروز", value="2020-09-24", resolved="document-date", anchor="2020-09-25", flags=[])


def test_an_arabic_published_label_gives_the_document_date():
    text = "تم النشر: 23 أغسطس 2018\nوصل الوفد أمس إلى الرياض."
    label, yesterday = find_dates(text, "ar")
    expect(label, text="23 أغسطس 2018", value="2018-08-23", flags=["document-date"])
    expect(yesterday, text="أمس", value="2018-08-22", anchor="2018-08-23")


def test_a_dated_header_line_gives_the_document_date():
    text = "پنج‌شنبه ۳ مهر ۱۳۹۹\n\nرئیس‌جمهور دیروز به نیویورک سفر کرد."
    header, yesterday = find_dates(text, "fa")
    expect(header, text="پنج‌شنبه ۳ مهر ۱۳۹۹", value="2020-09-24", weekday="Thursday", flags=["document-date"])
    expect(yesterday, text="دیروز", value="2020-09-23", anchor="2020-09-24")


# --------------------------------------------------------------------------- weekday mismatch, modifiers


def test_a_weekday_that_contradicts_a_yearless_date_keeps_the_date():
    # 3 Mehr 1399 = 2020-09-24 is a Thursday, not a Friday
    found = only("اجلاس سران در روز جمعه سوم مهر در نیویورک آغاز شد.", "fa")
    expect(found, text="روز جمعه سوم مهر", kind="date", calendar="jalali", value="2020-09-24",
           written="1399-07-03", weekday="Friday", resolved="document-year", anchor=DOC,
           flags=["year-from-document", "weekday-mismatch"])


def test_a_weekday_that_contradicts_a_full_date_keeps_the_date():
    found = only("أعلنت الوزارة الجمعة 23 أغسطس 2018 نتائج الامتحانات.", "ar")
    expect(found, text="الجمعة 23 أغسطس 2018", value="2018-08-23", weekday="Friday", resolved="explicit",
           flags=["weekday-mismatch"])


@pytest.mark.parametrize(
    "text, lang, doc, span, value, fields",
    [
        case("من المتوقع أن تنتهي الأعمال أواخر العام الجاري.", "ar", "أواخر العام الجاري", "2020",
             modifier="late", kind="relative", granularity="year"),
        case("نرخ تورم در اوایل دی‌ماه ۱۴۰۲ کاهش یافت.", "fa", "اوایل دی‌ماه ۱۴۰۲", "2023-12-22/2024-01-20",
             modifier="early", kind="date", granularity="month"),
        case("سيعقد المؤتمر في منتصف نوفمبر/تشرين الثاني 2018.", "ar", "منتصف نوفمبر/تشرين الثاني 2018", "2018-11",
             modifier="mid", kind="date", granularity="month"),
    ],
)
def test_modifiers(text, lang, doc, span, value, fields):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, flags=[], **fields)


# --------------------------------------------------------------------------- month names

# The 15th of every month: 2019 (Gregorian), 1400 (Jalali), 1445 (Hijri).
JALALI_1400 = ["2021-04-04", "2021-05-05", "2021-06-05", "2021-07-06", "2021-08-06", "2021-09-06",
               "2021-10-07", "2021-11-06", "2021-12-06", "2022-01-05", "2022-02-04", "2022-03-06"]
HIJRI_1445 = ["2023-08-02", "2023-08-31", "2023-09-30", "2023-10-30", "2023-11-29", "2023-12-28",
              "2024-01-27", "2024-02-25", "2024-03-25", "2024-04-24", "2024-05-23", "2024-06-21"]

GREGORIAN_AR = {
    1: ["يناير", "كانون الثاني", "جانفي"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "آذار", "اذار"],
    4: ["أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"],
    5: ["مايو", "أيار", "ايار", "ماي"],
    6: ["يونيو", "يونيه", "يونية", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "یولیو"],
    8: ["أغسطس", "اغسطس", "آب", "أوت", "غشت"],
    9: ["سبتمبر", "أيلول", "ايلول", "شتنبر"],
    10: ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"],
    11: ["نوفمبر", "تشرين الثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "كانون الاول", "دجنبر"],
}
GREGORIAN_FA = {
    1: ["ژانویه", "جنوری"],
    2: ["فوریه", "فبروری"],
    3: ["مارس", "مارچ"],
    4: ["آوریل", "اپریل"],
    5: ["مه", "می"],
    6: ["ژوئن", "جون"],
    7: ["ژوئیه", "ژوییه", "جولای"],
    8: ["آگوست", "اوت", "اگست"],
    9: ["سپتامبر", "سپتمبر"],
    10: ["اکتبر", "اکتوبر"],
    11: ["نوامبر", "نومبر"],
    12: ["دسامبر", "دسمبر"],
}
JALALI_FA = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
JALALI_AFGHAN = ["حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"]
JALALI_AR = ["فروردين", "ارديبهشت", "خرداد", "تير", "مرداد", "شهريور", "مهر", "آبان", "آذر", "دي", "بهمن", "اسفند"]
HIJRI_AR = {
    1: ["محرم"], 2: ["صفر"], 3: ["ربيع الأول"], 4: ["ربيع الآخر", "ربيع الثاني"],
    5: ["جمادى الأولى"], 6: ["جمادى الآخرة", "جمادى الثانية"], 7: ["رجب"], 8: ["شعبان"],
    9: ["رمضان"], 10: ["شوال"], 11: ["ذو القعدة", "ذي القعدة"], 12: ["ذو الحجة", "ذي الحجة"],
}  # fmt: skip
HIJRI_FA = {
    1: ["محرم"], 2: ["صفر"], 3: ["ربیع‌الاول", "ربیع الاول"], 4: ["ربیع‌الثانی"],
    5: ["جمادی‌الاول", "جمادی‌الاولی"], 6: ["جمادی‌الثانی"], 7: ["رجب"], 8: ["شعبان"],
    9: ["رمضان"], 10: ["شوال"], 11: ["ذی‌القعده", "ذیقعده"], 12: ["ذی‌الحجه", "ذیحجه"],
}  # fmt: skip


def _month_cases():
    for month, names in GREGORIAN_AR.items():
        for name in names:
            yield ("عقد الاجتماع في 15 {} 2019 بحضور الوزراء.", "ar", name, "15 {} 2019",
                   "gregorian", f"2019-{month:02d}-15")
    for month, names in GREGORIAN_FA.items():
        for name in names:
            yield ("این نشست در ۱۵ {} ۲۰۱۹ برگزار شد.", "fa", name, "۱۵ {} ۲۰۱۹", "gregorian", f"2019-{month:02d}-15")
    for month, name in enumerate(JALALI_FA):
        yield ("این نشست در ۱۵ {} ۱۴۰۰ برگزار شد.", "fa", name, "۱۵ {} ۱۴۰۰", "jalali", JALALI_1400[month])
    yield ("این نشست در ۱۵ امرداد ۱۴۰۰ برگزار شد.", "fa", "امرداد", "۱۵ {} ۱۴۰۰", "jalali", JALALI_1400[4])
    for month, name in enumerate(JALALI_AFGHAN):
        yield ("لویه جرگه در ۱۵ {} ۱۴۰۰ در کابل برگزار شد.", "fa", name, "۱۵ {} ۱۴۰۰", "jalali", JALALI_1400[month])
    for month, name in enumerate(JALALI_AR):
        yield ("أعلنت طهران أن الاجتماع سيعقد في 15 {} 1400 في العاصمة.", "ar", name, "15 {} 1400", "jalali",
               JALALI_1400[month])
    for month, names in HIJRI_AR.items():
        for name in names:
            yield ("وصل الحجاج في 15 {} 1445 هـ إلى المدينة.", "ar", name, "15 {} 1445 هـ", "hijri",
                   HIJRI_1445[month - 1])
    for month, names in HIJRI_FA.items():
        for name in names:
            yield ("این مراسم در ۱۵ {} ۱۴۴۵ قمری برگزار شد.", "fa", name, "۱۵ {} ۱۴۴۵ قمری", "hijri",
                   HIJRI_1445[month - 1])


@pytest.mark.parametrize(
    "sentence, lang, name, span, calendar, value",
    [pytest.param(*c, id=f"{c[1]}-{c[4]}-{c[2]}") for c in _month_cases()],
)
def test_every_month_name_variant(sentence, lang, name, span, calendar, value):
    found = only(sentence.format(name), lang)
    expect(found, text=span.format(name), calendar=calendar, value=value, granularity="day",
           resolved="explicit", flags=[])


# --------------------------------------------------------------------------- false alarms


@pytest.mark.parametrize(
    "text, lang",
    [
        # decimals and thousands are not dates
        ("نزح نحو 3.5 آلاف شخص من القرى الحدودية.", "ar"),
        ("نزح ٣٫٥ آلاف شخص من القرى الحدودية.", "ar"),
        ("بلغت قيمة الصفقة 1.2 مليار دولار.", "ar"),
        ("وقد ارتفعت الصادرات إلى 2020.5 مليون دولار.", "ar"),
        # the verb prefix می is not May, not even after a number
        ("ساخت این پل به پایان می رسد.", "fa"),
        ("وزیر امور خارجه برای دیدار با همتای روسی به مسکو می‌رود.", "fa"),
        ("شمار کشته‌شدگان زلزله به ۱۵ می رسد.", "fa"),
        # names and common words that are also month names
        ("جون بولتون، مشاور امنیت ملی آمریکا، از سمت خود استعفا داد.", "fa"),
        ("جان کری و جون بولتون در این نشست حضور داشتند.", "fa"),
        ("به گزارش خبرگزاری مهر، رئیس‌جمهور به نیویورک سفر کرد.", "fa"),
        ("بشار اسد با هیئت روسی در دمشق دیدار کرد.", "fa"),
        ("رئیس مجلس با بهمن و آذر دیدار کرد.", "fa"),
        ("قال الرئيس التركي رجب طيب أردوغان إن بلاده لن تتراجع.", "ar"),
        ("أعلنت شركة نيسان عن طراز جديد.", "ar"),
        ("مارس الضغط على الحكومة لسنوات.", "ar"),
        ("مارس 15 لاعبا الرياضة في النادي.", "ar"),
        ("انخفض معدل البطالة إلى صفر تقريبا.", "ar"),
        ("التقى دي ميستورا وزير الخارجية السوري.", "ar"),
        # اليوم that is not "today"
        ("ذكرت صحيفة الأخبار اليومية أن الحكومة ستستقيل.", "ar"),
        ("وفي اليوم التالي عاد الوفد إلى بلاده.", "ar"),
        ("احتفلت الأمم المتحدة باليوم العالمي للمرأة.", "ar"),
        ("لن ينسى السكان ذلك اليوم أبدا.", "ar"),
        # الاثنين "the two", الأحد "the one"
        ("واتفق كلا الاثنين على مواصلة المفاوضات.", "ar"),
        ("وتم التوصل إلى اتفاق بين الاثنين بعد مفاوضات طويلة.", "ar"),
        ("سجل الفريق الأحد عشر هدفا هذا الموسم.", "ar"),
        # Friday prayer
        ("نماز جمعه تهران به امامت آیت‌الله خاتمی برگزار شد.", "fa"),
        ("خطیب نماز جمعه تهران از دولت انتقاد کرد.", "fa"),
        # news IDs, counts, phone numbers, URLs
        ("رمز الخبر: ۱۳۳۲۵", "ar"),
        ("کد خبر: ۱۳۳۲۵", "fa"),
        ("رمز الخبر: 2018", "ar"),
        ("أرسلت الحكومة 1500 جندي إلى الحدود.", "ar"),
        ("أرسلت الحكومة 2000 جندي إلى الحدود.", "ar"),
        ("شمار قربانیان به ۲۰۱۹ نفر رسید.", "fa"),
        ("وأكد مصدر في الحزب أن 2018 عضوا صوتوا لصالح القرار.", "ar"),
        ("للاستفسار يرجى الاتصال على الرقم 0501234567.", "ar"),
        ("برای اطلاعات بیشتر با شماره ۰۲۱-۸۸۷۷۲۰۱۹ تماس بگیرید.", "fa"),
        ("الهاتف: 04-2345-2018", "ar"),
        ("للتواصل هاتفياً: 12-34-2019", "ar"),
        ("شماره تماس: ۰۲۱ ۸۸۷۷ ۲۰۱۹", "fa"),
        ("تلفن روابط عمومی: ۰۲۱ ۶۶۴۳ ۲۰۱۸.", "fa"),
        ("نُشر التقرير على الرابط https://x.com/2018/08/23/a", "ar"),
        ("منبع: https://www.irna.ir/news/2020/09/25/report", "fa"),
        ("ایمیل: info@news2018.ir", "fa"),
    ],
)
def test_no_false_alarm(text, lang):
    none(text, lang)


# --------------------------------------------------------------------------- found in review


@pytest.mark.parametrize(
    "text, lang, doc, span, value, flags",
    [
        # a month with المقبل / الماضي: the next or the last one, not the nearest
        ("تبدأ الدراسة في شهر سبتمبر المقبل.", "ar", "2020-09-25", "شهر سبتمبر المقبل", "2021-09", ["year-from-document"]),
        ("صام المسلمون رمضان الماضي في ظروف صعبة.", "ar", "2020-09-25", "رمضان الماضي", "2020-04-24/2020-05-23",
         ["year-from-document"]),
        # a month and the year it is in, one span
        ("مهرماه امسال بارندگی کم بود.", "fa", "2020-09-25", "مهرماه امسال", "2020-09-22/2020-10-21",
         ["year-from-document"]),
        ("ارتفعت الأسعار في أغسطس من العام الماضي.", "ar", "2020-09-25", "أغسطس من العام الماضي", "2019-08",
         ["year-from-document"]),
        # 1420 is 21 years from 1399 (Jalali) and 22 from 1442 (Hijri): a near tie,
        # so the language decides: Hijri in Arabic (1420 AH = 1999-2000)
        ("صدر القانون عام 1420.", "ar", "2020-09-25", "عام 1420", "1999-04-17/2000-04-05", ["calendar-guessed"]),
        # a time before its date, across من يوم
        ("وقع الانفجار الساعة 18:00 من يوم الخميس 23 أغسطس 2018.", "ar", None,
         "الساعة 18:00 من يوم الخميس 23 أغسطس 2018", "2018-08-23T18:00", []),
        # روز / يوم before a day belongs to the span, as before a weekday
        ("مراسم روز سوم مهر برگزار شد.", "fa", "2020-09-25", "روز سوم مهر", "2020-09-24", ["year-from-document"]),
        # an Afghan zodiac month with its year
        ("این قانون در ۱۲ سرطان ۱۳۹۹ تصویب شد.", "fa", None, "۱۲ سرطان ۱۳۹۹", "2020-07-02", []),
    ],
)
def test_cases_found_in_review(text, lang, doc, span, value, flags):
    found = only(text, lang, doc)
    expect(found, text=span, value=value, flags=flags)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("بلغ عدد المصابين 2019.", "ar"),  # a count at the end of a sentence
        ("سجلت الوزارة 2020، وهو رقم قياسي.", "ar"),
        ("پزشکان ۱۲ سرطان شایع را شناسایی کردند.", "fa"),  # "12 common cancers", not 12 Saratan
        ("او ۳ اسد را در باغ وحش دید.", "fa"),
    ],
)
def test_no_false_alarm_found_in_review(text, lang):
    none(text, lang, "2020-09-25")


@pytest.mark.parametrize(
    "text, lang, doc, span, calendar, written",
    [
        # found by the fuzzer (docs/fuzzing.md): a month name fixes the calendar
        # and the year lies outside what that calendar supports. Still a date
        # mention, unresolved and flagged, never an exception.
        ("في رمضان 2018 وقع الحادث.", "ar", None, "رمضان 2018", "hijri", "2018-09"),
        ("در مهر ۹۹۹۹ چیزی رخ نداد.", "fa", None, "مهر ۹۹۹۹", "jalali", "9999-07"),
        ("مهر 9999", "fa", "2020-09-25", "مهر 9999", "jalali", "9999-07"),
    ],
)
def test_a_month_with_a_year_outside_its_calendar_is_unresolved(text, lang, doc, span, calendar, written):
    found = only(text, lang, doc)
    expect(found, text=span, value=None, flags=["out-of-range"])
    assert (found["calendar"], found["written"], found["resolved"]) == (calendar, written, "unresolved")


@pytest.mark.parametrize(
    "text, lang",
    [("سال آینده", "fa"), ("ماه آینده", "fa"), ("العام المقبل", "ar"), ("الشهر القادم", "ar"),
     ("بعد ۳۰ سال", "fa"), ("بعد عامين", "ar"), ("رمضان المقبل", "ar"), ("فروردین سال آینده", "fa")],
)
@pytest.mark.parametrize("doc", ["2077-11-15", "1900-03-01"])
def test_relative_dates_at_the_ends_of_the_supported_range_never_raise(text, lang, doc):
    for span in find_dates(text, lang, doc):
        assert span["text"] == text[span["start"]:span["end"]]
        if span["value"] is None:
            assert "out-of-range" in span["flags"] or "no-document-date" in span["flags"]


def test_a_month_in_next_year_spelled_with_madda():
    # found while testing the range ends: the field comes from folded text
    # (آ → ا), so the table must hold the folded spelling too (it raised KeyError)
    found = only("فروردین سال آینده انتخابات است.", "fa", "2020-09-25")
    expect(found, text="فروردین سال آینده", value="2021-03-21/2021-04-20", flags=["year-from-document"])


def test_every_lexicon_word_is_found_in_folded_form():
    """Fields are cut from folded text, so each table looked up by a field must
    hold every word's folded spelling."""
    from corpuskit.dates import lexicon
    from corpuskit.dates.fold import fold_pattern_text

    for name in dir(lexicon):
        table = getattr(lexicon, name)
        if isinstance(table, dict) and table and all(isinstance(key, str) for key in table):
            missing = [key for key in table if fold_pattern_text(key) not in table]
            assert not missing, (name, missing)
