"""Normalization of Persian and Arabic text, with a map back to the raw text.

``normalize_text(text, lang)`` returns the normalized string;
``normalize(text, lang)`` returns a ``Normalized`` with the text and the
``Alignment`` that maps any span of it back to the input. See docs/normalize.md.
"""

from corpuskit.normalize.alignment import Alignment
from corpuskit.normalize.core import Normalized, NormalizeOptions, normalize, normalize_text

__all__ = ["Alignment", "Normalized", "NormalizeOptions", "normalize", "normalize_text"]
