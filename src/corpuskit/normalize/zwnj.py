"""Persian ZWNJ (U+200C, zero-width non-joiner) repair, on hazm's lexicons.

Two entry points, both pure, idempotent and total (they never raise):

- ``split_glued(word)`` puts the ZWNJs a careful writer would put inside one
  word typed without them: ``بیانیهای`` → ``بیانیه‌ای``, ``میشود`` → ``می‌شود``;
- ``join_spaced(words)`` says which spaces of a run of words stand for a ZWNJ:
  ``می رسد`` → ``می‌رسد``, ``زمین لرزه ای`` → ``زمین‌لرزه‌ای``.

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
from pathlib import Path

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
    return _Lexicon(words, verbs)


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


def _base(word: str, lex: _Lexicon) -> tuple[tuple[int, float], tuple[int, ...]] | None:
    """A word that can carry a suffix: its rank and its own ZWNJ positions."""
    compound = lex.compounds.get(word)
    entry = lex.words.get(word)
    if compound is not None and entry is None:
        return lex.rank(word), compound[0]
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


def _suffixed(word: str, lex: _Lexicon) -> tuple[int, ...] | None:
    """The best cut of ``word`` into a base and a suffix; its ZWNJ positions."""
    best: tuple[tuple[int, bool, float], tuple[int, ...]] | None = None
    n = len(word)
    for cut in range(2, n):
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
        found = _base(base, lex)
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


def _analyse(word: str) -> tuple[int, ...]:
    """ZWNJ positions for a ZWNJ-less lookup key (see the module docstring)."""
    return _reading(word)[0]


def _reading(word: str) -> tuple[tuple[int, ...], str]:
    """ZWNJ positions for a ZWNJ-less lookup key, and the rule that chose them."""
    if len(word) < 3:
        return (), "short"
    lex = _lexicon()
    entry = lex.words.get(word)
    compound = lex.compounds.get(word)
    if entry is not None and (entry[1] or compound is not None):
        return (), "word"  # a spelling of the dictionary (خوشحال beside خوش‌حال)
    if compound is not None and compound[2] and not _lexicalised_comparative(word, compound[0], lex):
        return compound[0], "compound"
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
    suffixed = _suffixed(word, lex)
    if suffixed is not None:
        whole = lex.rank(word)
        if whole[0] == 0 or suffixed:
            return suffixed, "suffix"
    if compound is not None:
        return compound[0], "weak compound"
    return (), "unknown"


def _allowed(bare: str, position: int) -> bool:
    return 0 < position < len(bare) and bare[position - 1] in _JOINING and bare[position] in _LETTERS


def _split_once(word: str) -> str:
    bare, existing = _strip(word)
    key = bare.translate(_KEY)
    positions = set(_analyse(key))
    if existing and not positions >= set(existing):
        # the writer's ZWNJs disagree with the whole-word reading: read each piece
        positions = set()
        bounds = (0,) + existing + (len(bare),)
        for start, end in zip(bounds, bounds[1:]):
            positions.update(start + p for p in _analyse(key[start:end]))
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
    if not isinstance(word, str) or len(word) < 3:
        return word
    result = word
    for _ in range(4):  # a fixpoint, so that split_glued(split_glued(w)) == split_glued(w)
        try:
            new = _split_once(result)
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


def _compound_pair(before: str, after: str, lex: _Lexicon) -> bool:
    """``before + ZWNJ + after`` is a curated compound of words.dat, or one with
    an inflection (ی، ان، ها...; ه → گان/گی), or بی + a dictionary word."""
    stems = [after]
    for ending in _DERIVATIONS:
        if after.endswith(ending) and len(after) > len(ending) + 1:
            stems.append(after[: len(after) - len(ending)])
    for ending in ("گان", "گی"):
        if after.endswith(ending) and len(after) > len(ending) + 1:
            stems.append(after[: len(after) - len(ending)] + "ه")
    for stem in stems:
        compound = lex.compounds.get(before + stem)
        if compound is not None and compound[2] and compound[0] == (len(before),):
            return True
        if before == "بی" and stem not in _FUNCTION_WORDS and stem not in _PREFIXES:
            entry = lex.words.get(stem)
            if entry is not None and entry[1] and lex.pos.get(stem, frozenset()) & {"N", "AJ"}:
                return True
    return False


def _join_reason(before: str, after: str) -> str:
    """Why the space between ``before`` and ``after`` is a ZWNJ ("" if it is not)."""
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
    if not _compound_pair(before, after, lex):
        return ""
    if (before in _FUNCTION_WORDS and before not in _PREFIXES) or after in _FUNCTION_WORDS:
        return ""  # به طور، این که، هیچ یک، وقتی که، تکیه بر: function words stay apart
    if _is_finite_verb(after, lex) or _is_participle(after, lex):
        return ""  # مطرح شده (است)، انجام گرفته (بود), واقع شدن: a verb phrase
    return "compound"


@functools.lru_cache(maxsize=1 << 16)
def _word_info(word: str) -> tuple[str, bool]:
    """A word's ZWNJ-less lookup key, and whether it can join the next word: all
    Arabic-script letters (ZWNJs inside allowed), ending in a joining letter."""
    ok = bool(word) and word[0] in _LETTERS and word[-1] in _JOINING and not word.translate(_NOT_WORD)
    return word.replace(ZWNJ, "").translate(_KEY), ok


def _can_follow(word: str) -> bool:
    return bool(word) and word[0] in _LETTERS and not word.translate(_NOT_WORD)


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
        groups = [[i] for i in range(len(words))]
        merged = list(words)
        for round_ in range(4):  # to a fixpoint: the joined words must not join again
            changed = False
            new_groups = [groups[0]] if groups else []
            current = merged[0] if merged else ""
            extended = False
            for g in range(len(merged) - 1):
                after = merged[g + 1]
                # after the first round, a gap with the same words on both sides
                # as before needs no second look
                if round_ == 0 or extended or len(groups[g + 1]) > 1:
                    before_key, ok = _word_info(current)
                    if ok and _can_follow(after) and _join(before_key, _word_info(after)[0]):
                        gaps[groups[g + 1][0] - 1] = True
                        changed = extended = True
                        current = current + ZWNJ + after
                        new_groups[-1] = new_groups[-1] + groups[g + 1]
                        continue
                current = after
                extended = False
                new_groups.append(groups[g + 1])
            if not changed:
                break
            groups = new_groups
            merged = [ZWNJ.join(words[i] for i in group) for group in groups]
        return gaps
    except Exception:  # pragma: no cover - a bug must not stop a corpus run
        return [False] * max(len(words) - 1, 0) if isinstance(words, list) else []
