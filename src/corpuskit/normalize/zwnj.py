"""Persian ZWNJ (U+200C, zero-width non-joiner) repair, on hazm's lexicons.

Two entry points, both pure, idempotent and total (they never raise):

- ``split_glued(word)`` puts the ZWNJs a careful writer would put inside one
  word typed without them: ``بیانیهای`` → ``بیانیه‌ای``, ``میشود`` → ``می‌شود``;
- ``join_spaced(words)`` says which spaces of a run of words stand for a ZWNJ:
  ``می رسد`` → ``می‌رسد``, ``زمین لرزه ای`` → ``زمین‌لرزه‌ای``;

and ``repair_runs(runs)``, what the normalizer calls: both on all the runs of
space-separated words of a text at once (``join_spaced`` on each run, then
``split_glued`` on each word), looking up each word once in a cache of
one-character codes (``_Mode.codes``) and deciding further only the gaps whose
codes allow a join (``_MAY_JOIN_AT``: after می/نمی/بی or the first part of a
compound, before a suffix, a clitic or the second part of a compound).

The writer's convention (``repair_runs``). The repairs of a suffix or clitic
(``ها``، ``های``، ``ای``، ``تر``...), of ``می``/``نمی`` + a verb and of a
perfect are mandatory: made in any text. Those of the parts of a compound
(rules 2 and 6 below, a compound as the base of a suffix, and the joins of
compounds and of ``بی``) are optional: careful writers spell ``ایالات متحده``,
``کشتیرانی`` either way, so a text whose writer uses ZWNJs (at least 3, and at
least 10 times as many as the mandatory repairs add) keeps its compounds as
written; a text without ZWNJs, or whose writer forgets many, gets them all.

How a glued word is read (``_reading``), first answer wins. "Curated" means a
``words.dat`` entry with a part of speech or a frequency; the other ~158k
entries (tagged ``0``) only show that a spelling is in use.

1. a ``words.dat`` word as it stands, when curated or when the dictionary also
   lists it with ZWNJ (``میدان``, ``تنها``, ``بیشتر``, ``خوشحال`` beside
   ``خوش‌حال``): kept, the writer's spelling is a dictionary spelling;
2. a curated ``words.dat`` compound written with ZWNJ (``سه‌شنبه``,
   ``بین‌المللی``), except ``X‌ترین`` when ``Xتر`` is a word (``بیشترین``);
3. ``آنها``/``اینها``: kept (both spellings are standard; PerDT glues them);
4. a verb: ``[بر|در|باز|فرا|فرو|وا|ور] + [ن]می + stem + ending`` (``نمیدانم``,
   ``برمیگردد``, ``میکردهاند``) with the stems of ``verbs.dat``, of the
   infinitives of ``words.dat`` and their causatives — unless the word is a
   curated word + ی (``میلادی``); or a perfect ``[preverb][ن]past + ه +
   ام|ای|ایم|اید|اند`` (``نکردهاند``) — unless it is a noun + ``های``
   (``نهادهای``); a verb without می (``بیاید``, ``نکردند``) is kept;
5. a base and a suffix: ``ها های هایی هایم ...``, ``تر تری ترین`` (``تر``/``تری``
   after adjectives only), ``ای ام ات اش ایم اید اند`` after ``ه``/``ی``, and
   ``مان تان شان`` after ``ه``. Every cut competes, cuts that need no ZWNJ
   too (``دنیا + ی``, ``کتاب + م``): the curated base wins over a listed one,
   over an unknown one (an unknown base takes only ``ها``); then ی after a
   vowel (``جویا + ی``); then the more frequent base;
6. a listed (uncurated) compound of ``words.dat``.

A word that already has ZWNJs keeps them; when they disagree with the reading
of the whole word, each piece between them is read on its own.

``join_spaced`` joins the space before ``ها``-suffixes and ``ترین`` after any
word but a function word (``تر``/``تری`` after adjectives), before a clitic
after a word in ``ه``/``ی`` (``اند`` after any word), after ``می``/``نمی``
followed by a verb form, and between the parts of a curated ``words.dat``
compound, inflected or not (``سرمایه گذاران``), or ``بی`` + a noun or
adjective — but never after a function word or before one (``به طور``,
``این که``, ``وقتی که``), never before a participle or a past verb (``مطرح
شده است``, ``انجام گرفته بود``: these are verbs, not compounds), and never
after a letter that does not join (``بندر ها``).

Neither function ever puts a ZWNJ at the start or end of a word or after a
non-joining letter, and neither removes or changes a character.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from corpuskit.normalize.hazm_data import data_file

ZWNJ = "\u200c"

#: Arabic-script letters (same ranges as rules.LETTER).
_LETTER_RANGES = (
    (0x0620, 0x064A), (0x066E, 0x066F), (0x0671, 0x06D3), (0x06D5, 0x06D5), (0x06EE, 0x06EF),
    (0x06FA, 0x06FC), (0x06FF, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08C9),
)  # fmt: skip
_LETTERS = frozenset(chr(c) for start, end in _LETTER_RANGES for c in range(start, end + 1))
#: Letters that do not join the next one: a ZWNJ after them is invisible (same as rules.NON_JOINING).
_NON_JOINING_RANGES = (
    (0x0621, 0x0625), (0x0627, 0x0627), (0x0629, 0x0629), (0x062F, 0x0632), (0x0648, 0x0648),
    (0x0671, 0x0677), (0x0688, 0x0699), (0x06C0, 0x06C0), (0x06C3, 0x06CB), (0x06CD, 0x06CD),
    (0x06CF, 0x06CF), (0x06D2, 0x06D3), (0x06D5, 0x06D5), (0x06EE, 0x06EF),
)  # fmt: skip
_NON_JOINING = frozenset(chr(c) for start, end in _NON_JOINING_RANGES for c in range(start, end + 1))
_JOINING = _LETTERS - _NON_JOINING
#: Deletes letters and ZWNJ: what is left of a word is what makes it no word.
_NOT_WORD = dict.fromkeys(map(ord, _LETTERS | {ZWNJ}))
#: Lookup key: one character for one, Arabic yeh/kaf as Persian.
_KEY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه"})

_PLURAL = ("ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "هاست", "هایند")
_COMPARATIVE = ("تر", "تری", "ترین", "ترها", "ترهای", "ترینها", "ترینهای")
#: Clitics written with ZWNJ after a final ه or ی (``خانه‌ای``, ``رفته‌اند``).
_CLITICS = ("ای", "ام", "ات", "اش", "ایم", "اید", "اند", "امان", "اتان", "اشان")
#: Endings written glued (they compete with the ZWNJ suffixes: ``دنیای`` is ``دنیا + ی``).
_GLUED = ("ی", "م", "ت", "ش", "مان", "تان", "شان", "یم", "ید", "ند", "ان", "یان", "ات", "ین")
#: Endings a compound takes without a ZWNJ (سرمایه‌گذاری، اصلاح‌طلبان).
_DERIVATIONS = ("ی", "ان", "انی", "ها", "های", "هایی", "ای")
#: Personal endings of the present and the past.
_PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند")
_PERFECT_CLITICS = ("ام", "ای", "ایم", "اید", "اند")
#: Preverbs written glued before می (they end in a non-joining letter).
_PREVERBS = ("", "بر", "در", "باز", "فرا", "فرو", "وا", "ور")
#: Present stems used bare after می (impersonal: ``می‌توان``, ``نمی‌توان``).
_BARE_PRESENT = frozenset({"توان"})
#: Plural pronouns commonly written glued; left as typed.
_GLUED_PRONOUNS = frozenset({"آنها", "اینها", "آنهایی", "اینهایی"})
#: Persian function words (prepositions, conjunctions, determiners, pronouns):
#: no ZWNJ compound starts or ends with one (به طور، این که، هیچ یک، وقتی که،
#: تکیه بر), and no suffix is joined to one after a space (که ای).
_FUNCTION_WORDS = frozenset(
    "و یا که تا را از به با در بر برای نیز هم اگر چون چه زیرا ولی اما پس "
    "این آن همین همان چنین چنان هیچ یک هر چند کدام همه خود او ما شما ایشان "
    "وقتی هنگامی زمانی جایی چنانچه نه است بود".split()
)
#: Prefixes that do start compounds (بی‌نظیر، هم‌میهن).
_PREFIXES = frozenset({"بی", "هم"})
#: Function words that take ها (آن‌ها، این‌ها).
_PLURAL_PRONOUNS = frozenset({"آن", "این"})
#: Pronoun clitics written with ZWNJ after a final ه (``علاقه‌تان``).
_PRONOUN_CLITICS = ("مان", "تان", "شان")
#: Words that can end a join whatever precedes them (``_join_reason``).
_TAILS = frozenset(_PLURAL + _COMPARATIVE + _CLITICS + _PRONOUN_CLITICS)
#: The longest suffix ``_suffixed`` can cut off.
_LONGEST_SUFFIX = max(map(len, _PLURAL + _COMPARATIVE + _CLITICS + _PRONOUN_CLITICS + _GLUED))


class _Lexicon:
    """hazm's ``words.dat`` and ``verbs.dat``, read once into plain dicts."""

    def __init__(self, words_path: Path | None, verbs_path: Path | None) -> None:
        #: ZWNJ-less word -> (frequency, curated): curated = it has a part of speech.
        self.words: dict[str, tuple[int, bool]] = {}
        self.pos: dict[str, frozenset[str]] = {}
        #: ZWNJ-less spelling -> (ZWNJ positions, frequency, curated) of words written with ZWNJ.
        self.compounds: dict[str, tuple[tuple[int, ...], int, bool]] = {}
        self.past: set[str] = set()
        self.present: set[str] = set()
        self.any_past: set[str] = set()
        self.any_present: set[str] = set()
        if words_path is not None:
            self._read_words(words_path)
        if verbs_path is not None:
            self._read_verbs(verbs_path)
        self._derive_stems()
        #: The first and second parts of the curated two-part compounds
        #: (``_compound_pair``): the only words a compound starts or ends with.
        pairs = [(bare[: positions[0]], bare[positions[0] :])
                 for bare, (positions, _, curated) in self.compounds.items() if curated and len(positions) == 1]
        self.heads: frozenset[str] = frozenset(head for head, _ in pairs) - (_FUNCTION_WORDS - _PREFIXES)
        self.rests: frozenset[str] = frozenset(rest for _, rest in pairs)  # fmt: skip

    def _read_words(self, path: Path) -> None:
        words, pos, compounds = self.words, self.pos, self.compounds
        for line in path.read_text(encoding="utf-8").translate(_KEY).splitlines():
            word, _, rest = line.partition("\t")
            freq_text, _, tag_text = rest.partition("\t")
            word = word.strip()
            if not word:
                continue
            freq = int(freq_text) if freq_text.isdigit() else 0
            tags = frozenset(tag_text.split(",")) - {"0", ""} if tag_text and tag_text != "0" else frozenset()
            curated = bool(tags) or freq > 0
            if ZWNJ in word:
                bare, positions = _strip(word)
                old = compounds.get(bare)
                if old is None or (curated, freq) > (old[2], old[1]):
                    compounds[bare] = (positions, freq, curated)
                continue
            old_word = words.get(word)
            if old_word is None or (curated, freq) > (old_word[1], old_word[0]):
                words[word] = (freq, curated)
            if tags:
                pos[word] = pos.get(word, frozenset()) | tags

    def _read_verbs(self, path: Path) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            past, _, present = line.partition("#")
            past, present = past.strip().translate(_KEY), present.strip().translate(_KEY)
            if past:
                self.past.add(past)
            if present:
                self.present.add(present)

    def _derive_stems(self) -> None:
        """Stems verbs.dat does not list, for forms after می and for perfects only:
        those of the infinitives of words.dat (چریدن: چرید/چر, رنجاندن: رنجاند/رنجان)
        and the causatives of verbs.dat's verbs (نوشان، نوشاند)."""
        self.any_present = set(self.present)
        self.any_past = set(self.past)
        for present in self.present:
            if len(present) >= 2 and present[-1] not in "اوآ":
                self.any_present.add(present + "ان")
                self.any_past.update((present + "اند", present + "انید"))
        for word, (_, curated) in self.words.items():
            if not curated or len(word) < 4 or word[-1] != "ن" or word[-2] not in "دت":
                continue
            past = word[:-1]
            self.any_past.add(past)
            if past.endswith("ید") and len(past) >= 4:
                self.any_present.add(past[:-2])  # چرید → چر
            elif past.endswith("اند") and len(past) >= 5:
                self.any_present.add(past[:-1])  # رنجاند → رنجان

    def rank(self, word: str) -> tuple[int, float]:
        """How good a dictionary word ``word`` (ZWNJ-less key) is: (2 curated,
        1 listed, 0 unknown; log frequency). Compounds count with their ZWNJ form."""
        entry = self.words.get(word)
        compound = self.compounds.get(word)
        best = (0, 0.0)
        if entry is not None:
            best = (2 if entry[1] else 1, math.log10(entry[0] + 1))
        if compound is not None:
            best = max(best, (2 if compound[2] else 1, math.log10(compound[1] + 1)))
        return best


