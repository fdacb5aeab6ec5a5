"""Reading a whole document: sentences in order, the wholes whose parts a passage lists
("Trong đó:", "Of which"), sections and sentences that carry an indicator to the next
ones, headlines reconciled with the body, then time, status, base, region and scope."""

from __future__ import annotations

import re
from bisect import bisect_left

from helpers.figures.numbers import Amount, find_amounts

from .attribution import attribute
from .comparisons import _compared_to
from .document import (
    Figure,
    Sentence,
    _doc_year,
    _lines,
    _nfc_with_map,
    detect_language,
    parse_document_date,
    split_sentences,
)
from .finish import _final_status, _finish
from .index import scan, search
from .lists import list_rows
from .periods import _find_times
from .regions import SCOPE_RE, UNKNOWN, Place, Project, find_places, load_project, scope_in
from .rules import (
    _OWN_KINDS,
    _Doc,
    _Draft,
    _nearest_keyword,
    _price_base_of,
    _sentence_drafts,
    _times_within,
    keywords_within,
)
from .vocabulary import (
    _BASE_RE,
    _DOC_BASE_SUBJECT,
    _I,
    _KEYWORD_RE,
    _KEYWORDS,
    _STATUS_MASK_RE,
    _TABLE_NUMBER_CELL,
    _TABLE_ROW,
    VALUE_KINDS,
)

# a sentence that opens with "Of which", "Trong đó": its amounts are parts of the whole before it
_OPENS_PARTS = re.compile(
    r"^\W*(?:trong\s+đó|of\s+which|of\s+the\s+(?:total|sum)|bao\s+gồm|chia\s+ra|including|among\s+them"
    r"|(?:nếu\s+)?(?:chia|phân|xét)\s+theo\s+(?:thành\s+phần|loại\s+hình|ngành|khu\s+vực|lĩnh\s+vực)"
    r"|by\s+(?:economic\s+)?(?:sector|component|ownership))(?!\w)",
    _I,
)
# what a list of products opens with ("Trong đó các sản phẩm chính như: mỳ gạo ... đạt 167 tỷ
# đồng; gạch ..."): the values of products, never parts of industry
_PRODUCTS = re.compile(
    r"\W*(?:các\s+|những\s+)?(?:sản\s+phẩm|mặt\s+hàng|nhóm\s+hàng)(?!\s+(?:công\s+nghiệp\s+)?(?:khai|chế|điện|nước))"
    r"|\W*(?:the\s+)?(?:main\s+|key\s+|major\s+)?products?(?!\w)",
    _I,
)
# a sentence that ends announcing a list of parts ("... đạt 101,2% kế hoạch. Trong đó:")
_ANNOUNCES_PARTS = re.compile(r"(?:trong\s+đó|of\s+which|bao\s+gồm|chia\s+ra|including|as\s+follows)\s*:\s*$", _I)
_BULLET = re.compile(r"^\s*[-+•*–—]\s*")
# a numbered section heading ("2.4. Giá trị sản xuất công nghiệp", "II. KẾ HOẠCH NĂM 2020")
_NUMBERED = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)\s*[.)]\s*\S")
_PART = re.compile(r"\s*(?:phần|part)\s+(?:thứ\s+)?\w+\s*[.:\-–]", _I)
_LETTERED = re.compile(r"^\s*[A-ZĐ]\s*[.)]\s+\S")
# a section heading that states a plan or a target ("II. KẾ HOẠCH NĂM 2020", "MỤC TIÊU NĂM 2021");
# not a report on one ("TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM 2019")
_SECTION_STATUS = re.compile(
    r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[A-ZĐ])\s*[.)]\s*|(?:phần|part)\s+(?:thứ\s+)?\w+\s*[.:\-–]\s*)?"
    r"(?:(?P<plan>kế\s+hoạch|plan\b)|mục\s+tiêu|chỉ\s+tiêu|targets?\b)",
    _I,
)


# an aside between commas, opened by a word of cause or circumstance
_ASIDE_SPAN = re.compile(
    r",\s*(?:do|nhờ|với|dù|mặc\s+dù|bất\s+chấp|home\s+to|with|thanks\s+to|despite|due\s+to)(?!\w)[^,;.\n]*,", _I
)


