"""No stage takes super-linear time on adversarial input (issue 7), checked by scaling.

For each kind of adversarial text (long runs of digits, dots, spaces, ZWNJs,
month names, punctuation, ``a@a@...``, ``http://http://...``, one long word...),
the CPU time of 4n characters over that of n characters: about 4 when the work
is linear, about 16 when it is quadratic; the test asks for less than 8. Checked
for the whole default pipeline (the text's language given, so that normalize
does its work) and for the two cores that are cheap to call on raw text, the
tokenizer, the date finder and the news-page cleaner. Times are the best of 3 (each of at least 3 ms,
repeating the call as needed, on the text turned by one character more each
time so that no cache answers) with the garbage collector off, so that a run
with other work on the machine does not fail the test: no absolute times are
asserted. The throughput itself is measured by benchmarks/adversarial.py.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable

import pytest

N = 5_000
#: 4n characters may take at most this many times n characters' time (linear: 4, quadratic: 16).
MAX_RATIO = 8

FA_MONTHS = "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split()
AR_MONTHS = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر محرم رمضان شوال شباط آذار تموز".split()
PUNCTUATION = list(".،؛؟!«»:-")


def _repeat(piece: str, n: int) -> str:
    return (piece * (n // len(piece) + 1))[:n]


def _words(words: list[str], n: int) -> str:
    rng = random.Random(11)
    return _repeat(" ".join(rng.choice(words) for _ in range(n // 2)), n)


def _chars(alphabet: str | list[str], n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(n))


def _runs(n: int) -> str:
    rng = random.Random(13)
    return _repeat("".join(rng.choice(PUNCTUATION) * rng.randint(2, 400) for _ in range(n // 50 + 1)), n)


#: kind -> (language, text of n characters)
KINDS: dict[str, tuple[str, Callable[[int], str]]] = {
    "digits_ascii": ("fa", lambda n: _repeat("0123456789", n)),
    "digits_persian": ("fa", lambda n: _repeat("۰۱۲۳۴۵۶۷۸۹", n)),
    "digits_arabic": ("ar", lambda n: _repeat("٠١٢٣٤٥٦٧٨٩", n)),
    "dots": ("fa", lambda n: "." * n),
    "dashes": ("fa", lambda n: "-" * n),
    "percent_signs": ("ar", lambda n: "%" * n),
    "spaces": ("fa", lambda n: " " * n),
    "zwnj": ("fa", lambda n: "\u200c" * n),
    "months_fa": ("fa", lambda n: _words(FA_MONTHS, n)),
    "months_ar": ("ar", lambda n: _words(AR_MONTHS, n)),
    "punct_mixed": ("fa", lambda n: _chars(PUNCTUATION, n, 12)),
    "punct_runs": ("fa", _runs),
    "punct_one_run": ("fa", lambda n: "!" * n),
    "newlines": ("fa", lambda n: "\n" * n),
    "digit_dot": ("fa", lambda n: _repeat("1.", n)),
    "digit_slash": ("fa", lambda n: _repeat("1/", n)),
    "digit_percent": ("fa", lambda n: _repeat("2018%", n)),
    "at_signs": ("fa", lambda n: _repeat("a@", n)),
    "latin_plus": ("fa", lambda n: _repeat("a+", n)),
    "url_like": ("fa", lambda n: _repeat("http://", n)),
    "arabic_word": ("ar", lambda n: _chars("ابتثجحخدذرزسشصضطظعغفقكلمنهويةى", n, 14)),
    "persian_word": ("fa", lambda n: _chars("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی", n, 15)),
    # lines of news-page furniture, for the clean stage's line rules
    "related_lines": ("fa", lambda n: _repeat("در همین زمینه\n- خبر کوتاه درباره سد\n", n)),
    "menu_lines": ("fa", lambda n: _repeat("خانه\nسیاسی\n", n)),
    "date_lines": ("fa", lambda n: _repeat("۱۵ آبان ۱۴۰۲\n", n)),
    "label_lines": ("ar", lambda n: _repeat("تم النشر: 2018/08/23 الساعة 18:00 بتوقيت غرينتش\n", n)),
    "tag_lines": ("fa", lambda n: "برچسب‌ها:\n" + _repeat("رشت\n", n - 10)),
}


class _Rotations:
    """The text turned by one more character at each call: the stages cache
    work per word (a 20,000-letter word is one word), and a call that found
    its answer in a cache would hide the cost the test is about."""

    def __init__(self, text: str):
        self.text, self.turn = text, 0

    def next(self) -> str:
        self.turn += 1
        turn = self.turn % len(self.text)
        return self.text[turn:] + self.text[:turn]


def _best_cpu(function: Callable[[str], object], texts: _Rotations, calls: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(calls):
            function(texts.next())
        best = min(best, time.process_time() - start)
    return best


def scaling(function: Callable[[str], object], kind: str) -> tuple[float, float, float]:
    """``(ratio, seconds for n, seconds for 4n)`` of ``function`` on ``kind``."""
    generate = KINDS[kind][1]
    small, large = generate(N), generate(4 * N)
    assert len(small) == N and len(large) == 4 * N
    small_texts, large_texts = _Rotations(small), _Rotations(large)
    function(small_texts.next())  # whatever loads lazily
    calls = 1
    while calls < 256:
        start = time.process_time()
        for _ in range(calls):
            function(small_texts.next())
        if time.process_time() - start >= 0.003:
            break
        calls *= 4
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        t_small = max(_best_cpu(function, small_texts, calls), 1e-4)
        t_large = _best_cpu(function, large_texts, calls)
    finally:
        if enabled:
            gc.enable()
    return t_large / t_small, t_small / calls, t_large / calls


@pytest.fixture(scope="module")
def pipelines():
    from corpuskit.pipeline import DEFAULT_STAGES, Pipeline, build_stages

    out = {}
    for lang in ("fa", "ar"):
        options = {"lang": lang}
        out[lang] = Pipeline(build_stages(DEFAULT_STAGES, options), options)
        out[lang].setup()
    return out


def _check(ratio: float, t_small: float, t_large: float, what: str) -> None:
    assert ratio < MAX_RATIO, (
        f"{what}: {4 * N:,} characters took {ratio:.1f}x the time of {N:,} "
        f"({t_small * 1000:.2f} ms -> {t_large * 1000:.2f} ms): super-linear"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_pipeline_scales_linearly(kind, pipelines):
    from corpuskit.pipeline import process
    from corpuskit.record import new_record

    pipeline = pipelines[KINDS[kind][0]]

    def run(text: str) -> None:
        (record,) = process([new_record("adversarial", text, source="test")], pipeline)
        assert not record["errors"], record["errors"]

    _check(*scaling(run, kind), f"pipeline on {kind}")


@pytest.mark.parametrize("kind", KINDS)
def test_tokenizer_scales_linearly(kind):
    from corpuskit.tokenize import tokenize

    lang = KINDS[kind][0]
    _check(*scaling(lambda text: tokenize(text, lang), kind), f"tokenize on {kind}")


@pytest.mark.parametrize("kind", KINDS)
def test_date_finder_scales_linearly(kind):
    from corpuskit.dates import find_dates

    lang = KINDS[kind][0]
    _check(*scaling(lambda text: find_dates(text, lang), kind), f"find_dates on {kind}")


@pytest.mark.parametrize("kind", KINDS)
def test_clean_scales_linearly(kind):
    from corpuskit.clean import clean_text

    _check(*scaling(lambda text: clean_text(text, KINDS[kind][0]), kind), f"clean on {kind}")