@functools.cache
def _lexicon() -> _Lexicon:
    words, verbs = data_file("words.dat"), data_file("verbs.dat")
    for path in (words, verbs):
        if not path.is_file():
            raise RuntimeError(f"hazm's lexicon {path} is missing (reinstall hazm>=0.12)")
    from corpuskit.disk_cache import load_or_build

    # Parsing the two files is most of the normalize stage's set-up; a later
    # process (or worker) reads the parsed dicts back from the disk cache.
    return load_or_build("hazm-lexicon", lambda: _Lexicon(words, verbs), sources=[words, verbs, __file__])


def load() -> None:
    """Load the lexicons now (a stage's setup) rather than on the first word."""
    _lexicon()


def _strip(word: str) -> tuple[str, tuple[int, ...]]:
    """``word`` without ZWNJs, and the indices (into that) of the letters a ZWNJ preceded."""
    bare: list[str] = []
    positions: list[int] = []
    for char in word:
        if char == ZWNJ:
            if bare and (not positions or positions[-1] != len(bare)):
                positions.append(len(bare))
        else:
            bare.append(char)
    return "".join(bare), tuple(p for p in positions if p < len(bare))


# -- verbs ---------------------------------------------------------------------------


def _verb_rest(rest: str, lex: _Lexicon) -> tuple[int, ...] | None:
    """ZWNJ positions inside ``rest`` if it is a verb form that can follow ``می``
    (present stem + ending, past stem + ending, participle [+ clitic]); else None."""
    for ending in _PRESENT_ENDINGS:
        if rest.endswith(ending) and len(rest) > len(ending):
            stem = rest[: len(rest) - len(ending)]
            if stem in lex.any_present:
                return ()
            if stem.endswith("ی") and stem[:-1] in lex.present and stem[-2:-1] in ("ا", "و", "آ"):
                return ()  # گوید، آیند، فرماید
    if rest in _BARE_PRESENT:
        return ()
    for ending in _PAST_ENDINGS:
        if rest.endswith(ending) and len(rest) > len(ending):
            if rest[: len(rest) - len(ending)] in lex.any_past:
                return ()
    return _perfect(rest, lex, negation=False)


