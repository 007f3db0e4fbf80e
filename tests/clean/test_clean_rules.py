"""The clean rules one by one, on small pages written for each: what they
remove, and the article lines that look like boilerplate and must stay."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.clean import clean_text

LEAD_FA = "وزیر نیرو روز شنبه از آغاز ساخت سد تازه‌ای در استان فارس خبر داد و گفت کار تا دو سال دیگر تمام می‌شود."
BODY_FA = "به گفته او، هزینه این طرح از محل بودجه عمرانی سال آینده پرداخت خواهد شد و پیمانکاران آن انتخاب شده‌اند."
LEAD_AR = "أعلنت وزارة الزراعة اليوم الأحد عن إطلاق مشروع جديد لري الأراضي الزراعية في المنطقة الجنوبية من البلاد."
BODY_AR = "وقال الوزير في مؤتمر صحفي إن المشروع سيوفر آلاف فرص العمل للشباب خلال السنوات الثلاث المقبلة."


def reasons(text, lang=None):
    return {entry["text"]: entry["reason"] for entry in clean_text(text, lang).removed}


def page(*lines):
    return "\n".join(lines)


def test_a_page_without_boilerplate_is_unchanged():
    text = page(LEAD_FA, "", BODY_FA)
    result = clean_text(text)
    assert result.text == text and result.removed == [] and result.meta == {}


def test_a_short_text_is_unchanged():
    for text in ("", "سلام", "پوتین و ترامپ", "پوتین و ترامپ\n\nدر مسکو دیدار کردند"):
        assert clean_text(text).text == text and clean_text(text).removed == []
    assert clean_text("\n\n").text == ""
    # a link alone is a share link even on a page of one line
    assert clean_text("https://example.com/a").meta == {"url": "https://example.com/a"}


def test_header_menu_title_and_date_line():
    text = page("خانه", "سیاسی", "اقتصادی", "ورزشی", "", "ساخت سد تازه در استان فارس آغاز شد", "۱۵ آبان ۱۴۰۲", "", LEAD_FA, BODY_FA)
    result = clean_text(text)
    assert reasons(text) == {
        "خانه": "navigation", "سیاسی": "navigation", "اقتصادی": "navigation", "ورزشی": "navigation",
        "ساخت سد تازه در استان فارس آغاز شد": "title", "۱۵ آبان ۱۴۰۲": "published",
    }
    assert result.meta == {"title": "ساخت سد تازه در استان فارس آغاز شد", "published": "2023-11-06"}
    assert result.text == page(LEAD_FA, BODY_FA)


def test_breadcrumbs_are_navigation():
    assert reasons(page("الرئيسية > أخبار > اقتصاد", "مشروع ري جديد في الجنوب", LEAD_AR, BODY_AR))[
        "الرئيسية > أخبار > اقتصاد"
    ] == "navigation"
    assert reasons(page("خانه | سیاسی | بین‌الملل", "عنوان خبر در اینجا", LEAD_FA))["خانه | سیاسی | بین‌الملل"] == "navigation"


def test_a_composite_header_line_gives_news_id_and_date_with_its_zone():
    text = page("عنوان خبر در اینجا آمده است", "کد خبر: ۸۴۵۱۲۳۴۵ | تاریخ انتشار: ۱۴۰۲/۰۸/۱۵ - ۱۰:۳۵ به وقت تهران", LEAD_FA)
    result = clean_text(text)
    assert result.meta["news_id"] == "84512345"
    assert result.meta["published"] == "2023-11-06T10:35+03:30"
    assert result.removed[1]["reason"] == "news_id"


def test_published_and_updated_labels_in_arabic():
    text = page(
        "مشروع ري جديد في الجنوب",
        "نُشر في 5 نوفمبر 2023 الساعة 10:30 بتوقيت مكة المكرمة",
        "آخر تحديث: 6 نوفمبر 2023",
        LEAD_AR,
        BODY_AR,
    )
    result = clean_text(text)
    assert result.meta["published"] == "2023-11-05T10:30+03:00"
    assert result.meta["updated"] == "2023-11-06"
    assert [entry["reason"] for entry in result.removed] == ["title", "published", "updated"]


def test_a_sentence_that_starts_like_a_label_is_body():
    line = "انتشار این گزارش در ۵ آبان ۱۴۰۲ واکنش‌های زیادی در میان کارشناسان به همراه داشت."
    assert reasons(page(LEAD_FA, line, BODY_FA)) == {}
    line = "تاریخ ایران در ۱۴۰۲ شاهد خشکسالی بی‌سابقه‌ای بود"
    assert line not in reasons(page(LEAD_FA, line, BODY_FA))


def test_follow_calls_go_but_a_sentence_about_telegram_stays():
    follow = "ما را در اینستاگرام دنبال کنید"
    join = "تابعونا على تلغرام"
    sentence_fa = "وزیر در کانال تلگرام خود نوشت که کار ساخت سد از هفته آینده آغاز می‌شود."
    sentence_ar = "وتابع في تغريدة على تويتر أن الاتفاق سيعلن قريبا."
    found = reasons(page(LEAD_FA, follow, sentence_fa, BODY_FA, join, LEAD_AR, sentence_ar, BODY_AR))
    assert found == {follow: "follow", join: "follow"}


def test_share_links_photo_credits_and_body_urls():
    text = page(
        LEAD_FA,
        "لینک کوتاه: https://www.irna.ir/xjNq4",
        "عکس: ایرنا/ علی محمدی",
        "منبع تصویر, Getty Images",
        "گزارش کامل در نشانی https://example.org/report منتشر شده است و همه می‌توانند آن را بخوانند.",
        "(رويترز)",
        BODY_FA,
    )
    result = clean_text(text, "fa")
    assert reasons(text) == {
        "لینک کوتاه: https://www.irna.ir/xjNq4": "share_link",
        "عکس: ایرنا/ علی محمدی": "photo_credit",
        "منبع تصویر, Getty Images": "photo_credit",
        "(رويترز)": "photo_credit",
    }
    assert result.meta["url"] == "https://www.irna.ir/xjNq4"
    assert result.meta["outlet"] == "IRNA"  # from the link's domain


def test_a_related_heading_takes_the_headlines_under_it_and_stops_at_the_body():
    text = page(
        LEAD_AR,
        "اقرأ أيضاً",
        "• ارتفاع أسعار القمح في الأسواق العالمية",
        "• افتتاح معرض الكتاب الدولي الشهر المقبل",
        BODY_AR,
    )
    found = reasons(text)
    assert set(found.values()) == {"related"} and len(found) == 3
    assert BODY_AR in clean_text(text).text


def test_an_inline_read_also_line_is_related():
    line = "بیشتر بخوانید: قیمت گندم در بازار جهانی افزایش یافت"
    assert reasons(page(LEAD_FA, line, BODY_FA)) == {line: "related"}


def test_a_list_the_article_announces_is_body():
    text = page(
        LEAD_FA,
        "وزیر سه هدف اصلی این طرح را چنین برشمرد:",
        "- تامین آب شرب روستاهای منطقه",
        "- افزایش سطح زیر کشت گندم",
        "- جلوگیری از فرونشست زمین در دشت",
        BODY_FA,
    )
    assert reasons(text) == {}
    # the same list without the lead-in is a list of headlines
    text = page(LEAD_FA, "- تامین آب شرب روستاهای منطقه", "- افزایش سطح زیر کشت گندم", "- جلوگیری از فرونشست زمین در دشت", BODY_FA)
    assert set(reasons(text).values()) == {"related"}


def test_a_subheading_inside_the_body_stays():
    text = page("عنوان خبر در اینجا آمده است", LEAD_FA, "هزینه‌های طرح", BODY_FA)
    assert reasons(text) == {"عنوان خبر در اینجا آمده است": "title"}


def test_the_footer():
    text = page(
        LEAD_AR,
        BODY_AR,
        "/وام/",
        "الكلمات المفتاحية: الزراعة، الري، المياه",
        "شارك",
        "التعليقات (3)",
        "ارتفاع أسعار القمح في الأسواق العالمية",
        "افتتاح معرض الكتاب الدولي الشهر المقبل",
        "© 2023 وكالة أنباء الإمارات. جميع الحقوق محفوظة.",
    )
    assert reasons(text) == {
        "/وام/": "sign_off",
        "الكلمات المفتاحية: الزراعة، الري، المياه": "tags",
        "شارك": "share",
        "التعليقات (3)": "comments",
        "ارتفاع أسعار القمح في الأسواق العالمية": "related",
        "افتتاح معرض الكتاب الدولي الشهر المقبل": "related",
        "© 2023 وكالة أنباء الإمارات. جميع الحقوق محفوظة.": "copyright",
    }


def test_sign_offs_in_either_keyboard():
    for line in ("انتهای پیام/", "انتهاي پيام/", "/انتهى/", "انتهي/"):
        assert reasons(page(LEAD_FA, BODY_FA, line)) == {line: "sign_off"}, line


def test_the_outlet_from_a_dateline_but_not_from_a_quoted_wire():
    assert clean_text(page("به گزارش خبرنگار اقتصادی خبرگزاری تسنیم، " + LEAD_FA, BODY_FA)).meta.get("outlet") == "Tasnim"
    assert "outlet" not in clean_text(page("به گزارش رویترز، " + LEAD_FA, BODY_FA)).meta
    assert clean_text(page("القاهرة (رويترز) - " + LEAD_AR, BODY_AR)).meta.get("outlet") == "Reuters"
    assert clean_text(page("دمشق-سانا: " + LEAD_AR, BODY_AR)).meta.get("outlet") == "SANA"


def test_an_outlet_line_and_the_edition_by_language():
    assert clean_text(page("عنوان خبر در اینجا آمده است", "بی‌بی‌سی فارسی", LEAD_FA)).meta["outlet"] == "BBC Persian"
    assert clean_text(page("مشروع ري جديد في الجنوب", "بي بي سي عربي", LEAD_AR)).meta["outlet"] == "BBC Arabic"
    dw = page(LEAD_AR, "https://p.dw.com/p/3j1NB", BODY_AR)
    assert clean_text(dw).meta["outlet"] == "DW Arabic"
    assert clean_text(dw.replace(LEAD_AR, LEAD_FA).replace(BODY_AR, BODY_FA)).meta["outlet"] == "DW Persian"


def test_a_repeated_lead_is_a_duplicate_but_short_repeats_stay():
    text = page(LEAD_FA, "", LEAD_FA, "نکته مهم", BODY_FA, "نکته مهم")
    assert clean_text(text).removed == [{"line": 3, "reason": "duplicate", "text": LEAD_FA}]


def test_a_title_the_record_already_has():
    text = page("سد تازه در فارس", LEAD_FA, BODY_FA)
    assert clean_text(text, known={"title": "سد تازه در فارس"}).removed[0]["reason"] == "title"
    other = clean_text(text, known={"title": "عنوان دیگری برای این خبر"})
    assert other.removed == [] and "title" not in other.meta


def test_blank_line_runs_collapse_and_kept_lines_stay_as_written():
    text = page("", "", "  عنوان خبر در اینجا آمده است  ", "", "", "", "  " + LEAD_FA + "  ", "", "", BODY_FA, "", "")
    assert clean_text(text).text == "  " + LEAD_FA + "\n\n" + BODY_FA


lines = st.sampled_from(
    [LEAD_FA, BODY_FA, LEAD_AR, BODY_AR, "", "  ", "در همین زمینه", "- خبر کوتاه درباره سد", "عکس: ایرنا",
     "۱۵ آبان ۱۴۰۲", "https://p.dw.com/p/3j1NB", "خانه", "1. پرش به گزارش", "انتهی/", "رأیکم", "الرئيسية > أخبار",
     "کد خبر: ۱۲۳", "تم النشر: 2018/08/23 الساعة 18:00 بتوقيت غرينتش", "©", "/وام/"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(lines, st.text(max_size=40)), max_size=25))
def test_every_line_is_kept_or_removed_once_and_nothing_is_invented(parts):
    text = "\n".join(parts)
    result = clean_text(text)
    source = text.split("\n")
    removed = {entry["line"] for entry in result.removed}
    for entry in result.removed:
        assert entry["text"] == source[entry["line"] - 1].strip()
    kept = [line.rstrip() for number, line in enumerate(source, 1) if number not in removed and line.strip()]
    assert [line for line in result.text.split("\n") if line.strip()] == kept
    assert "\n\n\n" not in result.text and result.text == result.text.strip("\n")


def test_two_menu_items_and_a_short_headline():
    text = page("خانه", "سیاسی", "سد تازه در فارس", LEAD_FA, BODY_FA)
    assert reasons(text) == {"خانه": "navigation", "سیاسی": "navigation", "سد تازه در فارس": "title"}
    # two short lines alone, neither a known menu item, may be a kicker and a headline: kept
    text = page("اقتصادی", "سد تازه", LEAD_FA, BODY_FA)
    assert reasons(text) == {}
