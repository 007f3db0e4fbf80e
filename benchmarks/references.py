"""What corpuskit is compared with in ``make bench``: the libraries each stage
builds on or replaces, and the pipeline a user would glue together from them.

Every reference is used the way that gives it its best speed, so that a ratio
above 1 is earned: tokenizers and normalizers are built once (hazm's
``word_tokenize()`` helper builds a new ``WordTokenizer``, reading its verb
list, on every call: a glue script calling it per sentence runs at a few
thousand characters per second), and dateparser is told the language and the
document date instead of detecting them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable


@functools.cache
def hazm_normalizer() -> Callable[[str], str]:
    from hazm import Normalizer

    return Normalizer().normalize


def camel_normalizer() -> Callable[[str], str]:
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_unicode

    return lambda text: dediac_ar(normalize_unicode(text))


@functools.cache
def hazm_tokenizer() -> Callable[[str], list[list[str]]]:
    """hazm's ``sent_tokenize`` and ``word_tokenize`` (without joining verb
    parts, as corpuskit never joins them), each built once."""
    from hazm import SentenceTokenizer, WordTokenizer

    sentences = SentenceTokenizer().tokenize
    words = WordTokenizer(join_verb_parts=False).tokenize
    return lambda text: [words(sentence) for sentence in sentences(text)]


def camel_tokenizer() -> Callable[[str], list[str]]:
    from camel_tools.tokenizers.word import simple_word_tokenize

    return simple_word_tokenize


def dateparser_search(lang: str) -> Callable[[str, str], object]:
    """``search_dates`` told the language and the document date (``YYYY-MM-DD``)."""
    from dateparser.search import search_dates

    def search(text: str, doc_date: str) -> object:
        base = dt.datetime.fromisoformat(doc_date)
        return search_dates(text, languages=[lang], settings={"RELATIVE_BASE": base})

    return search


def glue_pipeline() -> Callable[[str, str, str], object]:
    """What a user would write without corpuskit: the language's normalizer,
    its tokenizers, then dateparser on each sentence-split text. ``(text, lang,
    doc_date)``; the language is given (a glue script would need a detector too)."""
    normalizers = {"fa": hazm_normalizer(), "ar": camel_normalizer()}
    tokenizers = {"fa": hazm_tokenizer(), "ar": camel_tokenizer()}
    searches = {lang: dateparser_search(lang) for lang in ("fa", "ar")}

    def run(text: str, lang: str, doc_date: str) -> object:
        normalized = normalizers[lang](text)
        tokens = tokenizers[lang](normalized)
        dates = searches[lang](normalized, doc_date)
        return tokens, dates

    return run