def _perfect(word: str, lex: _Lexicon, negation: bool = True) -> tuple[int, ...] | None:
    """``[ن]past + ه [+ clitic]``: () for a bare participle, (ZWNJ position,) with a clitic."""
    for clitic in ("",) + _PERFECT_CLITICS:
        if not word.endswith(clitic):
            continue
        participle = word[: len(word) - len(clitic)]
        if not participle.endswith("ه") or len(participle) < 3:
            continue
        stem = participle[:-1]
        if clitic:  # a perfect: any stem, after a preverb too (بازگرفته‌اند)
            for preverb in _PREVERBS:
                if stem.startswith(preverb):
                    inner = stem[len(preverb) :]
                    if inner in lex.any_past or (negation and inner[:1] == "ن" and inner[1:] in lex.any_past):
                        return (len(participle),)
        elif stem in lex.past or (negation and stem[:1] == "ن" and stem[1:] in lex.past):
            return ()
    return None


def _verb(word: str, lex: _Lexicon) -> tuple[int, ...] | None:
    """ZWNJ positions of a ``می`` verb (``نمیدانم`` → (3,)), or None."""
    for preverb in _PREVERBS:
        if not word.startswith(preverb):
            continue
        after = word[len(preverb) :]
        for prefix in ("نمی", "می"):
            if after.startswith(prefix) and len(after) > len(prefix) + 1:
                inner = _verb_rest(after[len(prefix) :], lex)
                if inner is not None:
                    start = len(preverb) + len(prefix)
                    return (start,) + tuple(start + p for p in inner)
    return None


