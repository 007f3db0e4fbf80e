"""Names that are not in the gazetteer, found by the shape of news text.

Three rules, each on the folded pieces of the text (see gazetteer.py), only
where the gazetteer found nothing:

* **A given name and a family name** (``سفتلانا لوكاش``, ``ماريا بوتينا``,
  ``نيكولاي باتروشيف``): a known given name followed by one or two words that
  are no function word, verb or title. Given names are the first words of the
  gazetteer's people plus the list below.
* **A title or role, then a name** (``السناتور الجمهوري ماركو روبيو``,
  ``سخنگوی وزارت خارجه X Y``): after a title and its adjectives (``الأميركي``,
  ``الروسي``, ``السابق``), two name-like words make a person.
* **An organization's head noun and its name** (``وزارة الخارجية الروسية``,
  ``وكالة الإعلام الروسية``, ``مجلس الأمن القومي الروسي``, ``خبرگزاری
  آسوشیتدپرس``): in Arabic the definite words after the head; in either
  language a gazetteer organization or place right after it (the span then
  covers the head too and keeps the gazetteer's identity when it is an
  organization).

Rule spans carry ``id: null`` and ``source: "rule"``. Every word list is
folded (ی, ک, ا, ه) because it is compared with folded pieces.
"""

from __future__ import annotations

from corpuskit.dates.fold import fold


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


#: Function words, speech verbs and other words that end a name.
STOP = _folded(
    # Arabic
    "في من على إلى الى عن مع أن إن ان لا لم لن ما هو هي هم التي الذي الذين إنه انه أنه بأن وأن كان كانت قد "
    "قال قالت أكد أكدت أضاف أضافت أوضح أشار أشارت ذكر ذكرت أعلن أعلنت يقول تقول وقال وقالت حيث بعد قبل خلال "
    "عبر بين حول ضد منذ حتى عند لدى أي كل بعض غير هذا هذه ذلك تلك اليوم أمس الخميس الجمعة السبت الأحد "
    "الاثنين الثلاثاء الأربعاء و أو ثم بل لكن إذا اذا كما أيضا فقط "
    # Persian
    "در از به با که را و یا تا برای این آن او وی ایشان هم نیز اما ولی گفت گفته گفتند افزود کرد کرد است بود "
    "شد شده می نمی های ها هر چه چون اگر پس پیش روز سال ماه امروز دیروز خود دیگر بر سر بین ضمن طی رغم "
)

#: Titles and roles that stand before a person's name.
TITLES = [
    # Arabic
    "الرئيس", "رئيس الوزراء", "رئيس الحكومة", "نائب الرئيس", "وزير الخارجية", "وزير الدفاع", "وزير الداخلية",
    "الوزير", "السناتور", "السيناتور", "النائب", "الشيخ", "الأمير", "الملك", "الجنرال", "المستشار",
    "مستشار الأمن القومي", "المتحدث باسم", "المتحدثة باسم", "السفير", "السفيرة", "السيد", "السيدة",
    "الدكتور", "الدكتورة", "العقيد", "اللواء", "العميد", "المدعي العام", "المحقق", "المستشار الخاص",
    "المواطنة", "المواطن", "الناشط", "الناشطة", "الصحفي", "الصحفية", "الكاتب", "المعارض", "نظيره", "نظيرته",
    # Persian
    "رئیس جمهور", "رئیس‌جمهور", "نخست وزیر", "نخست‌وزیر", "وزیر خارجه", "وزیر امور خارجه", "وزیر دفاع",
    "وزیر", "سناتور", "نماینده", "آیت‌الله", "آیت الله", "حجت‌الاسلام", "دکتر", "مهندس", "سرلشکر", "سردار",
    "ژنرال", "آقای", "خانم", "سخنگوی", "مشاور", "سفیر", "رهبر", "همتای", "فعال", "روزنامه‌نگار", "دبیرکل",
]

#: Words between a title and the name: nationality, party, "former"...
#: (Arabic definite adjectives ending in ي/ية are taken by shape, see is_adjective).
TITLE_FILLERS = _folded("السابق الحالي الجديد الخاص سابق پیشین سابق جدید فعلی کنونی")

