"""Cue phrases of news-page boilerplate, in Persian, Arabic and English.

Each cue is a pattern on a line's key (corpuskit/clean/lines.py): phrases are
written here as pages spell them and folded the same way, so ``تأريخ``,
``تاريخ`` and ``تاریخ`` are one cue. A cue names the *kind* of line (a
navigation link, a call to follow a channel, a sign-off), never a line of a
particular page; most are anchored at the start of a short line so that the
same words inside a sentence of the article do not match.
"""

from __future__ import annotations

import re
from functools import cache

from corpuskit.clean.lines import key


def _alternation(phrases: list[str]) -> str:
    folded = sorted({key(phrase) for phrase in phrases}, key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", " ?") for phrase in folded)


#: "Skip to", "back to", menus: the links a page puts before and after the article.
NAVIGATION_STARTS = [
    "پرش به", "پرش از", "رفتن به", "بازگشت به", "برو به", "انتقل إلى", "الانتقال إلى", "تخطى إلى", "تخط إلى",
    "اذهب إلى", "العودة إلى", "skip to", "jump to", "back to", "go to",
]
NAVIGATION_WHOLE = [
    "صفحه اصلی", "منوی اصلی", "منو", "خانه", "جستجو", "ورود", "عضویت", "ورود / عضویت", "نسخه موبایل",
    "الرئيسية", "الصفحة الرئيسية", "القائمة الرئيسية", "القائمة", "بحث", "ابحث", "تسجيل الدخول", "اشترك الآن",
    "home", "menu", "search", "log in", "sign in", "more",
    # a site's footer links
    "درباره ما", "تماس با ما", "ارتباط با ما", "آرشیو", "تبلیغات", "قوانین و مقررات", "حریم خصوصی", "خبرنامه",
    "نقشه سایت", "من نحن", "اتصل بنا", "اتصل بنا", "سياسة الخصوصية", "شروط الاستخدام", "الأرشيف", "أرشيف",
    "أعلن معنا", "النشرة البريدية", "خريطة الموقع", "about us", "contact us", "privacy policy", "terms of use",
    "archive", "rss", "sitemap",
]
SOCIAL = [
    "اینستاگرام", "اینستگرام", "تلگرام", "توییتر", "تویتر", "فیسبوک", "فیس بوک", "یوتیوب", "واتساپ", "واتس اپ",
    "واتس آپ", "ایتا",
    "سروش", "روبیکا", "آپارات", "لینکدین", "ایکس", "إنستغرام", "انستغرام", "انستجرام", "إنستجرام",
    "تلغرام", "تليغرام", "تيليغرام", "تيليجرام", "تلجرام", "تويتر", "فيسبوك", "فيس بوك", "يوتيوب", "واتساب",
    "تيك توك", "سناب شات", "لينكد إن", "instagram", "telegram", "twitter", "facebook", "youtube", "whatsapp",
    "tiktok", "x",
]
#: The imperative of a call to follow: never the narrative verb (``وتابع``, "and he went on").
FOLLOW_VERBS = [
    "دنبال کنید", "دنبال کنيد", "بپیوندید", "عضو شوید", "مشترک شوید", "دنبال نمایید", "عضو شوید", "ما را",
    "تابعونا", "تابعوا", "تابعنا", "انضموا", "انضم إلى", "انضم الى", "اشترك", "اشتركوا", "تابعوا آخر",
    "follow us", "follow", "join us", "subscribe",
]
SHARE_LINK_LABELS = [
    "لینک کوتاه", "نشانی کوتاه", "لینک خبر", "لینک مطلب", "آدرس خبر", "آدرس مطلب", "پیوند کوتاه", "لینک",
    "رابط مختصر", "الرابط المختصر", "رابط الخبر", "الرابط", "رابط", "رابط قصير", "short link", "link", "permalink",
    "url",
]
SHARE_WORDS = [
    "اشتراک گذاری", "اشتراک گذاری در", "به اشتراک بگذارید", "همرسانی", "هم رسانی", "ارسال به دوستان", "چاپ",
    "نسخه چاپی", "کپی لینک", "کپی شد", "ذخیره", "شارك", "شارك الخبر", "شارك المقال", "شاركها", "مشاركة",
    "مشاركة عبر", "طباعة", "نسخ الرابط", "تم النسخ", "أرسل", "share", "share this", "print", "copy link",
    "email", "e-mail",
]
PHOTO_LABELS = [
    "عکس", "عکس ها", "تصویر", "منبع تصویر", "منبع عکس", "عکاس", "عکس از", "اعتبار عکس", "صورة", "الصورة",
    "مصدر الصورة", "تصوير", "حقوق الصورة", "توضیح تصویر", "توضیح عکس", "شرح عکس", "زیرنویس تصویر",
    "التعليق على الصورة", "شرح الصورة", "تعليق الصورة", "صورة أرشيفية", "photo", "image", "picture", "credit",
    "photo credit", "image source", "image caption", "getty images", "getty",
]
#: Who a photo is credited to, after a slash at the end of a caption.
PHOTO_AGENCIES = [
    "رويترز", "رویترز", "فرانس برس", "فرانس پرس", "أ ف ب", "ا ف ب", "أسوشيتد برس", "اسوشیتدپرس",
    "آسوشیتدپرس", "الأناضول", "آناتولی", "ایرنا", "ایسنا", "تسنیم", "فارس", "مهر", "ایلنا", "إرنا", "سانا",
    "وام", "واس", "قنا", "شينخوا", "شین هوا", "گتی ایمیجز", "غيتي", "غيتي إيمجز", "أرشيفية", "أرشيف",
    "آرشیو", "reuters", "afp", "ap", "epa", "dpa", "getty images", "getty", "anadolu", "xinhua", "upi",
    "epa-efe", "irna", "isna", "shutterstock", "social media", "مواقع التواصل", "مواقع التواصل الاجتماعي",
    "تواصل اجتماعي", "شبکه های اجتماعی",
]
SIGN_OFFS = [
    "انتهای پیام", "انتهای خبر", "پایان پیام", "پایان خبر", "انتهی", "انتهى", "انتها", "نهاية الخبر", "end",
]
COMMENTS = [
    "رأیکم", "نظرات", "نظر شما", "نظر شما چیست", "ارسال نظر", "ثبت نظر", "دیدگاه", "دیدگاه ها", "دیدگاه شما",
    "نظرات کاربران", "نظر خود را بنویسید", "نظر بدهید", "نظرات خوانندگان", "نظرات شما", "التعليقات",
    "تعليقات", "تعليق", "أضف تعليقك", "أضف تعليق", "اكتب تعليقك", "اترك تعليقا", "اترك تعليقاً",
    "شاركنا رأيك", "ما رأيك", "آراء القراء", "comments", "leave a comment", "add a comment",
]
TAG_LABELS = [
    "برچسب ها", "برچسبها", "برچسب", "کلیدواژه ها", "کلید واژه ها", "کلیدواژه", "کلید واژه", "کلمات کلیدی",
    "تگ ها", "موضوعات", "موضوع", "الكلمات المفتاحية", "كلمات مفتاحية", "الوسوم", "وسوم", "مواضيع",
    "المواضيع", "tags", "keywords", "topics",
]
#: Copyright phrases that are a site's notice wherever they stand ("کلیه حقوق"
#: alone may be a sentence about workers' rights; "... محفوظ است" is not).
COPYRIGHT_NOTICE = (
    r"©|all rights reserved|(?:جمیع|کل) ?الحقوق محفوظه|الحقوق محفوظه|"
    r"(?:کلیه|تمامی|همه|تمام) ?(?:ی )?حقوق.{0,80}(?:محفوظ|متعلق به|وب ?سایت|سایت|پایگاه|خبرگزاری)"
)
COPYRIGHT = [
    "©", "(c)", "کلیه حقوق", "تمامی حقوق", "همه حقوق", "حقوق این سایت", "جميع الحقوق محفوظة",
    "جميع الحقوق", "الحقوق محفوظة", "حقوق النشر", "all rights reserved", "copyright",
]
AUTHOR_LABELS = [
    "نویسنده", "نگارنده", "خبرنگار", "گزارشگر", "مترجم", "ترجمه", "تنظیم", "بقلم", "كتب", "كتبه", "كتبت",
    "تحرير", "إعداد", "ترجمة", "مراسل", "مراسلة", "by", "author", "written by",
]
AUTHOR_UNLABELLED = ["به قلم", "بقلم", "by"]
RELATED_HEADINGS = [
    "در همین زمینه", "در همين زمينه", "مطالب مرتبط", "اخبار مرتبط", "خبرهای مرتبط", "مطالب پیشنهادی",
    "بیشتر بخوانید", "بخوانید", "همچنین بخوانید", "پیشنهاد سردبیر", "پربازدیدترین", "پربازدید ترین",
    "پربیننده ترین", "آخرین اخبار", "اخبار برگزیده", "مطالب بیشتر", "موضوعات ذات صلة", "مواضيع ذات صلة",
    "مواضيع متعلقة", "أخبار ذات صلة", "أخبار متعلقة", "مقالات ذات صلة", "اقرأ أيضا", "اقرأ أيضًا",
    "اقرأ ايضا", "اقرأ كذلك", "اقرأ المزيد", "المزيد من الأخبار", "الأكثر قراءة", "الأكثر مشاهدة",
    "آخر الأخبار", "قد يهمك أيضا", "قد يهمك", "قد يعجبك أيضا", "ذات صلة", "شاهد أيضا", "related",
    "related articles", "related news", "related topics", "read more", "read also", "see also", "more on this",
]
PUBLISHED_LABELS = [
    "تاریخ انتشار", "زمان انتشار", "انتشار", "منتشر شده", "منتشرشده", "تاریخ خبر", "تاریخ", "تاریخ نشر",
    "تم النشر", "تاريخ النشر", "نشر في", "نشر بتاريخ", "نشر", "تاريخ الخبر", "بتاريخ", "التاريخ",
    "published", "posted", "date",
]
UPDATED_LABELS = [
    "به روزرسانی", "به روز رسانی", "بروزرسانی", "آخرین به روزرسانی", "آخرین به روز رسانی",
    "آخرین بروزرسانی", "تاریخ به روزرسانی", "ویرایش", "آخر تحديث", "تم التحديث", "تاريخ التحديث", "حدث في",
    "تحديث", "updated", "last updated", "modified",
]
NEWS_ID_LABELS = [
    "کد خبر", "کدخبر", "کد مطلب", "شناسه خبر", "شناسه مطلب", "شماره خبر", "شماره مطلب", "رمز الخبر",
    "رقم الخبر", "كود الخبر", "معرف الخبر", "رقم المقال", "news id", "news code", "article id", "id",
]
#: Lines that are a whole block label of page furniture when they stand alone.
OUTLET_PREFIXES = ["منبع", "المصدر", "مصدر", "source", "via"]


class Cues:
    """The compiled patterns (built once per process, on first use)."""

    def __init__(self) -> None:
        colon = r"\s*[:：]"
        self.navigation = re.compile(
            rf"^(?:\d{{1,2}}\s*[.)]\s*)?(?:(?:{_alternation(NAVIGATION_STARTS)})\b|(?:{_alternation(NAVIGATION_WHOLE)})$)"
        )
        self.social = re.compile(rf"(?<!\w)(?:{_alternation(SOCIAL)})(?!\w)")
        self.follow_verb = re.compile(rf"(?<!\w)(?:{_alternation(FOLLOW_VERBS)})(?!\w)")
        self.share_link = re.compile(rf"^(?:(?:{_alternation(SHARE_LINK_LABELS)}){colon}?\s*)?(?P<url>(?:https?://|www\.)\S+)$")
        share = _alternation(SHARE_WORDS + SOCIAL)  # words apart: "xxxx" is no row of "x" buttons
        self.share = re.compile(rf"^(?:{share})(?:[\s|/·•,،:]+(?:{share}))*[\s|/·•,،:]*$")
        self.photo_label = re.compile(rf"^[(\[]?(?:{_alternation(PHOTO_LABELS)})\s*[:：،,/|)\]]")
        self.photo_agency_end = re.compile(rf"(?:/|\||©|\()\s*(?:{_alternation(PHOTO_AGENCIES)})(?:\s*[/,،]\s*\S+){{0,3}}\s*\)?$")
        # A caption that ends with its credit: "...؛ عکس: علی شریفی", "... - صورة: رويترز".
        self.photo_credit_end = re.compile(rf"[؛;،,\-–|/]\s*(?:{_alternation(PHOTO_LABELS)})\s*[:：]\s*\S+(?:\s\S+){{0,3}}$")
        self.in_brackets = re.compile(rf"^\(\s*(?:{_alternation(PHOTO_AGENCIES + PHOTO_LABELS)})[^()]*\)$")
        self.sign_off = re.compile(rf"^[/\\\s]*(?:{_alternation(SIGN_OFFS)})(?:[\s/\\.]*$|\s*/.{{0,12}}$)")
        # An agency's initials or code between slashes or brackets on a line of its own: /وام/, (ایرنا), /ح/.
        self.sign_off_code = re.compile(r"^(?:[/\\]\s*\S{1,12}(?:\s\S{1,12})?\s*[/\\]|\(\s*\S{1,12}\s*\)|\S{1,3}\s*/\s*\S{1,12})$")
        self.comments = re.compile(rf"^(?:\(?\d+\)?\s*)?(?:{_alternation(COMMENTS)})(?:\s*\(?\d+\)?)?[\s:：?؟!]*$")
        # "برچسب‌ها: a، b" on one line, or "برچسب‌ها" (an HTML heading has no colon) over a list.
        self.tags = re.compile(rf"^(?:{_alternation(TAG_LABELS)})(?:{colon}(?P<rest>.*)|\s*)$")
        self.copyright = re.compile(rf"(?:{_alternation(COPYRIGHT)})")
        self.copyright_notice = re.compile(COPYRIGHT_NOTICE)
        self.author = re.compile(
            rf"^(?:(?:{_alternation(AUTHOR_LABELS)}){colon}|(?:{_alternation(AUTHOR_UNLABELLED)})\s)"
        )
        self.related_heading = re.compile(rf"^(?:{_alternation(RELATED_HEADINGS)})\s*[:：.…]*\s*$")
        self.related_inline = re.compile(rf"^(?:{_alternation(RELATED_HEADINGS)}){colon}\s*\S")
        # A publication or update label, at the start of the line or after a
        # separator; "تاریخ به روزرسانی" wins over "تاریخ" (longest first).
        self.date_label = re.compile(
            rf"(?:^|(?<=[\s|/•·\-–]))(?P<label>{_alternation(PUBLISHED_LABELS + UPDATED_LABELS)})(?!\w)\s*(?P<colon>[:：])?"
        )
        self.date_label_kind = {key(label).replace(" ", ""): "published" for label in PUBLISHED_LABELS}
        self.date_label_kind.update({key(label).replace(" ", ""): "updated" for label in UPDATED_LABELS})
        # Anywhere on a header line: "کد خبر: 123 | تاریخ انتشار: ..." carries both.
        self.news_id = re.compile(rf"(?:^|[\s|/•·-])(?:{_alternation(NEWS_ID_LABELS)})\s*[:：#]?\s*(?P<id>\d{{2,}})(?!\d)")
        self.outlet_prefix = re.compile(rf"^(?:{_alternation(OUTLET_PREFIXES)}){colon}\s*")


@cache
def cues() -> Cues:
    return Cues()
