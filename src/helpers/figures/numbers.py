"""Reading amounts the way Vietnamese (and English) documents write them.

An *amount* is a number followed by a unit ("2.525 tỷ đồng", "16,4 %", "4,5 nghìn tỷ",
"260 triệu USD") or preceded by a currency ("VND 46.1 trillion", "US$260 million"),
together with the qualifier just before it ("hơn", "gần", "khoảng", "more than" ...).
:func:`find_amounts` finds every amount of a text; :func:`parse_number` reads one number.

Decision rules
--------------
Separators. A document has one *convention*, given by its language: Vietnamese (``"vi"``)
writes "." for thousands and "," for decimals ("46.100", "6.527,4", "16,4"); English
(``"en"``) writes "," for thousands and "." for decimals ("46,100", "6,527.4"). A number
is read as follows, in this order:

1. Digits only: an integer ("2525", "04").
2. Both "." and "," present: the separator that comes *last* is the decimal mark and must
   occur once; the other one groups thousands ("6.527,4" = 6527.4 and "2,525.4" = 2525.4
   in any document). This reading needs no convention, so it wins over the language.
3. Only the convention's thousands separator ("." in vi, "," in en): when the groups are
   regular -- a first group of 1-3 digits not starting with 0, then groups of exactly three
   digits -- it groups thousands ("2.525" = 2525, "1.000.000" = 1000000 in vi). Otherwise,
   when it occurs once and is followed by one or two digits, or follows a lone "0", it can
   only be a decimal mark typed in the other convention ("0.07", "8.5" in vi = 0.07, 8.5).
   Anything else cannot be read ("2.52.5", "46.1000", "12.34.567").
4. Only the convention's decimal mark ("," in vi, "." in en): once, it is the decimal mark
   ("1,5" = 1.5 and "1,500" = 1.5 in vi; "2.525" = 2.525 in en). Several times, it can only
   group thousands, so it must be regular ("1,234,567" in vi = 1234567); otherwise the
   number cannot be read.

A number that cannot be read raises :class:`UnreadableNumber`; :func:`find_amounts`
reports it as a :class:`NumberProblem` with its position, so that it is never dropped in
silence. Digits separated by an ordinary space ("46 100 tỷ") are reported too: a space is
not a separator in either convention, and reading only "100" would be wrong.

Units and scale. Money is converted to billions of VND (unit ``"bn_vnd"``): "tỷ", "tỷ đồng",
"tỉ đồng", "tỷ VNĐ" = 1; "nghìn tỷ", "ngàn tỷ" = 1,000; "triệu tỷ" (the national scale),
English "million billion" or "quadrillion" = 1,000,000; "triệu đồng", "tr.đ" = 0.001;
"đồng"/"VND" alone = 1e-9; English "billion"/"bn" = 1, "trillion"/"tn" = 1,000, "million"
= 0.001 with VND or dong; a thousands group that a space parts from its comma before such a
word, after a currency written before the number, is one number ("VND1, 100 billion" = 1,100),
and so are billions and millions of đồng written together on one line ("1.025 tỷ 743 triệu
đồng" = 1,025.743; not "2 tỷ 500 triệu USD" nor "820 tỷ 50 triệu người"); "dongs" is "dong". Amounts in US dollars keep their currency and are converted to
millions of USD (unit ``"mn_usd"``). Percentages ("%", "phần trăm", "percent", "per cent")
have unit ``"pct"``. A bare "tỷ" counts as billions of VND unless a non-monetary noun
follows it ("tỷ kWh", "tỷ lệ", "tỷ trọng", "tỷ giá" ...). A bare "triệu" (no currency) is
not money.

Qualifiers. The words right before an amount (only spaces between) set its qualifier:

=============  ======================================================================
``more_than``  hơn, trên, vượt, more than, over, above, in excess of, upwards of, exceeds,
               tops, surpasses (a headline's verb right before the amount)
``nearly``     gần, gần như, suýt soát, nearly, almost, close to, just under
``about``      khoảng, xấp xỉ, chừng, ước khoảng, about, around, approximately, roughly, some
``less_than``  dưới, chưa đến, chưa tới, không đến, less than, under, below
``at_least``   ít nhất, tối thiểu, không dưới, at least; "(từ) X trở lên", "X or more" (after)
``at_most``    tối đa, không quá, up to, at most; "X trở xuống", "X or less" (after)
(empty)        no qualifier
=============  ======================================================================

"hơn" after a comparative ("cao hơn", "nhiều hơn", "lớn hơn", "thấp hơn", "ít hơn",
"kém hơn") is part of the comparison, not a qualifier. "ước"/"ước đạt"/"ước tính" mark an
*estimate* (a status, see :mod:`helpers.figures.extract`), not an approximate number, so they set
no qualifier; "đạt" (reached) is skipped when looking for the qualifier ("đạt gần" = nearly).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "Amount",
    "NumberProblem",
    "UnreadableNumber",
    "find_amounts",
    "format_number",
    "parse_number",
    "qualifier_before",
]

LANGS = ("vi", "en")

#: Units an amount can have after conversion.
UNITS = ("bn_vnd", "mn_usd", "pct")

#: Qualifier codes.
QUALIFIERS = ("more_than", "nearly", "about", "less_than", "at_least", "at_most", "")


class UnreadableNumber(ValueError):
    """A number whose separators follow neither convention (e.g. "2.52.5", "46.1000")."""


@dataclass(frozen=True)
class Amount:
    """A number with its unit, converted, and where it stands in the text.

    Attributes
    ----------
    value : float
        The amount in ``unit`` (billions of VND, millions of USD or percent).
    unit : str
        ``"bn_vnd"``, ``"mn_usd"`` or ``"pct"``.
    number : Decimal
        The number as written, before the unit's scale is applied.
    text : str
        The amount exactly as written (currency prefix, number and unit).
    start, end : int
        Offsets of ``text`` in the searched text.
    num_start, num_end : int
        Offsets of the number alone.
    qualifier : str
        One of :data:`QUALIFIERS`.
    qualifier_start : int
        Where the qualifier phrase starts (``start`` when there is none).
    """

    value: float
    unit: str
    number: Decimal
    text: str
    start: int
    end: int
    num_start: int
    num_end: int
    qualifier: str = ""
    qualifier_start: int = -1


@dataclass(frozen=True)
class NumberProblem:
    """A number with a unit that the rules cannot read; reported, never dropped silently."""

    start: int
    end: int
    text: str
    reason: str


# --------------------------------------------------------------------------- numbers
_NUMBER_SHAPE = re.compile(r"\d+(?:[.,]\d+)*")
_FIRST_GROUP = re.compile(r"[1-9]\d{0,2}")
_GROUP = re.compile(r"\d{3}")


def _regular_groups(parts: list[str]) -> bool:
    """True when ``parts`` are thousands groups: 1-3 digits (no leading 0), then 3 digits."""
    return (
        len(parts) >= 2 and _FIRST_GROUP.fullmatch(parts[0]) is not None and all(_GROUP.fullmatch(p) for p in parts[1:])
    )


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    return lang


def parse_number(token: str, lang: str = "vi") -> Decimal:
    """Read one number written with the separators of ``lang``.

    Parameters
    ----------
    token : str
        Digits with optional "." and "," separators, no sign and no unit.
    lang : {"vi", "en"}
        The document's language, which decides the separator convention (module docstring).

    Returns
    -------
    Decimal
        The exact value.

    Raises
    ------
    UnreadableNumber
        When the separators follow neither convention, e.g. "2.52.5" or "46.1000".

    Examples
    --------
    >>> parse_number("2.525"), parse_number("6.527,4"), parse_number("1,500")
    (Decimal('2525'), Decimal('6527.4'), Decimal('1.500'))
    >>> parse_number("2,525.4", "en"), parse_number("2.525", "en")
    (Decimal('2525.4'), Decimal('2.525'))
    """
    _check_lang(lang)
    s = token.strip()
    if not _NUMBER_SHAPE.fullmatch(s):
        raise UnreadableNumber(f"{token!r} is not a number")
    has_dot, has_comma = "." in s, "," in s
    if not has_dot and not has_comma:
        return Decimal(s)
    if has_dot and has_comma:
        last = max(s.rfind("."), s.rfind(","))
        dec = s[last]
        grp = "," if dec == "." else "."
        if s.count(dec) != 1:
            raise UnreadableNumber(f"{token!r}: the decimal mark {dec!r} occurs more than once")
        int_part, frac = s[:last], s[last + 1 :]
        parts = int_part.split(grp)
        if not _regular_groups(parts):
            raise UnreadableNumber(f"{token!r}: irregular thousands groups before the decimal mark")
        return Decimal("".join(parts) + "." + frac)
    sep = "." if has_dot else ","
    thousands = "." if lang == "vi" else ","
    parts = s.split(sep)
    if sep == thousands:
        if _regular_groups(parts):
            return Decimal("".join(parts))
        if len(parts) == 2 and (len(parts[1]) <= 2 or parts[0] == "0"):
            return Decimal(parts[0] + "." + parts[1])
        raise UnreadableNumber(
            f"{token!r}: {sep!r} separates thousands in a {lang} document, but the digit groups are irregular"
        )
    if len(parts) == 2:
        return Decimal(parts[0] + "." + parts[1])
    if _regular_groups(parts):
        return Decimal("".join(parts))
    raise UnreadableNumber(f"{token!r}: {sep!r} occurs several times but not as regular thousands groups")


def format_number(value: Decimal | int | float | str, lang: str = "vi", decimals: int | None = None) -> str:
    """Write a non-negative number with the separators of ``lang`` (the inverse of
    :func:`parse_number`).

    Parameters
    ----------
    value : Decimal, int, float or str
        The number; floats are converted through ``str`` to keep their shortest form.
    lang : {"vi", "en"}
        ``"vi"`` gives "46.100" and "6.527,4"; ``"en"`` gives "46,100" and "6,527.4".
    decimals : int, optional
        Number of decimals to write; by default those of ``value``.

    Returns
    -------
    str
    """
    _check_lang(lang)
    try:
        d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if d < 0:
        raise ValueError("only non-negative numbers are formatted")
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals))
    text = format(d, "f")
    int_part, _, frac = text.partition(".")
    groups = []
    while len(int_part) > 3:
        groups.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    groups.insert(0, int_part)
    thousands, dec = (".", ",") if lang == "vi" else (",", ".")
    out = thousands.join(groups)
    return out + (dec + frac if frac else "")


# --------------------------------------------------------------------------- units
_SP = r"[ \t\u00a0\u202f]*"  # spaces within a line
_VND = r"(?:đồng|VNĐ|VND|vnđ|đ)(?!\w)"
_USD = r"(?:USD|US\$|đô[ -]?la(?:\s+Mỹ)?|dollars?|US dollars?)(?!\w)"
_NOT_MONEY_AFTER_TY = (
    r"(?!" + _SP + r"(?:lệ|trọng|suất|giá|số|kwh|kw|mwh|gwh|người|lít|m3|m³|tấn|viên|sản\s+phẩm"
    r"|cái|chiếc|lượt|đơn\s+vị|liều|cây|con|hộp|bao|USD|US\$|đô)(?!\w))"
)

# (pattern matched right after the number, unit, multiplier)
_SUFFIX_UNITS: list[tuple[re.Pattern, str, Decimal]] = [
    # "14,6 triệu tỷ đồng" (millions of billions: the national scale)
    (
        re.compile(_SP + r"triệu" + _SP + r"t[ỷỉ](?:" + _SP + _VND + r")?(?!\w)" + _NOT_MONEY_AFTER_TY, re.I),
        "bn_vnd",
        Decimal(1_000_000),
    ),
    (
        re.compile(_SP + r"(?:quadrillion|million\s+billion)" + _SP + r"(?:VND|VNĐ|dongs?|đồng)(?!\w)", re.I),
        "bn_vnd",
        Decimal(1_000_000),
    ),
    (re.compile(_SP + r"(?:nghìn|ngàn)" + _SP + r"t[ỷỉ]" + _SP + _USD, re.I), "mn_usd", Decimal(1_000_000)),
    (
        re.compile(_SP + r"(?:nghìn|ngàn)" + _SP + r"t[ỷỉ](?:" + _SP + _VND + r")?(?!\w)" + _NOT_MONEY_AFTER_TY, re.I),
        "bn_vnd",
        Decimal(1000),
    ),
    (re.compile(_SP + r"t[ỷỉ]" + _SP + _USD, re.I), "mn_usd", Decimal(1000)),
    (re.compile(_SP + r"t[ỷỉ](?:" + _SP + _VND + r")?(?!\w)" + _NOT_MONEY_AFTER_TY, re.I), "bn_vnd", Decimal(1)),
    (re.compile(_SP + r"triệu" + _SP + _USD, re.I), "mn_usd", Decimal(1)),
    (
        re.compile(_SP + r"(?:triệu" + _SP + _VND + r"|tr\." + _SP + r"đ(?:ồng)?(?!\w)|trđ(?!\w))", re.I),
        "bn_vnd",
        Decimal("0.001"),
    ),
    (re.compile(_SP + r"(?:trillion|tn)" + _SP + r"(?:VND|VNĐ|dongs?|đồng)(?!\w)", re.I), "bn_vnd", Decimal(1000)),
    (re.compile(_SP + r"(?:billion|bn)" + _SP + r"(?:VND|VNĐ|dongs?|đồng)(?!\w)", re.I), "bn_vnd", Decimal(1)),
    (re.compile(_SP + r"(?:million|mn)" + _SP + r"(?:VND|VNĐ|dongs?|đồng)(?!\w)", re.I), "bn_vnd", Decimal("0.001")),
    (re.compile(_SP + r"(?:billion|bn)" + _SP + _USD, re.I), "mn_usd", Decimal(1000)),
    (re.compile(_SP + r"(?:million|mn)" + _SP + _USD, re.I), "mn_usd", Decimal(1)),
    (re.compile(_SP + r"(?:%|phần\s+trăm(?!\w)|per\s*cent(?!\w)|percent(?!\w))", re.I), "pct", Decimal(1)),
    (re.compile(_SP + r"(?:VNĐ|VND|vnđ)(?!\w)", re.I), "bn_vnd", Decimal("1e-9")),
    (
        re.compile(
            _SP
            + r"đồng(?!\s*(?:chí|bào|thời|ý|bộ|nghiệp|hồ|đều|loạt|tình|hành|cảm|minh|lòng|hương|thau|catot|tinh|kim)\b)(?!\w)"
        ),
        "bn_vnd",
        Decimal("1e-9"),
    ),
]

# Currency written before the number (English style): "VND 46.1 trillion", "US$260 million".
_PREFIX = re.compile(r"(?P<cur>VND|VNĐ|USD|US\$|\$)" + _SP + r"$", re.I)
_PREFIX_SCALE = re.compile(
    _SP + r"(?P<scale>quadrillion|million" + _SP + r"billion|trillion|tn|billion|bn|million|mn|m)(?!\w)", re.I
)
_SCALE = {
    "quadrillion": Decimal(10**15),
    "trillion": Decimal(10**12),
    "tn": Decimal(10**12),
    "billion": Decimal(10**9),
    "bn": Decimal(10**9),
    "million": Decimal(10**6),
    "mn": Decimal(10**6),
    "m": Decimal(10**6),
}

# A thousands group parted from its number by a space after the comma, the scale word right
# after it ("VND1, 100 billion"): one number, as a reader takes it (a list of numbers has no
# scale word after a group of three digits)
_BROKEN_GROUP = re.compile(
    r",[ \t\u00a0\u202f](?P<g>\d{3})(?!\d)(?=" + _SP + r"(?:quadrillion|trillion|tn|billion|bn|million|mn)(?!\w))", re.I
)

# Millions of đồng written after billions in one amount, on one line ("1.025 tỷ 743 triệu đồng" =
# 1,025.743 billion; not "820 tỷ 50 triệu người", "2 tỷ 500 triệu USD")
_MILLIONS_AFTER = re.compile(r"[ \t]+(?P<m>\d{1,3})[ \t]+triệu[ \t]+(?:đồng|VNĐ|VND|vnđ|đ)(?!\w)", re.I)

# A number token: not glued to letters, digits or underscores before it (file names such as
# "z5154954054763_e0b..." hold no number) except a currency code ("VND2,525bn"); the
# maximal run of digits and separators.
_TOKEN = re.compile(r"(?:(?<=VND)|(?<=VNĐ)|(?<=USD)|(?<![\w]))(?<![\d][.,])\d+(?:[.,]\d+)*")
# An ordinary space between digit groups ("46 100 tỷ"): ambiguous.
_SPACE_GROUPED = re.compile(r"(?<![\w.,])\d{1,3}(?: \d{3})+$")


def _unit_after(text: str, pos: int) -> tuple[str, Decimal, int] | None:
    for pattern, unit, mult in _SUFFIX_UNITS:
        m = pattern.match(text, pos)
        if m:
            return unit, mult, m.end()
    return None


# --------------------------------------------------------------------------- qualifiers
_QUALIFIER_WORDS: list[tuple[str, str]] = [
    (r"ước\s+khoảng|khoảng\s+chừng|khoảng|xấp\s+xỉ|chừng|about|around|approximately|approx\.|roughly|some", "about"),
    (r"gần\s+như|gần|suýt\s+soát|nearly|almost|close\s+to|just\s+under", "nearly"),
    (r"không\s+dưới|ít\s+nhất|tối\s+thiểu|at\s+least|no\s+less\s+than", "at_least"),
    (r"không\s+quá|tối\s+đa|up\s+to|at\s+most|no\s+more\s+than", "at_most"),
    (
        r"hơn|trên|vượt(?:\s+(?:mốc|ngưỡng))?|more\s+than|over|above|in\s+excess\s+of|upwards\s+of"
        r"|exceed(?:s|ed|ing)?|top(?:s|ped|ping)?|surpass(?:es|ed|ing)?",
        "more_than",
    ),
    (r"chưa\s+đến|chưa\s+tới|không\s+đến|dưới|less\s+than|under|below", "less_than"),
]
_QUALIFIER_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(_QUALIFIER_WORDS)) + r")"
    r"(?:" + _SP + r"(?:mức|con\s+số))?" + _SP + r"$",
    re.I,
)
# a bound written after the amount: "(từ) ... trở lên" / "trở xuống", "... or more" / "or less"
_BOUND_AFTER = re.compile(
    _SP + r"(?:(?P<up>trở\s+lên|or\s+more|or\s+above|and\s+above)|(?P<down>trở\s+xuống|or\s+less|or\s+below))(?!\w)",
    re.I,
)
_FROM_BEFORE = re.compile(r"(?<!\w)từ" + _SP + r"$", re.I)
_COMPARATIVE_BEFORE = re.compile(r"(?<!\w)(?:cao|nhiều|lớn|thấp|ít|kém)" + _SP + r"$", re.I)


def qualifier_before(text: str, pos: int, lower: int = 0) -> tuple[str, int]:
    """The qualifier written right before ``pos`` and where it starts.

    Parameters
    ----------
    text : str
        The text.
    pos : int
        Where the amount (or its currency prefix) starts.
    lower : int
        Do not look before this offset (e.g. the start of the line).

    Returns
    -------
    tuple of (str, int)
        The qualifier code (``""`` for none) and the offset where the qualifier phrase
        starts (``pos`` for none).
    """
    m = _QUALIFIER_RE.search(text, max(lower, pos - 40), pos)
    if not m:
        return "", pos
    code = next(_QUALIFIER_WORDS[int(k[1:])][1] for k, v in m.groupdict().items() if v is not None)
    q_start = m.start()
    if (
        code == "more_than"
        and m.group(0).strip().lower().startswith("hơn")
        and _COMPARATIVE_BEFORE.search(text, max(lower, q_start - 12), q_start)
    ):
        return "", pos
    return code, q_start


# --------------------------------------------------------------------------- amounts
def find_amounts(text: str, lang: str = "vi") -> tuple[list[Amount], list[NumberProblem]]:
    """Find every amount (number with a unit or currency) of ``text``.

    Parameters
    ----------
    text : str
        The text to search.
    lang : {"vi", "en"}
        Separator convention of the document (module docstring).

    Returns
    -------
    amounts : list of Amount
        In text order.
    problems : list of NumberProblem
        Numbers followed by a unit that the rules cannot read.

    Notes
    -----
    A number without a unit or currency ("18.000 tấn", "năm 2023", "390,9 km") is not an
    amount and is neither returned nor reported.
    """
    _check_lang(lang)
    amounts: list[Amount] = []
    problems: list[NumberProblem] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    taken = 0  # the end of the last amount: a number inside it ("743" of "1.025 tỷ 743 triệu") is its own no more
    for m in _TOKEN.finditer(text):
        n_start, n_end = m.span()
        if n_start < taken:
            continue
        line_start = line_starts[bisect_right(line_starts, n_start) - 1]
        prefix = _PREFIX.search(text, max(line_start, n_start - 8), n_start)
        unit_info = _unit_after(text, n_end)
        start, digits = n_start, m.group(0)
        if prefix is not None and unit_info is None:
            broken = _BROKEN_GROUP.match(text, n_end) if re.fullmatch(r"\d{1,3}", digits) else None
            if broken is not None:
                digits, n_end = f"{digits}{',' if lang == 'en' else '.'}{broken.group('g')}", broken.end()
            cur = prefix.group("cur").upper()
            sm = _PREFIX_SCALE.match(text, n_end)
            scale = _SCALE.get(re.sub(r"\s+", " ", sm.group("scale").lower()), Decimal(10**15)) if sm else Decimal(1)
            end = sm.end() if sm else n_end
            if cur in ("VND", "VNĐ"):
                unit, mult = "bn_vnd", scale / Decimal(10**9)
            else:
                unit, mult = "mn_usd", scale / Decimal(10**6)
            start = prefix.start()
        elif unit_info is not None:
            unit, mult, end = unit_info
        else:
            continue
        millions = _MILLIONS_AFTER.match(text, end) if unit == "bn_vnd" and mult == 1 else None
        written = text[start:end]
        grouped = _SPACE_GROUPED.search(text, max(line_start, n_start - 40), n_end)
        if grouped is not None and grouped.start() < n_start:
            problems.append(
                NumberProblem(
                    grouped.start(),
                    end,
                    text[grouped.start() : end],
                    "digits separated by a space, which is a separator in neither convention",
                )
            )
            continue
        try:
            number = parse_number(digits, lang)
        except UnreadableNumber as exc:
            problems.append(NumberProblem(start, end, written, str(exc)))
            continue
        if millions is not None:
            number += Decimal(millions.group("m")) / 1000
            end = millions.end()
            written = text[start:end]
        qualifier, q_start = qualifier_before(text, start, line_start)
        bound = _BOUND_AFTER.match(text, end)
        if bound is not None:  # "từ 13.300 tỷ đồng trở lên", "VND 5 trillion or more"
            qualifier = "at_least" if bound.group("up") else "at_most"
            frm = _FROM_BEFORE.search(text, max(line_start, start - 8), start)
            q_start = frm.start() if frm is not None and q_start == start else q_start
        taken = end
        amounts.append(
            Amount(
                value=float(number * mult),
                unit=unit,
                number=number,
                text=written,
                start=start,
                end=end,
                num_start=n_start,
                num_end=n_end,
                qualifier=qualifier,
                qualifier_start=q_start,
            )
        )
    return amounts, problems
