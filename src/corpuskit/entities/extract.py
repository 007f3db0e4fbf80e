"""``find_entities``: the offline default of the entities stage.

The gazetteer first (gazetteer.py), then the rules (rules.py) where it found
nothing. Identities are settled per document: an ambiguous spelling counts only
when the same entity was named unambiguously elsewhere in the document, and a
surname shared by two people takes the one whose full name the document uses.

Both work on the text's pieces, cut and folded once (gazetteer.Pieces). Each
visits only the pieces where it can start: the matcher the words that can
begin a name (gazetteer._starts), the rules their *triggers* (a head noun, a
title's first word, a given name); every other piece is passed over one at a
time and changes nothing, so skipping it keeps the output.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from corpuskit.dates.fold import fold
from corpuskit.entities import rules
from corpuskit.entities.gazetteer import PIECE, Gazetteer, Match, Name, Pieces, find_in, load

#: How many of Persian's most frequent words (hazm's lexicon) are too common to
#: be a surname after a given name or a title (حسن نیت "good faith", علی رغم
#: "despite"). Given names themselves are frequent words there (علی, محمد,
#: مریم), so only the word after them is checked.
COMMON_PERSIAN_WORDS = 10000


@cache
def _common_persian() -> frozenset[str]:
    from corpuskit.normalize.hazm_data import data_file

    rows = []
    for line in data_file("words.dat").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].isdigit():
            rows.append((int(parts[1]), parts[0]))
    rows.sort(reverse=True)
    return frozenset(fold(word) for _, word in rows[:COMMON_PERSIAN_WORDS])


def _given_names(gazetteer: Gazetteer) -> frozenset[str]:
    """Given names: the list in rules.py and the first word of every gazetteer
    person written with two words or more (computed once per gazetteer)."""
    if gazetteer.given_names is None:
        names = set(rules.GIVEN_NAMES)
        for row in gazetteer.names:
            pieces = PIECE.findall(fold(row.name))
            if row.type == "PER" and len(pieces) >= 2 and "surname" not in row.tags:
                names.add(pieces[0])
        # A given name never starts with the article (ألان folds to الان, "now").
        gazetteer.given_names = frozenset(n for n in names - rules.STOP if not n.startswith("ال"))
    return gazetteer.given_names


@cache
def _titles() -> dict[str, list[tuple[str, ...]]]:
    """Title phrases as piece tuples, indexed by their first piece."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for title in rules.TITLES:
        pieces = tuple(PIECE.findall(fold(title)))
        index.setdefault(pieces[0], []).append(pieces)
    for phrases in index.values():
        phrases.sort(key=len, reverse=True)
    return index



#: When one spelling names several entities and the document does not say
#: which, a country wins over a city of the same name (الكويت, تونس, عمان).
FILE_PRIORITY = {"countries": 0, "organizations": 1, "people": 2, "places": 3}
#: Words before a place name that make it a place (في قطر, به مصر).
LOCATIVE = frozenset(fold(w) for w in "در به از تا با سوی فی في إلى الى من مع عن بين حول داخل خارج".split())


def _settle(matches: list[Match], pieces: Pieces) -> list[tuple[Match, Name | None]]:
    """Pick each match's row (hence its id) with the whole document in view:
    an entity named unambiguously anywhere in the document settles its other
    mentions; a spelling that is also a common word needs that, or a word
    before it that makes it the entity (_context_says); a spelling of several entities takes the
    highest in FILE_PRIORITY; a surname of two people gets no id."""
    confirmed = set()
    for match in matches:
        clear = [r for r in match.rows if not r.ambiguous]
        if len({r.id for r in clear}) == 1:
            confirmed.add(clear[0].id)
    settled = []
    for match in matches:
        chosen = [r for r in match.rows if r.id in confirmed]
        if len({r.id for r in chosen}) == 1:
            settled.append((match, chosen[0]))
            continue
        rows = [r for r in match.rows if not r.also_a_word or _context_says(r, match, pieces)]
        if not rows:
            continue  # قطر the diameter, جده the grandmother: nothing in the document says otherwise
        if all("surname" in r.tags for r in rows) and len({r.id for r in rows}) > 1:
            settled.append((match, None))  # a person, but which one the document does not say
            continue
        if len({r.type for r in rows}) == 1:
            settled.append((match, min(rows, key=lambda r: FILE_PRIORITY.get(r.file, 9))))
    return settled