# a verb of reaching right before the amount: a listing states levels ("Yên Bái đạt 17.250
# tỷ đồng", "Bat Xat district reached VND 1.2 trillion"), not allocations or costs
_REACHED_BEFORE = re.compile(
    r"(?<!\w)(?:đạt|là|ở\s+mức|với|(?:ước\s+)?thực\s+hiện|ước\s+tính|ước|reached|was|were|stood\s+at|hits?|totall?ed"
    r"|with|posted|at|contributed|accounted\s+for|made\s+up|recorded|gained|earned|generated|produced|created|made"
    r"|achieved|obtained|(?:estimated|expected|forecast)\s+(?:to\s+)?(?:reach|make|total|hit|generate|contribute|be))(?!\w)"
    r"(?:\s+(?:khoảng|gần|hơn|trên|xấp\s+xỉ|about|nearly|over|some|around|almost|more\s+than))?\s*$",
    _I,
)


# a count of goods where a value in money should stand ("giá trị sản xuất công nghiệp ... đạt 50.250
# tấn"): a slip of the document's, said rather than dropped in silence
_QUANTITY_REACHED = re.compile(
    r"(?<!\w)(?:ước\s+)?(?:đạt|là|reached|was|stood\s+at|totall?ed)\s+(?:khoảng|gần|hơn|trên|about|nearly|over|some)?"
    r"\s*\d[\d.,]*\s*(?:triệu\s+|nghìn\s+|ngàn\s+|million\s+|thousand\s+)?"
    r"(?P<unit>tấn|tons?|tonnes?|kWh|m3|m³|lít|litres?|liters?)(?!\w)",
    _I,
)


# between a production value's words and a quantity: the quantity is of another subject
# ("... tăng mạnh do sản lượng quặng đạt 4 triệu tấn", "rose as copper output reached ...")
_OTHER_SUBJECT = re.compile(
    r"(?<!\w)(?:sản\s+lượng|khối\s+lượng|công\s+suất|do|nhờ|vì|bởi|khi|output|production|volume|capacity|as"
    r"|because|due|thanks|while|when|with)(?!\w)",
    _I,
)


def _quantities_for_values(text: str, amounts: list[Amount]) -> list[tuple[int, int, str]]:
    """Where a production value's words are followed, in their clause, by a verb of reaching
    and a quantity of goods instead of an amount of money, with no other subject between them:
    (start, end, unit) of that quantity."""
    out = []
    starts = [a.start for a in amounts]
    for m in _KEYWORD_RE.finditer(text):
        if _KEYWORDS[int(m.lastgroup[1:])][0] not in VALUE_KINDS:
            continue
        window = re.sub(r"\([^()]*\)", lambda b: " " * len(b.group()), text[m.end() : m.end() + 120])
        stop = re.search(r"[,;.:()\n](?!\d)", window)  # its clause, brackets inside it skipped
        hi = m.end() + (stop.start() if stop else len(window))
        q = _QUANTITY_REACHED.search(text, m.end(), hi)
        k = bisect_left(starts, m.end())
        if q is None or (k < len(starts) and starts[k] < q.start()):  # an amount of money before it
            continue
        if not _OTHER_SUBJECT.search(text, m.end(), q.start()):
            out.append((q.start(), q.end(), q.group("unit")))
    return out


def _document_context(doc: _Doc, amounts: list[Amount]) -> None:
    """The document's price-base statement and the sentences about figures.

    A sentence without any amount that states a base for the document's values ("Ghi chú: Các
    chỉ tiêu giá trị trong báo cáo này tính theo giá cố định 1994", "(Các chỉ tiêu giá trị
    tính theo giá cố định năm 1994)") sets ``doc.doc_base``: it applies to every value figure
    that states no base of its own (targets included), after the bases of its own sentence
    (see ``rules._price_base``). The first such statement counts. Sentences that quote an
    amount, name an indicator or name no other measure and no part of industry are the ones
    whose time expressions may be carried to the next sentences: the time of a sentence about
    something else ("electricity output rose ... in the second half of the year") is not."""
    text = doc.text
    starts = [a.start for a in amounts]
    for s in doc.sentences:
        k = bisect_left(starts, s.start)
        has_amount = k < len(starts) and starts[k] < s.end
        kws = {k[0] for k in _keywords_in(text, s.start, s.end)}
        about_other = "other" in kws or search(SCOPE_RE, text, s.start, s.end) is not None
        if has_amount or kws & set(_OWN_KINDS) or not about_other:
            doc.relevant.append((s.start, s.end))
        if doc.doc_base is None and not has_amount and search(_DOC_BASE_SUBJECT, text, s.start, s.end):
            m = _BASE_RE.search(text, s.start, s.end)
            if m is not None and _price_base_of(m) != "unstated":
                doc.doc_base = _price_base_of(m)