def _plain_verb(word: str, lex: _Lexicon) -> bool:
    """A verb without می: ``[ب|ن]present + ending`` (بیاید، نیاید) or ``[ن]past + ending``."""
    for ending in _PRESENT_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: len(word) - len(ending)]
            if stem[:1] in ("ب", "ن"):
                inner = stem[1:]
                if inner in lex.present or (inner[:2] == "یا" and "آ" + inner[2:] in lex.present):
                    return True
                if inner.endswith("ی") and (inner[:-1] in lex.present or "آ" + inner[2:-1] in lex.present):
                    return True  # بیاید: ب + آ(ی) + د
    for ending in _PAST_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            stem = word[: len(word) - len(ending)]
            if stem in lex.past or (stem[:1] == "ن" and stem[1:] in lex.past):
                return True
    return False


def _is_participle(word: str, lex: _Lexicon) -> bool:
    return _perfect(word, lex) == ()


def _is_finite_verb(word: str, lex: _Lexicon) -> bool:
    """A past-stem verb (شد، کردند), an infinitive (شدن), with ن or می, or any می verb."""
    if _verb(word, lex) is not None:
        return True
    for stem in (word, word[1:] if word[:1] in ("ن", "ب") else ""):
        for ending in _PAST_ENDINGS + ("ن",):
            if stem.endswith(ending) and len(stem) > len(ending) and stem[: len(stem) - len(ending)] in lex.past:
                return True
    return False


# -- glued words ---------------------------------------------------------------------


def _base(word: str, lex: _Lexicon, optional: bool = True) -> tuple[tuple[int, float], tuple[int, ...]] | None:
    """A word that can carry a suffix: its rank and its own ZWNJ positions (a
    compound's only when ``optional``)."""
    compound = lex.compounds.get(word)
    entry = lex.words.get(word)
    if compound is not None and entry is None:
        return lex.rank(word), compound[0] if optional else ()
    if entry is not None:
        return lex.rank(word), ()
    if _is_participle(word, lex):
        return (2, 0.0), ()
    verb = _verb(word, lex)
    if verb is not None:
        return (2, 0.0), verb
    return None


def _lexicalised_comparative(word: str, positions: tuple[int, ...], lex: _Lexicon) -> bool:
    """``بیش‌ترین`` in the lexicon, but ``بیشتر`` is a word: write ``بیشترین``."""
    if not positions:
        return False
    cut = positions[-1]
    return word[cut:] in _COMPARATIVE and lex.rank(word[:cut] + "تر")[0] == 2


def _suffixed(word: str, lex: _Lexicon, optional: bool = True) -> tuple[int, ...] | None:
    """The best cut of ``word`` into a base and a suffix; its ZWNJ positions."""
    best: tuple[tuple[int, bool, float], tuple[int, ...]] | None = None
    n = len(word)
    # Only cuts that leave a known suffix (at most _LONGEST_SUFFIX letters) can
    # count: trying every cut of a long word would copy it once per letter.
    for cut in range(max(2, n - _LONGEST_SUFFIX), n):
        base, suffix = word[:cut], word[cut:]
        after_vowel = base[-1] in ("ه", "ی")
        zwnj_suffix = (
            suffix in _PLURAL
            or suffix in _COMPARATIVE
            or suffix in _CLITICS
            or (suffix in _PRONOUN_CLITICS and base[-1] == "ه")
        )
        if not zwnj_suffix and suffix not in _GLUED:
            continue
        if suffix in _CLITICS and suffix not in _GLUED and not after_vowel:
            continue
        found = _base(base, lex, optional)
        if found is None:
            if suffix in _PLURAL and cut >= 3:
                found = ((0, 0.0), ())  # an unknown noun + ها: still a plural
            else:
                continue
        rank, positions = found
        if suffix in _COMPARATIVE:
            if suffix.startswith("ترین"):
                if cut < 3 or base in _FUNCTION_WORDS:
                    continue  # ویترین
            elif not lex.pos.get(base, frozenset()) & {"AJ", "ADV"}:
                continue  # ارکستر is not ارکس + تر
            if lex.rank(base + "تر")[0] == 2:
                zwnj_suffix = False  # بیشترین، بهترین: the comparative is a word
        if suffix in _PLURAL and lex.rank(base + "ها")[0] == 2:
            zwnj_suffix = False  # تنهایی
        glued = suffix in _GLUED and not (
            (suffix in _CLITICS and after_vowel) or (suffix in _PRONOUN_CLITICS and base[-1] == "ه")
        )
        if glued:
            zwnj_suffix = False
        cut_positions = positions + ((cut,) if zwnj_suffix else ())
        # the better dictionary base wins; between bases equally good, ی after a
        # vowel (جویا + ی, رها + یم), then the more frequent base
        glide = not zwnj_suffix and base[-1] in ("ا", "و") and suffix[0] == "ی"
        score = (rank[0], glide, rank[1])
        if best is None or score > best[0]:
            best = (score, cut_positions)
    return None if best is None else best[1]


