"""Which lines of a news page are boilerplate, and why.

Three passes over the page's lines:

1. **Cues**, anywhere on the page: a line that *is* a kind of page furniture by
   its words (a skip link, a share link alone on its line, a photo credit, a
   call to follow a channel, a sign-off, a comments prompt, tags, a byline, a
   copyright notice, a "related" heading and the headlines under it, a header
   line with a publication date or a news id, the outlet's name alone).
   Cues are short-line patterns (corpuskit/clean/cues.py), so the same words
   inside a sentence of the article do not match.
2. **Structure.** The body is where running text is: lines that read like
   paragraphs (``Line.paragraph``). Before the first of them (the *header*)
   runs of short unpunctuated lines are menus, numbered links are navigation,
   a line that holds only a date is the publication date, and the first
   headline-shaped line left is the title. After the last of them (the
   *footer*) runs of headline-shaped lines are lists of headlines, and
   agency codes and copyright lines are furniture. Inside the body only cues
   and lists of three or more headlines remove anything: a short line there
   is a subheading until shown otherwise.
3. **Duplicates**: a line of five words or more that repeats a kept line (or
   the title) word for word.

What is not recognised stays in the body: removing an article's sentence is a
worse error for a corpus than keeping a menu item, and ``--keep-removed``
shows every decision with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpuskit.clean import cues as cue_module
from corpuskit.clean.header import header_date, header_dates, is_date_line
from corpuskit.clean.lines import Line, key, split_lines
from corpuskit.clean.outlets import Outlet, outlets

#: The longest line a cue of each kind may remove (words): a longer one is prose.
SHORT = 12
CAPTION = 40
#: Wire agencies: "according to Reuters" in a Persian lead quotes them, it is
#: not the page's own dateline.
_WIRES = {"Reuters", "AFP", "AP"}
#: Lines whose mention of an outlet names the page's own, and how surely
#: (1 is an outlet line, 2 a dateline, 3 a share link's domain).
_MENTIONS = {"sign_off": 4, "copyright": 4, "follow": 4, "navigation": 5, "share": 5}
_DIGIT = re.compile(r"\d")  # any script's digits: a date line has some


@dataclass
class Page:
    lines: list[Line]
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def removed(self) -> list[Line]:
        return [line for line in self.lines if line.reason]


def page_language(text: str) -> str | None:
    """fa or ar from letters only one of the two uses (for picking an outlet's
    edition when no language is known yet); None when neither shows."""
    persian = sum(text.count(c) for c in "پچژگ") + text.count("ی") + text.count("ک")
    arabic = text.count("ة") + text.count("ي") + text.count("ك") + text.count("ى")
    if persian == arabic:
        return None
    return "fa" if persian > arabic else "ar"


def classify(text: str, lang: str | None = None, known: dict | None = None) -> Page:
    """The page's lines with ``reason`` set on boilerplate, and the metadata
    found. ``known``: what the document already says of itself (see
    ``corpuskit.clean.clean_text``)."""
    known = known or {}
    title = known.get("title") if isinstance(known.get("title"), str) and known["title"].strip() else None
    lang = lang if lang in ("fa", "ar") else page_language(text)
    page = Page(split_lines(text))
    content = [line for line in page.lines if not line.blank]
    evidence: list[tuple[int, Outlet]] = []  # (priority, outlet); lower wins
    for line in content:
        line.reason = _cue(line, lang, page.meta, evidence)
    _blocks(content)
    anchors = [i for i, line in enumerate(content) if line.reason is None and line.paragraph]
    if anchors:
        _header(content[: anchors[0]], lang, page.meta, title)
        _footer(content[anchors[-1] + 1 :])
        _headline_lists(content)
        lead = [line for line in content[anchors[0] :] if line.reason is None and line.paragraph][:3]
        _dateline(lead, lang, evidence)
    _duplicates(content, title or page.meta.get("title"))
    for line in content:
        if line.reason == "outlet":  # its name alone on a line (a menu item named like one is navigation by now)
            evidence.append((1, _outlet_named(line, lang)))
        elif line.reason in _MENTIONS:  # who else names the outlet: a sign-off, a follow line, a skip link
            evidence.extend((_MENTIONS[line.reason], outlet) for _, _, outlet in outlets().mentioned(line.key, lang))
    _known_outlet(known, lang, evidence)
    if evidence and "outlet" not in page.meta:
        page.meta["outlet"] = min(evidence, key=lambda item: item[0])[1].name
    elif isinstance(known.get("site_name"), str) and known["site_name"].strip():
        page.meta["outlet"] = known["site_name"].strip()  # as the page names itself, when the list does not know it
    return page


def _known_outlet(known: dict, lang: str | None, evidence: list) -> None:
    """An HTML page's own site name and URL, as evidence like its lines'."""
    site = known.get("site_name")
    if isinstance(site, str) and (outlet := outlets().named(key(site), lang)) is not None:
        evidence.append((1, outlet))
    url = known.get("url")
    if isinstance(url, str) and (outlet := outlets().of_url(url, lang)) is not None:
        evidence.append((3, outlet))


def _cue(line: Line, lang: str | None, meta: dict[str, str], evidence: list) -> str | None:
    if line.words > CAPTION:  # longer than any cue allows: prose
        return None
    c = cue_module.cues()
    k = line.key
    short = line.words <= SHORT
    if short and c.navigation.match(k):
        return "navigation"
    link = c.share_link.match(k) if line.words <= 4 else None
    if link:
        url = re.search(r"(?:https?://|www\.)\S+", line.text)
        meta.setdefault("url", url.group() if url else link.group("url"))
        found = outlets().of_url(meta["url"], lang)
        if found:
            evidence.append((3, found))
        return "share_link"
    if line.words <= CAPTION and (c.photo_label.match(k) or c.in_brackets.match(k)):
        return "photo_credit"
    if line.words <= 25 and not line.ends_with_period and (c.photo_agency_end.search(k) or c.photo_credit_end.search(k)):
        return "photo_credit"
    if line.words <= 20 and c.social.search(k) and c.follow_verb.search(k):
        return "follow"
    if line.words <= 4 and c.sign_off.match(k):
        return "sign_off"
    if line.words <= 8 and c.comments.match(k):
        return "comments"
    if line.words <= 8 and c.share.match(k):
        return "share"
    tags = c.tags.match(k) if line.words <= CAPTION else None
    if tags:
        line.heading = not (tags.group("rest") or "").strip()  # "برچسب‌ها:" over a list of tags
        return "tags"
    if line.words <= 30 and c.copyright_notice.search(k):
        return "copyright"
    if line.words <= 10 and not line.ends_with_period and c.author.match(k):
        return "author"
    if short and c.related_heading.match(line.item_key):
        line.heading = True
        return "related"
    if line.words <= 30 and c.related_inline.match(line.item_key):
        return "related"
    labelled = _header_values(line, lang, meta) if line.words <= 20 else None
    if labelled:
        return labelled
    if line.words <= 8 and _outlet_named(line, lang) is not None:
        return "outlet"
    return None


def _outlet_named(line: Line, lang: str | None) -> Outlet | None:
    """The outlet a line names and says nothing else: ``عربي بوست``, ``المصدر: الجزيرة``."""
    return outlets().named(cue_module.cues().outlet_prefix.sub("", line.key).strip(" .:-–|"), lang)


def _header_values(line: Line, lang: str | None, meta: dict[str, str]) -> str | None:
    """A header line that starts with a news-id, publication or update label:
    its values go to ``meta`` and its reason is its first label's. A line may
    carry several (``کد خبر: 123 | تاریخ انتشار: ...``). A label without a
    colon counts only when a date and nothing else follows it (``نُشر في 5
    نوفمبر 2023``): ``انتشار این گزارش در ...`` is prose."""
    c = cue_module.cues()
    news_id = c.news_id.search(line.key)
    first = c.date_label.match(line.key)
    if news_id and news_id.start() <= 1:
        reason = "news_id"
    elif first and (first.group("colon") or _label_then_date(line, lang)):
        reason = _kind(first)
    else:
        return None
    dates = [value for value, _, _ in header_dates(line.text, lang)]
    if reason != "news_id" and not dates and not (first.group("colon") and line.words <= 12 and re.search(r"\d", line.key)):
        return None  # "تاریخ:" followed by no date or number is not a header line (a date run together is)
    kinds = [_kind(m) for m in c.date_label.finditer(line.key) if m.group("colon") or m.start() == 0]
    for kind, value in zip(kinds, dates):
        meta.setdefault(kind, value)
    if news_id:
        meta.setdefault("news_id", news_id.group("id"))  # the key's digits are Latin already (the dates fold)
    return reason


def _kind(match: re.Match[str]) -> str:
    return cue_module.cues().date_label_kind[match.group("label").replace(" ", "")]


def _label_then_date(line: Line, lang: str | None) -> bool:
    found = header_date(line.text, lang)
    if found is None:
        return False
    label = key(line.text[: found[1]]).strip(" :：-–|")
    match = cue_module.cues().date_label.fullmatch(label)
    return match is not None and is_date_line(line.text[found[1] :], lang) is not None


def _blocks(content: list[Line]) -> None:
    """The lines under a heading: the headlines under "related" (headline-shaped
    lines up to the first that is not, or, when the first is a list item, is
    not a list item), the tags under "tags:" (short lines)."""
    for i, line in enumerate(content):
        if not line.heading:
            continue
        listed = None
        for after in content[i + 1 :]:
            # (at the next heading its own block starts: each line is scanned once)
            if after.heading or (after.reason is not None and after.reason != line.reason) or not _under(line, after):
                break
            if listed is None:
                listed = after.bulleted
            elif listed and not after.bulleted:
                break
            after.reason = line.reason


def _under(heading: Line, after: Line) -> bool:
    if heading.reason == "tags":  # a tag is a word or a name
        return after.words <= 4 and not after.ends_sentence
    return after.headline_shaped and not after.paragraph


def _header(header: list[Line], lang: str | None, meta: dict[str, str], title: str | None) -> None:
    free = [line for line in header if line.reason is None]
    for line in free:
        if _is_breadcrumb(line):
            line.reason = "navigation"
            continue
        value = is_date_line(line.text, lang) if _DIGIT.search(line.text) else None
        if value:
            line.reason = "published"
            meta.setdefault("published", value)
    _runs(header, lambda line: line.numbered and line.words <= 8, 2, "navigation")
    # A menu item may be named like an outlet (العالم, "The World"; مهر): in a menu it is a menu item.
    # Menu items are a word to three ("فوتبال ایران", "تماس با ما"); a headline is longer.
    _runs(header, lambda line: line.words <= 3 and not line.ends_sentence, 3, "navigation",
          absorb=("outlet", "navigation"))
    # Two are a menu when one of them is a known menu item ("خانه", "الرئيسية").
    _runs(header, lambda line: line.words <= 2 and not line.ends_sentence, 2, "navigation", absorb=("navigation",),
          when=lambda run: any(line.reason == "navigation" for line in run))
    wanted = key(title) if title else None
    for line in header:
        if line.reason is not None:
            continue
        if wanted is not None:
            if line.key == wanted:
                line.reason = "title"
                break
        elif line.headline_shaped and line.words >= 3 and not line.bulleted:
            line.reason = "title"
            meta.setdefault("title", line.text)
            break


def _is_breadcrumb(line: Line) -> bool:
    parts = [part.strip() for part in re.split(r"\s[/\\]\s|[>»›|]", line.text) if part.strip()]
    return len(parts) >= 2 and all(len(part.split()) <= 4 for part in parts) and not line.ends_sentence


def _footer(footer: list[Line]) -> None:
    c = cue_module.cues()
    for line in footer:
        if line.reason is not None:
            continue
        if (line.words <= 3 and c.sign_off_code.match(line.text)) or _credits(line):
            line.reason = "sign_off"
        elif line.words <= 25 and c.copyright.search(line.key):
            line.reason = "copyright"
    _runs(footer, lambda line: line.headline_shaped or line.bulleted, 2, "related")


def _credits(line: Line) -> bool:
    """An agency's sign-off with its editors: ``وام/ريم سعيد/أحمد النعيمي``,
    ``ترجمه: ... / ویرایش: ...`` — short parts between slashes, no sentence."""
    parts = [part.strip() for part in re.split(r"[/\\]", line.text) if part.strip()]
    return 2 <= len(parts) <= 5 and line.words <= 10 and not line.ends_sentence and all(len(p.split()) <= 3 for p in parts)


def _headline_lists(content: list[Line]) -> None:
    """Three or more listed headlines in a row, not announced by a colon, are a
    list of links wherever they stand (a list the article introduces ends its
    lead-in with ``:``)."""
    run: list[Line] = []
    before: Line | None = None
    for line in [*content, None]:
        if line is not None and line.reason is None and line.bulleted and line.headline_shaped and line.words >= 3:
            run.append(line)
            continue
        if len(run) >= 3 and not (before is not None and before.text.rstrip().endswith((":", "："))):
            for item in run:
                item.reason = "related"
        run = []
        before = line


def _runs(lines: list[Line], member, at_least: int, reason: str, absorb: tuple[str, ...] = (), when=None) -> None:
    """Give ``reason`` to each run of ``at_least`` consecutive lines for which
    ``member`` holds, unclassified or classified as one of ``absorb`` (and for
    which ``when(run)`` holds, if given)."""
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and (line.reason is None or line.reason in absorb) and member(line):
            run.append(line)
            continue
        if len(run) >= at_least and (when is None or when(run)):
            for item in run:
                item.reason = reason
        run = []


def _dateline(paragraphs: list[Line], lang: str | None, evidence: list) -> None:
    """The outlet named in a dateline at the start of one of the first body
    paragraphs (a lead may come before it): ``به گزارش خبرگزاری مهر``,
    ``طهران- وكالة ...-``, ``القاهرة (رويترز) -``."""
    for paragraph in paragraphs:
        if _dateline_of(key(paragraph.text[:200])[:160], lang, evidence):
            return


def _dateline_of(opening: str, lang: str | None, evidence: list) -> bool:
    for start, end, outlet in outlets().mentioned(opening, lang):
        before, after = opening[:start].rstrip(), opening[end:].lstrip()
        reported = re.search(r"به ?گزارش(?: [^ ]+){0,4}$", before) and "به نقل" not in before
        if (reported and outlet.name not in _WIRES) or (
            start <= 60 and (before.endswith(("-", "–", "(", "/")) or after.startswith(("-", "–", ")", "/")))
        ):
            evidence.append((2, outlet))
            return True
    return False


def _duplicates(content: list[Line], title: str | None) -> None:
    """A kept line of five words or more that repeats the title or a kept line
    before it, word for word (pages print the lead twice, or the headline
    again over the body)."""
    seen = {title.strip()} if title else set()
    for line in content:
        if line.reason is not None:
            continue
        if line.words >= 5 and line.text in seen:
            line.reason = "duplicate"
        seen.add(line.text)