def _keywords_in(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """Every indicator or other-measure keyword of ``text[lo:hi]`` as (kind, start, end)."""
    out = []
    for m in keywords_within(text, lo, hi):
        kind = _KEYWORDS[int(m.lastgroup[1:])][0]
        out.append(("industrial_production_value" if kind.endswith("~weak") else kind, m.start(), m.end()))
    return out


def _quiet_paragraphs(doc: _Doc, by_sentence: list) -> set[int]:
    """The paragraphs of one sentence and no amount: a photo caption between a figure and the
    paragraph that lists its parts ("Công nhân vận hành dây chuyền tại nhà máy."), which does
    not separate them."""
    loud = {s.para for s, inside in zip(doc.sentences, by_sentence) if inside}
    return {p for p, sentences in doc.paragraphs.items() if len(sentences) == 1 and p not in loud}


def _amounts_by_sentence(sentences: list[Sentence], amounts: list[Amount]) -> list[list[Amount]]:
    out, k = [], 0
    for s in sentences:
        inside = []
        while k < len(amounts) and amounts[k].start < s.start:
            k += 1
        j = k
        while j < len(amounts) and amounts[j].end <= s.end:
            inside.append(amounts[j])
            j += 1
        out.append(inside)
    return out


# another measure named right after an amount ("500 tỷ đồng vốn đầu tư", "VND 2 trillion in exports")
_OTHER_AFTER = re.compile(
    r"\s*(?:(?:in|of|từ|cho|về)\s+)?(?:vốn|đầu\s+tư|doanh\s+thu|ngân\s+sách|thuế|kim\s+ngạch|xuất\s+khẩu|lợi\s+nhuận"
    r"|tiền|investment|capital|revenues?|exports?|taxes|budget|profits?)(?!\w)",
    _I,
)


def _in_brackets(text: str, s: Sentence, a: Amount) -> bool:
    """True for an amount inside a bracket of its sentence ("(kế hoạch 26.500 tỷ đồng)")."""
    return text.rfind("(", s.start, a.start) > text.rfind(")", s.start, a.start)


def _document_drafts(
    doc: _Doc, amounts: list[Amount], places: list[Place], rows: dict[int, tuple[Sentence, str]] | None = None
) -> list[_Draft]:
    """Drafts of every sentence, with the wholes and carried indicators of :func:`_sentence_drafts`.

    - A sentence that opens with a part word ("Of which, the mining sector ...") lists parts
      of the last whole figure of the sentence before it; so do the bullets ("- ...") after a
      sentence that ends with "Trong đó:".
    - A numbered section heading that names an indicator ("2.4. Giá trị sản xuất công
      nghiệp") gives it to the sentences of its section whose amounts have no keyword.
    - The bullets after a sentence that ends with ":" take its time and status words when
      they state none ("Các chỉ tiêu chủ yếu của kế hoạch năm 2015:").
    - A sentence whose first amount has no keyword and follows a verb of reaching ("đạt",
      "reached", "with"), after a place or a time of its own
      ("Tỉnh bạn Yên Bái đạt ...", "Lũy kế 4 tháng đạt ..."), continues the indicator of the
      previous sentence with amounts, in its paragraph or the one before, or of the previous
      sentence without amounts that names an indicator ("Giá trị sản xuất công nghiệp của các
      tỉnh trong vùng năm 2018 như sau." then "Tỉnh Bắc Giang đạt gần 95 ngàn tỷ đồng.").
    - A sentence that names no indicator and whose first amount of money follows a verb of
      reaching or of a share ("đạt", "accounted for", "contributed") after the name of a part
      of industry ("Ngành chế biến, chế tạo chiếm 65%; ngành khai khoáng đạt ...", "FDI
      enterprises accounted for VND 196 trillion of the total") lists parts of the last whole
      figure of its paragraph or the one before, unless it states a time of its own before the
      amount or the amount is of another measure ("đạt 1.850 tỷ đồng doanh thu"). A list of parts
      none of which could be read, and a sentence of a part's growth rates only, keep the whole
      for the parts after them.
    - An amount inside a bracket ("(kế hoạch 26.500 tỷ đồng)") is an aside: never the whole
      of the parts that follow.
    - A paragraph of one sentence without amounts (a photo caption) between a figure and the
      list of its parts does not separate them (it still ends the topic a sentence of a place
      or a time alone continues); "Phân theo thành phần: ...",
      "Chia theo ngành ...", "Of the sum, ..." open a list of parts like "Trong đó"; a list of
      products after it ("Trong đó các sản phẩm chủ yếu như: ...") is no list of parts.
    - The rows of a list (:mod:`helpers.figures.extract.lists`) are read as bullets introduced
      by the list's head, with its indicator.
    - A section heading (numbered, lettered, "Phần thứ hai:" or in capitals, after the header
      lines that open the document) that states a plan or a target ("II. KẾ HOẠCH NĂM 2020") gives that
      status to the figures of its section whose words state none or only a target (the
      list of "Các chỉ tiêu chủ yếu" under a plan heading is the plan).
    """
    places = sorted(places, key=lambda p: p.start)  # looked up by position (linear time)
    place_starts = [p.start for p in places]

    def places_within(lo: int, hi: int) -> list[Place]:
        k, out = bisect_left(place_starts, lo), []
        while k < len(places) and places[k].start < hi:
            if places[k].end <= hi:
                out.append(places[k])
            k += 1
        return out

    text = doc.text
    drafts: list[_Draft] = []
    heading_kind: str | None = None
    last_whole: _Draft | None = None
    last_para: int | None = None
    last_kind: str | None = None
    bullets_whole: _Draft | None = None
    intro: Sentence | None = None
    section: str | None = None
    body_started = False  # past the header lines (the title "KẾ HOẠCH" is no section)
    rows = rows or {}
    by_sentence = _amounts_by_sentence(doc.sentences, amounts)
    quiet = _quiet_paragraphs(doc, by_sentence)

    def follows(para: int, last: int | None) -> bool:
        """True when paragraph ``para`` may list the parts of a figure of paragraph ``last``: the
        next one, or one after at most two quiet paragraphs (a photo caption) between them."""
        if last is None:
            return False
        return para - last <= 1 or (para - last <= 3 and all(q in quiet for q in range(last + 1, para)))

    for s, inside in zip(doc.sentences, by_sentence):
        sentence = text[s.start : s.end]
        line_start = text.rfind("\n", 0, s.start) + 1
        line_end = text.find("\n", s.start)
        line_end = len(text) if line_end < 0 else line_end
        if s.heading and s.start == line_start and _NUMBERED.match(text[line_start:line_end]):
            kw = _nearest_keyword(text, line_start, line_end, spans=doc.scope_spans)
            heading_kind = kw[0] if kw is not None and kw[0] in VALUE_KINDS else None
        body_started = body_started or not s.heading
        if (
            s.heading
            and body_started
            and (_NUMBERED.match(sentence) or _LETTERED.match(sentence) or sentence.isupper() or _PART.match(sentence))
        ):
            st = _SECTION_STATUS.match(sentence)
            section = None if st is None else ("plan" if st.group("plan") else "target")
        parent = carry = None
        row = rows.get(s.start)
        is_bullet = _BULLET.match(sentence) is not None or row is not None
        if is_bullet and bullets_whole is not None:
            parent = bullets_whole
        else:
            bullets_whole = None
        if not is_bullet and not (intro is not None and s.start == intro.start):
            intro = None
        if inside:
            first = inside[0]
            hi = first.qualifier_start if first.qualifier_start >= 0 else first.start
            opener = _OPENS_PARTS.match(sentence) if parent is None else None
            opens_parts = opener is not None and not _PRODUCTS.match(sentence, opener.end())
            if opens_parts and last_whole is not None and follows(s.para, last_para):
                parent = last_whole
            reached = _REACHED_BEFORE.search(text, max(s.start, hi - 30), hi) is not None
            money = next((a for a in inside if a.unit != "pct"), None)
            mhi = money.qualifier_start if money is not None and money.qualifier_start >= 0 else hi
            if (
                parent is None
                and money is not None
                and last_whole is not None
                and follows(s.para, last_para)
                and _REACHED_BEFORE.search(text, max(s.start, mhi - 30), mhi) is not None
                and _nearest_keyword(text, s.start, mhi, spans=doc.scope_spans) is None
                and (part := scope_in(text, s.start, mhi)) is not None
                and part[0] != UNKNOWN
                and not any(p.kind == "unit" for p in places_within(s.start, mhi))
                and not _times_within(doc, s.start, mhi)  # "Năm 2020, ngành ... đạt": a figure of its own
                and not _OTHER_AFTER.match(text, money.end)  # "đạt 1.850 tỷ đồng doanh thu"
            ):
                parent = last_whole  # "Ngành khai khoáng đạt ...": a part of the whole before
            if row is not None:
                intro, carry = row
            elif parent is None and reached and _nearest_keyword(text, s.start, hi, spans=doc.scope_spans) is None:
                own_place = bool(places_within(s.start, hi))
                own_time = bool(_times_within(doc, s.start, hi))
                if heading_kind is not None and not s.heading:
                    carry = heading_kind
                elif (
                    (own_place or own_time)
                    and last_kind is not None
                    and s.para - (last_para or 0) <= 1  # a subheading between ends the topic
                    and not _OTHER_AFTER.match(text, first.end)
                ):  # not "Huyện Bảo Thắng đạt 500 tỷ đồng vốn đầu tư"
                    carry = last_kind
            found = _sentence_drafts(doc, s, inside, parent=parent, carry=carry)
            for d in found:
                d.intro = intro if is_bullet else None
                d.section_words = section
            drafts.extend(found)
            wholes = [
                d for d in found if d.kind == "value" and d.part_of is None and not _in_brackets(text, s, d.amount)
            ]
            rates_of_a_part = all(a.unit == "pct" for a in inside) and (
                (label := scope_in(text, s.start, s.end)) is not None and label[0] != UNKNOWN
            )  # "Công nghiệp địa phương tăng 27,5% ...": the parts go on
            if wholes or not (parent is not None or rates_of_a_part or any(d.part_of is not None for d in found)):
                # parts keep their whole for the next ones, also a list of parts none of which
                # could be read ("Trong đó, khu vực ... đạt ...; ..." of a part with no name known)
                last_whole = wholes[-1] if wholes else None
                last_kind = wholes[-1].indicator if wholes else None
            last_para = s.para
        elif (
            not s.heading
            and (kw := _nearest_keyword(text, s.start, s.end, spans=doc.scope_spans)) is not None
            and kw[0] in VALUE_KINDS
        ):  # "Giá trị sản xuất công nghiệp của các tỉnh như sau." before a listing
            last_kind, last_para, last_whole = kw[0], s.para, None
        elif not s.heading and kw is not None and kw[0] == "other":
            last_kind = None  # "Thu hút đầu tư tiếp tục khởi sắc.": the listing is over
        if _ANNOUNCES_PARTS.search(sentence):
            bullets_whole = last_whole if last_whole is not None and last_para == s.para else None
        elif sentence.rstrip().endswith(":"):
            intro = s  # "Các chỉ tiêu chủ yếu của kế hoạch năm 2015:" introduces the bullets
    return drafts


_ROUNDS = {"more_than": lambda h, b: b >= h, "nearly": lambda h, b: b <= h, "about": lambda h, b: True}


def _reconcile_headlines(doc: _Doc, drafts: list[_Draft]) -> None:
    """A figure of the title (the document's first line) that names no period restates a
    figure of the body that it rounds ("đạt trên 10.200 tỷ đồng" over a body's "quý I ...
    10.236 tỷ đồng"): it takes that figure's period, year, status and price base. The body
    figure is the closest in value of the same indicator, within 5%, on the side the
    qualifier allows ("trên"/"over": the body is larger; "gần"/"nearly": smaller)."""
    if not doc.sentences:
        return
    title = doc.sentences[0]
    if not title.heading:
        return
    body = [d for d in drafts if d.sentence.start != title.start and d.kind == "value" and d.part_of is None]
    for h in drafts:
        if h.sentence.start != title.start or h.kind != "value" or h.period_found:
            continue
        fits = _ROUNDS.get(h.qualifier, lambda hv, bv: True)
        near = [
            b
            for b in body
            if b.indicator == h.indicator and abs(b.value - h.value) <= 0.05 * b.value and fits(h.value, b.value)
        ]
        if not near:
            continue
        b = min(near, key=lambda x: abs(x.value - h.value))
        h.period, h.year, h.year_found, h.period_found = b.period, b.year, b.year_found, True
        h.price_base = b.price_base
        h.status = _final_status(doc, b)


def _extract(
    text: str, source: str, doc_date: str | None, file: str, language: str | None, project: Project | None = None
) -> tuple[list[Figure], list[tuple[str, int, int, str]]]:
    """Figures of a text and number problems as (level, line, column, message); ``project``
    (default: ``project.yaml``) names the project's province."""
    project = project if project is not None else load_project()
    norm, index = _nfc_with_map(text)

    def orig(pos: int) -> int:
        return pos if index is None else index[pos]

    lang = language if language in ("vi", "en") else detect_language(norm)
    if doc_date is None:
        doc_date = parse_document_date(norm)
    doc_year = _doc_year(doc_date)
    sentences = split_sentences(norm)
    doc = _Doc(norm, doc_year, sentences, _find_times(norm, doc_year), doc_date=doc_date)
    doc.status_masks = [m.span() for m in scan(_STATUS_MASK_RE, norm)]
    amounts, number_problems = find_amounts(norm, lang)
    extra, rows = list_rows(norm, sentences, amounts, lang)
    amounts = sorted(amounts + extra, key=lambda a: a.start)

    problems = []
    newlines = [m.start() for m in re.finditer("\n", text)]  # line numbers by bisection (linear time)

    def line_col(o: int) -> tuple[int, int]:
        """Line and column (from 1) of offset ``o`` of the original text."""
        line = bisect_left(newlines, o) + 1
        return line, o - (newlines[line - 2] + 1 if line > 1 else 0) + 1

    for start, end, unit in _quantities_for_values(norm, amounts):
        o = orig(start)
        line, col = line_col(o)
        problems.append(
            (
                "warning",
                line,
                col,
                f"{text[o : orig(end)]!r} follows the words of a production value but counts {unit}, not money; "
                "no figure recorded; check the document (a level in đồng it means can be entered in "
                "data/raw/published.yaml)",
            )
        )
    for p in number_problems:
        o = orig(p.start)
        line, col = line_col(o)
        written = text[o : orig(p.end)]
        problems.append(
            ("warning", line, col, f"unreadable number {written!r} at offset {o} ({p.reason}); no figure recorded")
        )

    for ls, le in _lines(norm):
        line = norm[ls:le]
        if not _TABLE_ROW.search(line) or not _TABLE_NUMBER_CELL.search(line):
            continue
        kw = next(
            (
                m
                for m in _KEYWORD_RE.finditer(line)
                if _KEYWORDS[int(m.lastgroup[1:])][0] in _OWN_KINDS + ("industrial_production_value~weak",)
            ),
            None,
        )
        if kw is None:
            continue
        o = orig(ls)
        line_no, _ = line_col(o)
        problems.append(
            (
                "warning",
                line_no,
                1,
                f"table row {kw.group(0)!r} not read (numbers without a unit of their own); no figure recorded",
            )
        )

    # other measures named inside the name of a part or inside an aside ("thị xã Sa Pa, do ảnh
    # hưởng của dịch đến hoạt động du lịch, chỉ đạt ...") do not stop a figure
    doc.scope_spans = sorted([m.span() for m in scan(SCOPE_RE, norm)] + [m.span() for m in _ASIDE_SPAN.finditer(norm)])
    places = find_places(norm, project)
    doc.place_spans = [(p.start, p.end) for p in places if p.kind in ("unit", "other_district")]
    _document_context(doc, amounts)
    drafts = _document_drafts(doc, amounts, places, rows)
    _finish(doc, drafts)
    _reconcile_headlines(doc, drafts)
    attribute(doc, drafts, places, project)

    figures = []
    for d in drafts:
        qs, qe = orig(d.sentence.start), orig(d.sentence.end)
        vs, ve = orig(d.amount.start), orig(d.amount.end)
        growth = None if d.growth is None else round(float(d.growth), 10)
        if d.kind == "increase":
            compared = _compared_to(None if d.comparison == ("unstated",) else d.comparison, d.period)
        elif d.growth is not None:
            compared = _compared_to(d.comparison, d.period)
        else:
            compared = ""
        figures.append(
            Figure(
                source=source,
                file=file,
                indicator=d.indicator,
                period=d.period,
                year=d.year,
                value=float(d.value),
                unit=d.unit,
                qualifier=d.qualifier,
                price_base=d.price_base,
                status=d.status or _final_status(doc, d),
                growth_pct=growth,
                compared_to=compared,
                region=d.region,
                scope=d.scope,
                flags=";".join(d.flags),
                value_text=text[vs:ve],
                quote=text[qs:qe],
                start=qs,
                end=qe,
            )
        )
    figures.sort(key=lambda f: (f.start, text.find(f.value_text, f.start)))
    return figures, problems