#: Head nouns of organization names.
ORG_HEADS_AR = _folded(
    "وزارة وكالة حزب هيئة مجلس منظمة جامعة شركة مؤسسة بنك مصرف جمعية اتحاد لجنة محكمة جهاز صحيفة قناة "
    "إذاعة حركة جبهة مركز معهد"
)
ORG_HEADS_FA = _folded(
    "وزارت وزارتخانه خبرگزاری سازمان حزب شرکت دانشگاه بانک مجلس کمیسیون کمیته دادگاه روزنامه شبکه جنبش "
    "جبهه ستاد نهاد مرکز موسسه مؤسسه انجمن اتحادیه کاخ"
)

#: Persian head nouns whose name follows them as ordinary words (وزارت نیرو,
#: فدراسیون فوتبال, روزنامه حریت): the rule takes up to three words after them.
ORG_HEADS_FA_FREE = _folded("وزارت خبرگزاری روزنامه حزب فدراسیون شرکت دانشگاه بانک اداره سازمان کمیسیون باشگاه")
#: Words of Persian organization names that are also frequent words, which
#: would otherwise end the name (وزارت امور خارجه, سازمان ملی استاندارد).
ORG_WORDS_FA = _folded(
    "امور خارجه کشور نیرو نفت دفاع اطلاعات اقتصاد اقتصادی دارایی بهداشت درمان آموزش پرورش راه شهرسازی "
    "ارتباطات فرهنگ ارشاد اسلامی کار رفاه صنعت معدن تجارت جهاد کشاورزی ورزش جوانان دادگستری علوم "
    "تحقیقات فناوری میراث فوتبال والیبال کشتی ملی مرکزی عالی کل امنیت انرژی آب برق گاز مخابرات "
    "ایران تهران استان شهر دولتی بازرگانی صنایع حمل نقل هواپیمایی کشتیرانی پست بیمه"
)

#: Given names in Arabic and Persian script, beyond those the gazetteer's people
#: supply: common Arabic, Persian, Turkish, Russian and Western names in news.
GIVEN_NAMES = _folded(
    # Arabic script (Arab and foreign names as Arabic news writes them)
    "محمد أحمد محمود مصطفى علي حسن حسين عمر خالد عبدالله عبد يوسف إبراهيم سعيد سعد فهد فيصل سلمان ناصر "
    "طارق عادل كمال جمال سمير وليد هشام ماجد مروان رامي زياد نبيل فؤاد فاطمة عائشة مريم زينب نور ليلى هالة "
    "سارة رانيا منى هند دينا ياسمين بشار حافظ صدام نوري حيدر مقتدى هادي رجب نجيب "
    "فلاديمير دميتري ديمتري سيرغي سيرجي نيكولاي ألكسندر الكسندر أليكسي اليكسي ميخائيل إيغور ايغور يفغيني "
    "أندريه اندريه إيفان ايفان بوريس يوري فيكتور ماريا سفتلانا سفيتلانا ناتاليا أولغا اولغا إيلينا ايلينا "
    "تاتيانا آنا دونالد جو جون جورج بيل باراك هيلاري مايك مايكل ماركو روبرت ريكس جيمس ديفيد بول بيتر "
    "توماس ريتشارد ويليام وليام تشارلز إيمانويل ايمانويل أنجيلا انجيلا بوريس تيريزا نيكولا كريس ستيفن "
    "جاريد نانسي كامالا أنتوني انتوني "
    # Persian script
    "محمد علی حسن حسین رضا مهدی احمد محمود جواد حمید مجید سعید مسعود عباس اکبر اصغر ابراهیم اسماعیل "
    "حسنعلی محمدرضا محمدجواد علیرضا غلامرضا غلامحسین فاطمه زهرا مریم زینب سارا نرگس شیرین "
    "ولادیمیر دیمیتری سرگئی نیکولای الکساندر الکسی آلکسی میخائیل ایگور یوگنی آندری ایوان بوریس ویکتور "
    "ماریا سوتلانا ناتالیا دونالد جو جان جرج جورج بیل باراک هیلاری مایک مایکل مارکو رابرت جیمز دیوید ریچارد "
    "آنگلا امانوئل ترزا کامالا آنتونی"
)


def is_adjective(piece: str) -> bool:
    """An Arabic definite adjective of nationality or party (الأميركي, الروسية, الجمهوري)."""
    return piece.startswith("ال") and (piece.endswith("ی") or piece.endswith("یه")) and len(piece) >= 5


def name_like(piece: str) -> bool:
    """Could this piece be part of a person's name?"""
    return len(piece) >= 2 and piece not in STOP and not piece.isdigit() and not piece.startswith("ال")
