"""Dates in Persian and Arabic text: find them, resolve them, convert between calendars.

``find_dates(text, lang, doc_date)`` is the library entry point (extract.py);
detect.py finds the expressions, resolve.py gives them values, calendars.py
converts, months.py and lexicon.py hold the words.
"""

from corpuskit.dates.extract import DocumentDate, extract, find_dates, parse_document_date

__all__ = ["DocumentDate", "extract", "find_dates", "parse_document_date"]