def _analyse(word: str, optional: bool = True) -> tuple[int, ...]:
    """ZWNJ positions for a ZWNJ-less lookup key (see the module docstring)."""
    return _reading(word, optional)[0]


def _reading(word: str, optional: bool = True) -> tuple[tuple[int, ...], str]:
    """ZWNJ positions for a ZWNJ-less lookup key, and the rule that chose them.
    Not ``optional``: a compound of the dictionary is kept as written, whole or
    as the base of a suffix (the writer's convention, ``repair_runs``)."""
    if len(word) < 3:
        return (), "short"
    lex = _lexicon()
    entry = lex.words.get(word)
    compound = lex.compounds.get(word)
    if entry is not None and (entry[1] or compound is not None):
        return (), "word"  # a spelling of the dictionary (خوشحال beside خوش‌حال)
    if compound is not None and compound[2] and not _lexicalised_comparative(word, compound[0], lex):
        return (compound[0], "compound") if optional else ((), "compound as written")
    if word in _GLUED_PRONOUNS:
        return (), "pronoun"
    verb = _verb(word, lex)
    if verb is not None:
        glued_entry = lex.words.get(word[:-1])
        if word[-1] == "ی" and glued_entry is not None and glued_entry[1]:
            return (), "word"  # میلادی, میدانی: a dictionary word and a glued ی
        return verb, "verb"
    perfect = _perfect(word, lex)
    if perfect is not None and not (word.endswith("های") and "N" in lex.pos.get(word[:-3], ())):
        return perfect, "perfect"  # but نهادهای is نهاد + های, not نهاده + ای
    if _plain_verb(word, lex):
        return (), "verb"
    suffixed = _suffixed(word, lex, optional)
    if suffixed is not None:
        whole = lex.rank(word)
        if whole[0] == 0 or suffixed:
            return suffixed, "suffix"
    if compound is not None:
        return (compound[0], "weak compound") if optional else ((), "compound as written")
    return (), "unknown"


def _allowed(bare: str, position: int) -> bool:
    return 0 < position < len(bare) and bare[position - 1] in _JOINING and bare[position] in _LETTERS


def _split_once(word: str, optional: bool) -> str:
    bare, existing = _strip(word)
    key = bare.translate(_KEY)
    positions = set(_analyse(key, optional))
    if existing and not positions >= set(existing):
        # the writer's ZWNJs disagree with the whole-word reading: read each piece
        positions = set()
        bounds = (0,) + existing + (len(bare),)
        for start, end in zip(bounds, bounds[1:]):
            positions.update(start + p for p in _analyse(key[start:end], optional))
    add = {p for p in positions if _allowed(bare, p)} - set(existing)
    if not add:
        return word
    out: list[str] = []
    index = 0
    for char in word:
        if char != ZWNJ:
            if index in add and (not out or out[-1] != ZWNJ):
                out.append(ZWNJ)
            index += 1
        out.append(char)
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def split_glued(word: str) -> str:
    """Given one Persian word (Arabic-script letters only, may already contain
    ZWNJs), return it with the ZWNJs a careful writer would put (``بیانیهای`` →
    ``بیانیه‌ای``, ``نکردهاند`` → ``نکرده‌اند``, ``میشود`` → ``می‌شود``).
    Unchanged when no split is justified. Only inserts ZWNJs, never after a
    non-joining letter, never at the start or end; idempotent; never raises."""
    return _split(word, optional=True)


@functools.lru_cache(maxsize=1 << 16)
def _split_mandatory(word: str) -> str:
    """``split_glued`` without the optional splits: a glued compound of the
    dictionary stays glued (``کشتیرانی``; ``سرمایه‌گذاریها`` → ``سرمایه‌گذاری‌ها``
    but ``سرمایهگذاریها`` → ``سرمایهگذاری‌ها``)."""
    return _split(word, optional=False)


def _split(word: str, optional: bool) -> str:
    if not isinstance(word, str) or len(word) < 3:
        return word
    result = word
    for _ in range(4):  # a fixpoint, so that split_glued(split_glued(w)) == split_glued(w)
        try:
            new = _split_once(result, optional)
        except Exception:  # pragma: no cover - a bug must not stop a corpus run
            return result
        if new == result:
            break
        result = new
    return result


# -- spaced words --------------------------------------------------------------------


def _host(word: str) -> bool:
    """A word that a suffix can follow after a space (not a function word)."""
    return word in _PLURAL_PRONOUNS or word not in _FUNCTION_WORDS


@functools.lru_cache(maxsize=1 << 16)
def _join(before: str, after: str) -> bool:
    """Whether the space between ``before`` and ``after`` (ZWNJ-less keys) stands for a ZWNJ."""
    return bool(_join_reason(before, after))


@functools.lru_cache(maxsize=1 << 16)
def _join_mandatory(before: str, after: str) -> bool:
    """``_join`` without the optional joins (the parts of a compound)."""
    return bool(_join_reason(before, after, optional=False))


def _stems(after: str) -> list[str]:
    """The second part of a compound without its inflection (``_compound_pair``)."""
    stems = [after]
    for ending in _DERIVATIONS:
        if after.endswith(ending) and len(after) > len(ending) + 1:
            stems.append(after[: len(after) - len(ending)])
    for ending in ("گان", "گی"):
        if after.endswith(ending) and len(after) > len(ending) + 1:
            stems.append(after[: len(after) - len(ending)] + "ه")
    return stems


