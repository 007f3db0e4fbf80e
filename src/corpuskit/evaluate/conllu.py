"""CoNLL-U reading and writing, with no dependencies.

Reading::

    from corpuskit.evaluate import conllu

    for sentence in conllu.read("tests/data/ud/fa_seraji-ud-dev.conllu"):
        sentence.sent_id, sentence.text          # the ``# sent_id`` / ``# text`` comments
        [t.form for t in sentence.tokens]        # surface tokens
        [w.form for w in sentence.words]         # syntactic words (integer IDs)

The model follows https://universaldependencies.org/format.html:

- every line of ten tab-separated columns is a :class:`Node`: a *word*
  (ID ``7``), a *multiword token range* (``38-39``) or an *empty node*
  (``5.1``); :attr:`Sentence.nodes` keeps them all in file order;
- :attr:`Sentence.tokens` are the *surface tokens*, what a tokenizer produces
  from the raw text: a multiword token range is one token whose
  :attr:`Token.words` are the words it covers (``ماتمش`` = ``ماتم`` + ``ش``);
  a word outside any range is a token of one word; empty nodes are not
  tokens;
- :attr:`Token.space_after` is ``False`` when the token's MISC column has
  ``SpaceAfter=No`` (for a multiword token, the MISC of the range line, where
  UD puts it); other spacing attributes (``SpacesAfter=``...) stay in
  :attr:`Token.misc` and are not interpreted;
- comments ``# key = value`` before the first token line fill
  :attr:`Sentence.metadata` (``sent_id``, ``text``, ``newdoc id``...); a
  comment without ``=`` (``# newpar``) is stored with the value ``None``.
  :attr:`Sentence.comments` keeps the comment lines exactly as written.

Writing: :func:`dumps` / :func:`write` take sentences given either as
:class:`Sentence` objects (written back exactly as read, so
``dumps(loads(s)) == s`` for a well-formed file ending in a blank line) or as
lists of ``(form, space_after)`` pairs, which is what a tokenizer produces.
A sentence of pairs becomes ``# sent_id = N`` (1-based, or the ``sent_ids``
given), ``# text = ...`` rebuilt from the forms, and one word line per token
with ``_`` in every column but ID, FORM and MISC (``SpaceAfter=No`` where
``space_after`` is false, the last token included). So
``[s.pairs() for s in loads(dumps(x))] == x`` for any list ``x`` of non-empty
sentences whose forms are non-empty and hold no tab or line break.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

__all__ = [
    "ConlluError",
    "Node",
    "Token",
    "Sentence",
    "parse_lines",
    "pairs_from_spans",
    "loads",
    "read",
    "dumps",
    "write",
]

_WORD_ID = re.compile(r"[1-9][0-9]*")
_RANGE_ID = re.compile(r"([1-9][0-9]*)-([1-9][0-9]*)")
_EMPTY_ID = re.compile(r"(0|[1-9][0-9]*)\.[1-9][0-9]*")
_COLUMNS = ("id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc")


class ConlluError(ValueError):
    """Malformed CoNLL-U; ``line`` is the 1-based line number when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(f"line {line}: {message}" if line is not None else message)
        self.line = line


@dataclass(frozen=True)
class Node:
    """One token line: its ten columns as written (``_`` for an empty column)."""

    id: str
    form: str
    lemma: str = "_"
    upos: str = "_"
    xpos: str = "_"
    feats: str = "_"
    head: str = "_"
    deprel: str = "_"
    deps: str = "_"
    misc: str = "_"

    @property
    def kind(self) -> str:
        """``"word"``, ``"range"`` (multiword token) or ``"empty"`` (empty node)."""
        if "-" in self.id:
            return "range"
        if "." in self.id:
            return "empty"
        return "word"

    @property
    def misc_items(self) -> list[str]:
        """The ``|``-separated items of MISC (none for ``_``)."""
        return [] if self.misc == "_" else self.misc.split("|")

    @property
    def space_after(self) -> bool:
        """False when MISC holds ``SpaceAfter=No``."""
        return "SpaceAfter=No" not in self.misc_items

    def to_line(self) -> str:
        return "\t".join(getattr(self, name) for name in _COLUMNS)


@dataclass(frozen=True)
class Token:
    """A surface token: one word, or a multiword token range and its words."""

    id: str
    form: str
    space_after: bool = True
    misc: str = "_"
    words: tuple[Node, ...] = ()

    @property
    def is_multiword(self) -> bool:
        return "-" in self.id


