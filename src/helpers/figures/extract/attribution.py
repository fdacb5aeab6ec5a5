"""Region and scope of every figure: whose number it is.

Region. The place named in the figure's own words (since the previous figure of its
sentence, or the sentence start): "huyện Bảo Thắng", "tỉnh Yên Bái", "Lao Cai city", "cả
nước"; "toàn tỉnh", "trên địa bàn tỉnh", "the province" name the document's province, and
"huyện" alone the district the document last named; a place the figure is only compared with
("của Yên Bái chỉ bằng 41% của Lào Cai, đạt 21.450 tỷ đồng") is not its own. Failing that, a
part of a whole ("Trong đó ...") has the whole's region and a later figure of a sentence the
previous one's; else the
figure is of the document's subject: the first place of its title or of the header lines
that open it (the issuing body "ỦY BAN NHÂN DÂN HUYỆN BÁT XÁT", in capitals), else the place
of its "Lào Cai, ngày ..." line, else the province it names more often than all the others
together (a place right after a word of comparison, "gấp đôi tỉnh Yên Bái", not counted), else
(the same way) the province its districts belong to. When none of these tells, the
region is ``unknown`` and the figure is flagged ``region_unknown`` (never assumed to be the
project's province).

Scope. The handicraft indicator is ``handicraft``. Otherwise the part of industry named in
the words that govern the figure -- from its indicator keyword (or the previous figure) to
the amount (for a part, from the previous figure: the part named before its share, "The FDI
sector accounted for 95% of the total, at VND 1,045 trillion"), leaving out brackets and asides ("Lai Châu, với thế mạnh thủy điện, đạt ...") --
(:func:`helpers.figures.extract.regions.scope_in`); a later figure of a sentence without
words of its own keeps the previous one's scope; else ``total``. A part of a whole that
names neither a part of industry nor a place of its own is ``unknown``; so is a part without
a name here (enterprises, industrial parks); both are flagged ``scope_unknown``.

Flags (``;``-separated): ``region_unknown``, ``scope_unknown``, ``outside_project`` (a known
region other than the project's province), ``merged_2025`` (a figure of 2025 or later for a
province whose territory changed in the merger of 1 July 2025, unless its words name the
territory before the merger, "địa bàn tỉnh Lào Cai cũ", "the former Lao Cai province"; a later
figure of its sentence, or a part of it, keeps the flag).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from .regions import UNKNOWN, Place, Project, Unit, gazetteer, region_of, scope_in

#: The words that compare one figure with another place's: "so với", "bằng", "gấp", "hơn"...
_COMPARISON = (
    r"so với|bằng|gấp|hơn|kém|vượt|compared (?:with|to)|than|versus"
    # a rank among places: "đứng đầu cả nước", "xếp thứ 3 toàn quốc", "ranked first nationwide"
    r"|đứng (?:đầu|thứ)|dẫn đầu|xếp (?:thứ|hạng)|rank(?:ed|s|ing)?"
)
#: A word of comparison before a place, with no clause break between them: the place is what a
#: figure is compared with ("chỉ bằng 41% của Lào Cai", "less than half that of Lao Cai"); not
#: a place a rank names ("Xếp thứ hai là huyện Bảo Thắng", "second was Bao Thang district").
_COMPARED_BEFORE = re.compile(rf"\b(?:{_COMPARISON})\b(?:(?!\b(?:là|is|was|are|were)\b)[^,;:()\n])*$", re.I)
#: The same, the place right after it (a multiple and a province word between at most): "gấp
#: đôi tỉnh Yên Bái", "so với Lào Cai". Such a place does not make a document's subject.
_COMPARED_RIGHT_BEFORE = re.compile(
    rf"\b(?:{_COMPARISON})(?:\s+(?:đôi|rưỡi|\S+\s+lần))?\s+(?:(?:tỉnh|thành phố|huyện|the province of|province of)\s+)?$",
    re.I,
)


#: What joins the places of a list: "so với Yên Bái và Lai Châu", "than Yen Bai or Lai Chau".
_LIST_JOIN = re.compile(r"\s*(?:,|và|hoặc|and|or)\s*(?:(?:tỉnh|thành phố|huyện)\s+)?", re.I)


def _compared_places(text: str, places: list[Place]) -> list[bool]:
    """For each place (in text order), whether it is named right after a word of comparison,
    or in a list that follows one ("cao hơn nhiều so với Yên Bái và Lai Châu": both)."""
    out: list[bool] = []
    for i, p in enumerate(places):
        right_after = bool(_COMPARED_RIGHT_BEFORE.search(text, max(0, p.start - 40), p.start))
        listed = bool(i and out[-1] and _LIST_JOIN.fullmatch(text, places[i - 1].end, p.start))
        out.append(right_after or listed)
    return out


def _compared_with(text: str, p: Place, since: int, amount: int) -> bool:
    """Whether place ``p`` is only what a figure at ``amount`` is compared with: a word of
    comparison leads to it (counted from ``since``, the sentence start or the place before) and
    a clause break lies between it and the amount ("của Yên Bái chỉ bằng 41% của Lào Cai, đạt
    21.450 tỷ đồng": Yên Bái's figure). A figure right after the place ("gấp đôi tỉnh Yên Bái
    (21.450 tỷ đồng)") is the place's own."""
    return bool(_COMPARED_BEFORE.search(text, since, p.start)) and bool(re.search(r"[,;]", text[p.end : amount]))


def _document_subject(doc, places: list[Place]) -> Unit | None:
    """The unit the document is about: first place of the title or of the header lines that
    open the document ("ỦY BAN NHÂN DÂN HUYỆN BÁT XÁT"), else of the place-and-date line of an
    official document ("Bát Xát, ngày ..."), else the province named more often than all others together
    (by name, then through its districts)."""
    text = doc.text
    for title in doc.sentences[:6]:  # the title, or the header lines of an official document
        if not title.heading:
            break
        for p in places:
            if title.start <= p.start and p.end <= title.end and p.kind == "unit":
                return p.unit
            if title.start <= p.start and p.end <= title.end and p.kind == "other_district":
                pre, bare = re.match(r"(huyện|thị xã|thành phố|quận|thị trấn) (.+)", p.name, re.I).groups()
                # a district not listed ("HUYỆN MƯỜNG TÈ", "Huyện Châu Đức tổng kết năm 2022")
                return Unit(bare, pre.lower(), "district", "", "")
    for p in places:
        if p.kind == "unit" and p.unit.level in ("province", "district"):
            line_end = text.find("\n", p.end)
            rest = text[p.end : line_end if line_end >= 0 else len(text)]
            if rest.lstrip().startswith(",") and "ngày" in rest[:12].lower():
                return p.unit
    counted = [p for p, compared in zip(places, _compared_places(text, places)) if not compared]
    for level in ("province", "district"):  # else the province its places belong to (not one compared with)
        provinces = Counter(p.unit.province for p in counted if p.kind == "unit" and p.unit.level == level)
        if provinces:
            (top, n), *others = provinces.most_common()
            if n > sum(k for _, k in others):  # named more often than all the others together
                return gazetteer().province(top)
    return None


#: Words that name a province's territory before the merger of 1 July 2025, right after its name
#: ("địa bàn tỉnh Lào Cai cũ", "Lào Cai (cũ)", "Lào Cai trước sáp nhập") or before it ("the
#: former Lao Cai province"): such a figure is comparable with the years before.
_OLD_AFTER = re.compile(r"\s*\(?\s*(?:cũ\b|trước\s+(?:khi\s+)?(?:sáp\s+nhập|hợp\s+nhất)|before the merger)", re.I)
_OLD_BEFORE = re.compile(r"\b(?:former|old|pre-merger)\s+(?:province of\s+)?$", re.I)


def _old_territory(text: str, p: Place) -> bool:
    """Whether place ``p`` is named as its territory before the 2025 merger."""
    return bool(_OLD_AFTER.match(text, p.end)) or bool(_OLD_BEFORE.search(text, max(0, p.start - 30), p.start))


def _merged(unit: Unit) -> bool:
    return sum(1 for p in gazetteer().provinces if p.after_2025 == unit.after_2025) > 1


def attribute(doc, drafts, places: list[Place], project: Project) -> None:
    """Set ``region``, ``scope`` and ``flags`` of every draft (module docstring)."""
    text = doc.text
    subject = _document_subject(doc, places)
    brackets = [m.span() for m in re.finditer(r"\([^()\n]*\)", text)]  # without nesting: disjoint
    bracket_starts = [bs for bs, _ in brackets]

    def in_brackets(p: Place) -> bool:  # only the last bracket opening before the place can hold it
        k = bisect_left(bracket_starts, p.start) - 1
        return k >= 0 and p.end < brackets[k][1]

    places = [p for p in places if not in_brackets(p)]  # disjoint, in text order (find_places)
    starts = [p.start for p in places]
    districts = [p for p in places if p.kind == "unit" and p.unit.level == "district"]
    district_ends = [p.end for p in districts]
    previous_in_sentence = None
    for d in drafts:
        if previous_in_sentence is not None and previous_in_sentence.sentence.start != d.sentence.start:
            previous_in_sentence = None
        a = d.amount
        hi = a.qualifier_start if a.qualifier_start >= 0 else a.start
        lo = previous_in_sentence.amount.end if previous_in_sentence is not None else d.sentence.start
        i0, i1 = bisect_left(starts, lo), bisect_left(starts, hi)
        own = [
            p
            for i, p in enumerate(places[i0:i1], i0)
            if p.end <= hi and not _compared_with(text, p, max(d.sentence.start, places[i - 1].end if i else 0), hi)
        ]
        k = bisect_right(district_ends, hi)  # the last district named before the amount
        district = districts[k - 1].unit if k else None
        if district is None and subject is not None and subject.level == "district":
            district = subject
        unit: Unit | str | None
        named = [p for p in own if p.kind in ("unit", "other_district")]
        place, inherited = (named or own or [None])[-1], None
        if named:  # "Tại Lào Cai, giá trị ... trên địa bàn tỉnh": the name, not the reference
            unit = region_of(named[-1], subject, district)
        elif own:
            unit = region_of(own[-1], subject, district)
        elif d.part_of is not None:
            unit, inherited = (d.part_of.region if d.part_of.region != UNKNOWN else None), d.part_of
        elif previous_in_sentence is not None:
            inherited = previous_in_sentence
            unit = previous_in_sentence.region if previous_in_sentence.region != UNKNOWN else None
        else:
            unit = subject
        if unit is None:
            d.region = UNKNOWN
            d.flags.append("region_unknown")
        elif isinstance(unit, str):
            d.region = unit
            if inherited is not None and "merged_2025" in inherited.flags:  # the same territory
                d.flags.append("merged_2025")
        else:
            d.region = unit.official
            after_merger = unit.level != "country" and d.year is not None and d.year >= 2025 and _merged(unit)
            if after_merger and (place is None or not _old_territory(text, place)):
                d.flags.append("merged_2025")
        if d.region != UNKNOWN and not project.is_province(d.region):
            d.flags.append("outside_project")

        base = d.base_indicator or d.indicator
        if base.startswith("handicraft"):
            d.scope = "handicraft"
        else:
            found = scope_in(text, max(d.scope_lo, lo), hi)
            if found is None and d.part_of is not None:  # "The FDI sector accounted for 95% of the total, at ..."
                found = scope_in(text, lo, hi)
            if found is not None:
                d.scope = found[0]
            elif d.part_of is not None:
                d.scope = "total" if own else UNKNOWN
            elif previous_in_sentence is not None and d.scope_lo == d.seg_lo and not own:
                d.scope = previous_in_sentence.scope
            else:
                d.scope = "total"
        if d.scope == UNKNOWN and "scope_unknown" not in d.flags:
            d.flags.append("scope_unknown")
        previous_in_sentence = d