def _compound_pair(before: str, after: str, lex: _Lexicon) -> bool:
    """``before + ZWNJ + after`` is a curated compound of words.dat, or one with
    an inflection (ی، ان، ها...; ه → گان/گی), or بی + a dictionary word."""
    for stem in _stems(after):
        compound = lex.compounds.get(before + stem)
        if compound is not None and compound[2] and compound[0] == (len(before),):
            return True
        if before == "بی" and stem not in _FUNCTION_WORDS and stem not in _PREFIXES:
            entry = lex.words.get(stem)
            if entry is not None and entry[1] and lex.pos.get(stem, frozenset()) & {"N", "AJ"}:
                return True
    return False


def _join_reason(before: str, after: str, optional: bool = True) -> str:
    """Why the space between ``before`` and ``after`` is a ZWNJ ("" if it is
    not). Not ``optional``: never the parts of a compound (the writer's
    convention, ``repair_runs``)."""
    lex = _lexicon()
    if not before or not after:
        return ""
    # می / نمی + verb
    if before in ("می", "نمی") or (before.endswith("می") and before[:-2] in _PREVERBS and before[:-2]):
        return "mi" if _verb_rest(after, lex) is not None else ""
    # suffixes: ها and ترین are never words of their own; تر (wet) and ای (O!) can be
    if after in _PLURAL or after in _COMPARATIVE:
        if lex.rank(before + after)[0] == 2 and not lex.compounds.get(before + after):
            return ""  # a glued word (تنها), not base + suffix
        if not _host(before) or (after not in _PLURAL and before in _PLURAL_PRONOUNS):
            return ""
        if after in ("تر", "تری") and not (lex.pos.get(before, frozenset({"AJ"})) & {"AJ", "ADV"}):
            return ""
        return "plural" if after in _PLURAL else "comparative"
    if after in _CLITICS or after in _PRONOUN_CLITICS:
        if before[-1] not in ("ه", "ی") and after != "اند":
            return ""
        if after in _PERFECT_CLITICS and _is_participle(before, lex):
            return "perfect"
        if not _host(before) or before in _PLURAL_PRONOUNS or _is_participle(before, lex):
            return ""
        return "clitic"
    # compounds of the dictionary (also inflected: سرمایه گذاران، ستم دیدگان)
    if not optional or not _compound_pair(before, after, lex):
        return ""
    if (before in _FUNCTION_WORDS and before not in _PREFIXES) or after in _FUNCTION_WORDS:
        return ""  # به طور، این که، هیچ یک، وقتی که، تکیه بر: function words stay apart
    if _is_finite_verb(after, lex) or _is_participle(after, lex):
        return ""  # مطرح شده (است)، انجام گرفته (بود), واقع شدن: a verb phrase
    return "compound"


# What a word is to ``join_spaced``, in one character (``_join_code``): the
# bits of ``_join_reason``'s conditions on one word. A gap whose words do not
# have the bits of one of its reasons (``_MAY_JOIN_AT``) is no ZWNJ.
#: all Arabic-script letters (ZWNJs inside allowed): can follow a gap;
_FOLLOW = 1
#: can follow and ends in a joining letter: can precede a gap;
_PRECEDE = 2
#: can precede and is می or نمی, after a preverb too: joins a verb form;
_MI = 4
#: can precede and is بی: joins a noun or an adjective;
_BI = 8
#: can precede and may start a compound (``_Lexicon.heads``);
_HEAD = 16
#: can follow and is a suffix or clitic (``_TAILS``): may join whatever precedes;
_TAIL = 32
#: can follow and may end a compound after بی: not a function word;
_LOOSE = 64
#: and may end any compound: some stem of it is in ``_Lexicon.rests``, and it
#: is no verb (``مطرح شده``: a verb phrase, not a compound);
_SECOND = 128
#: the split of its mode changes it (only in ``_Mode.codes``, not ``_join_code``; the highest bit).
_SPLITS = 256
_CODES = range(512)  # a code is the character of that number (U+0000..U+01FF)


def _may_join(before: int, after: int) -> bool:
    """Whether ``_join_reason`` may join a gap between words of these bits."""
    return bool(
        (before & _MI and after & _FOLLOW)
        or (before & _PRECEDE and after & _TAIL)
        or (before & _BI and after & _LOOSE)
        or (before & _HEAD and after & _SECOND)
    )


#: ``_may_join`` of every two codes: ``_MAY_JOIN[ord(before) << 9 | ord(after)]``.
_MAY_JOIN = bytes(_may_join(before, after) for before in _CODES for after in _CODES)


def _code_class(bits: int) -> str:
    return "[" + "".join(re.escape(chr(c)) for c in _CODES if c & bits == bits) + "]"


#: Where a gap may join in a string of codes: each match is the code of the
#: word before the gap (the code after is looked ahead at: the next match can
#: start there).
_MAY_JOIN_AT = re.compile(
    "|".join(
        f"{_code_class(before)}(?={_code_class(after)})"
        for before, after in ((_MI, _FOLLOW), (_PRECEDE, _TAIL), (_BI, _LOOSE), (_HEAD, _SECOND))
    )
)
_START = operator.methodcaller("start")
#: می and نمی, after a preverb too (``_join_reason``).
_MI_WORDS = frozenset({"می", "نمی"} | {preverb + "می" for preverb in _PREVERBS if preverb})


