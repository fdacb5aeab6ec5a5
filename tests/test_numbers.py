"""Reading Vietnamese and English numbers, units and qualifiers (helpers.figures.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.figures.numbers import (
    UnreadableNumber,
    find_amounts,
    format_number,
    parse_number,
    qualifier_before,
)


# --------------------------------------------------------------------------- parse_number
@pytest.mark.parametrize(
    "token, lang, expected",
    [
        ("2525", "vi", "2525"),
        ("2.525", "vi", "2525"),  # dot + three digits in a Vietnamese document: thousands
        ("46.100", "vi", "46100"),
        ("1.000.000", "vi", "1000000"),
        ("6.527,4", "vi", "6527.4"),
        ("16,4", "vi", "16.4"),
        ("1,5", "vi", "1.5"),
        ("1,500", "vi", "1.5"),  # a single comma is always the decimal mark in Vietnamese
        ("0,07", "vi", "0.07"),
        ("0.07", "vi", "0.07"),  # a dot before 1-2 digits cannot group thousands
        ("8.5", "vi", "8.5"),
        ("0.500", "vi", "0.5"),  # "0." cannot start a thousands group
        ("1,234,567", "vi", "1234567"),  # repeated commas can only group thousands
        ("2,525.4", "vi", "2525.4"),  # both separators: the last one is the decimal mark
        ("2.525", "en", "2.525"),  # the language decides the convention
        ("2,525", "en", "2525"),
        ("2,525.4", "en", "2525.4"),
        ("46,100", "en", "46100"),
        ("6.527,4", "en", "6527.4"),
        ("1.234.567", "en", "1234567"),
        ("04", "vi", "4"),
    ],
)
def test_parse_number_rules(token, lang, expected):
    assert parse_number(token, lang) == Decimal(expected)


@pytest.mark.parametrize(
    "token, lang",
    [
        ("2.52.5", "vi"),
        ("46.1000", "vi"),
        ("12.34.567", "vi"),
        ("1.234,5,6", "vi"),  # decimal mark twice
        ("12.34,5", "vi"),  # irregular groups before the decimal mark
        ("2,52,5", "en"),
        ("46,1000", "en"),
        ("1,2,3", "vi"),
        ("", "vi"),
        ("12a", "vi"),
    ],
)
def test_parse_number_rejects_irregular_separators(token, lang):
    with pytest.raises(UnreadableNumber):
        parse_number(token, lang)


def test_parse_number_rejects_unknown_language():
    with pytest.raises(ValueError):
        parse_number("1", "fr")


def _group(n: int, sep: str) -> str:
    """Thousands grouping written independently of helpers.figures.numbers."""
    return f"{n:,}".replace(",", sep)


@given(st.integers(min_value=0, max_value=10**15))
def test_vietnamese_thousands_round_trip(n):
    assert parse_number(_group(n, "."), "vi") == n


@given(st.integers(min_value=0, max_value=10**15))
def test_english_thousands_round_trip(n):
    assert parse_number(_group(n, ","), "en") == n


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=1, max_value=3),
)
def test_vietnamese_decimal_comma_round_trip(whole, frac, digits):
    frac_text = str(frac).zfill(3)[:digits]
    written = f"{_group(whole, '.')},{frac_text}"
    assert parse_number(written, "vi") == Decimal(f"{whole}.{frac_text}")


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=1, max_value=3),
)
def test_english_decimal_point_round_trip(whole, frac, digits):
    frac_text = str(frac).zfill(3)[:digits]
    written = f"{_group(whole, ',')}.{frac_text}"
    assert parse_number(written, "en") == Decimal(f"{whole}.{frac_text}")


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_dot_and_three_digits_is_thousands_in_vietnamese_and_decimal_in_english(a, b):
    token = f"{a}.{b:03d}"
    assert parse_number(token, "vi") == a * 1000 + b
    assert parse_number(token, "en") == Decimal(f"{a}.{b:03d}")


@given(
    st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["vi", "en"]),
)
def test_format_number_round_trip(value, lang):
    assert parse_number(format_number(value, lang), lang) == value


def test_format_number_examples():
    assert format_number(Decimal("46100"), "vi") == "46.100"
    assert format_number(Decimal("6527.4"), "vi") == "6.527,4"
    assert format_number(Decimal("6527.4"), "en") == "6,527.4"
    assert format_number(2.5, "vi", decimals=2) == "2,50"
    with pytest.raises(ValueError):
        format_number(-1)


@given(st.text(alphabet="0123456789.,", min_size=1, max_size=14), st.sampled_from(["vi", "en"]))
def test_parse_number_only_ever_raises_unreadable(token, lang):
    try:
        value = parse_number(token, lang)
    except UnreadableNumber:
        return
    assert value >= 0


# --------------------------------------------------------------------------- units
@pytest.mark.parametrize(
    "text, lang, value, unit, written",
    [
        ("đạt 2.525 tỷ đồng.", "vi", 2525, "bn_vnd", "2.525 tỷ đồng"),
        ("đạt 2.525 tỉ đồng.", "vi", 2525, "bn_vnd", "2.525 tỉ đồng"),
        ("đạt 46.000 tỷ, tăng", "vi", 46000, "bn_vnd", "46.000 tỷ"),
        ("đạt 2.525 tỷ VNĐ", "vi", 2525, "bn_vnd", "2.525 tỷ VNĐ"),
        ("đạt 4,5 nghìn tỷ đồng", "vi", 4500, "bn_vnd", "4,5 nghìn tỷ đồng"),
        ("đạt 46,1 ngàn tỷ đồng", "vi", 46100, "bn_vnd", "46,1 ngàn tỷ đồng"),
        ("khoảng 30 triệu đồng", "vi", 0.03, "bn_vnd", "30 triệu đồng"),
        ("trị giá 260 triệu USD", "vi", 260, "mn_usd", "260 triệu USD"),
        ("đạt 2,5 tỷ USD", "vi", 2500, "mn_usd", "2,5 tỷ USD"),
        ("2.525.000.000.000 đồng", "vi", 2525, "bn_vnd", "2.525.000.000.000 đồng"),
        ("tăng 16,4 %", "vi", 16.4, "pct", "16,4 %"),
        ("tăng 16,4 phần trăm", "vi", 16.4, "pct", "16,4 phần trăm"),
        ("reached VND 46.1 trillion", "en", 46100, "bn_vnd", "VND 46.1 trillion"),
        ("reached VND2,525bn", "en", 2525, "bn_vnd", "VND2,525bn"),
        ("worth 2,525 billion VND", "en", 2525, "bn_vnd", "2,525 billion VND"),
        ("worth US$260 million", "en", 260, "mn_usd", "US$260 million"),
        ("up 0.07 percent", "en", 0.07, "pct", "0.07 percent"),
        ("up 5.2 per cent", "en", 5.2, "pct", "5.2 per cent"),
        ("đạt 46.1 nghìn tỷ đồng", "vi", 46100, "bn_vnd", "46.1 nghìn tỷ đồng"),  # dot before one digit
        ("đạt 52 nghìn tỷ", "vi", 52000, "bn_vnd", "52 nghìn tỷ"),
        ("đạt 38.215,3 tỷ đồng", "vi", 38215.3, "bn_vnd", "38.215,3 tỷ đồng"),
        ("reached VND 36,420 billion", "en", 36420, "bn_vnd", "VND 36,420 billion"),
        # a thousands group parted by a space after its comma, before the scale word
        ("totalled VND2, 450 billion", "en", 2450, "bn_vnd", "VND2, 450 billion"),
        ("worth US$1, 250 million", "en", 1250, "mn_usd", "US$1, 250 million"),
    ],
)
def test_amount_units_and_scale(text, lang, value, unit, written):
    amounts, problems = find_amounts(text, lang)
    assert not problems
    assert len(amounts) == 1
    a = amounts[0]
    assert a.value == pytest.approx(value)
    assert a.unit == unit
    assert a.text == written
    assert text[a.start : a.end] == written


@pytest.mark.parametrize(
    "text",
    [
        "z5154954054763_e0b05a53016d459e919557ac28e7211b.jpg",
        "6543211rt.gif 234.png",
        "năm 2023 tỷ trọng công nghiệp",
        "tỷ lệ 5 tỷ lệ",
        "sản lượng điện 5 tỷ kWh",
        "18.000 tấn đồng catot",
        "hơn 30 triệu người",
        "Nghị định 310/2025/NĐ-CP ngày 16/1/2026",
        "dài 390,9 km",
        # phone numbers, file names, page counters and document numbers of web pages
        "Hotline: 0214.3840.888 - 0912.345.678",
        "Contact: +84 214 3840 888",
        "Tài liệu: QD_1520_UBND_2024.pdf; 20241115_bao_cao_46100.docx",
        "Lượt xem: 1.234 | Bình luận: 0",
        "Số: 1520/BC-SCT, ngày 25/9/2024 lúc 10:30",
    ],
)
def test_numbers_without_money_or_percent_are_not_amounts(text):
    assert find_amounts(text, "vi") == ([], [])


@pytest.mark.parametrize(
    "text, bad",
    [
        ("đạt 2.52.5 tỷ đồng.", "2.52.5 tỷ đồng"),
        ("đạt 46.1000 tỷ.", "46.1000 tỷ"),
        ("đạt 46 100 tỷ đồng.", "46 100 tỷ đồng"),
    ],
)
def test_unreadable_amounts_are_reported_with_their_position(text, bad):
    amounts, problems = find_amounts(text, "vi")
    assert amounts == []
    assert len(problems) == 1
    p = problems[0]
    assert p.text == bad
    assert text[p.start : p.end] == bad
    assert p.reason


# --------------------------------------------------------------------------- qualifiers
QUALIFIER_WORDS = [
    ("hơn", "more_than"),
    ("trên", "more_than"),
    ("vượt", "more_than"),
    ("gần", "nearly"),
    ("đạt gần", "nearly"),
    ("gần như", "nearly"),
    ("khoảng", "about"),
    ("xấp xỉ", "about"),
    ("ước khoảng", "about"),
    ("dưới", "less_than"),
    ("chưa đến", "less_than"),
    ("ít nhất", "at_least"),
    ("tối thiểu", "at_least"),
    ("không quá", "at_most"),
    ("ước đạt", ""),
    ("ước", ""),
    ("đạt", ""),
    ("", ""),
]


@pytest.mark.parametrize("word, code", QUALIFIER_WORDS)
def test_vietnamese_qualifiers(word, code):
    amounts, _ = find_amounts(f"Giá trị sản xuất công nghiệp {word} 4.497 tỷ đồng.", "vi")
    assert [a.qualifier for a in amounts] == [code]


@pytest.mark.parametrize(
    "phrase, code",
    [
        ("more than VND 46 trillion", "more_than"),
        ("over VND 46 trillion", "more_than"),
        ("nearly VND 5 trillion", "nearly"),
        ("almost VND 5 trillion", "nearly"),
        ("about VND 5 trillion", "about"),
        ("approximately 2,525 billion VND", "about"),
        ("at least VND 5 trillion", "at_least"),
        ("less than VND 5 trillion", "less_than"),
        ("reached VND 5 trillion", ""),
    ],
)
def test_english_qualifiers(phrase, code):
    amounts, _ = find_amounts(f"The value {phrase}.", "en")
    assert [a.qualifier for a in amounts] == [code]


@given(
    st.sampled_from([q for q in QUALIFIER_WORDS if q[0]]),
    st.integers(min_value=1, max_value=10**7),
    st.sampled_from([("tỷ đồng", 1), ("nghìn tỷ đồng", 1000), ("triệu đồng", 0.001)]),
)
@settings(max_examples=60)
def test_qualifier_value_and_unit_round_trip(qualifier, n, unit):
    word, code = qualifier
    text = f"Năm 2023, giá trị sản xuất công nghiệp {word} {_group(n, '.')} {unit[0]}, tăng 5%."
    amounts, problems = find_amounts(text, "vi")
    assert not problems
    money = [a for a in amounts if a.unit == "bn_vnd"]
    assert len(money) == 1
    assert money[0].qualifier == code
    assert money[0].value == pytest.approx(n * unit[1])


def test_hon_after_a_comparative_is_not_a_qualifier():
    text = "cao hơn 5.000 tỷ đồng so với năm 2021"
    amounts, _ = find_amounts(text, "vi")
    assert amounts[0].qualifier == ""
    assert qualifier_before("đạt hơn 5", 8) == ("more_than", 4)


@pytest.mark.parametrize(
    "text, lang, qualifier",
    [
        ("GTSX công nghiệp ước đạt trên 52 nghìn tỷ đồng", "vi", "more_than"),
        ("ước đạt 46,1 nghìn tỷ đồng", "vi", ""),  # an estimate, not an approximate number
        ("targets over VND 52 trillion", "en", "more_than"),
    ],
)
def test_estimate_words_and_qualifiers_before_thousand_billion(text, lang, qualifier):
    amounts, problems = find_amounts(text, lang)
    assert problems == [] and len(amounts) == 1
    assert amounts[0].value == pytest.approx(52000 if "52" in text else 46100)
    assert amounts[0].qualifier == qualifier


def test_a_currency_before_a_number_and_a_list_of_numbers_is_no_broken_group():
    # "VND1, 2 and 3 billion" is no thousands group: only three digits and a scale word make one
    amounts, _ = find_amounts("prices of VND5, 10 and 20 thousand", "en")
    assert [a.value for a in amounts if a.unit == "bn_vnd"] == [5e-9]


def test_a_thousands_group_and_millions_join_only_on_one_line_and_in_dong():
    amounts, _ = find_amounts("prices of VND5,\n100 billion in total", "en")
    assert 5100 not in [a.value for a in amounts]
    amounts, _ = find_amounts("Dân số thế giới khoảng 8 tỷ 100 triệu.", "vi")
    assert [a.value for a in amounts] != [8.1]