#: Words before an organization name that make it one (به نقل از اسپوتنیک, نقلا عن سبوتنيك).
REPORTING = frozenset(fold(w) for w in "از گزارش خبرگزاری شبکه روزنامه عن لوكالة وكالة قناة صحيفة وفقا قالت ذكرت أفادت".split())


def _context_says(row: Name, match: Match, pieces: Pieces) -> bool:
    """Does the word before a spelling that is also a common word make it the
    entity? A preposition before a place (در قطر, في قطر), a reporting word
    before an organization (به نقل از اسپوتنیک)."""
    first = match.first
    before = pieces.words[first - 1] if first > 0 else ""
    return (row.type == "LOC" and before in LOCATIVE) or (row.type == "ORG" and before in REPORTING)


def find_entities(text: str, lang: str | None = None, gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """Entity spans of ``text``: ``start``, ``end``, ``text``, ``label``, ``id``,
    ``name`` (the English label, when known) and ``source``."""
    gazetteer = gazetteer or load()
    pieces = Pieces(text)  # cut and folded once: the matcher and the rules share them
    spans: list[dict[str, Any]] = []
    covered: dict[int, dict[str, Any]] = {}  # piece index -> the span covering it
    matches = find_in(pieces, gazetteer, lang if lang in ("fa", "ar") else None)
    for match, row in _settle(matches, pieces):
        if row is not None and row.ambiguous and _in_a_date(pieces, match):
            continue  # مهر in "۴ مهر" or "مهر ماه" is the month, even in a text that names the agency
        if _time_zone(pieces, match):
            continue  # بتوقيت غرينتش, به وقت تهران: a clock, not the place
        label = row.type if row else match.rows[0].type
        span = {
            "start": match.start,
            "end": match.end,
            "text": text[match.start : match.end],
            "label": label,
            "id": row.id if row else None,
            "name": row.label if row else None,
            "source": "gazetteer",
        }
        spans.append(span)
        for index in range(match.first, match.last + 1):
            covered[index] = span
    spans.extend(_rule_spans(text, pieces, covered, lang, gazetteer))
    spans.extend(_photo_credits(text, spans))
    spans.sort(key=lambda s: s["start"])
    return spans


_DATE_NEIGHBOURS = frozenset(fold(w) for w in ("ماه", "سال", "شهر", "عام", "سنه"))


_TIME_ZONE_WORDS = frozenset(fold(w) for w in ("بتوقيت", "توقيت", "وقت"))


def _time_zone(pieces: Pieces, match: Match) -> bool:
    first = match.first
    return first > 0 and pieces.words[first - 1] in _TIME_ZONE_WORDS


def _in_a_date(pieces: Pieces, match: Match) -> bool:
    """Is an ambiguous name standing where a month name would (a number or ماه next to it)?"""
    words, first, last = pieces.words, match.first, match.last
    before = words[first - 1] if first > 0 else ""
    after = words[last + 1] if last + 1 < len(words) else ""
    return before.isdigit() or after.isdigit() or after in _DATE_NEIGHBOURS or before in _DATE_NEIGHBOURS


#: A photographer after an agency in a credit line: "Reuters/C. Barria", "AFP/John Smith".
_CREDITED = re.compile(r"[ ]?/[ ]?((?:[A-Z]\.[ ]?)+[A-Z][a-zA-Z'-]+|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b")


def _photo_credits(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for span in spans:
        if span["label"] != "ORG":
            continue
        match = _CREDITED.match(text, span["end"])
        if match:
            start, end = match.span(1)
            out.append({"start": start, "end": end, "text": text[start:end], "label": "PER", "id": None,
                        "name": None, "source": "rule"})
    return out


def _heads(lang: str | None) -> frozenset[str]:
    if lang in ("fa", "ar"):
        return rules.ORG_HEADS_FA if lang == "fa" else rules.ORG_HEADS_AR
    return rules.ORG_HEADS_FA | rules.ORG_HEADS_AR


def _triggers(gazetteer: Gazetteer, lang: str | None) -> frozenset[str]:
    """The words a rule can start at (head nouns, first words of titles, given
    names), once per gazetteer and kind of language."""
    kind = lang if lang in ("fa", "ar") else None
    key = ("triggers", kind)
    if key not in gazetteer.derived:
        gazetteer.derived[key] = _heads(kind) | _titles().keys() | _given_names(gazetteer)
    return gazetteer.derived[key]


def _rule_spans(text: str, pieces: Pieces, covered: dict[int, dict[str, Any]], lang: str | None,
                gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Rule spans on the pieces no span in ``covered`` (piece index -> span)
    holds; ``covered`` gets theirs too."""
    given = _given_names(gazetteer)
    titles = _titles()
    common = _common_persian() if lang == "fa" else frozenset()
    heads = _heads(lang)
    triggers = _triggers(gazetteer, lang)
    words, bounds, joined = pieces.words, pieces.bounds, pieces.joined
    count = len(words)
    out: list[dict[str, Any]] = []

    def free(index: int) -> bool:
        return 0 <= index < count and index not in covered

    def person_word(index: int, surname: bool = True) -> bool:
        """Could piece ``index`` be part of a name? A surname must also not be a
        common Persian word (given names are: علی, مریم, ریچارد)."""
        if not free(index):
            return False
        w = words[index]
        return rules.name_like(w) and w not in heads and w not in titles and not (surname and w in common)

    def add(first: int, last: int, label: str, span_id=None, name=None) -> None:
        start, end = bounds[2 * first], bounds[2 * last + 1]
        span = {"start": start, "end": end, "text": text[start:end], "label": label, "id": span_id, "name": name,
                "source": "rule"}
        out.append(span)
        for index in range(first, last + 1):
            covered[index] = span

    resume = 0  # the first piece after the last rule span
    for index in [i for i, w in enumerate(words) if w in triggers]:
        if index < resume or index in covered:
            continue
        w = words[index]
        # 1. an organization's head noun and its name
        if w in heads and joined(index):
            nxt = covered.get(index + 1)
            if nxt is not None and nxt["label"] in ("ORG", "LOC") and nxt["start"] == bounds[2 * index + 2]:
                merged_id = nxt["id"] if nxt["label"] == "ORG" else None
                merged_name = nxt["name"] if nxt["label"] == "ORG" else None
                last = _piece_at(bounds, nxt["end"] - 1)
                _replace(nxt, text, bounds[2 * index], nxt["end"], "ORG", merged_id, merged_name)
                for i in range(index, last + 1):
                    covered[i] = nxt
                resume = last + 1
                continue
            if lang == "fa" and w in rules.ORG_HEADS_FA_FREE:
                last = index
                while (last - index < 3 and joined(last) and free(last + 1)
                       and rules.name_like(words[last + 1]) and words[last + 1] not in heads
                       and (words[last + 1] not in common or words[last + 1] in rules.ORG_WORDS_FA)):
                    last += 1
                if last > index:
                    add(index, last, "ORG")
                    resume = last + 1
                    continue
            if lang != "fa":
                last = index
                while last - index < 4 and joined(last) and free(last + 1) and words[last + 1].startswith("ال") \
                        and words[last + 1] not in rules.STOP:
                    last += 1
                if last > index:
                    add(index, last, "ORG")
                    resume = last + 1
                    continue
        # 2. a title, its adjectives, then a name
        phrase = _title_at(pieces, index, titles)
        if phrase:
            after = index + phrase
            while after < count and joined(after - 1) and (
                words[after] in rules.TITLE_FILLERS or rules.is_adjective(words[after])
            ):
                after += 1
            if joined(after - 1) and person_word(after, surname=False) and joined(after) and person_word(after + 1):
                last = after + 1
                if joined(last) and person_word(last + 1) and words[after + 1] in given:
                    last += 1
                add(after, last, "PER")
                resume = last + 1
                continue
        # 3. a given name and a family name
        if w in given and joined(index) and person_word(index + 1):
            last = index + 1
            if joined(last) and person_word(last + 1) and (words[last] in given or words[last] in ("بن", "ابن", "بنت")):
                last += 1
            add(index, last, "PER")
            resume = last + 1
    return out


def _piece_at(bounds: list[int], offset: int) -> int:
    """The index of the last piece starting at or before ``offset``."""
    low, high = 0, len(bounds) // 2 - 1
    while low < high:
        middle = (low + high + 1) // 2
        if bounds[2 * middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _title_at(pieces: Pieces, index: int, titles) -> int:
    """The number of pieces of the title phrase starting at ``index`` (0: none)."""
    words = pieces.words
    for phrase in titles.get(words[index], ()):
        end = index + len(phrase)
        if end > len(words):
            continue
        if all(words[index + k] == phrase[k] for k in range(len(phrase))) and all(
            pieces.joined(index + k) for k in range(len(phrase) - 1)
        ):
            return len(phrase)
    return 0


def _replace(span, text, start, end, label, span_id, name) -> None:
    span.update({"start": start, "end": end, "text": text[start:end], "label": label, "id": span_id, "name": name,
                 "source": "gazetteer+rule" if span_id else "rule"})