def _word_code(word: str) -> str:
    """``word`` as ``join_spaced`` sees it: its bits, as one character."""
    if not word or word[0] not in _LETTERS or word.translate(_NOT_WORD):
        return "\x00"
    lex = _lexicon()
    bits = _FOLLOW
    key = _key(word)
    if key in _TAILS:
        bits |= _TAIL
    if key not in _FUNCTION_WORDS:
        bits |= _LOOSE
        if any(stem in lex.rests for stem in _stems(key)) and not (
            _is_finite_verb(key, lex) or _is_participle(key, lex)
        ):
            bits |= _SECOND
    if word[-1] in _JOINING:
        bits |= _PRECEDE
        if key in _MI_WORDS:
            bits |= _MI
        if key == "بی":
            bits |= _BI
        if key in lex.heads:
            bits |= _HEAD
    return chr(bits)


#: ``_word_code`` of the words joined so far (and of every word, in ``join_spaced``).
_join_code = functools.lru_cache(maxsize=1 << 16)(_word_code)
#: The bits of the mandatory joins: after می/نمی, before a suffix or clitic.
_MANDATORY_BITS = _FOLLOW | _PRECEDE | _MI | _TAIL | _SPLITS


@functools.lru_cache(maxsize=1 << 16)
def _join_code_mandatory(word: str) -> str:
    return chr(ord(_word_code(word)) & _MANDATORY_BITS)


def _key(word: str) -> str:
    """A word's lookup key: without ZWNJs, Arabic yeh and kaf as Persian."""
    return word.replace(ZWNJ, "").translate(_KEY)


@functools.lru_cache(maxsize=1 << 16)
def _joined(before: str, after: str) -> bool:
    """``_join`` for two words as written."""
    return _join(_key(before), _key(after))


@functools.lru_cache(maxsize=1 << 16)
def _joined_mandatory(before: str, after: str) -> bool:
    """``_join_mandatory`` for two words as written."""
    return _join_mandatory(_key(before), _key(after))


class _Codes(dict[str, str]):
    """word -> its code in a mode (``_join_code`` or ``_join_code_mandatory``,
    with the bit ``_SPLITS``): a cache that fills itself (``codes[word]``) and
    starts again when it has ``limit`` words."""

    limit = 1 << 17

    def __init__(self, split: Callable[[str], str], mask: int) -> None:
        super().__init__()
        self.split, self.mask = split, mask
        self.reset()

    def __missing__(self, word: str) -> str:
        bits = ord(_word_code(word)) & self.mask
        if len(word) >= 3 and self.split(word) != word:
            bits |= _SPLITS
        if len(self) >= self.limit:
            self.reset()
        self[word] = code = chr(bits)
        return code

    def reset(self) -> None:
        self.clear()
        self[_SEPARATOR] = "\x00"


#: Between two runs in ``repair_runs``: a word that joins nothing.
_SEPARATOR = "\x00"
#: In ``repair_runs``, what stands for a word joined to the one before it.
_GONE = "\x01"
#: A word that the mode's split changes.
_SPLITS_AT = re.compile(_code_class(_SPLITS))


class _Mode(NamedTuple):
    """The functions of one way of repairing: with the optional repairs (the
    parts of a compound joined or split by the lexicon) or without them."""

    split: Callable[[str], str]
    joined: Callable[[str, str], bool]
    join_code: Callable[[str], str]
    codes: _Codes


_ALL = _Mode(split_glued, _joined, _join_code, _Codes(split_glued, -1))
_MANDATORY = _Mode(
    _split_mandatory, _joined_mandatory, _join_code_mandatory, _Codes(_split_mandatory, _MANDATORY_BITS)
)


def _chains(
    words: list[str], codes: str, befores: Iterable[int], mode: _Mode = _ALL
) -> dict[int, tuple[int, str, int]]:
    """The words of ``join_spaced`` that are joined, as ``{first: (last, joined
    word, its code)}``, given ``codes`` (each word's code in ``mode``, with or
    without ``_SPLITS``) and the words whose gap to the word after
    ``_MAY_JOIN_AT`` lets through, in order.

    Gaps are decided left to right, a word joined to the one before it being
    offered as one word to the next (``زمین لرزه ای``); then the joined words
    are offered to their neighbours again, to a fixpoint (at most 4 rounds), so
    that re-feeding them joins nothing more. A gap is looked at again only when
    a word beside it changed: in the first round, the gaps ``_MAY_JOIN_AT``
    lets through; in the next ones, the gap before each word joined in the
    round before; in every round, the gap after a join."""
    n = len(words)
    may_join, _joined, _join_code = _MAY_JOIN, mode.joined, mode.join_code
    chains: dict[int, tuple[int, str, int]] = {}
    # the first round: each gap is between two words as written, or after a join
    done = 0  # the gaps before the words up to this one were looked at
    for first in befores:
        if first < done or not _joined(words[first], words[first + 1]):
            continue
        current = words[first] + ZWNJ + words[first + 1]
        code = ord(_join_code(current))
        start = first + 2
        while start < n and may_join[code << 9 | ord(codes[start])] and _joined(current, words[start]):
            current += ZWNJ + words[start]
            code = ord(_join_code(current))
            start += 1
        chains[first] = (start - 1, current, code)
        done = start
    changed = sorted(chains)
    for _ in range(3):  # the next rounds: the joined words offered to their neighbours
        if not changed:
            break
        ends = {chain[0]: first for first, chain in chains.items()}
        fresh, changed = changed, []
        done = 0
        for start in fresh:
            if start <= done:
                continue
            # the word (joined or not) before ``start``
            first = ends.get(start - 1)
            if first is not None:
                _, current, code = chains[first]
            else:
                first = start - 1
                code = ord(codes[first])
                if not may_join[code << 9 | chains[start][2]]:
                    continue  # the usual case: a word that joins no joined word
                current = words[first]
            extended = False
            while start < n:
                last, after, after_code = chains.get(start) or (start, words[start], ord(codes[start]))
                if not (may_join[code << 9 | after_code] and _joined(current, after)):
                    break
                chains.pop(start, None)
                current = current + ZWNJ + after
                code = ord(_join_code(current))
                chains[first] = (last, current, code)
                start = last + 1
                extended = True
            if extended:
                changed.append(first)
            done = start
    return chains


