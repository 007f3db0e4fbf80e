"""The offline default of the entities stage: gazetteer matching (clitics,
suffixes, ambiguity, one identity per document) and the rules for names the
gazetteer does not know. Names in the rule tests are made up on purpose."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuskit.entities.extract import find_entities
from corpuskit.entities.gazetteer import build, parse


def spans(text, lang):
    return [(s["text"], s["label"], s["id"]) for s in find_entities(text, lang)]


def texts(text, lang):
    return [s["text"] for s in find_entities(text, lang)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وروسيا", "روسيا"),
        ("لروسيا", "روسيا"),
        ("فروسيا", "روسيا"),
        ("بالولايات المتحدة", "الولايات المتحدة"),
        ("وبالولايات المتحدة", "الولايات المتحدة"),
        ("للولايات المتحدة", "لولايات المتحدة"),  # ل + ال: the article keeps its lam
        ("لبوتين", "بوتين"),
    ],
)
def test_arabic_clitics_stay_outside_the_span(text, expected):
    [span] = find_entities(f"قال {text} أمس", "ar")
    assert span["text"] == expected and span["id"] in ("Q159", "Q30", "Q7747")


def test_persian_suffixes_make_another_word_but_punctuation_does_not():
    assert texts("سیاست روسیه‌ای و روسیه، و آمریکایی‌ها و آمریکا.", "fa") == ["روسیه", "آمریکا"]


def test_spelling_variants_share_one_identity():
    assert {s[2] for s in spans("ترامپ گفت و ترمپ رفت", "fa")} == {"Q22686"}
    assert {s[2] for s in spans("قال ترامب إن ترمب", "ar")} == {"Q22686"}
    assert {s[2] for s in spans("آمریکا و امریکا", "fa")} == {"Q30"}


def test_the_persian_and_the_arabic_putin_are_one_entity():
    persian = {s[2] for s in spans("ولادیمیر پوتین گفت پوتین", "fa")}
    arabic = {s[2] for s in spans("قال فلاديمير بوتين إن بوتين", "ar")}
    assert persian == arabic == {"Q7747"}


def test_zwnj_space_or_nothing_inside_a_name():
    assert texts("دویچه‌وله گزارش داد", "fa") == ["دویچه‌وله"]
    assert texts("دویچه وله گزارش داد", "fa") == ["دویچه وله"]


def test_a_surname_two_people_share_takes_the_one_the_document_names():
    assert spans("هیلاری کلینتون گفت. کلینتون افزود", "fa")[1] == ("کلینتون", "PER", "Q6294")
    assert spans("بیل کلینتون گفت. کلینتون افزود", "fa")[1] == ("کلینتون", "PER", "Q1124")
    assert spans("کلینتون افزود", "fa") == [("کلینتون", "PER", None)]


def test_a_name_that_is_also_a_word_needs_context():
    assert texts("او مصر است که برود", "fa") == []  # مصر "insistent"
    assert texts("سفر به مصر", "fa") == ["مصر"]
    assert texts("به گزارش خبرگزاری مهر", "fa") == ["خبرگزاری مهر"]
    assert texts("در مهر ماه و ۴ مهر", "fa") == []  # the month, not the agency


def test_a_country_wins_over_its_capital_of_the_same_name():
    assert spans("الإمارات والكويت", "ar")[1] == ("الكويت", "LOC", "Q817")


def test_a_time_zone_is_no_place():
    assert texts("الساعة 18:00 بتوقيت غرينتش", "ar") == []


def test_the_shipped_gazetteer_parses_and_every_row_is_matchable():
    from corpuskit.entities.gazetteer import key_pieces, load

    gazetteer = load()
    assert len(gazetteer.names) > 2500
    assert all(key_pieces(row.name) for row in gazetteer.names)


def test_a_bad_gazetteer_row_names_its_file_and_line():
    with pytest.raises(ValueError, match="x.tsv:3"):
        parse("# format-version: 1\nid\tlabel\ttype\tlang\tname\tnote\nQ1\tX\tPERSON\tfa\tx\t\n", "x.tsv")


def test_longest_name_wins():
    gazetteer = build(
        parse(
            "# format-version: 1\nid\tlabel\ttype\tlang\tname\tnote\n"
            "Q1\tSecurity Council\tORG\tar\tمجلس الأمن\t\nQ2\tRussian Security Council\tORG\tar\tمجلس الأمن الروسي\t\n",
            "t",
        )
    )
    assert [(s["text"], s["id"]) for s in find_entities("مجلس الأمن الروسي ومجلس الأمن", "ar", gazetteer)] == [
        ("مجلس الأمن الروسي", "Q2"),
        ("مجلس الأمن", "Q1"),
    ]


# --------------------------------------------------------------------------- rules (made-up names)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # a given name and a family name
        ("قالت سفتلانا كوزلوفا في مؤتمر صحافي", "ar", [("سفتلانا كوزلوفا", "PER")]),
        ("وأعلن فلاديمير زاخاروف أمس", "ar", [("فلاديمير زاخاروف", "PER")]),
        ("مریم توکلیان در این نشست گفت", "fa", [("مریم توکلیان", "PER")]),
        # a title, its adjectives, then a name
        ("وانتقد السناتور الجمهوري كيفن ماكاليستر القرار", "ar", [("كيفن ماكاليستر", "PER")]),
        ("سناتور ریچارد هالوی گفت", "fa", [("ریچارد هالوی", "PER")]),
        # an organization's head noun and its name
        ("قالت وزارة الزراعة الأردنية إن", "ar", [("وزارة الزراعة الأردنية", "ORG")]),
        ("نقلت وكالة الأنباء الموريتانية", "ar", [("وكالة الأنباء الموريتانية", "ORG")]),
        ("به گزارش خبرگزاری آسوشیتدپرس", "fa", [("خبرگزاری آسوشیتدپرس", "ORG")]),
        # a photographer after an agency in a credit line
        ("عکس: Reuters/C. Barria", "fa", [("Reuters", "ORG"), ("C. Barria", "PER")]),
    ],
)
def test_rules_for_names_the_gazetteer_does_not_know(text, lang, expected):
    assert [(s["text"], s["label"]) for s in find_entities(text, lang)] == expected


@pytest.mark.parametrize(
    "text, lang",
    [
        ("علی رغم این که گفته بود", "fa"),  # "despite", not a man called Ali
        ("حسن نیت طرفین", "fa"),  # "good faith"
        ("حان الوقت الآن للمضي قدما", "ar"),  # الآن "now" folds like the name ألان
        ("قالت الحكومة الروسية إن", "ar"),  # a description of a body, not its name
    ],
)
def test_rules_do_not_take_words_for_names(text, lang):
    assert find_entities(text, lang) == []


PIECES = st.one_of(
    st.sampled_from(["پوتین", "بوتين", "وروسيا", "روسیه‌ای", "الولايات", "المتحدة", "کلینتون", "وزارة", "الخارجية",
                     "السناتور", "سفتلانا", "خبرگزاری", "مهر", "Reuters/", "C. Barria", " ", "\u200c", "،", "\n"]),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from(["fa", "ar", None]))
def test_never_raises_and_offsets_hold(text, lang):
    previous = 0
    for span in find_entities(text, lang):
        assert text[span["start"] : span["end"]] == span["text"] and span["text"]
        assert span["start"] >= previous, "entities overlap"
        previous = span["end"]