@dataclass
class Sentence:
    """One sentence of a CoNLL-U file."""

    tokens: list[Token]
    nodes: list[Node] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    metadata: dict[str, str | None] = field(default_factory=dict)

    @property
    def sent_id(self) -> str | None:
        return self.metadata.get("sent_id")

    @property
    def text(self) -> str | None:
        """The ``# text`` comment, or None."""
        return self.metadata.get("text")

    @property
    def words(self) -> list[Node]:
        """The syntactic words (integer IDs), in order."""
        return [node for node in self.nodes if node.kind == "word"]

    @property
    def empty_nodes(self) -> list[Node]:
        return [node for node in self.nodes if node.kind == "empty"]

    def pairs(self) -> list[tuple[str, bool]]:
        """The tokens as ``(form, space_after)`` pairs (the writer's input)."""
        return [(token.form, token.space_after) for token in self.tokens]

    def surface_text(self) -> str:
        """The text rebuilt from the token forms and ``SpaceAfter=No``."""
        parts = []
        for token in self.tokens:
            parts.append(token.form)
            if token.space_after:
                parts.append(" ")
        return "".join(parts).rstrip(" ")

    def token_offsets(self, text: str | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` of every token in ``text`` (default: ``# text``).

        Whitespace between tokens is skipped; whitespace inside a form (UD
        allows ``FORM`` values with spaces) matches any run of whitespace,
        including none. Raises :class:`ConlluError` when the forms do not
        spell the text.
        """
        if text is None:
            text = self.text if self.text is not None else self.surface_text()
        offsets = []
        pos = 0
        for token in self.tokens:
            start = None
            for char in token.form:
                if char.isspace():
                    continue
                while pos < len(text) and text[pos].isspace():
                    pos += 1
                if pos >= len(text) or text[pos] != char:
                    found = text[pos : pos + 20] if pos < len(text) else "end of text"
                    raise ConlluError(
                        f"sentence {self.sent_id}: token {token.id} {token.form!r} "
                        f"does not match the text at offset {pos} ({found!r})"
                    )
                if start is None:
                    start = pos
                pos += 1
            if start is None:
                raise ConlluError(f"sentence {self.sent_id}: token {token.id} has an empty form")
            offsets.append((start, pos))
        if text[pos:].strip():
            raise ConlluError(
                f"sentence {self.sent_id}: text left over after the last token: {text[pos:]!r}"
            )
        return offsets

    @classmethod
    def from_pairs(
        cls,
        pairs: Iterable[tuple[str, bool]],
        *,
        sent_id: str | None = None,
        text: str | None = None,
    ) -> Sentence:
        """A sentence of bare tokens (``_`` columns) with ``sent_id`` and ``text`` comments.

        ``text`` defaults to the text the forms and ``space_after`` flags spell.
        """
        nodes = []
        tokens = []
        for index, (form, space_after) in enumerate(pairs, 1):
            _check_form(form)
            misc = "_" if space_after else "SpaceAfter=No"
            node = Node(str(index), form, misc=misc)
            nodes.append(node)
            tokens.append(Token(node.id, form, bool(space_after), misc, (node,)))
        sentence = cls(tokens=tokens, nodes=nodes)
        if not tokens:
            raise ValueError("a CoNLL-U sentence needs at least one token")
        if text is None:
            text = sentence.surface_text()
        if "\n" in text or "\r" in text:
            raise ValueError(f"sentence text holds a line break: {text!r}")
        for key, value in (("sent_id", sent_id), ("text", text)):
            if value is not None:
                sentence.comments.append(f"# {key} = {value}")
                sentence.metadata[key] = value
        return sentence

    def to_conllu(self) -> str:
        """The sentence as CoNLL-U lines, ending with the blank line."""
        lines = list(self.comments) + [node.to_line() for node in self.nodes]
        return "\n".join(lines) + "\n\n"


def _check_form(form: str) -> None:
    if not isinstance(form, str) or not form:
        raise ValueError(f"a token form must be a non-empty string, not {form!r}")
    if any(c in form for c in "\t\n\r"):
        raise ValueError(f"a token form cannot hold a tab or line break: {form!r}")


def _parse_comment(line: str) -> tuple[str, str | None]:
    body = line[1:].strip()
    if "=" not in body:
        return body, None
    key, _, value = body.partition("=")
    return key.strip(), value.strip()


def _build(nodes: list[Node], comments: list[str], first_line: int) -> Sentence:
    """Group a sentence's nodes into surface tokens and check the IDs."""
    metadata: dict[str, str | None] = {}
    for comment in comments:
        key, value = _parse_comment(comment)
        metadata[key] = value
    tokens: list[Token] = []
    expected = 1  # the next word ID
    open_range: tuple[Node, int, list[Node]] | None = None  # range node, its last ID, its words
    for node in nodes:
        kind = node.kind
        if kind == "empty":
            continue
        if kind == "range":
            if open_range is not None:
                raise ConlluError(f"range {node.id} starts inside range {open_range[0].id}", first_line)
            start, end = (int(x) for x in node.id.split("-"))
            if start != expected or end <= start:
                raise ConlluError(f"bad multiword token range {node.id} (next word is {expected})", first_line)
            open_range = (node, end, [])
            continue
        if int(node.id) != expected:
            raise ConlluError(f"word ID {node.id} out of order (expected {expected})", first_line)
        expected += 1
        if open_range is not None:
            range_node, end, words = open_range
            words.append(node)
            if int(node.id) == end:
                tokens.append(
                    Token(range_node.id, range_node.form, range_node.space_after, range_node.misc, tuple(words))
                )
                open_range = None
        else:
            tokens.append(Token(node.id, node.form, node.space_after, node.misc, (node,)))
    if open_range is not None:
        raise ConlluError(f"multiword token {open_range[0].id} is missing words", first_line)
    if not tokens:
        raise ConlluError("sentence without words", first_line)
    for token in tokens:
        if not token.form:
            raise ConlluError(f"token {token.id} has an empty FORM", first_line)
    return Sentence(tokens=tokens, nodes=list(nodes), comments=list(comments), metadata=metadata)


def parse_lines(lines: Iterable[str]) -> Iterator[Sentence]:
    """Sentences from CoNLL-U lines (with or without their line endings)."""
    nodes: list[Node] = []
    comments: list[str] = []
    first_line = 1
    lineno = 0
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            if nodes:
                yield _build(nodes, comments, first_line)
            elif comments:
                raise ConlluError("comments without a sentence", lineno)
            nodes, comments = [], []
            continue
        if not nodes and not comments:
            first_line = lineno
        if line.startswith("#"):
            if nodes:
                raise ConlluError("comment line inside a sentence", lineno)
            comments.append(line)
            continue
        columns = line.split("\t")
        if len(columns) != 10:
            raise ConlluError(f"expected 10 tab-separated columns, found {len(columns)}", lineno)
        node_id = columns[0]
        if not (_WORD_ID.fullmatch(node_id) or _RANGE_ID.fullmatch(node_id) or _EMPTY_ID.fullmatch(node_id)):
            raise ConlluError(f"bad ID {node_id!r}", lineno)
        nodes.append(Node(*columns))
    if nodes:
        yield _build(nodes, comments, first_line)
    elif comments:
        raise ConlluError("comments without a sentence at the end of the file", lineno)


def loads(text: str) -> list[Sentence]:
    """Sentences of a CoNLL-U string (lines end at line feeds; a carriage return before one is dropped)."""
    return list(parse_lines(text.split("\n")))


def read(source: str | os.PathLike[str] | TextIO) -> list[Sentence]:
    """Sentences of a CoNLL-U file: a path or an open text file."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8", newline="") as handle:
            return list(parse_lines(handle))
    return list(parse_lines(source))


def pairs_from_spans(text: str, sentences: Iterable[Iterable[tuple[int, int]]]) -> list[list[tuple[str, bool]]]:
    """``(form, space_after)`` sentences from token spans into ``text`` (for :func:`dumps`).

    ``space_after`` is true when whitespace or the end of ``text`` follows the
    token. Tabs and line breaks inside a span become spaces (CoNLL-U forbids
    them in FORM); empty sentences are dropped.
    """
    out = []
    for sentence in sentences:
        pairs = []
        for start, end in sentence:
            form = text[start:end]
            if any(c in form for c in "\t\n\r"):
                form = form.replace("\r\n", " ").translate({9: " ", 10: " ", 13: " "})
            pairs.append((form, end >= len(text) or text[end].isspace()))
        if pairs:
            out.append(pairs)
    return out


def _as_sentence(item: Sentence | Sequence[tuple[str, bool]], index: int, sent_id: str | None) -> Sentence:
    if isinstance(item, Sentence):
        return item
    return Sentence.from_pairs(item, sent_id=sent_id if sent_id is not None else str(index))


def dumps(
    sentences: Iterable[Sentence | Sequence[tuple[str, bool]]],
    *,
    sent_ids: Iterable[str] | None = None,
) -> str:
    """CoNLL-U text of ``sentences`` (:class:`Sentence` objects or ``(form, space_after)`` lists).

    ``sent_ids`` names the sentences given as pairs (default: ``1``, ``2``...).
    """
    out = io.StringIO()
    write(sentences, out, sent_ids=sent_ids)
    return out.getvalue()


def write(
    sentences: Iterable[Sentence | Sequence[tuple[str, bool]]],
    target: str | os.PathLike[str] | TextIO,
    *,
    sent_ids: Iterable[str] | None = None,
) -> None:
    """Write ``sentences`` as CoNLL-U to a path or an open text file (see :func:`dumps`)."""
    ids = iter(sent_ids) if sent_ids is not None else None
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            write(sentences, handle, sent_ids=ids)
        return
    for index, item in enumerate(sentences, 1):
        sent_id = next(ids) if ids is not None and not isinstance(item, Sentence) else None
        target.write(_as_sentence(item, index, sent_id).to_conllu())
