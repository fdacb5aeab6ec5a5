"""Find the industrial-output figures a document quotes, each with its sentence.

``laocai extract FILE...`` and :func:`extract_files` read UTF-8 text documents
(Vietnamese press and official documents, English articles of the same portals) and give
one row per figure, with the columns of :data:`COLUMNS`. :func:`extract_text` does the same
for one text already in memory. Numbers, units and qualifiers are read by
:mod:`helpers.figures.numbers`, whose docstring gives the separator rules ("2.525" is 2525 in a
Vietnamese document, 2.525 in an English one).

Columns
-------
source       id from ``data/raw/sources.yaml`` when the file is registered there (same name
             and same sha256), else the file name.
file         file name.
indicator    see *Indicators*.
region       whose figure it is: the official name of a province ("Lào Cai", "Yên Bái"), of a
             district ("Huyện Bảo Thắng", "Thành phố Lào Cai"), "Việt Nam", or ``unknown``
             (see :mod:`helpers.figures.extract.attribution`).
scope        ``total``, ``subsector:mining|manufacturing|electricity|water``,
             ``component:central|local|fdi|state|non_state|domestic`` (domestic: state and
             non-state together), ``handicraft`` or ``unknown``
             (see :mod:`helpers.figures.extract.regions`).
period       see *Periods*.
year         the year the figure refers to (see *Year*).
value        in ``unit``.
unit         ``bn_vnd`` (billions of VND), ``mn_usd`` (millions of USD, currency kept),
             ``pct`` (percent, for shares), ``index`` (comparison period = 100).
qualifier    ``more_than``, ``nearly``, ``about``, ``less_than``, ``at_least``, ``at_most``
             or empty (:mod:`helpers.figures.numbers`).
price_base   ``1994``, ``2010`` (any stated base year), ``current`` or ``unstated``.
status       ``actual``, ``estimate``, ``plan`` or ``target``.
growth_pct   stated growth rate in percent (negative for "giảm"), empty when none.
compared_to  what the growth or increase compares to, see *Comparisons*; empty when the
             figure states neither.
flags        ``;``-separated: ``region_unknown``, ``scope_unknown``, ``outside_project`` (not
             the province of ``project.yaml`` or ``--region``), ``merged_2025``.
value_text   the amount exactly as written ("2.525 tỷ đồng").
quote        the sentence, exactly ``text[start:end]``.
start, end   character offsets of the quote in the decoded text (a UTF-8 byte order mark,
             if any, counts as one character).

Indicators
----------
=========================================  ==============================================
``industrial_production_value``            giá trị sản xuất công nghiệp, GTSX CN, SXCN,
                                           industrial production/output (value)
``handicraft_production_value``            (sản phẩm / giá trị sản xuất) tiểu thủ công
                                           nghiệp, TTCN, handicraft, cottage industry
``industrial_handicraft_production_value``  công nghiệp - tiểu thủ công nghiệp, CN-TTCN
``<value indicator>_increase``             an absolute increase of one of the three above
                                           ("cao hơn năm 2021 gần 5.000 tỷ đồng", "tăng
                                           500 tỷ đồng so với năm 2022", "up VND 5
                                           trillion"); value in bn_vnd
``<value indicator>_decrease``             the same for a fall ("giảm", "thấp hơn");
                                           the value stays positive
``<value indicator>_index``                a growth rate stated without a level ("giá trị
                                           sản xuất công nghiệp tăng 12,5%"): value =
                                           100 + growth, unit ``index``
``industrial_production_index``            chỉ số sản xuất công nghiệp, IIP: value = the
                                           index (comparison period = 100), unit ``index``,
                                           growth_pct = value - 100
``industry_construction_share``            share of industry and construction in the
                                           economy ("công nghiệp và xây dựng chiếm 35,94%")
``industry_share``                         share of industry ("ngành công nghiệp chiếm")
=========================================  ==============================================

Keyword evidence. A figure is emitted only when an indicator keyword stands in its own
sentence, before the amount: the *nearest* keyword between the previous amount of the
sentence (or its start) and the amount decides. Keywords of other measures stop a figure:
investment, revenue, budget, exports, GRDP, value added, support, prices ("trị giá"),
plants, projects, companies, agriculture, services, households -- except inside the name of
a part of industry ("khu vực có vốn đầu tư nước ngoài" is the FDI component, not
investment) or inside an aside between commas ("thị xã Sa Pa, do ảnh hưởng ... du lịch, chỉ
đạt ..."). So "Mức hỗ trợ ... 30 triệu đồng" or "nhà máy ... trị giá 260 triệu USD" yield
nothing. "sản xuất công nghiệp" without "giá trị" counts only as a head noun, not after a
producer or a preposition. Words without Vietnamese diacritics are not keywords. Amounts per
hectare, per person, per worker, per tonne and unit prices ("65,3 triệu đồng/người",
"bình quân đầu người", "per worker", "giá trị sản xuất trên 1 ha đất canh tác") are never
figures. An amount in another currency written right after a figure -- in a bracket or after
"tương đương", "equivalent to", "or" ("VND 38.6 trillion (1.63 billion USD)", "17.200 tỷ
đồng (tương đương 730 triệu USD)") -- is the same figure converted, never a second one; of
the two, the amount in VND is kept ("1,6 tỷ USD (khoảng 37.000 tỷ đồng)": 37.000 tỷ đồng).

Places and parts of industry no longer stop a figure: it is kept with its ``region`` and
``scope`` (district, city, another province, the country; sub-sector, component). The
evidence may also stand outside the sentence: a numbered section heading that names an
indicator ("2.4. Giá trị sản xuất công nghiệp") gives it to the sentences of its section
whose amounts have no keyword; a sentence that lists places or periods with amounts only
("Tỉnh bạn Yên Bái đạt 17.250 tỷ đồng", "Lũy kế 4 tháng đạt ...", "Riêng tháng 4 thực hiện
1.125 tỷ đồng" after a cumulative figure: a figure of that month) continues the indicator of
the previous sentence with figures, or of a sentence without amounts that names the indicator
("Giá trị sản xuất công nghiệp của các tỉnh trong vùng tăng khá." then "Tỉnh Bắc Giang đạt
gần 95 ngàn tỷ đồng."), in the same or the previous paragraph, until a sentence about another
measure, and not when another measure is named right after the amount ("Tỉnh Tuyên Quang đạt
4.000 tỷ đồng vốn đầu tư"). Lists: the lines "place: number" under a line that names the indicator and its unit
("... (giá so sánh 2010, tỷ đồng):" then "Huyện Bát Xát: 1.914,6") are figures in that unit
with the head's time, status and base (:mod:`helpers.figures.extract.lists`). A later amount of the same
sentence with no keyword of its own continues the indicator of the previous one. After a
part word ("trong đó", "riêng", "bao gồm", "of which", "of the total", "including"), or in
a sentence that opens with one, or in the bullets after a sentence ending "Trong đó:", the
amounts are *parts* of the last whole figure: same indicator, period, year, status and price
base; their own words give their scope or region ("công nghiệp khai khoáng", "huyện Bảo
Thắng"); a part that names neither has scope ``unknown``. So is a sentence without an
indicator whose amount follows a verb of reaching or of a share after the name of a part of
industry, right after a whole ("Ngành chế biến, chế tạo chiếm 59%; ngành khai khoáng đạt
2.900 tỷ đồng", "FDI enterprises accounted for VND 196 trillion of the total", "The mining
sector contributed VND 2.9 trillion"); "ngành công nghiệp chế biến, chế tạo" names the
sub-sector, not the industry. An amount in brackets ("(kế hoạch 26.500 tỷ đồng)") is never the
whole of later parts. A part word followed by a time of
its own ("9 tháng đạt ..., trong đó quý III đạt ...") gives a figure of that period instead.
Headlines: a figure of the title line that names no period restates the body figure it
rounds (same indicator, within 5%, on the side its qualifier allows) and takes that figure's
period, year, status and price base ("đạt trên 10.200 tỷ đồng" over "Quý I ... 10.236").

Percentages. A percentage is a growth rate when a growth verb (tăng, giảm, tăng trưởng,
up, rose, an increase of ...) stands right before it. It belongs to the figure it follows
in the sentence when no keyword intervenes and its clause names no time of its own; else it
makes an ``_index`` row of the indicator keyword before it (or, for a further rate of the
same figure -- another comparison, another period -- of the figure's indicator). "bằng
105,2% so với cùng kỳ" right after a figure is read as a growth of 5.2% (a ratio to a plan
or target is not). A percentage written right before a plan or target word ("đạt 48,5% kế
hoạch năm", "bằng 102,3% kế hoạch", "equal to 102.3% of the annual plan") is a degree of
completion of a plan that the output does not hold (its plan is seldom stated): it yields
no row, is never a growth rate (even after "tăng trưởng ... đạt"), and does not stop a
later rate from belonging to the figure. "tăng 5% so với kế hoạch" is a growth rate
compared to the plan. Other percentages are shares when a share word (chiếm, tỷ trọng, cơ cấu,
share, accounts for) and a sector keyword precede them, and are ignored otherwise ("bằng
108% mục tiêu", "nội địa hóa ... 80%").

Periods
-------
``FY`` full year (default; "năm 2023", "cả năm"); ``M1-5`` cumulative January to May ("5
tháng đầu năm", "lũy kế 5 tháng", "cộng dồn 5 tháng", "tính chung 5 tháng", "lũy kế đến
hết tháng 5", "đến hết tháng 5/2010", "first five months", "the five-month accumulation at
..."; ``M6-10`` the months between ("từ tháng 6 đến hết tháng 10"); a bare "5 tháng" only right
before a verb or an estimate
word -- "IIP 5 tháng tăng 7,2%", "5 tháng ước đạt" -- and not after a word of duration such
as "sau", "trong", "kéo dài"; "5 tháng (đầu) năm nay", "tháng 5 năm nay", "quý II, năm nay" are
of the document's year);
``H1``/``H2`` half-years ("6 tháng đầu năm", "nửa đầu năm", "6 tháng cuối năm", "first
half"); ``Q1``..``Q4`` quarters ("quý I", "quý 2/2024", "quý I, năm 2024", "3 tháng đầu
năm", "first quarter", "in Quarter 1" but not "in Quarter 2, Tan Dong Hiep ward"); ``M3`` one month ("tháng 3", "tháng 3/2024", "in March", "March alone", "the
month of March"); ``M1-9`` etc.;
``YTD`` cumulative to an unstated month ("lũy kế", "từ đầu năm đến nay", "year to date");
``Y2016-2020`` a multi-year span ("giai đoạn 2016-2020", "in 2016-2020" but not "the 2021-2022
crop year"; year = last year). A partial
period is never reported as ``FY``. English periods take "of this year" as the document's year
("in the third quarter of this year"). The plan or target of the year ("kế hoạch năm", "the
annual plan of VND 14 trillion") is ``FY`` whatever the period of the figure beside it.

Time context. The period and year of a figure come from the nearest time expression before
the amount in its sentence; failing that, the first one after it in the same clause ("...
reached VND 46.1 trillion in 2023"); failing that, the last one of the previous sentences
of its paragraph; failing that, the last one of the paragraph just before (press articles
often give each sentence its own paragraph); failing that, the nearest preceding heading
line (a line without final punctuation) that holds one. A time expression without a year
("6 tháng đầu năm", "cả năm") keeps looking back the same way for the year. Years that are not the figure's own are
never used: comparisons ("so với năm 2010", "so với thực hiện năm 2021", "cao hơn năm 2021",
"gấp 1,6 lần năm 2019", "compared with 2022"; with a period of their own too: "so với 10
tháng năm 2018", "compared with the first ten months of 2018"), times inside a clause of
cause or concession up to its comma ("despite COVID-19 outbreaks in May, ...", "mặc dù mưa lũ
tháng 8, ...", "do ảnh hưởng của dịch trong tháng 4"; not when a "nhưng" / "but" opens the main
clause first: "Mặc dù 6 tháng đầu năm sức mua yếu nhưng giá trị ... đạt" is of the half year),
"against the same time last year", price bases ("giá so sánh 2010"), dates of other documents ("ngày 24/7/2018", "Nghị định
310/2025/NĐ-CP") and horizons ("tầm nhìn đến năm 2045"). "năm nay"/"this year" is the
document's year, "năm ngoái"/"last year" the year before. Earlier sentences give their time
only when they are about figures: a sentence naming another measure or a part of industry
and no indicator ("electricity output rose ... in the second half of the year") does not.
The bullets after a sentence ending with ":" ("Các chỉ tiêu chủ yếu của kế hoạch năm 2015:")
take its time (and its status words) when they state none; failing that, the rows of a list
take the time written before its head. A time written right after an amount, with only
spaces between, is that amount's own and comes first for it: in "tăng từ 17.340 tỷ đồng năm
2015 lên 30.000 tỷ đồng năm 2020" ("rose from VND 17.3 trillion in 2015 to ...") both amounts
are figures, of 2015 and of 2020, and "tăng từ" is no increase.

Year
----
When no time expression gives a year, the figure takes the year of the nearest figure of the
same document that has one and the same kind of status (observed: actual or estimate;
planned: plan or target) -- "Hiện nay, công nghiệp và xây dựng chiếm 35,94%" beside "Năm
2023, giá trị ... đạt" is 2023, and a headline target takes the year of the body's target.
A figure compared with the same period of a named year ("tăng 11,3% so với cùng kỳ năm
2018", "over the same period of 2018") is of the year after it (and gives it to the others).
A later amount of a sentence with no time expression since the previous amount shares that
amount's year ("cả năm ước thực hiện 26.580 tỷ đồng (kế hoạch 26.500 tỷ đồng)": the plan is
of the same year, not of a plan section further on). Failing that, the document's year (the
year before it for the end of a year in a report of January to March: "quý IV", "tháng 12",
"6 tháng cuối năm" with no year are the quarter, month or half just ended, unless a plan);
for an undated document, the year of its title line when it names exactly one and not as a
deadline, a start or a number ("Bac Giang leads the country in 2023 economic growth", not "...
to 2030", "since 1997", "2045 vision", "Nghị quyết 05/2016"); failing that, the year is left
empty.

Status
------
From the words of the sentence before the amount (or since the previous amount of the
sentence; a later amount without words of its own keeps the status of the previous one):
"kế hoạch", "chỉ tiêu kế hoạch", "plan" -> ``plan``; "mục tiêu", "phấn đấu", "chỉ tiêu",
"đặt mục tiêu", "hướng tới", "sẽ đạt", "target", "aim" -> ``target``; "ước", "ước đạt",
"ước tính", "dự kiến", "dự báo", "estimated", "expected" -> ``estimate``; when several
occur, plan wins over target, and target over estimate. Phrases that only refer to a plan
("vượt kế hoạch", "hoàn thành mục tiêu", "bằng 108% mục tiêu", "Kế hoạch số 157",
"Chương trình mục tiêu quốc gia") do not count, nor do words before a ";" or inside a
bracket that quotes another figure and closes before the amount ("(Mục tiêu Nghị quyết là
13,5%/năm); năm 2016, ... đạt"). A purpose clause states what is required: "Để hoàn thành
mục tiêu năm 2012, ... đạt", "nhằm đạt kế hoạch", "to meet the annual target" -> ``target``
(``plan`` for "kế hoạch"/"plan"). The plan of the year beside a figure ("bằng 72% kế hoạch
năm 15.700 tỷ đồng") is a ``plan``. A section heading (numbered, lettered or in capitals,
after the document's header lines) that opens with "Kế hoạch" makes the figures of its section
that state no status or only a target (the bullets of "Các chỉ tiêu chủ yếu:") ``plan``; one
that opens with "Mục tiêu"/"Chỉ tiêu", ``target``; a heading that reports on a plan ("TÌNH
HÌNH THỰC HIỆN KẾ HOẠCH NĂM 2019") does not count. Parts take their whole's status unless
their own words state one, also a part that names the indicator again ("Trong đó, giá trị sản
xuất công nghiệp địa phương là ...") unless it states a time or a base of its own. A figure
still without words is a ``target`` when the next sentence calls it a goal of a planning
document ("Đó là mục tiêu cụ thể được nêu trong Quyết định ...", "These are the targets set by
the plan"; not for a figure of a year before the document's, nor "chỉ tiêu", which also means
indicator) or when it is a floor or a ceiling in Vietnamese ("đạt từ 800 tỷ đồng trở lên",
"không dưới", "tối đa": a measured level is never stated so; English "at least" and "up to"
are also said of results). Then the document's date decides: a
figure for a year after the document's year is a ``target`` unless the words say ``plan``
(it cannot be actual or an estimate); a full-year figure for the document's own year
cannot be final yet and is an ``estimate`` unless the words say plan or target; otherwise
the words decide, and without words the figure is ``actual`` ("đạt" for a past year).
More generally, a figure for a period of the document's year that has not ended by the
document's date -- its last month is the document's month or later -- is an ``estimate``
unless the words say plan or target ("9 tháng", "quý III" in a report dated 25/9; a date
with a year only makes only the full year not over). The document's date is the register's ``date`` for a registered file, else read from the
text ("Ngày ban hành: 04/03/2020", "Lào Cai, ngày 04 tháng 3 năm 2020", "Thứ Hai,
15/01/2024", "Published: January 15, 2024", a line "2024-01-15"), else unknown (then the words
alone decide).

Price base
----------
"giá cố định năm 1994", "giá so sánh 1994", "giá CĐ 1994", "(theo giá cố định năm 1994)",
"constant 1994 prices", "based on the base price in 1994" -> ``1994``; "giá so sánh (năm)
2010", "theo giá (năm) 2010", "(giá 2010)" -> ``2010`` (a bare "giá 2010" only after "theo",
not followed by "của", "cho", "điều chỉnh"..., or alone in a bracket: "giá 2010 của than" and
"(giá 2022 tăng 30% ...)" are prices; any base year
written this way is kept as written); "giá hiện hành", "giá thực tế", "current prices" ->
``current``; nothing, or "giá so sánh" without a year -> ``unstated``. The phrase belongs
to the figure it qualifies. Precedence: (1) the phrase written right after the amount
("đạt 32.921 tỷ đồng (giá so sánh 2010)"), else the nearest one before it in the sentence;
(2) a phrase right after a later amount of the same sentence and indicator with no other base
between ("năm 2016 đạt 26.410 tỷ đồng, năm 2017 ước đạt 28.940 tỷ đồng (giá so sánh 2010)":
both); (3) a phrase later in the amount's own clause, after its period, before the next
amount or ";" and with no keyword between ("VND 38.6 trillion in the first ten months of
2022, calculated at 2010 constant prices"); (4) for a part, its whole's base ("Of the total,
..."); for a list row, the base of the list's head; (5) the document's statement for all
its values, a sentence without amounts such as "Ghi chú: Các chỉ tiêu giá trị trong báo cáo
này tính theo giá cố định 1994" (targets included); (6) ``unstated``. A base is otherwise never carried
to other sentences. Shares and indices are ``unstated``.

Comparisons
-----------
``compared_to`` is a year ``"2010"`` ("so với năm 2010"; for a partial period, the same
period of that year), ``previous_year`` ("so với cùng kỳ", "so với năm trước",
"year-on-year" for a full year), ``same_period_previous_year`` (the same for a partial
period), ``previous_period`` ("so với tháng trước"), ``plan``/``target`` ("so với kế
hoạch"), ``annual_average`` (an average annual rate: "bình quân", "/năm"), or
``unstated`` for a growth rate or increase that names no comparison. A named month or
quarter is ``previous_period`` when it is the one just before the figure's period ("tháng
10 ... so với tháng 9", "quý III ... so với quý II"), the year when it is the figure's period
of another year ("tháng 10 ... so với tháng 10/2022" -> ``2022``), and ``unstated``
otherwise; like other comparisons ("over the same period last year") it never gives the
figure its time. A figure's growth rate
is the first one after it in its sentence, before the next amount; further rates become
``_index`` rows (see *Percentages*).

Problems and exit status
------------------------
A number followed by a unit that the rules cannot read ("2.52.5 tỷ đồng", "46.1000 tỷ") is
reported as ``FILE:LINE:COL: warning: ...`` and yields no figure. So is a table flattened to
text (a line of four or more cells separated by "|" or tabs, one a bare number) whose row
names an indicator: its numbers carry no unit of their own (the unit, years and statuses
stand in other cells and header rows), so the row is not read and a warning names its line;
a sentence quoting the same figure is read as usual. A file that is missing,
unreadable, not UTF-8, or registered under its name with another sha256 is an *error*; an
empty file or a file without any figure is a *warning*. Every file is processed whatever
happens to the others. :func:`cli_extract` returns 1 when any error occurred and 0
otherwise: a readable document that quotes no figure is a valid result (batches of
documents mix relevant and irrelevant texts), and the warning on stderr names it.
"""

from __future__ import annotations

from .document import (
    COLUMNS,
    Figure,
    detect_language,
    parse_document_date,
    split_sentences,
)
from .files import cli_extract, extract_files, extract_text

__all__ = [
    "COLUMNS",
    "Figure",
    "cli_extract",
    "detect_language",
    "extract_files",
    "extract_text",
    "parse_document_date",
    "split_sentences",
]
