"""Labels of the reports in English and Vietnamese.

Every heading, axis label, table header and summary sentence a notebook shows goes through
:func:`t`, so that one notebook renders in either language (``lang`` parameter ``"en"`` or
``"vi"``)::

    from helpers.common.i18n import t
    ax.set_ylabel(t("unit.billion_vnd", lang))
    display(Markdown(t("summary.growth", lang, rate=12.3)))

To add a label, add one entry to :data:`LABELS` with both languages; placeholders
(``{rate}``) must be the same in both texts. ``tests/test_reports.py`` runs
:func:`check_labels`, which fails on a missing language, an empty text or placeholders that
differ between the two languages.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Mapping

#: Languages every label exists in; the first is the default.
LANGS: tuple[str, ...] = ("en", "vi")

#: Human names of the languages, in their own language.
LANG_NAMES: dict[str, str] = {"en": "English", "vi": "Tiếng Việt"}

#: The letters only Vietnamese writes (lower case): a text with one of them is Vietnamese.
VIETNAMESE_LETTERS = frozenset("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


def has_vietnamese_letters(text: str) -> bool:
    """Whether ``text`` has a letter only Vietnamese writes (a title in Vietnamese, not in English)."""
    return not VIETNAMESE_LETTERS.isdisjoint(text.lower())


#: Babel locale of each report language (numbers, dates).
LOCALES: dict[str, str] = {"en": "en_US", "vi": "vi_VN"}

#: Every label, keyed ``"<group>.<name>"``; each value maps a language code to its text.
LABELS: dict[str, dict[str, str]] = {
    # --- run header (helpers.reports.provenance.run_header) ---------------------------------------
    "header.title": {"en": "About this report", "vi": "Thông tin về báo cáo"},
    "header.run": {"en": "Run", "vi": "Lượt chạy"},
    "header.notebook": {"en": "Notebook", "vi": "Sổ tay tính toán"},
    "header.parameters": {"en": "Parameters", "vi": "Tham số"},
    "header.parameter": {"en": "Parameter", "vi": "Tham số"},
    "header.value": {"en": "Value", "vi": "Giá trị"},
    "header.commit": {"en": "Source commit", "vi": "Phiên bản mã nguồn"},
    "header.dirty": {
        "en": "the working tree had uncommitted changes",
        "vi": "mã nguồn đang có thay đổi chưa được ghi thành phiên bản",
    },
    "header.clean": {"en": "clean working tree", "vi": "thư mục làm việc sạch"},
    "header.no_git": {"en": "not a git checkout", "vi": "không phải bản sao git"},
    "header.raw_hash": {"en": "Hash of data/raw (SHA-256)", "vi": "Mã băm của data/raw (SHA-256)"},
    "header.packages": {"en": "Package versions", "vi": "Phiên bản các gói"},
    "header.not_installed": {"en": "not installed", "vi": "chưa cài đặt"},
    "header.ran_at": {"en": "Ran at", "vi": "Thời điểm chạy"},
    "header.language": {"en": "Language", "vi": "Ngôn ngữ"},
    # --- index page (helpers.reports) -----------------------------------------------------
    "index.title": {"en": "Reports", "vi": "Báo cáo"},
    "index.intro": {
        "en": "Industrial production value of Lào Cai province: the published figures, one annual series at "
        "constant 2010 prices, its trend and a forecast, each traced to its sources.",
        "vi": "Giá trị sản xuất công nghiệp tỉnh Lào Cai: các số liệu được công bố, một chuỗi số liệu hằng năm "
        "theo giá so sánh 2010, xu hướng và dự báo, mỗi con số đều dẫn về nguồn của nó.",
    },
    "index.report": {"en": "Report", "vi": "Báo cáo"},
    "index.status": {"en": "Status", "vi": "Trạng thái"},
    "index.date": {"en": "Built", "vi": "Ngày tạo"},
    "index.run_time": {"en": "Run time", "vi": "Thời gian chạy"},
    "index.commit": {"en": "Commit", "vi": "Phiên bản mã nguồn"},
    "index.generated": {"en": "Index written", "vi": "Trang mục lục được tạo lúc"},
    "index.previous": {
        "en": "previous good build",
        "vi": "bản tạo thành công gần nhất",
    },
    "index.failed_notebook": {"en": "failed notebook", "vi": "sổ tay bị lỗi"},
    "status.ok": {"en": "ok", "vi": "thành công"},
    "status.cached": {"en": "up to date", "vi": "đã cập nhật"},
    "status.failed": {"en": "failed", "vi": "lỗi"},
    "status.skipped": {"en": "skipped", "vi": "bỏ qua"},
    "status.missing": {"en": "not built", "vi": "chưa tạo"},
    "status.stale": {"en": "out of date", "vi": "đã cũ"},
    # --- subjects of the notebooks ----------------------------------------------------------
    "report.figures": {"en": "Reported figures", "vi": "Các số liệu được công bố"},
    "report.series": {"en": "Annual series", "vi": "Chuỗi số liệu hằng năm"},
    "report.trend": {"en": "Trend", "vi": "Xu hướng"},
    "report.forecast": {"en": "Forecast", "vi": "Dự báo"},
    "province": {"en": "Lào Cai province", "vi": "Tỉnh Lào Cai"},
    "ipv": {"en": "Industrial production value", "vi": "Giá trị sản xuất công nghiệp"},
    # --- table headers and axis labels ------------------------------------------------------
    "col.year": {"en": "Year", "vi": "Năm"},
    "col.value": {"en": "Value", "vi": "Giá trị"},
    "col.source": {"en": "Source", "vi": "Nguồn"},
    "col.quote": {"en": "Quote", "vi": "Trích dẫn"},
    "col.publisher": {"en": "Publisher", "vi": "Đơn vị xuất bản"},
    "col.price_base": {"en": "Price base", "vi": "Loại giá"},
    "col.kind": {"en": "How obtained", "vi": "Cách có số liệu"},
    "col.check": {"en": "Check", "vi": "Kiểm tra"},
    "col.result": {"en": "Result", "vi": "Kết quả"},
    "col.model": {"en": "Model", "vi": "Mô hình"},
    "col.method": {"en": "Method", "vi": "Phương pháp"},
    "col.forecast": {"en": "Forecast", "vi": "Dự báo"},
    "col.lower": {"en": "Lower bound", "vi": "Cận dưới"},
    "col.upper": {"en": "Upper bound", "vi": "Cận trên"},
    "col.level": {"en": "Level (%)", "vi": "Mức tin cậy (%)"},
    "col.growth": {"en": "Growth (%)", "vi": "Tăng trưởng (%)"},
    "col.scenario": {"en": "Scenario", "vi": "Kịch bản"},
    "col.link_factor": {"en": "Link factor", "vi": "Hệ số nối chuỗi"},
    "unit.billion_vnd": {"en": "Billion VND", "vi": "Tỷ đồng"},
    "unit.percent": {"en": "%", "vi": "%"},
    "price.constant_1994": {"en": "constant 1994 prices", "vi": "giá so sánh 1994"},
    "price.constant_2010": {"en": "constant 2010 prices", "vi": "giá so sánh 2010"},
    "price.current": {"en": "current prices", "vi": "giá hiện hành"},
    "kind.actual": {"en": "actual", "vi": "thực hiện"},
    "kind.estimate": {"en": "estimate", "vi": "ước tính"},
    "kind.target": {"en": "target", "vi": "kế hoạch"},
    "scenario.default": {"en": "default", "vi": "mặc định"},
    "scenario.low": {"en": "low", "vi": "thấp"},
    "scenario.high": {"en": "high", "vi": "cao"},
    "series.observed": {"en": "Published (2010 prices or converted)", "vi": "Số liệu công bố (giá 2010 hoặc quy đổi)"},
    "series.observed_2010": {"en": "Published at 2010 prices", "vi": "Số liệu công bố theo giá 2010"},
    "series.linked": {"en": "Linked series", "vi": "Chuỗi đã nối"},
    "series.fitted": {"en": "Fitted", "vi": "Giá trị ước lượng"},
    "series.interval": {"en": "{level}% interval", "vi": "Khoảng {level}%"},
    # --- summary sentences -------------------------------------------------------------------
    "summary.n_figures": {
        "en": "{n} figures read from {n_sources} source documents.",
        "vi": "{n} số liệu được đọc từ {n_sources} tài liệu nguồn.",
    },
    "summary.growth": {
        "en": "Average annual growth {first}–{last}: {rate:.1f}%.",
        "vi": "Tốc độ tăng trưởng bình quân năm {first}–{last}: {rate:.1f}%.",
    },
    "summary.forecast": {
        "en": "Forecast for {year}: {value:,.0f} billion VND ({level}% interval {lower:,.0f}–{upper:,.0f}).",
        "vi": "Dự báo năm {year}: {value:,.0f} tỷ đồng (khoảng {level}%: {lower:,.0f}–{upper:,.0f}).",
    },
}


class LabelError(KeyError):
    """A label key or language is unknown; the message says which and how to fix it."""

    def __str__(self) -> str:  # KeyError would show the message with quotes around it
        return str(self.args[0]) if self.args else ""


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language code, else raise :class:`ValueError`.

    Parameters
    ----------
    lang : str
        Language code, ``"en"`` or ``"vi"``.

    Returns
    -------
    str
        The same code.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)} (the `lang` parameter)")
    return lang


def t(key: str, lang: str = "en", /, **values: object) -> str:
    """Text of label ``key`` in ``lang``, formatted with ``values`` if given.

    Parameters
    ----------
    key : str
        Label key, e.g. ``"col.year"``; see :data:`LABELS`.
    lang : str, default "en"
        ``"en"`` or ``"vi"``.
    **values
        Values of the placeholders of the text (``str.format`` syntax).

    Returns
    -------
    str
        The label text.

    Raises
    ------
    LabelError
        If ``key`` is not in :data:`LABELS` (a :class:`KeyError`); the message names close
        keys and where to add it.
    ValueError
        If ``lang`` is not supported.
    KeyError
        If the text has a placeholder not given in ``values``.
    """
    check_lang(lang)
    try:
        entry = LABELS[key]
    except KeyError:
        close = difflib.get_close_matches(key, LABELS.keys(), n=3)
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        raise LabelError(
            f"unknown label key {key!r}.{hint} Add it to helpers.common.i18n.LABELS with both "
            f"{' and '.join(LANGS)} texts."
        ) from None
    text = entry.get(lang)
    if not text:
        raise LabelError(f"label {key!r} has no {lang!r} text: add it to helpers.common.i18n.LABELS")
    if not values:
        return text
    return format_text(text, lang, **values)


def t_count(key: str, n: int, lang: str = "en", /, **values: object) -> str:
    """Text of label ``key`` for a count of ``n`` things: ``{key}_one`` when ``n`` is 1, else
    ``{key}_other``; ``n`` is passed to the text as ``{n}`` with the other ``values``.

    Both languages have both forms: beside the English plural, a Vietnamese sentence about a
    single thing is worded apart ("Năm 2014 ..." against "Các năm 2014, 2017 ..."), so the
    choice is by the count, not by a language's plural rules.

    >>> t_count("count.years", 1), t_count("count.years", 3), t_count("count.years", 1, "vi")
    ('1 year', '3 years', '1 năm')
    """
    return t(f"{key}_one" if n == 1 else f"{key}_other", lang, n=n, **values)


def format_text(text: str, lang: str, /, **values: object) -> str:
    """``text.format(**values)`` with numbers written the way of ``lang`` (vi: 2,38 and 46.100)."""
    if lang == "vi":
        values = {k: _ViNumber(v) if _is_real(v) else v for k, v in values.items()}
    return text.format(**values)


def _is_real(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class _ViNumber(float):
    """A number that formats the Vietnamese way: dot for thousands, comma for decimals.

    ``f"{_ViNumber(46100.5):,.1f}"`` gives ``46.100,5``; integers without a format spec (years)
    print as they are.
    """

    def __new__(cls, value):
        obj = super().__new__(cls, value)
        obj._int = isinstance(value, int)
        return obj

    def __format__(self, spec: str) -> str:
        if self._int and not spec:
            return str(int(self))
        m = _FIXED_SPEC.fullmatch(spec)
        if m:  # "+,.1f" and the like: Babel's Vietnamese number format
            from babel.numbers import format_decimal

            sign, group, decimals = m.groups()
            n = int(decimals)
            pattern = ("#,##0" if group else "0") + ("." + "0" * n if n else "")
            v = float(self)
            text = format_decimal(0.0 if round(v, n) == 0 else v, format=pattern, locale="vi_VN")
            return "+" + text if sign and v > 0 and round(v, n) != 0 else text
        return format(float(self), spec).translate(_VI_SWAP)

    def __str__(self) -> str:
        return str(int(self)) if self._int else format(float(self), "g").translate(_VI_SWAP)


_VI_SWAP = str.maketrans({",": ".", ".": ","})
_FIXED_SPEC = re.compile(r"(\+?)(,?)\.(\d+)f")


def labels(lang: str, keys: list[str] | tuple[str, ...] | None = None) -> dict[str, str]:
    """All labels (or only ``keys``) in ``lang``, as a ``{key: text}`` dict.

    Handy to rename DataFrame columns: ``df.rename(columns=labels(lang, [...]))``.
    """
    check_lang(lang)
    return {k: t(k, lang) for k in (keys if keys is not None else LABELS)}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check_labels(table: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    """Problems in a label table: missing or empty languages, mismatched placeholders.

    Parameters
    ----------
    table : mapping, optional
        Table to check; :data:`LABELS` by default.

    Returns
    -------
    list of str
        One message per problem; empty when every key has every language.
    """
    table = LABELS if table is None else table
    problems = []
    for key, entry in table.items():
        for lang in LANGS:
            if not isinstance(entry.get(lang), str) or not entry.get(lang, "").strip():
                problems.append(f"label {key!r}: missing or empty {lang!r} text")
        extra = set(entry) - set(LANGS)
        if extra:
            problems.append(f"label {key!r}: unknown language(s) {sorted(extra)}")
        texts = [entry[lang] for lang in LANGS if isinstance(entry.get(lang), str)]
        try:
            fields = [_placeholders(text) for text in texts]
        except ValueError as exc:
            problems.append(f"label {key!r}: bad format string ({exc})")
            continue
        if fields and any(f != fields[0] for f in fields):
            problems.append(
                f"label {key!r}: placeholders differ between languages "
                + "; ".join(f"{lang}: {sorted(f)}" for lang, f in zip(LANGS, fields, strict=False))
            )
    return problems


# --- labels of the notebooks' tables, charts and text (kept apart from the builder's own) ----
LABELS.update(
    {
        "col.id": {"en": "Id", "vi": "Mã"},
        "col.title": {"en": "Title", "vi": "Tiêu đề"},
        "col.date": {"en": "Date", "vi": "Ngày"},
        "col.language": {"en": "Language", "vi": "Ngôn ngữ"},
        "col.indicator": {"en": "Indicator", "vi": "Chỉ tiêu"},
        "col.region": {"en": "Region", "vi": "Địa bàn"},
        "col.scope": {"en": "Scope", "vi": "Phạm vi"},
        "col.period": {"en": "Period", "vi": "Kỳ"},
        "col.value_bn": {"en": "Value (bn VND)", "vi": "Giá trị (tỷ đồng)"},
        "col.value_2010": {"en": "Value (bn VND, 2010 prices)", "vi": "Giá trị (tỷ đồng, giá 2010)"},
        "col.unit": {"en": "Unit", "vi": "Đơn vị"},
        "col.qualifier": {"en": "Qualifier", "vi": "Cách ghi (gần, khoảng, hơn)"},
        "col.status": {"en": "Status", "vi": "Tình trạng"},
        "col.compared_to": {"en": "Compared to", "vi": "So với"},
        "col.flags": {"en": "Flags", "vi": "Lưu ý"},
        "col.base_certainty": {"en": "How sure", "vi": "Mức chắc chắn"},
        "col.figures": {"en": "Figures", "vi": "Số liệu"},
        "col.expected": {"en": "Stated", "vi": "Theo văn bản"},
        "col.observed": {"en": "Computed", "vi": "Tính toán"},
        "col.difference": {"en": "Difference", "vi": "Chênh lệch"},
        "col.message": {"en": "Explanation", "vi": "Giải thích"},
        "col.derivation": {"en": "Derivation", "vi": "Cách tính"},
        "col.note": {"en": "Note", "vi": "Ghi chú"},
        "col.stated_base": {"en": "Stated base", "vi": "Loại giá ghi trong văn bản"},
        "col.rule": {"en": "Rule", "vi": "Quy tắc"},
        "col.evidence": {"en": "Evidence", "vi": "Căn cứ"},
        "col.published_1994": {"en": "Published (1994 prices)", "vi": "Công bố (giá 1994)"},
        "col.inside": {"en": "Inside the interval", "vi": "Nằm trong khoảng"},
        "status_word.actual": {"en": "actual", "vi": "thực hiện"},
        "status_word.estimate": {"en": "estimate", "vi": "ước tính"},
        "status_word.plan": {"en": "plan", "vi": "kế hoạch"},
        "status_word.target": {"en": "target", "vi": "mục tiêu"},
        "base_word.1994": {"en": "constant 1994 prices", "vi": "giá so sánh 1994"},
        "base_word.2010": {"en": "constant 2010 prices", "vi": "giá so sánh 2010"},
        "base_word.current": {"en": "current prices", "vi": "giá hiện hành"},
        "base_word.unstated": {"en": "not stated", "vi": "không ghi"},
        "kind_word.reported": {"en": "quoted (document held)", "vi": "trích từ văn bản lưu"},
        "kind_word.implied": {"en": "implied", "vi": "suy ra"},
        "series_kind.reported": {"en": "reported", "vi": "công bố"},
        "series_kind.implied": {"en": "implied by a growth rate", "vi": "suy ra từ tốc độ tăng"},
        "series_kind.linked": {"en": "linked from 1994 prices", "vi": "quy đổi từ giá 1994"},
        "series_kind.interpolated": {"en": "estimated gap year", "vi": "năm thiếu số liệu (ước lượng)"},
        "series_kind.nowcast": {"en": "nowcast from part-year figures", "vi": "ước cả năm từ số liệu một phần năm"},
        "indicator.industrial_production_value": {
            "en": "Industrial production value",
            "vi": "Giá trị sản xuất công nghiệp",
        },
        "indicator.industrial_production_value_increase": {
            "en": "Increase of the industrial production value",
            "vi": "Mức tăng giá trị sản xuất công nghiệp",
        },
        "indicator.handicraft_production_value": {
            "en": "Handicraft production value",
            "vi": "Giá trị sản xuất tiểu thủ công nghiệp",
        },
        "indicator.industry_construction_share": {
            "en": "Industry and construction share of the economy (%)",
            "vi": "Tỷ trọng công nghiệp và xây dựng (%)",
        },
        "axis.bn_vnd_2010": {"en": "Billion VND, constant 2010 prices", "vi": "Tỷ đồng, giá so sánh 2010"},
        "axis.bn_vnd_2010_log": {
            "en": "Billion VND, constant 2010 prices (log scale)",
            "vi": "Tỷ đồng, giá so sánh 2010 (thang logarit)",
        },
        "axis.log_residual": {"en": "Residual (log scale)", "vi": "Phần dư (thang logarit)"},
        "axis.probability_pct": {"en": "Probability (%)", "vi": "Xác suất (%)"},
        "series.plans": {"en": "Plans and targets (not data)", "vi": "Kế hoạch, mục tiêu (không phải số liệu)"},
        "series.plans_converted": {
            "en": "Plans and targets (not data;\nthose at 1994 prices × {k})",
            "vi": "Kế hoạch, mục tiêu (không phải số liệu;\ncác số theo giá 1994 × {k})",
        },
        # 01_figures
        "figures.chart_note": {
            "en": "Each point is a figure as published, in the price base its text states: figures in different "
            "bases do not compare directly. The series converted to 2010 prices is on the {series}.",
            "vi": "Mỗi điểm là một số liệu như được công bố, theo loại giá mà văn bản ghi: số liệu theo các loại "
            "giá khác nhau không so sánh trực tiếp được. Chuỗi đã quy về giá 2010 ở {series}.",
        },
        "figures.chart_note_both": {
            "en": "Each point is a figure as published, in the price base its text states: figures in different "
            "bases do not compare directly ({year}: {old} at 1994 prices, {new} at 2010 prices). "
            "The series converted to 2010 prices is on the {series}.",
            "vi": "Mỗi điểm là một số liệu như được công bố, theo loại giá mà văn bản ghi: số liệu theo các loại "
            "giá khác nhau không so sánh trực tiếp được (năm {year}: {old} theo giá 1994, {new} theo giá 2010). "
            "Chuỗi đã quy về giá 2010 ở {series}.",
        },
        "figures.intro": {
            "en": "Every figure of Lào Cai's industrial production value found in the source documents, "
            "with the sentence it came from; the levels their growth rates imply; and the checks that "
            "compare them. Values are in billions of VND unless another unit is marked; the price base is "
            "the one the text states.",
            "vi": "Mọi số liệu về giá trị sản xuất công nghiệp tỉnh Lào Cai tìm thấy trong các tài liệu nguồn, "
            "kèm câu văn chứa số liệu; các mức giá trị suy ra từ tốc độ tăng trưởng; và các phép kiểm tra "
            "đối chiếu chúng. Giá trị tính bằng tỷ đồng (đơn vị khác được ghi kèm), theo loại giá mà văn bản ghi.",
        },
        "figures.sources_heading": {"en": "Source documents", "vi": "Tài liệu nguồn"},
        "figures.table_heading": {"en": "The figures table", "vi": "Bảng số liệu"},
        "figures.notes_heading": {"en": "What was read, merged and corrected", "vi": "Đã đọc, gộp và hiệu chỉnh"},
        "figures.checks_heading": {"en": "Consistency checks", "vi": "Kiểm tra tính nhất quán"},
        "figures.provenance_heading": {
            "en": "Provenance: from every number to its sentence",
            "vi": "Nguồn gốc: từ mỗi con số đến câu văn của nó",
        },
        "figures.counts": {
            "en": "{n} figures: {n_reported} quoted from the {n_sources} documents held here, {n_cited} cited "
            "from publications recorded by reference, and {n_implied} implied by growth rates; "
            "{n_merged} published more than once were merged.",
            "vi": "{n} số liệu: {n_reported} trích từ {n_sources} tài liệu lưu tại đây, {n_cited} dẫn từ các "
            "ấn phẩm được ghi nhận theo trích dẫn, và {n_implied} suy ra từ tốc độ tăng trưởng; {n_merged} "
            "số liệu được công bố nhiều lần đã được gộp.",
        },
        "figures.flagged": {
            "en": "{n} of {n_checks} checks flag a disagreement.",
            "vi": "{n} trong {n_checks} phép kiểm tra phát hiện sai lệch.",
        },
        "figures.curation": {
            "en": "Corrections applied, each with the curator's reason (recorded in data/raw/curation.yaml):",
            "vi": "Các hiệu chỉnh đã áp dụng, kèm lý do của người hiệu đính:",
        },
        "figures.problems": {"en": "Extractor warnings:", "vi": "Cảnh báo khi trích xuất:"},
        # 02_series
        "series.chart_heading": {"en": "The series and its uncertainty", "vi": "Chuỗi số liệu và độ bất định"},
        "series.table_heading": {"en": "Every year, and how it was obtained", "vi": "Từng năm và cách có được số liệu"},
        "series.bases_heading": {"en": "Figures with no stated price base", "vi": "Số liệu không ghi loại giá"},
        "series.sensitivity_heading": {
            "en": "Sensitivity to the link factor and method",
            "vi": "Độ nhạy theo hệ số nối và phương pháp",
        },
        "series.holdout_heading": {
            "en": "Check against published figures not used",
            "vi": "Đối chiếu với số liệu công bố không dùng để tính",
        },
        "series.assumptions_heading": {"en": "Every assumption and its source", "vi": "Các giả định và nguồn"},
        "series.bridge_heading": {
            "en": "The link factor and the figures published at both price bases",
            "vi": "Hệ số nối và số liệu được công bố theo cả hai loại giá",
        },
        "series.loo_heading": {
            "en": "Intervals tested on the figures they leave out",
            "vi": "Kiểm tra khoảng tin cậy bằng cách lần lượt bỏ từng số liệu",
        },
        "series.nowcast_heading": {
            "en": "Nowcast of years known only from part of the year",
            "vi": "Ước tính cả năm từ số liệu một phần năm",
        },
        "series.summary": {
            "en": "The series runs from {first} to {last} ({n} years): {n_reported} years come from published "
            "figures at 2010 prices or levels their growth rates imply, {n_linked} are linked from 1994 "
            "prices and {n_gap} are estimated gap years with no published figure.",
            "vi": "Chuỗi số liệu từ {first} đến {last} ({n} năm): {n_reported} năm lấy từ số liệu công bố theo "
            "giá 2010 hoặc suy ra từ tốc độ tăng, {n_linked} năm quy đổi từ giá 1994 và {n_gap} năm thiếu "
            "số liệu được ước lượng.",
        },
        "series.summary_caveat": {
            "en": "Bands are {level}% intervals. Early years and gap years are uncertain: they rest on the "
            "link factor and on an assumption about growth between published years, not on published "
            "2010-price figures.",
            "vi": "Dải màu là khoảng tin cậy {level}%. Các năm đầu và các năm thiếu số liệu có độ bất định "
            "lớn: chúng dựa vào hệ số nối và giả định về tăng trưởng giữa các năm có số liệu, "
            "không phải số liệu công bố theo giá 2010.",
        },
    }
)

LABELS.update(
    {
        "col.what": {"en": "Estimate", "vi": "Ước lượng"},
        "col.n_forecasts": {"en": "Forecasts checked", "vi": "Số dự báo được kiểm định"},
        "col.n_residuals": {"en": "Years with a residual", "vi": "Số năm có phần dư"},
        "col.resid_sd": {"en": "Residual sd (log)", "vi": "Độ lệch chuẩn phần dư (log)"},
        "col.acf1": {"en": "Lag-1 autocorrelation", "vi": "Tự tương quan bậc 1"},
        "col.ljung_box": {"en": "Ljung-Box p-value", "vi": "Giá trị p Ljung-Box"},
        "col.jarque_bera": {"en": "Jarque-Bera p-value", "vi": "Giá trị p Jarque-Bera"},
        "col.smape": {"en": "sMAPE (%)", "vi": "sMAPE (%)"},
        "col.mase": {"en": "MASE", "vi": "MASE"},
        "col.coverage80": {"en": "80% coverage", "vi": "Độ phủ 80%"},
        "col.coverage95": {"en": "95% coverage", "vi": "Độ phủ 95%"},
        "col.msis": {"en": "MSIS", "vi": "MSIS"},
        "col.target": {"en": "Target (bn VND)", "vi": "Mục tiêu (tỷ đồng)"},
        "col.actual": {"en": "Actual (bn VND)", "vi": "Thực hiện (tỷ đồng)"},
        "col.actual_id": {"en": "Actual figure", "vi": "Số liệu thực hiện"},
        "col.ratio": {"en": "Actual / target", "vi": "Thực hiện / mục tiêu"},
        "col.met": {"en": "Met", "vi": "Đạt"},
        "col.forecast_median": {"en": "Median forecast", "vi": "Dự báo (trung vị)"},
        "col.bound": {"en": "{side} {level}%", "vi": "{side} {level}%"},
        "trend.constant_growth": {"en": "constant annual growth", "vi": "tốc độ tăng bình quân không đổi"},
        "trend.before_break": {"en": "annual growth up to {year}", "vi": "tốc độ tăng hằng năm đến {year}"},
        "trend.after_break": {"en": "annual growth after {year}", "vi": "tốc độ tăng hằng năm sau {year}"},
        "trend.no_break": {"en": "annual growth (no break found)", "vi": "tốc độ tăng hằng năm (không có điểm gãy)"},
        "trend.forecast_growth": {
            "en": "yearly growth of the forecast, {first}–{last}",
            "vi": "tốc độ tăng bình quân năm của dự báo, {first}–{last}",
        },
        "trend.intro": {
            "en": "The models see {n} years with a published figure, from {first} to {last}.",
            "vi": "Các mô hình dùng {n} năm có số liệu công bố, từ {first} đến {last}.",
        },
        "trend.model_failed": {
            "en": "Could not fit {problem}.",
            "vi": "Không ước lượng được mô hình {problem}.",
        },
        "trend.fitted_heading": {"en": "Fitted trends", "vi": "Các đường xu hướng"},
        "trend.residuals_heading": {"en": "Residual diagnostics", "vi": "Kiểm định phần dư"},
        "trend.residuals_note": {
            "en": "A residual is the gap between a published figure and the model's line. The Ljung-Box test "
            "asks whether the gaps of neighbouring years go together (autocorrelation, the first-order one "
            "in its own column); the Jarque-Bera test whether they follow a normal distribution. "
            "Small p-values (below 0.05) warn of autocorrelated or non-normal residuals: intervals "
            "that rely on the model alone would then be too narrow. With so few years the tests have "
            "little power; the absence of a warning is weak evidence.",
            "vi": "Phần dư là chênh lệch giữa số liệu công bố và đường của mô hình. Kiểm định Ljung-Box xem "
            "phần dư của các năm liền nhau có đi cùng chiều với nhau không (tự tương quan; cột riêng cho tự "
            "tương quan bậc 1); kiểm định Jarque-Bera xem phần dư có theo phân phối chuẩn không. "
            "Giá trị p nhỏ (dưới 0,05) cảnh báo phần dư tự tương quan hoặc không chuẩn: khi đó khoảng "
            "tin cậy chỉ dựa vào mô hình sẽ quá hẹp. Với ít năm như vậy, các kiểm định có độ mạnh thấp; "
            "không có cảnh báo cũng chỉ là bằng chứng yếu.",
        },
        "trend.backtest_note": {
            "en": "Each model is refitted at every origin with the years before it only and scored on the "
            "published years up to three years ahead. The series is short, {n} published years {gaps}, "
            "so these scores rest on few forecasts: they are shown for honesty. The forecast pages' default "
            "model is chosen on the yearly series of the M1 and Tourism forecasting competitions and on public "
            "yearly economic and demographic series.",
            "vi": "Mỗi mô hình được ước lượng lại tại từng thời điểm gốc chỉ với các năm trước đó và được chấm "
            "điểm trên các năm có số liệu công bố, tối đa ba năm tới. Chuỗi ngắn, {n} năm có số liệu công "
            "bố và {gaps}, nên các điểm số này dựa trên ít dự báo: chúng được trình bày để minh bạch. Mô hình "
            "mặc định của các trang dự báo được chọn trên các chuỗi số liệu năm của cuộc thi dự báo M1 và cuộc thi dự báo "
            "du lịch (Tourism) cùng các chuỗi số liệu kinh tế và dân số theo năm được công bố rộng rãi.",
        },
        "forecast.fan_heading": {
            "en": "{model}: the headline forecast with 80% and 95% intervals",
            "vi": "{model}: dự báo chính với khoảng tin cậy 80% và 95%",
        },
        "forecast.models_heading": {"en": "Every model's forecast", "vi": "Dự báo của từng mô hình"},
        "backtest.heading": {
            "en": "How the models did on this series (rolling-origin backtest)",
            "vi": "Kết quả kiểm định các mô hình trên chuỗi này (gốc thời gian trượt)",
        },
        "forecast.models_note": {
            "en": "Every model is forecast like the headline, under the run's link scenario (for the default "
            "scenario, from the series rebuilt at each link factor), so the rows of the first model, "
            "{model}, are the headline forecast above.",
            "vi": "Mỗi mô hình được dự báo như mô hình chính, theo cùng kịch bản hệ số nối của lần chạy (với "
            "kịch bản mặc định: từ chuỗi được dựng lại với từng hệ số nối), nên các dòng của mô hình đầu "
            "tiên, {model}, chính là dự báo chính ở trên.",
        },
        "forecast.choice_note": {
            "en": "The headline model is the first of the models this report compares. By default it is the "
            "combination chosen by rolling-origin evidence on the yearly series of the M1 and Tourism forecasting "
            "competitions and on public yearly economic and demographic series, because this series alone is "
            "too short to choose by.",
            "vi": "Mô hình chính là mô hình đầu tiên trong các mô hình báo cáo này so sánh. Mặc định là mô hình kết hợp được "
            "chọn theo kết quả kiểm định với gốc thời gian trượt trên các chuỗi số liệu năm của cuộc thi dự báo M1 và cuộc thi dự báo "
            "du lịch (Tourism) cùng các chuỗi số liệu kinh tế và dân số theo năm được công bố rộng rãi, vì riêng chuỗi "
            "này quá ngắn để lựa chọn.",
        },
        "forecast.summary_next": {
            "en": "Industrial production value in {year}: about {value:,.0f} billion VND at constant 2010 "
            "prices, with a {level}% interval of {lower:,.0f} to {upper:,.0f} (last published: "
            "{last:,.0f} in {last_year}).",
            "vi": "Giá trị sản xuất công nghiệp năm {year}: khoảng {value:,.0f} tỷ đồng theo giá so sánh 2010, "
            "khoảng tin cậy {level}% từ {lower:,.0f} đến {upper:,.0f} (số liệu công bố gần nhất: "
            "{last:,.0f} năm {last_year}).",
        },
        "forecast.summary_end": {
            "en": "By {year}: about {value:,.0f} billion VND ({level}% interval {lower:,.0f} to {upper:,.0f}), "
            "a median growth of {rate:.1f}% a year.",
            "vi": "Đến năm {year}: khoảng {value:,.0f} tỷ đồng (khoảng {level}%: {lower:,.0f} đến {upper:,.0f}), "
            "tốc độ tăng trung vị {rate:.1f}% mỗi năm.",
        },
        "forecast.scenario_default": {
            "en": "The intervals include the uncertainty of the link between 1994 and 2010 prices: the series "
            "was rebuilt across the plausible range of the link factor and the forecasts mixed.",
            "vi": "Khoảng tin cậy đã bao gồm độ bất định của việc nối giá 1994 với giá 2010: chuỗi được dựng "
            "lại trên toàn bộ khoảng hợp lý của hệ số nối và các dự báo được trộn lại.",
        },
        "forecast.scenario_fixed": {
            "en": "This is a scenario: the models are given the series built with one link factor as it is, so "
            "the forecast intervals do not include the uncertainty of that factor (the series page's intervals "
            "of the linked years do).",
            "vi": "Đây là một kịch bản: các mô hình dùng nguyên chuỗi được dựng với một hệ số nối cố định, nên "
            "khoảng tin cậy của dự báo không bao gồm độ bất định của hệ số đó (khoảng tin cậy của các năm được "
            "nối trên trang chuỗi số liệu thì có).",
        },
        "forecast.scenario_new_base": {
            "en": "Only years published at constant 2010 prices were used: no link factor enters, but the "
            "series is short.",
            "vi": "Chỉ dùng các năm có số liệu công bố theo giá so sánh 2010: không cần hệ số nối, nhưng chuỗi ngắn.",
        },
        "forecast.caveat": {
            "en": "What the numbers do not say: they extrapolate the past. A new plant, a closure or a change "
            "in metal prices can move output outside any interval; growth stalled in 2023, and "
            "whether that is a pause or a new trend cannot be told from one year.",
            "vi": "Điều các con số không nói được: chúng ngoại suy từ quá khứ. Một nhà máy mới, một nhà máy "
            "đóng cửa hay biến động giá kim loại có thể đưa sản lượng ra ngoài mọi khoảng tin cậy; tăng "
            "trưởng chững lại năm 2023, và một năm chưa đủ để biết đó là tạm dừng hay xu hướng mới.",
        },
        "targets.history_heading": {
            "en": "Plans and targets against outcomes",
            "vi": "Kế hoạch, mục tiêu so với thực hiện",
        },
        "targets.future_heading": {"en": "Chance of meeting targets", "vi": "Khả năng đạt mục tiêu"},
        "targets.none_published": {
            "en": "The sources publish no plan or target.",
            "vi": "Các nguồn không công bố kế hoạch hay mục tiêu nào.",
        },
        "targets.history": {
            "en": "{n} plans or targets are published; {n_known} can be set against a published outcome, and "
            "{n_met} of those were met (outcomes were on average {mean_gap:+.1f}% from the target).",
            "vi": "Có {n} kế hoạch hoặc mục tiêu được công bố; {n_known} có thể so với kết quả công bố, trong "
            "đó {n_met} đạt (kết quả bình quân chênh {mean_gap:+.1f}% so với mục tiêu).",
        },
        "targets.excluded_one": {
            "en": "1 more plan or target is published but not used: {ids}; see the {figures}.",
            "vi": "Ngoài ra có 1 kế hoạch hoặc mục tiêu được công bố nhưng không dùng: {ids}; xem {figures}.",
        },
        "targets.excluded_other": {
            "en": "{n} more plans or targets are published but not used: {ids}; see the {figures}.",
            "vi": "Ngoài ra có {n} kế hoạch hoặc mục tiêu được công bố nhưng không dùng: {ids}; xem {figures}.",
        },
        "targets.no_actuals": {
            "en": "{n} plans or targets are published, none with a published outcome.",
            "vi": "Có {n} kế hoạch hoặc mục tiêu được công bố, chưa có kết quả công bố nào.",
        },
        "targets.unverifiable": {
            "en": "No outcome is published for: {years}.",
            "vi": "Chưa có kết quả công bố cho: {years}.",
        },
        "targets.no_future": {
            "en": "No published target falls in the forecast years {first}–{last}. Give targets in the "
            "`extra_targets` parameter to assess them; below, the probability that each year is above "
            "the last published level.",
            "vi": "Không có mục tiêu công bố nào trong các năm dự báo {first}–{last}. Nhập mục tiêu vào tham số "
            "`extra_targets` để đánh giá; dưới đây là xác suất mỗi năm vượt mức công bố gần nhất.",
        },
    }
)

# --- labels of the page frame, category values and sentences of the presentation layer -------
from helpers.common.labels_page import PAGE_LABELS  # noqa: E402

LABELS.update(PAGE_LABELS)

from helpers.common.labels_outlook import OUTLOOK_LABELS  # noqa: E402

LABELS.update(OUTLOOK_LABELS)

from helpers.common.labels_charts import CHART_LABELS  # noqa: E402

LABELS.update(CHART_LABELS)

from helpers.common.labels_data import DATA_LABELS  # noqa: E402

LABELS.update(DATA_LABELS)