def join_spaced(words: list[str]) -> list[bool]:
    """Given a run of Persian words separated by single spaces, return for each
    of the ``len(words) - 1`` gaps whether the space should become a ZWNJ
    (``می رسد`` → ``می‌رسد``, ``کتاب ها`` → ``کتاب‌ها``). Never joins after a
    non-joining letter (``بندر ها``), nor a participle to the word before it
    (``مطرح شده است``, ``انجام گرفته بود``). Re-feeding the joined words joins
    nothing more; never raises."""
    try:
        words = [w if isinstance(w, str) else "" for w in words]
        gaps = [False] * max(len(words) - 1, 0)
        codes = "".join(map(_join_code, words))
        befores = list(map(_START, _MAY_JOIN_AT.finditer(codes)))
        for first, (last, _, _) in _chains(words, codes, befores).items() if befores else ():
            gaps[first:last] = [True] * (last - first)
        return gaps
    except Exception:  # pragma: no cover - a bug must not stop a corpus run
        return [False] * max(len(words) - 1, 0) if isinstance(words, list) else []


#: The writer's convention (``repair_runs``): a text whose writer put at least
#: this many ZWNJs, and at least ``_WRITER_RATIO`` times as many as the
#: mandatory repairs add, gets only the mandatory repairs.
_WRITER_ZWNJS = 3
_WRITER_RATIO = 10


def repair_runs(runs: list[str], optional: bool | None = None) -> list[str]:
    """The ZWNJ repair of the runs of Persian words separated by single spaces
    of a text (each word all Arabic-script letters and ZWNJs, as
    ``persian.WORD_RUN`` finds them): in each run, ``join_spaced``, then
    ``split_glued`` on each word (``می رسد کتابها`` → ``می‌رسد کتاب‌ها``).
    Returns ``runs`` itself when no run changes.

    The repairs are mandatory (a suffix or clitic: ``ها``، ``های``، ``ای``،
    ``تر``...; ``می``/``نمی`` + a verb; a perfect: ``نکرده‌اند``) or optional
    (the parts of a compound of the dictionary: ``ایالات متحده``,
    ``کشتیرانی``, which careful writers spell either way). ``optional``: make
    the optional ones or not; ``None`` (the writer's convention): not when the
    writer uses ZWNJs, that is when the text has at least ``_WRITER_ZWNJS``
    ZWNJs and at least ``_WRITER_RATIO`` times as many as the mandatory repairs
    add (a writer who forgets one ZWNJ in ten at most).

    All the runs of a text are done at once: their words, with ``_SEPARATOR``
    between runs, are looked up in one pass (``_Mode.codes``), and only the
    gaps that may join and the words to split are looked at further."""
    if not runs:
        return runs
    text = _RUN_SEPARATOR.join(runs)
    if optional is None:
        written = text.count(ZWNJ)
        if written >= _WRITER_ZWNJS:
            repaired = _repair(text, _MANDATORY)
            added = 0 if repaired is None else _RUN_SEPARATOR.join(repaired).count(ZWNJ) - written
            if written >= _WRITER_RATIO * added:
                return runs if repaired is None else repaired
        optional = True
    repaired = _repair(text, _ALL if optional else _MANDATORY)
    return runs if repaired is None else repaired


_RUN_SEPARATOR = f" {_SEPARATOR} "


def _repair(text: str, mode: _Mode) -> list[str] | None:
    """``repair_runs`` of the runs joined by ``_RUN_SEPARATOR``; None if none changes."""
    words = text.split(" ")
    try:
        codes = "".join(map(mode.codes.__getitem__, words))
        befores = list(map(_START, _MAY_JOIN_AT.finditer(codes)))
        splits = list(map(_START, _SPLITS_AT.finditer(codes)))
        if not befores and not splits:
            return None
        chains = _chains(words, codes, befores, mode) if befores else {}
        if not chains and not splits:
            return None
        split = mode.split
        for index in splits:
            words[index] = split(words[index])
        # a joined word in place of its first word, _GONE in place of the others
        for first, (last, joined, _) in chains.items():
            words[first] = split(joined)
            words[first + 1 : last + 1] = (_GONE,) * (last - first)
    except Exception:  # pragma: no cover - a bug must not stop a corpus run
        return [" ".join(map(mode.split, run.split(" "))) for run in text.split(_RUN_SEPARATOR)]
    return " ".join(words).replace(" " + _GONE, "").split(_RUN_SEPARATOR)


def repair_run(run: str, optional: bool | None = None) -> str:
    """``repair_runs`` for one run (a text of one run)."""
    return repair_runs([run], optional)[0]


def clear_caches() -> None:
    """Forget every word and pair seen so far (not the lexicons): for timing."""
    for function in (
        split_glued, _split_mandatory, _join, _join_mandatory, _join_code, _join_code_mandatory, _joined,
        _joined_mandatory,
    ):  # fmt: skip
        function.cache_clear()
    _ALL.codes.reset()
    _MANDATORY.codes.reset()
