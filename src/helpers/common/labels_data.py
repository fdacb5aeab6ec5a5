"""Labels of the data dictionary: what each column of the CSV files the project writes means
(merged into :data:`helpers.common.i18n.LABELS`; read by :mod:`helpers.common.codebook`).

A column's label is ``data.<file stem>.<column>``; a file's, ``data.file.<file stem>``. The
CSV files keep English column names and codes (as data files are exchanged); these labels say
in each language what the names and codes mean. A name, code or path in a text is set between
backticks: a page shows it as code, the descriptor of the data package as it is.
"""

from __future__ import annotations

DATA_LABELS: dict[str, dict[str, str]] = {
    # --- the dictionary's own words ---------------------------------------------------------------
    "data.columns": {"en": "What the columns of {file} mean", "vi": "Ý nghĩa các cột của tệp {file}"},
    "data.columns_of": {"en": "What the columns of the {name} file mean", "vi": "Ý nghĩa các cột của tệp {name}"},
    "data.col_name": {"en": "Column", "vi": "Cột"},
    "data.col_meaning": {"en": "Meaning", "vi": "Ý nghĩa"},
    "data.codes": {"en": "Codes", "vi": "Các mã"},
    "data.codes_open": {"en": "Codes, among others", "vi": "Các mã, ngoài ra có thể có mã khác"},
    "data.empty": {"en": "empty", "vi": "để trống"},
    # --- the files: a short name, then what each holds ------------------------------------------
    "data.title.figures": {"en": "figures", "vi": "số liệu"},
    "data.title.checks": {"en": "consistency checks", "vi": "kiểm tra tính nhất quán"},
    "data.title.series": {"en": "annual series", "vi": "chuỗi số liệu hằng năm"},
    "data.title.trend": {"en": "trend lines", "vi": "đường xu hướng"},
    "data.title.forecasts": {"en": "forecasts", "vi": "dự báo"},
    "data.file.figures": {
        "en": "Every figure the sources publish, one row each, with its quote and citation.",
        "vi": "Mọi số liệu các nguồn công bố, mỗi số liệu một dòng, kèm câu trích và trích dẫn.",
    },
    "data.file.checks": {
        "en": "The consistency checks between figures that should agree.",
        "vi": "Các phép kiểm tra tính nhất quán giữa những số liệu lẽ ra phải khớp nhau.",
    },
    "data.file.series": {
        "en": "The annual series at constant 2010 prices, one row a year.",
        "vi": "Chuỗi số liệu hằng năm theo giá so sánh 2010, mỗi năm một dòng.",
    },
    "data.file.trend": {
        "en": "The continued trend of each trend model, one row a model and year.",
        "vi": "Xu hướng kéo dài của từng mô hình xu hướng, mỗi mô hình và năm một dòng.",
    },
    "data.file.forecasts": {
        "en": "The forecast of the headline model with its 80% and 95% intervals, one row a year.",
        "vi": "Dự báo của mô hình chính kèm khoảng 80% và 95%, mỗi năm một dòng.",
    },
    # --- columns shared by several files ---------------------------------------------------------
    "data.any.year": {"en": "Calendar year.", "vi": "Năm dương lịch."},
    "data.any.model": {"en": "The model (its code).", "vi": "Mô hình (mã của mô hình)."},
    "data.any.forecast": {
        "en": "Median forecast (as likely to be exceeded as not), billion VND at constant 2010 prices.",
        "vi": "Dự báo trung vị (khả năng cao hơn và thấp hơn như nhau), tỷ đồng theo giá so sánh 2010.",
    },
    "data.any.lo_80": {"en": "Lower bound of the 80% interval.", "vi": "Cận dưới của khoảng 80%."},
    "data.any.hi_80": {"en": "Upper bound of the 80% interval.", "vi": "Cận trên của khoảng 80%."},
    "data.any.lo_95": {"en": "Lower bound of the 95% interval.", "vi": "Cận dưới của khoảng 95%."},
    "data.any.hi_95": {"en": "Upper bound of the 95% interval.", "vi": "Cận trên của khoảng 95%."},
    # --- figures.csv ----------------------------------------------------------------------------
    "data.figures.figure_id": {
        "en": "Id of the figure: document id `@` the position of the number in the document, or the id of a "
        "cited figure; `>YEAR` ends the id of a level implied for YEAR by a growth rate.",
        "vi": "Mã số liệu: mã văn bản `@` vị trí của con số trong văn bản, hoặc mã của số liệu trích dẫn; "
        "`>NĂM` ở cuối là mức của NĂM được suy ra từ tốc độ tăng.",
    },
    "data.figures.source": {
        "en": "The document the figure is quoted from (its id), or `published` for a figure cited from a "
        "document the repository does not hold.",
        "vi": "Văn bản chứa số liệu (mã văn bản), hoặc `published` với số liệu trích dẫn từ văn bản mà dự án "
        "không lưu giữ.",
    },
    "data.figures.also_in": {
        "en": "Other places that publish the same figure (ids, separated by `;`).",
        "vi": "Những nơi khác công bố cùng số liệu (các mã, cách nhau bởi `;`).",
    },
    "data.figures.indicator": {"en": "What the figure measures.", "vi": "Chỉ tiêu số liệu đo lường."},
    "data.figures.region": {
        "en": "Whose figure it is: the province, another province or the country.",
        "vi": "Số liệu của địa bàn nào: tỉnh, một tỉnh khác hay cả nước.",
    },
    "data.figures.scope": {
        "en": "Which part of industry; only the whole industry feeds the series.",
        "vi": "Phạm vi trong ngành công nghiệp; chỉ số liệu toàn ngành được đưa vào chuỗi.",
    },
    "data.figures.period": {
        "en": "The period: `FY` full year, `H1`/`H2` half-year, `Q1`–`Q4` quarter, `M1-5` the first five "
        "months together, `M5` one month, `YTD` year to date.",
        "vi": "Kỳ số liệu: `FY` cả năm, `H1`/`H2` sáu tháng đầu/cuối năm, `Q1`–`Q4` quý, `M1-5` cộng dồn năm "
        "tháng đầu năm, `M5` một tháng, `YTD` từ đầu năm.",
    },
    "data.figures.year": {"en": "Calendar year of the period.", "vi": "Năm dương lịch của kỳ số liệu."},
    "data.figures.value": {
        "en": "The number as published, in the unit of the `unit` column (an implied level: as computed).",
        "vi": "Con số như được công bố, theo đơn vị ở cột `unit` (mức suy ra: như được tính).",
    },
    "data.figures.unit": {"en": "Unit of the value.", "vi": "Đơn vị của giá trị."},
    "data.figures.qualifier": {
        "en": "How the text hedges the value; empty when it does not.",
        "vi": "Cách văn bản nói về độ chính xác của con số; để trống khi không nói.",
    },
    "data.figures.price_base": {
        "en": "The price base as the text states it.",
        "vi": "Loại giá như văn bản ghi.",
    },
    "data.figures.status": {"en": "How the source presents the figure.", "vi": "Nguồn trình bày số liệu là gì."},
    "data.figures.growth_pct": {
        "en": "Growth stated by the source, in percent over the period of `compared_to`.",
        "vi": "Tốc độ tăng nguồn nêu, tính theo %, so với kỳ ở cột `compared_to`.",
    },
    "data.figures.compared_to": {
        "en": "The year the growth compares with (for part of a year: the same period of that year).",
        "vi": "Năm được so sánh khi tính tốc độ tăng (với số liệu một phần năm: cùng kỳ năm đó).",
    },
    "data.figures.kind": {"en": "How the figure entered the table.", "vi": "Số liệu được đưa vào bảng theo cách nào."},
    "data.figures.derived_from": {
        "en": "For an implied level: the figure whose growth rate implies it.",
        "vi": "Với mức suy ra: số liệu có tốc độ tăng dùng để suy ra mức này.",
    },
    "data.figures.derivation": {
        "en": "For an implied level: the arithmetic, in words (English).",
        "vi": "Với mức suy ra: phép tính, diễn giải bằng tiếng Anh.",
    },
    "data.figures.flags": {
        "en": "Ids of the consistency checks (`checks.csv`) that flag the figure, separated by `;`.",
        "vi": "Mã các phép kiểm tra (tệp `checks.csv`) đánh dấu số liệu này, cách nhau bởi `;`.",
    },
    "data.figures.curation": {
        "en": "Corrections made by hand (`data/raw/curation.yaml`): `field=value`, with the reason.",
        "vi": "Hiệu chỉnh thủ công (`data/raw/curation.yaml`): `trường=giá trị`, kèm lý do.",
    },
    "data.figures.value_text": {"en": "The number as the text writes it.", "vi": "Con số như văn bản viết."},
    "data.figures.quote": {
        "en": "The sentence of the document the figure is read from, as published.",
        "vi": "Câu văn trong văn bản chứa số liệu, nguyên văn.",
    },
    "data.figures.start": {
        "en": "Where the quote starts in the stored document (character position).",
        "vi": "Vị trí bắt đầu của câu trích trong văn bản lưu (thứ tự ký tự).",
    },
    "data.figures.end": {
        "en": "Where the quote ends in the stored document (character position).",
        "vi": "Vị trí kết thúc của câu trích trong văn bản lưu (thứ tự ký tự).",
    },
    "data.figures.file": {
        "en": "The stored document in `data/raw`, or `published.yaml` for a cited figure.",
        "vi": "Văn bản lưu trong `data/raw`, hoặc `published.yaml` với số liệu trích dẫn.",
    },
    "data.figures.citation": {
        "en": "Publisher, title, date, address and where in the document.",
        "vi": "Đơn vị xuất bản, tiêu đề, ngày, địa chỉ và vị trí trong văn bản.",
    },
    "data.figures.excluded": {
        "en": "Why the figure does not feed the series (English); empty when it may.",
        "vi": "Lý do số liệu không được đưa vào chuỗi (tiếng Anh); để trống khi được đưa vào.",
    },
    # --- checks.csv -----------------------------------------------------------------------------
    "data.checks.check_id": {
        "en": "Id of the check, as the `flags` column of `figures.csv` names it.",
        "vi": "Mã phép kiểm tra, như cột `flags` của tệp `figures.csv` ghi.",
    },
    "data.checks.check": {"en": "What is checked.", "vi": "Nội dung kiểm tra."},
    "data.checks.figure_ids": {
        "en": "The figures compared (ids, separated by `;`).",
        "vi": "Các số liệu được so sánh (các mã, cách nhau bởi `;`).",
    },
    "data.checks.year": {"en": "The year checked.", "vi": "Năm được kiểm tra."},
    "data.checks.expected": {
        "en": "What the text states: a growth rate in percent, or an amount in billion VND.",
        "vi": "Điều văn bản nêu: tốc độ tăng tính theo %, hoặc một lượng tính theo tỷ đồng.",
    },
    "data.checks.observed": {
        "en": "What the other figures give, in the same unit.",
        "vi": "Kết quả tính từ các số liệu khác, cùng đơn vị.",
    },
    "data.checks.difference": {"en": "`observed` minus `expected`.", "vi": "`observed` trừ `expected`."},
    "data.checks.tolerance": {
        "en": "The largest difference still counted as consistent (same unit).",
        "vi": "Chênh lệch lớn nhất vẫn được coi là khớp (cùng đơn vị).",
    },
    "data.checks.result": {"en": "The outcome.", "vi": "Kết quả kiểm tra."},
    "data.checks.message": {"en": "The check in words (English).", "vi": "Diễn giải phép kiểm tra (tiếng Anh)."},
    # --- series.csv -----------------------------------------------------------------------------
    "data.series.value": {
        "en": "Industrial production value, billion VND at constant 2010 prices (central estimate).",
        "vi": "Giá trị sản xuất công nghiệp, tỷ đồng theo giá so sánh 2010 (ước lượng trung tâm).",
    },
    "data.series.lo": {
        "en": "Lower bound of the interval at the probability of the `level` column.",
        "vi": "Cận dưới của khoảng với xác suất ở cột `level`.",
    },
    "data.series.hi": {
        "en": "Upper bound of the interval at the probability of the `level` column.",
        "vi": "Cận trên của khoảng với xác suất ở cột `level`.",
    },
    "data.series.level": {"en": "Probability of the interval, in percent.", "vi": "Xác suất của khoảng, tính theo %."},
    "data.series.kind": {"en": "How the year's value was obtained.", "vi": "Giá trị của năm có được bằng cách nào."},
    "data.series.price_base_source": {
        "en": "Price base of the figures the year rests on: as stated, or `unstated->` and the base the "
        "project's rule assigns where the text states none.",
        "vi": "Loại giá của các số liệu làm căn cứ cho năm: như văn bản ghi, hoặc `unstated->` và loại giá "
        "quy tắc của dự án gán khi văn bản không ghi.",
    },
    "data.series.figure_ids": {
        "en": "The figures the year rests on (ids of `figures.csv`, separated by `;`).",
        "vi": "Các số liệu làm căn cứ cho năm (mã trong `figures.csv`, cách nhau bởi `;`).",
    },
    "data.series.method": {
        "en": "The method, with its numbers (English).",
        "vi": "Phương pháp, kèm các con số (tiếng Anh).",
    },
    "data.series.note": {
        "en": "How the value and its interval were reached, in words (English).",
        "vi": "Diễn giải cách có giá trị và khoảng (tiếng Anh).",
    },
    # --- forecasts.csv --------------------------------------------------------------------------
    "data.forecasts.link_scenario": {
        "en": "How the uncertainty of the 1994-to-2010 link factor enters the forecast.",
        "vi": "Cách đưa độ bất định của hệ số nối từ giá 1994 sang giá 2010 vào dự báo.",
    },
    # --- why a figure is not used, in a few words (a cell of the figures table) ----------------------
    "unused_brief.superseded": {"en": "superseded", "vi": "đã có số liệu thay thế"},
    "unused_brief.duplicate": {"en": "a duplicate", "vi": "trùng số liệu khác"},
    "unused_brief.current_prices": {"en": "current prices", "vi": "giá hiện hành"},
    "unused_brief.scope": {"en": "another scope", "vi": "phạm vi khác"},
    # --- words of codes the pages have no other label for ------------------------------------------
    "qualifier_word.less_than": {"en": "less than", "vi": "dưới"},
    "qualifier_word.at_most": {"en": "at most", "vi": "tối đa"},
}
