"""Tokenization and sentence segmentation scores, as in the CoNLL 2018 shared task.

The CoNLL 2018 UD shared task (``conll18_ud_eval.py``, Straka and Popel; the
same code ships as ``udtools.udeval``) scores a tokenizer like this:

1. the characters of every token FORM are concatenated, with the characters of
   Unicode category Zs (spaces) removed, for gold and system alike; the two
   character sequences must be identical (whitespace is not scored);
2. a *token* is a span ``[start, end)`` over that sequence. Tokens are surface
   tokens: a multiword token range (``38-39  ماتمش``) is one token, its
   syntactic words are not tokens; empty nodes are ignored;
3. a *sentence* is the span from the start of its first token to the end of
   its last token;
4. gold and system spans are matched by a merge on start offsets: a system
   span is correct when a gold span has the same start and the same end.
   precision = correct / system, recall = correct / gold,
   F1 = 2 * correct / (system + gold).

Here the same is done from character offsets rather than from a system
CoNLL-U file. A tokenizer is a callable::

    tokenize(text: str) -> list[list[tuple[int, int]]]

returning sentences of token spans ``(start, end)`` into ``text`` (the
:data:`Tokenizer` type). :func:`from_spans` drops the whitespace of ``text``
and maps the spans onto the whitespace-free sequence, so a tokenizer is never
asked to reproduce the text, only to point into it. Whitespace inside or at
the edges of a span does not matter (it is not a character of the sequence);
a span of whitespace only is no token; a non-whitespace character that no
span covers belongs to no token, so a gold token holding it cannot be matched
(a tokenizer that drops the ZWNJ of ``کتاب‌ها`` and returns ``کتاب`` and
``ها`` gets both wrong, as it should). Whitespace is what ``str.isspace``
says (every Zs character, plus tab, line breaks...); ZWNJ, ZWJ and the other
format characters (Cf) are characters like any other.

Gold comes from CoNLL-U (:func:`from_conllu`, the official loader's rules);
:func:`score` compares two :class:`Segmentation` objects and returns
``{"Tokens": Score, "Sentences": Score}``.

Feeding the text. :func:`evaluate` runs a tokenizer on the ``# text`` lines
of a CoNLL-U file in one of two modes:

- ``"document"`` (the meaningful one for sentences): all ``# text`` lines
  joined by ``separator`` (one space by default, i.e. one running paragraph,
  as in the raw ``.txt`` files of UD treebanks without paragraph marks, which
  is what the shared task and the UDPipe and Stanza papers feed their
  tokenizers) and tokenized in one call. The tokenizer has to find every
  sentence boundary itself. ``separator="\\n"`` gives one sentence per line,
  which makes boundaries easier for a tokenizer that splits on line breaks.
- ``"lines"``: each ``# text`` line tokenized by its own call, and every
  sentence a call returns is a system sentence. The gold sentence boundaries
  are given away, so Sentences F1 only counts the sentences a tokenizer
  splits in two (or more); Tokens F1 differs from ``"document"`` only where
  the tokenizer's decisions depend on the neighbouring sentence.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from corpuskit.evaluate import conllu

__all__ = [
    "Span",
    "Tokenizer",
    "Score",
    "Segmentation",
    "TokenDiff",
    "Evaluation",
    "CharacterMismatch",
    "spans_score",
    "from_conllu",
    "from_spans",
    "as_sentences",
    "align_tokens",
    "score",
    "document_text",
    "evaluate",
    "token_diffs",
    "sentence_boundary_diffs",
]

Span = tuple[int, int]
#: ``tokenize(text) -> sentences of (start, end) token spans into text``
Tokenizer = Callable[[str], Sequence[Sequence[Span]]]
MODES = ("document", "lines")


class CharacterMismatch(ValueError):
    """Gold and system do not spell the same characters (whitespace aside)."""


@dataclass(frozen=True)
class Score:
    """Counts of one metric; precision, recall and F1 are fractions (0..1)."""

    gold: int
    system: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.system + self.gold
        return 2 * self.correct / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "gold": self.gold,
            "system": self.system,
            "correct": self.correct,
        }


def spans_score(gold: Sequence[Span], system: Sequence[Span]) -> Score:
    """The official ``spans_score``: both lists sorted by start, matched on start and end."""
    correct = gi = si = 0
    while gi < len(gold) and si < len(system):
        if system[si][0] < gold[gi][0]:
            si += 1
        elif gold[gi][0] < system[si][0]:
            gi += 1
        else:
            correct += gold[gi][1] == system[si][1]
            gi += 1
            si += 1
    return Score(len(gold), len(system), correct)


@dataclass(frozen=True)
class Segmentation:
    """Tokens and sentences as spans over ``characters``, the text without its whitespace."""

    characters: str
    tokens: list[Span]
    sentences: list[Span]
    #: The original text and, for every character, its offset in it (``from_spans`` only).
    text: str | None = field(default=None, compare=False, repr=False)
    offsets: list[int] | None = field(default=None, compare=False, repr=False)

    def token_texts(self) -> list[str]:
        return [self.characters[s:e] for s, e in self.tokens]


def _strip(form: str) -> str:
    return "".join(c for c in form if not c.isspace())


def from_conllu(sentences: Iterable[conllu.Sentence] | str | os.PathLike[str]) -> Segmentation:
    """Tokens and sentences of a CoNLL-U file, a path, or parsed sentences (the official loader).

    Token characters are the FORMs of the surface tokens (a multiword token's
    own FORM, not its words') with whitespace removed.
    """
    if isinstance(sentences, (str, os.PathLike)):
        sentences = conllu.read(sentences)
    chars: list[str] = []
    tokens: list[Span] = []
    spans: list[Span] = []
    index = 0
    for sentence in sentences:
        start = index
        for token in sentence.tokens:
            form = _strip(token.form)
            if not form:
                raise ValueError(f"sentence {sentence.sent_id}: token {token.id} is only whitespace")
            chars.append(form)
            tokens.append((index, index + len(form)))
            index += len(form)
        spans.append((start, index))
    return Segmentation("".join(chars), tokens, spans)


def _span_bounds(item: Any) -> Span:
    if isinstance(item, dict):
        return int(item["start"]), int(item["end"])
    if hasattr(item, "start") and hasattr(item, "end") and not isinstance(item, (tuple, list)):
        return int(item.start), int(item.end)
    start, end = item
    return int(start), int(end)


def as_sentences(result: Any) -> list[list[Span]]:
    """A tokenizer's result as sentences of ``(start, end)`` spans.

    Accepts sentences of spans where a span is a pair, a ``{"start", "end"}``
    dict or an object with ``start`` and ``end`` attributes; or a record-like
    dict with flat ``"sentences"`` and ``"tokens"`` span lists (the planned
    tokenize stage's fields), whose tokens are grouped by the sentence that
    holds their start (tokens outside every sentence form sentences of their
    own).
    """
    if isinstance(result, dict):
        sentence_spans = sorted(_span_bounds(s) for s in result.get("sentences") or [])
        token_spans = sorted(_span_bounds(t) for t in result.get("tokens") or [])
        grouped: list[list[Span]] = []
        si = 0
        current: list[Span] = []
        current_sentence: int | None = None
        for token in token_spans:
            while si < len(sentence_spans) and sentence_spans[si][1] <= token[0]:
                si += 1
            inside = si < len(sentence_spans) and sentence_spans[si][0] <= token[0] < sentence_spans[si][1]
            key = si if inside else None
            if current and (key is None or key != current_sentence):
                grouped.append(current)
                current = []
            current.append(token)
            current_sentence = key
        if current:
            grouped.append(current)
        return grouped
    return [[_span_bounds(token) for token in sentence] for sentence in result]


def from_spans(text: str, sentences: Any) -> Segmentation:
    """A system segmentation from sentences of token spans into ``text``.

    Spans are mapped onto ``text`` without whitespace; spans must lie inside
    ``text``, be non-empty and not overlap, in order (``ValueError``
    otherwise); whitespace-only spans and sentences left without tokens are
    dropped. ``sentences`` may be anything :func:`as_sentences` accepts.
    """
    sentences = as_sentences(sentences)
    # before[i] = number of non-whitespace characters in text[:i]
    before = [0] * (len(text) + 1)
    chars: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        if char.isspace():
            before[i + 1] = before[i]
        else:
            before[i + 1] = before[i] + 1
            chars.append(char)
            offsets.append(i)
    tokens: list[Span] = []
    spans: list[Span] = []
    last_end = 0
    for sentence in sentences:
        first = len(tokens)
        for start, end in sentence:
            if not 0 <= start < end <= len(text):
                raise ValueError(f"token span {(start, end)} is empty or outside the text (length {len(text)})")
            if start < last_end:
                raise ValueError(f"token span {(start, end)} overlaps or precedes the previous one (ending at {last_end})")
            last_end = end
            mapped = (before[start], before[end])
            if mapped[0] < mapped[1]:
                tokens.append(mapped)
        if len(tokens) > first:
            spans.append((tokens[first][0], tokens[-1][1]))
    return Segmentation("".join(chars), tokens, spans, text=text, offsets=offsets)


def align_tokens(text: str, sentences: Iterable[Iterable[str]]) -> list[list[Span]]:
    """Spans into ``text`` of token strings from a tokenizer that returns strings.

    The tokens must spell ``text`` in order, whitespace aside (a token may
    hold whitespace the text lacks or lack whitespace the text has, as
    ``hazm.sent_tokenize`` turns line breaks into spaces). Raises
    ``ValueError`` when a token's characters are not the next characters of
    the text (the tokenizer rewrote the text; compare normalized text then).
    """
    result: list[list[Span]] = []
    pos = 0
    length = len(text)
    for sentence in sentences:
        spans: list[Span] = []
        for token in sentence:
            while pos < length and text[pos].isspace():
                pos += 1
            if text.startswith(token, pos) and token and not token[0].isspace():
                spans.append((pos, pos + len(token)))
                pos += len(token)
                continue
            start = None
            for char in token:
                if char.isspace():
                    continue
                while pos < length and text[pos].isspace():
                    pos += 1
                if pos >= length or text[pos] != char:
                    raise ValueError(
                        f"token {token!r} does not match the text at offset {pos}: {text[pos:pos + 20]!r}"
                    )
                if start is None:
                    start = pos
                pos += 1
            if start is not None:
                spans.append((start, pos))
        result.append(spans)
    return result


def _check_characters(gold: Segmentation, system: Segmentation) -> None:
    if gold.characters == system.characters:
        return
    index = 0
    limit = min(len(gold.characters), len(system.characters))
    while index < limit and gold.characters[index] == system.characters[index]:
        index += 1
    raise CharacterMismatch(
        "gold and system characters differ (whitespace removed) at character "
        f"{index}: gold {gold.characters[index:index + 20]!r}, "
        f"system {system.characters[index:index + 20]!r}"
    )


def score(gold: Segmentation, system: Segmentation) -> dict[str, Score]:
    """``{"Tokens": Score, "Sentences": Score}``; raises :class:`CharacterMismatch`."""
    _check_characters(gold, system)
    return {
        "Tokens": spans_score(gold.tokens, system.tokens),
        "Sentences": spans_score(gold.sentences, system.sentences),
    }


def document_text(sentences: Sequence[conllu.Sentence], separator: str = " ") -> str:
    """The ``# text`` lines joined by ``separator`` (a sentence without one: its tokens)."""
    return separator.join(s.text if s.text is not None else s.surface_text() for s in sentences)


@dataclass
class Evaluation:
    """The result of :func:`evaluate`."""

    mode: str
    tokens: Score
    sentences: Score
    gold: Segmentation
    system: Segmentation
    #: characters fed to the tokenizer, and the seconds its calls took
    chars: int
    seconds: float

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds > 0 else float("inf")

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "tokens": self.tokens.as_dict(),
            "sentences": self.sentences.as_dict(),
            "chars": self.chars,
            "seconds": self.seconds,
            "chars_per_second": self.chars_per_second,
        }


def evaluate(
    tokenize: Tokenizer,
    gold: Sequence[conllu.Sentence] | str | os.PathLike[str],
    *,
    mode: str = "document",
    separator: str = " ",
) -> Evaluation:
    """Run ``tokenize`` on the ``# text`` lines of ``gold`` and score it (see the module doc).

    ``mode="document"``: one call on :func:`document_text` (``separator``
    between lines); ``mode="lines"``: one call per line.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if isinstance(gold, (str, os.PathLike)):
        gold = conllu.read(gold)
    gold_seg = from_conllu(gold)
    if mode == "document":
        text = document_text(gold, separator)
        started = time.perf_counter()
        result = as_sentences(tokenize(text))
        seconds = time.perf_counter() - started
        chars = len(text)
    else:
        lines = [s.text if s.text is not None else s.surface_text() for s in gold]
        result = []
        seconds = 0.0
        chars = 0
        text_parts = []
        offset = 0
        for line in lines:
            started = time.perf_counter()
            sentences = as_sentences(tokenize(line))
            seconds += time.perf_counter() - started
            result.extend([[(s + offset, e + offset) for s, e in sent] for sent in sentences])
            text_parts.append(line)
            offset += len(line) + 1
            chars += len(line)
        text = "\n".join(text_parts)
    system_seg = from_spans(text, result)
    scores = score(gold_seg, system_seg)
    return Evaluation(mode, scores["Tokens"], scores["Sentences"], gold_seg, system_seg, chars, seconds)


@dataclass(frozen=True)
class TokenDiff:
    """A stretch of characters where gold and system tokens disagree.

    ``start``/``end`` index :attr:`Segmentation.characters`; ``gold`` and
    ``system`` are the token strings (whitespace removed) in the stretch.
    """

    start: int
    end: int
    gold: tuple[str, ...]
    system: tuple[str, ...]


def token_diffs(gold: Segmentation, system: Segmentation) -> list[TokenDiff]:
    """Every maximal group of overlapping gold and system tokens that is not one identical pair.

    Characters no system token covers show up as a gold token with fewer
    system characters; the number of diffs is not the number of errors (a
    diff of one gold token and three system tokens costs one recall and three
    precision points).
    """
    _check_characters(gold, system)
    items = sorted([(s, e, 0) for s, e in gold.tokens] + [(s, e, 1) for s, e in system.tokens])
    diffs: list[TokenDiff] = []
    i = 0
    chars = gold.characters
    while i < len(items):
        start, end, _ = items[i]
        group = [items[i]]
        i += 1
        while i < len(items) and items[i][0] < end:
            end = max(end, items[i][1])
            group.append(items[i])
            i += 1
        golds = tuple(chars[s:e] for s, e, side in group if side == 0)
        systems = tuple(chars[s:e] for s, e, side in group if side == 1)
        spans = {(s, e) for s, e, _ in group}
        if len(golds) == 1 and len(systems) == 1 and len(spans) == 1:
            continue
        diffs.append(TokenDiff(start, end, golds, systems))
    return diffs


def sentence_boundary_diffs(gold: Segmentation, system: Segmentation) -> tuple[list[int], list[int]]:
    """``(missed, spurious)``: sentence end offsets only gold has, and only the system has.

    Offsets index :attr:`Segmentation.characters`; the end of the last
    sentence is left out (both have it).
    """
    _check_characters(gold, system)
    gold_ends = {e for _, e in gold.sentences} - {len(gold.characters)}
    system_ends = {e for _, e in system.sentences} - {len(system.characters)}
    return sorted(gold_ends - system_ends), sorted(system_ends - gold_ends)
