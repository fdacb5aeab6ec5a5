"""The extractor's vocabulary: indicator keywords, growth, comparison, status, price-base and time expressions, as compiled regular expressions (Vietnamese and English)."""

from __future__ import annotations

import re

from helpers.figures.numbers import Amount

from .document import _MONTH_EN_RE

# =========================================================================== vocabulary
_I = re.I


_Y = r"(?:19|20)\d{2}"


# --- indicator keywords: (kind, pattern). Order matters where two start at the same place.
VALUE_KINDS = ("industrial_handicraft_production_value", "handicraft_production_value", "industrial_production_value")


_KEYWORDS: list[tuple[str, str]] = [
    (
        "industrial_handicraft_production_value",
        r"(?:giá\s+trị\s+sản\s+xuất\s+|GTSX\s+)?(?:(?:của\s+)?ngành\s+)?công\s+nghiệp\s*(?:[-–—,&/]|và)\s*tiểu\s+thủ\s+công\s+nghiệp"
        r"|(?:giá\s+trị\s+)?\b(?:GTSX\s*|SX)?CN\s*[-–—/]\s*TTCN\b|industr(?:y|ial)\s+and\s+handicraft",
    ),
    (
        "industrial_production_index",
        r"chỉ\s+số\s+sản\s+xuất\s+(?:toàn\s+)?(?:ngành\s+)?công\s+nghiệp|\bIIP\b"
        r"|index\s+of\s+industrial\s+production|industrial\s+production\s+index",
    ),
    (
        "handicraft_production_value",
        r"(?:giá\s+trị\s+sản\s+xuất\s+)?(?:(?:của\s+)?ngành\s+|sản\s+phẩm\s+)?tiểu\s+thủ\s+công\s+nghiệp|\bTTCN\b"
        r"|handicrafts?|cottage\s+industr(?:y|ies)|small[-\s]scale\s+industr(?:y|ies)",
    ),
    (
        "industrial_production_value",
        r"giá\s+trị\s+sản\s+xuất\s+(?:của\s+)?(?:toàn\s+)?(?:ngành\s+)?công\s+nghiệp|\bGTSX\s*(?:ngành\s+)?(?:CN|công\s+nghiệp)\b"
        r"|\bGTSXCN\b|giá\s+trị\s+SXCN|(?:gross\s+)?industrial[-\s]+(?:production|output)(?:\s+value)?"
        r"|value\s+of\s+industrial\s+(?:production|output)",
    ),
    ("industrial_production_value~weak", r"sản\s+xuất\s+công\s+nghiệp|\bSXCN\b"),
    (
        "industry_construction",
        r"(?:khu\s+vực\s+|ngành\s+)?công\s+nghiệp\s*(?:[-–—,&/]|và)\s*xây\s+dựng|\bCN\s*[-–—/]\s*XD\b"
        r"|industry\s+and\s+construction|industrial\s+and\s+construction",
    ),
    ("industry", r"(?:ngành|khu\s+vực)\s+công\s+nghiệp|\bindustry\b|industrial\s+sector"),
    (
        "other",
        r"\bvốn\b|đầu\s+tư|doanh\s+thu|ngân\s+sách|\bthuế\b|kim\s+ngạch|xuất\s+khẩu|nhập\s+khẩu|\bGRDP\b|\bGDP\b"
        r"|giá\s+trị\s+gia\s+tăng|tổng\s+sản\s+phẩm|trị\s+giá|hỗ\s+trợ|kinh\s+phí|lợi\s+nhuận|thu\s+nhập"
        r"|tiền\s+lương|chi\s+phí|tín\s+dụng|dư\s+nợ|giải\s+ngân|tổng\s+mức|nhà\s+máy|dự\s+án|công\s+ty"
        r"|doanh\s+nghiệp|tập\s+đoàn|khu\s+công\s+nghiệp|cụm\s+công\s+nghiệp|khu\s+kinh\s+tế|bán\s+lẻ"
        r"|dịch\s+vụ|nông\s+nghiệp|nông,\s*lâm|lâm\s+nghiệp|th[uủ][ỷy]\s+sản|du\s+lịch|xây\s+dựng"
        r"|chế\s+biến|chế\s+tạo|khai\s+khoáng|khai\s+thác|th[uủ][ỷy]\s+điện|phân\s+phối\s+điện|\bhộ\b"
        r"|\bFDI\b|khu\s+vực\s+(?:có\s+vốn|nhà\s+nước|ngoài\s+nhà\s+nước|kinh\s+tế)|foreign[-\s]invested|state[-\s]owned"
        r"|\binvest(?:ment|ed|ors?)?\b|\bcapital\b|\brevenues?\b|\bbudget\b|\btax(?:es)?\b|\bexports?\b"
        r"|\bimports?\b|value[-\s]added|added\s+value|\bsupport\b|\bfunding\b|\bprofits?\b|\bincome\b"
        r"|\bsalar(?:y|ies)\b|\bwages?\b|\bcosts?\b|\bcredit\b|\bloans?\b|\bplants?\b|\bfactor(?:y|ies)\b"
        r"|\bprojects?\b|\bcompan(?:y|ies)\b|\benterprises?\b|\bfirms?\b|industrial\s+(?:parks?|zones?|clusters?)"
        r"|\bretail\b|\bservices?\b|\bagricultur\w*|\bforestry\b|\bfisher(?:y|ies)\b|\btourism\b"
        r"|\bconstruction\b|\bmanufacturing\b|\bprocessing\b|\bmining\b|\bhouseholds?\b",
    ),
]


_KEYWORD_RE = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_KEYWORDS)), _I)


_DENOMINATOR = re.compile(r"GRDP|GDP|tổng\s+sản\s+phẩm", _I)


# "(chiếm 99,5% tổng giá trị sản xuất công nghiệp)": the indicator after a share is the share's
# denominator, never the subject of the amounts after it
_SHARE_OF_BEFORE = re.compile(
    r"(?<!\w)(?:chiếm|accounting\s+for|accounted\s+for|making\s+up)\s+(?:khoảng\s+|about\s+)?\d[\d.,]*\s*%"
    r"\s*(?:of\s+)?(?:the\s+)?(?:tổng\s+|total\s+)?(?:số\s+)?$",
    _I,
)


# "sản xuất công nghiệp" without "giá trị" names output only as a head noun: after a
# producer ("nhà máy sản xuất công nghiệp") or a preposition ("thu ngân sách từ sản xuất công
# nghiệp") it qualifies another measure.
_WEAK_BLOCKERS = re.compile(
    r"(?<!\w)(?:nhà\s+máy|dự\s+án|cơ\s+sở|đơn\s+vị|doanh\s+nghiệp|công\s+ty|từ|cho|vào|của|đối\s+với"
    r"|phục\s+vụ|trong|in|for|from|to)\s*$",
    _I,
)


# --- growth, shares, increases
_FILLER = (
    r"(?:\s+(?:ước|ước\s+tính|ước\s+đạt|đạt|khoảng|gần|hơn|trên|xấp\s+xỉ|ở\s+mức|là|bình\s+quân"
    r"|thêm|được|chỉ|nhẹ|mạnh|tới|đến|khá|cao|some|about|around|nearly|almost|more\s+than|over"
    r"|by|an\s+estimated|estimated|just|only|a|an|of)){0,4}"
)


_GROWTH_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<neg>giảm|sụt\s+giảm|tăng\s+trưởng\s+âm|âm|down|decreas(?:ed|ing|e)|declin(?:ed|ing|e)"
    r"|fell|falling|dropp?(?:ed|ing)?|a\s+(?:[\w-]+\s+)?(?:decrease|decline|drop|fall)(?:\s+of)?)"
    r"|(?P<pos>tăng\s+trưởng|tăng|up|increas(?:ed|ing|e)|rose|rise|rising|grew|grow(?:ing|th)(?:\s+rate)?"
    r"|an?\s+(?:[\w-]+\s+)?(?:increase|rise|growth)(?:\s+rate)?(?:\s+of)?))" + _FILLER + r"\s*(?P<minus>[-−])?\s*$",
    _I,
)


_GROWTH_REACHED = re.compile(
    r"(?:tốc\s+độ\s+)?(?:tăng\s+trưởng|growth(?:\s+rate)?)(?:[^,;.\d]|\d{4}|[-–]){0,60}?\s(?:đạt|ở\s+mức|là|was|of|at|reached)"
    + _FILLER
    + r"\s*$",
    _I,
)


_SHARE_WORDS = re.compile(
    r"chiếm|t[ỷỉ]\s+trọng|cơ\s+cấu|\bshares?\b|accounts?\s+for|accounted\s+for|accounting\s+for"
    r"|makes?\s+up|made\s+up|proportion",
    _I,
)


_INDEX_LEVEL = re.compile(r"(?<!\w)(?:đạt|bằng|là|ở\s+mức|reached|was|at|stood\s+at)" + _FILLER + r"\s*$", _I)


_INCREASE_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<up>tăng(?!\s+trưởng)(?:\s+thêm)?|cao\s+hơn|nhiều\s+hơn|lớn\s+hơn|up|an?\s+increase\s+of"
    r"|increased\s+by|rose\s+by|grew\s+by|higher\s+by|more\s+by|(?:an?\s+)?excess(?:\s+(?:value|amount))?\s+of"
    r"|(?:exceed|surpass|beat)(?:ed|ing|s)?\s+[^,;:.]{0,40}?\bby"
    r"(?=(?:\s+(?:about|some|nearly|over|almost|around|more\s+than))?\s*$))"
    r"|(?P<down>giảm(?:\s+đi)?|thấp\s+hơn|ít\s+hơn|kém|down|an?\s+(?:decrease|decline|drop)\s+of"
    r"|decreased\s+by|declined\s+by|fell\s+by|lower\s+by))(?P<mid>[^,;:.]{0,40}?)$",
    _I,
)


# "tăng từ X năm 2015 lên Y năm 2020", "rose from X to Y": two levels, not an increase
_FROM_TO = re.compile(r"(?<!\w)(?:từ|from)(?!\w)", _I)


# between an amount and the same amount in another currency: "VND 38.6 trillion (1.63 billion
# USD)", "2.500 tỷ đồng (tương đương 108 triệu USD)", "VND 5 trillion, or USD 215 million"
_SAME_FIGURE_BEFORE = re.compile(
    r"\s*(?:[(\[]\s*(?:tương\s+đương|khoảng|equivalent\s+to|about|around|some|~|≈)?"
    r"|,?\s*(?:tương\s+đương(?:\s+với)?|equivalent\s+to|or\s+about|or|i\.e\.)(?:\s+(?:khoảng|about|some|around))?)\s*",
    _I,
)


_CLAUSE_BREAK = re.compile(r"[,;:](?!\d)|\s(?:và|còn|and|while)\s", _I)


_RATIO_BEFORE = re.compile(r"(?<!\w)(?:bằng|đạt|equal\s+to|equivalent\s+to)\s*$", _I)


_REACHED = re.compile(r"(?<!\w)(?:đạt|là|ở\s+mức|reached|was|stood|hit|totall?ed)(?!\w)", _I)


_INCREASE_AFTER = re.compile(
    r"\s*(?:(?P<up>higher|more|up)|(?P<down>lower|less|down))\s+(?=than|from|on|over|compared)", _I
)


# --- comparisons ("so với năm 2010", "year-on-year")
_CMP_TARGET = (
    r"(?:(?P<same>cùng\s+k[ỳì]|(?:the\s+)?same\s+period)(?:\s+(?:of\s+|in\s+)?(?:năm\s+|the\s+)?"
    r"(?:(?P<sy>" + _Y + r")|(?P<sprev>trước|ngoái|last\s+year|previous\s+year|a\s+year\s+(?:earlier|ago|before)))"
    r")?"
    r"|(?:năm\s+|(?:the\s+)?year\s+|in\s+)?(?P<y>" + _Y + r")(?![\d/])"
    r"|(?P<prev>năm\s+(?:trước|ngoái)|(?:the\s+)?(?:previous|last|prior|preceding)\s+year|a\s+year\s+(?:earlier|ago|before))"
    r"|(?P<named>(?P<nk>tháng|quý)\s+(?P<nn>IV|I{1,3}|\d{1,2})(?!\w)(?:\s*(?:/|-|năm)\s*(?P<ny>" + _Y + r"))?)"
    r"|(?P<pper>(?:tháng|quý|kỳ)\s+trước|(?:the\s+)?previous\s+(?:month|quarter)|last\s+(?:month|quarter))"
    r"|(?P<plan>kế\s+hoạch|(?:the\s+)?plan)|(?P<target>mục\s+tiêu|chỉ\s+tiêu|(?:the\s+)?target))"
)


_CMP_INTRO = r"(?:so\s+với|so|(?<!\w)hơn|kém|compared\s+(?:with|to)|from|over|against|versus|vs\.?|than|on)"


_CMP_AFTER = re.compile(r"[\s,(]*" + _CMP_INTRO + r"\s+" + _CMP_TARGET, _I)


_CMP_ANY = re.compile(r"(?<!\w)" + _CMP_INTRO + r"\s+" + _CMP_TARGET, _I)


_YOY = re.compile(r"[\s,(]*(?P<yoy>year[-\s]on[-\s]year|y[-/]?o[-/]?y|on[-\s]year|a\s+year\s+earlier)", _I)


_AVERAGE = re.compile(
    r"bình\s+quân|trung\s+bình|/\s*năm|mỗi\s+năm|hằng\s+năm|hàng\s+năm|average|per\s+year|a\s+year|annual(?:ly)?", _I
)


# --- price bases
_BASE_RE = re.compile(
    r"(?:(?:tính\s+)?theo\s+)?giá\s+(?:cố\s+định|so\s+sánh|CĐ|SS|gốc)(?:\s*(?:năm\s*)?(?P<y>" + _Y + r"|94)(?!\d))?"
    # "(theo giá 2010)", "theo giá năm 1994", "(giá 2010)": a year of prices after "theo", or alone in a bracket
    r"|(?:theo\s+giá\s+(?:năm\s+)?(?P<yt>" + _Y + r"|94)(?!\d)(?!\s*(?:của|cho|do|điều\s+chỉnh|bán|mua)\b)"
    r"|(?<=\()\s*giá\s+(?:năm\s+)?(?P<yb>" + _Y + r"|94)(?=\s*\)))"
    r"|(?P<cur>(?:(?:tính\s+)?theo\s+)?giá\s+(?:hiện\s+hành|thực\s+tế|HH)(?!\w))"
    r"|(?:at\s+)?(?:(?:the\s+)?(?P<ye3>" + _Y + r")\s+(?:constant|fixed|comparative|comparable)\s+prices?"
    r"|(?:constant|fixed|comparative|comparable|base)\s+(?:(?P<ye>"
    + _Y
    + r")\s+)?prices?(?:\s+(?:set\s+)?(?:of|in)\s+(?:(?:the\s+)?year\s+)?(?P<ye2>"
    + _Y
    + r"))?)"
    r"|(?P<cure>(?:at\s+)?current\s+prices|in\s+nominal\s+terms)",
    _I,
)


_BASE_AFTER = re.compile(r"\s*[(\[]?\s*", _I)


# --- status words
_PLAN_RE = re.compile(r"(?:chỉ\s+tiêu\s+)?kế\s+hoạch|\bKH\b(?![-/])|\bplan(?:ned|s)?\b|under\s+the\s+plan", _I)


_TARGET_RE = re.compile(
    r"mục\s+tiêu|phấn\s+đấu|chỉ\s+tiêu|hướng\s+(?:tới|đến)|sẽ\s+đạt|\btarget(?:s|ed|ing)?\b|\baim(?:s|ed|ing)?\b"
    r"|\bstriv(?:e|es|ing)\b|\bgoals?\b|\bwill\s+(?:reach|hit|achieve)\b|\beye(?:s|ing)\s+(?:an?\s+|the\s+)?(?:industrial|total|output|growth|VND|\d)",
    _I,
)


_ESTIMATE_RE = re.compile(
    r"(?<!\w)ước(?!\w)(?!\s+(?:mơ|muốn|vọng|nguyện))|dự\s+kiến|dự\s+báo|dự\s+ước"
    r"|\bestimated?\b|\bexpected\b|\bprojected\b|\bforecast\b|\bpreliminary\b",
    _I,
)


_ESTIMATE_NOT = re.compile(r"(?<!\w)(?:quy|hiệp|công|mong|điều|giao|thề)\s+$", _I)


_STATUS_MASKS = [
    r"(?:vượt(?:\s+mức)?|hoàn\s+thành(?:\s+vượt(?:\s+mức)?)?|so\s+với|bằng|không\s+đạt|chưa\s+đạt|đạt\s+được|đạt"
    r"|theo\s+đúng|exceed(?:ed|ing)?|met|meet(?:ing)?|compared\s+(?:with|to)|of)"
    r"\s+(?:(?:\d+(?:[.,]\d+)?\s*%|mức|các|những|the|its|of|\d+)\s+){0,3}(?:chỉ\s+tiêu\s+)?"
    r"(?:(?:year'?s?|annual|yearly)\s+)?(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu|plan|target)s?",
    r"kế\s+hoạch\s+(?:số|phát\s+triển|hành\s+động|thực\s+hiện|đầu\s+tư|sử\s+dụng|tổ\s+chức)",
    r"(?:chương\s+trình\s+)?mục\s+tiêu\s+quốc\s+gia",
    r"\d+\s*-\s*KH\b",
]


_STATUS_MASK_RE = re.compile("|".join(_STATUS_MASKS), _I)


# --- time expressions
_NUM_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
    "giêng": 1,
    "chạp": 12,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
}


_N = (
    r"(?P<n>\d{1,2}|mười\s+một|mười\s+hai|một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)


# the year of a month or a quarter: "tháng 5/2020", "quý I năm 2020", "quý I, năm 2020", "tháng 5 năm nay"
_YSUF = (
    r"(?:\s*(?:/|-|\.(?=\d{4})|năm|của\s+năm|,\s*năm)\s*(?P<y>" + _Y + r")"
    # "tháng 5 năm nay", "quý II, năm nay": of the document's year
    r"|,?\s+(?:của\s+)?năm\s+(?P<nay>nay)(?!\w))?"
)


_YOPT = r"(?:\s+(?:năm\s+)?(?P<y>" + _Y + r"))?"


_MON_VI = r"(?P<m>\d{1,2}|giêng|mười\s+một|mười\s+hai|một|hai|ba|tư|bốn|sáu|bảy|tám|chín|mười|chạp)"


_MON_EN = r"(?P<mon>" + _MONTH_EN_RE + r")"


_LUY = r"l(?:ũy|uỹ)\s+kế"


# words that sum the months from January ("lũy kế 9 tháng", "cộng dồn 9 tháng", "tính chung 9 tháng",
# "cộng chung hai tháng")
_CUM = r"(?:" + _LUY + r"|cộng\s+dồn|cộng\s+chung|tính\s+chung|tính\s+gộp|gộp\s+chung)"


_YEAR_OR_NAY = r"(?:\s+(?:của\s+)?năm\s+(?:(?P<y>" + _Y + r")|(?P<nay>nay))(?!\w)|\s+(?P<y3>" + _Y + r"))?"


_NAY = r"(?:\s+(?:của\s+)?năm\s+(?P<nay>nay))?"


# the year after an English period: "of 2022", "2022", "of the year", "of this year" (the document's)
_EN_YEAR = (
    r"(?:\s+of\s+(?P<nay>this)\s+year|\s+(?P<nay2>this)\s+year|(?:\s+of)?(?:\s+the\s+year)?"
    r"(?:\s*(?:of\s+)?(?P<y>" + _Y + r"))?)"
)


_TIME_RULES: list[tuple[str, str]] = [
    ("cum_n", r"(?:" + _CUM + r"\s+)?" + _N + r"\s+tháng\s+đầu\s+năm(?:\s+(?P<nay>nay)(?!\w))?" + _YOPT),
    ("last_n", _N + r"\s+tháng\s+cuối\s+năm(?:\s+(?P<nay>nay)(?!\w))?" + _YOPT),
    ("cum_n", _CUM + r"\s+" + _N + r"\s+tháng" + _YEAR_OR_NAY),
    ("cum_n", _N + r"\s+tháng\s+(?:(?:của\s+)?năm\s+)?(?P<y>" + _Y + r")"),
    ("cum_n", _N + r"\s+tháng" + _NAY + r"(?=\s*(?:,|qua\b|vừa\s+qua|này))"),
    # a bare "9 tháng" before a verb or an estimate word ("IIP 9 tháng tăng 7,2%", "9 tháng ước
    # đạt") or the place ("10 tháng của tỉnh"); not after a word of duration ("sau 6 tháng", "kéo dài 3 tháng"), see _DURATION_BEFORE
    (
        "cum_bare",
        _N
        + r"\s+tháng"
        + _NAY
        + r"(?=\s*(?:\([^()]{0,40}\)\s*)?\s(?:ước|đạt|tăng|giảm|dự\s+kiến|thực\s+hiện"
        # "giá trị sản xuất công nghiệp 10 tháng của tỉnh ...": the months of a place's year
        + r"|của\s+(?:toàn\s+)?(?:tỉnh|thành\s+phố|huyện|thị\s+xã))(?!\w))",
    ),
    ("h1", r"nửa\s+đầu\s+năm" + _YOPT),
    ("h1", r"(?:hai|2)\s+quý\s+đầu\s+năm" + _YOPT),
    ("h2", r"nửa\s+cuối\s+năm" + _YOPT),
    ("m1_9", r"(?:ba|3)\s+quý\s+đầu\s+năm" + _YOPT),
    ("quarter", r"quý\s+(?P<q>IV|I{1,3}|[1-4])(?!\w)" + _YSUF),
    (
        "cum_m",
        r"(?:(?:"
        + _LUY
        + r"(?:\s+từ\s+đầu\s+năm)?|tính|từ\s+đầu\s+năm)\s+(?:đến|tới)\s+(?:hết\s+|cuối\s+)?"
        # "Đến hết tháng 10/2010": to the end of a month, the months since January
        + r"|(?<!\w)(?:đến|tới)\s+(?:hết|cuối)\s+)tháng\s+"
        + _MON_VI
        + r"(?!\w)"
        + _YSUF,
    ),
    (
        "ytd",
        _LUY + r"(?:\s+từ\s+đầu\s+năm(?:\s+(?P<y>" + _Y + r"))?)?(?:\s+(?:đến|tới)\s+nay)?"
        r"|(?<!ngay\s)từ\s+đầu\s+năm(?!\s+mới)(?:\s+(?P<y2>" + _Y + r"))?(?:\s+(?:đến|tới)\s+nay)?"
        r"|year[-\s]to[-\s]date|so\s+far\s+this\s+year",
    ),
    ("month", r"tháng\s+" + _MON_VI + r"(?!\w)" + _YSUF),
    (
        "span",
        r"(?:giai\s+đoạn|thời\s+kỳ|từ\s+năm|trong\s+(?:các\s+)?năm|nhiệm\s+kỳ|(?:the\s+)?period|between|from)\s+"
        r"(?P<a>" + _Y + r")\s*(?:-|–|—|đến|tới|to|and)\s*(?:năm\s+)?(?P<b>" + _Y + r")"
        # "in 2006-2010", "during 2016–2020" (but "in 2019 and 2020" is two years)
        r"|(?:in|during|over|for)\s+(?:the\s+)?(?P<a2>" + _Y + r")\s*[-–—]\s*(?P<b2>" + _Y + r")(?!\d)"
        r"(?!\s+(?:crop|school|academic|fiscal|financial|marketing|harvest)\b|\s+season)",
    ),
    ("fy", r"(?:cả|trong|toàn)\s+năm(?!\s+(?:tháng|quý|nay|ngoái|trước))" + _YOPT),
    ("fy", r"năm\s+(?:tài\s+chính\s+)?(?P<y>" + _Y + r")(?![\d/])"),
    ("this_year", r"năm\s+nay|this\s+year"),
    ("last_year", r"năm\s+(?:ngoái|trước)|last\s+year"),
    # English
    (
        "cum_n",
        r"(?:the\s+)?first\s+" + _N + r"\s+months" + _EN_YEAR,
    ),
    # "the four-month accumulation", "the 5-month total": the months from January
    (
        "cum_n",
        r"(?<=\bthe\s)"
        + _N
        + r"[-\s]months?\s+(?:accumulation|accumulated\s+value|cumulative\s+value|total)"
        + r"(?=\s+(?:to|at|of\s+VND|reached|was|stood|is|estimated)\b)",
    ),
    # "từ tháng 6 đến hết tháng 10": the months between, not from January
    ("range_m", r"từ\s+tháng\s+(?P<a>\d{1,2})\s+(?:đến|tới)\s+(?:hết\s+|cuối\s+)?tháng\s+(?P<m>\d{1,2})(?!\w)" + _YSUF),
    # "207 trillion in nine months", "over eleven months of 2021": the months from January
    ("cum_n", r"(?:(?<=\bin\s)|(?<=\bover\s))" + _N + r"\s+months" + _EN_YEAR),
    (
        "half",
        r"(?:the\s+)?(?P<h>first|second)\s+half" + _EN_YEAR + r"|\bH(?P<hn>[12])\b(?:[\s/-]*(?P<y2>" + _Y + r"))?",
    ),
    (
        "quarter",
        r"(?:the\s+)?(?P<qw>first|second|third|fourth)\s+quarter"
        + _EN_YEAR
        + r"|\bQ(?P<q>[1-4])\b(?:[\s/-]*(?P<y2>"
        + _Y
        + r"))?"
        # "in Quarter 1", "quarter II of 2019" (not "Quarter 2, Tan Dong Hiep ward": a part of a town)
        + r"|(?<=\bin\s)quarter\s+(?P<qn>[1-4]|IV|I{1,3})\b(?!,?\s+[A-Z]\w*\s+[A-Z])"
        + _EN_YEAR.replace("(?P<nay>", "(?P<nay3>").replace("(?P<nay2>", "(?P<nay4>").replace("(?P<y>", "(?P<y4>"),
    ),
    ("cum_mon", r"January\s*(?:-|–|to|through)\s*" + _MON_EN + r"(?:\s+(?P<y>" + _Y + r"))?"),
    ("cum_mon", r"(?:to|by|until|through)\s+the\s+end\s+of\s+" + _MON_EN + r"(?:\s+(?P<y>" + _Y + r"))?"),
    ("month_en", r"(?:in|during|for)\s+" + _MON_EN + r"(?:\s+(?P<y>" + _Y + r"))?"),
    # "April alone", "the month of April": one month
    ("month_en", r"(?:(?:the\s+)?month\s+of\s+)?" + _MON_EN + r"(?:\s+(?P<y>" + _Y + r"))?(?=\s+alone\b)"),
    ("month_en", r"(?:the\s+)?month\s+of\s+" + _MON_EN + r"(?:\s+(?P<y>" + _Y + r"))?"),
    ("fy", r"(?:full|whole)\s+year(?:\s+(?:of\s+)?(?P<y>" + _Y + r"))?"),
    ("fy", r"(?:\bin|\bfor|\bduring|\bof|\bby|\bthroughout|\bthe\s+year)\s+(?P<y>" + _Y + r")(?![\d/])"),
]


_TIME_RES = [(kind, re.compile(p, _I)) for kind, p in _TIME_RULES]


_TIME_MASKS = re.compile(
    "|".join(
        [
            r"(?:so\s+(?:với\s+)?|(?:cao|nhiều|lớn|thấp|ít|kém)\s+hơn\s+(?:so\s+với\s+)?)(?:cùng\s+k[ỳì]\s+)?(?:năm\s+)?"
            r"(?:" + _Y + r"|trước|ngoái)",
            r"cùng\s+k[ỳì]\s+năm\s+(?:" + _Y + r"|trước|ngoái)",
            # "so với (ước) thực hiện năm 2021", "so với kết quả năm 2019": a comparison
            r"so\s+với\s+(?:(?:[^\s\d,.;:()]+|\d{1,2})\s+){1,5}?năm\s+" + _Y,
            # "compared with the first ten months of 2018", "over the third quarter of 2022"
            r"(?:compared\s+(?:with|to)|from|over|against|versus|than)\s+(?:the\s+)?"
            r"(?:(?:first|last)\s+\w+\s+months|(?:first|second|third|fourth)\s+quarter|(?:first|second)\s+half)"
            r"(?:\s+of)?\s+" + _Y,
            r"(?:compared\s+(?:with|to)|from|over|against|versus|vs\.?|than)\s+(?:for\s+)?"
            r"(?:the\s+same\s+(?:period|time)\s+(?:(?:of|in)\s+)?)?"
            r"(?:(?:the\s+)?(?:year\s+)?(?:in\s+)?"
            + _Y
            + r"|(?:the\s+)?(?:previous|last|prior)\s+year|a\s+year\s+(?:earlier|ago|before))",
            r"(?:so\s+(?:với\s+)?|(?:cao|nhiều|lớn|thấp|ít|kém)\s+hơn\s+(?:so\s+với\s+)?|compared\s+(?:with|to)\s+|than\s+)"
            r"(?:tháng|quý)\s+(?:IV|I{1,3}|\d{1,2})(?!\w)(?:\s*(?:/|-|năm)\s*" + _Y + r")?",
            r"(?:gấp|bằng)\s+[\d.,]+\s+lần\s+(?:so\s+với\s+)?(?:năm\s+)?" + _Y,
            r"[\d.,]+\s+times\s+(?:(?:that\s+)?(?:of|in)\s+)?" + _Y,
            r"ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*" + _Y,
            r"(?<![\d/])\d{1,2}\s*/\s*\d{1,2}\s*/\s*" + _Y,
            r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+" + _Y,
            _MONTH_EN_RE + r"\s+\d{1,2},?\s+" + _Y,
            r"\d{1,2}\s+" + _MONTH_EN_RE + r",?\s+" + _Y,
            r"\d+\s*/\s*" + _Y + r"\s*/\s*[\wĐđ-]+",
            r"tầm\s+nhìn\s+(?:đến\s+|tới\s+)?(?:năm\s+)?" + _Y,
            r"vision\s+(?:to|towards|until)\s+" + _Y,
        ]
    ),
    _I,
)


# a clause of cause or concession closed by a comma: its time is that of the cause, never of a
# figure ("despite COVID-19 outbreaks in May, ...", "do ảnh hưởng của mưa lũ tháng 8, ...")
_CAUSE_CLAUSE = re.compile(
    r"(?<!\w)(?:despite|in\s+spite\s+of|due\s+to|because\s+of|owing\s+to|amid|mặc\s+dù|bất\s+chấp"
    r"|do\s+(?:ảnh\s+hưởng|tác\s+động)|bởi\s+(?:ảnh\s+hưởng|tác\s+động))(?!\w)"
    # up to its comma; none when a "nhưng" / "but" opens the main clause first ("Mặc dù 6 tháng đầu năm
    # ... nhưng ... đạt": the time there is the figure's own, so nothing is hidden)
    r"(?:(?!\s(?:nhưng\s|but\s(?!also\b)))[^,;.\n])*(?=,)",
    _I,
)


# words that make "N tháng" a duration, not the months since January
_DURATION_BEFORE = re.compile(
    r"(?<!\w)(?:trong(?:\s+vòng)?|sau|kéo\s+dài|mất|mỗi|hằng|hàng|từng|cách|thời\s+hạn|thời\s+gian|hơn|gần"
    r"|khoảng|chừng|trên|dưới|chậm|sớm|tới|đến|thêm|còn|vòng)\s*$",
    _I,
)


# --- document context
# a statement of the price base for the whole document ("Ghi chú: Các chỉ tiêu giá trị trong báo
# cáo này tính theo giá cố định 1994", "(All values at constant 2010 prices)")
_DOC_BASE_SUBJECT = re.compile(
    r"(?:các|những|mọi)\s+chỉ\s+tiêu|số\s+liệu|báo\s+cáo\s+này|tài\s+liệu\s+này|ghi\s+chú|lưu\s+ý"
    r"|\b(?:all|the)\s+(?:values|figures|data|amounts)\b|\bin\s+this\s+(?:report|document)\b|\bnote\b",
    _I,
)


# a purpose clause: "Để hoàn thành mục tiêu năm 2012, ... đạt X" states what is required
_PURPOSE = re.compile(
    r"(?<!\w)(?:để|nhằm)\s+(?:hoàn\s+thành|đạt\s+được|đạt|thực\s+hiện)(?:\s+(?:vượt|mức|các|những))*\s+"
    r"(?:(?P<plan>(?:chỉ\s+tiêu\s+)?kế\s+hoạch)|mục\s+tiêu|chỉ\s+tiêu)"
    r"|\b(?:to|in\s+order\s+to)\s+(?:achieve|meet|reach|fulfil+)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:(?P<plane>plan)|target|goal)s?\b",
    _I,
)


# a bracket that quotes another figure ("(Mục tiêu Nghị quyết là 13,5%/năm)")
_NUMBER_BRACKET = re.compile(r"\([^()]*\d[^()]*\)")


# amounts per hectare, per person, per tonne ...: yields, incomes and prices, never a total
_PER_UNIT_AFTER = re.compile(
    r"\s*(?:/\s*(?:người|lao\s+động|ha|héc\s*ta|hécta|tấn|kg|tạ|m2|m²|m3|sản\s+phẩm|hộ|tháng|ngày|person|capita|ha|tonne|ton|kg)"
    r"|(?:một|mỗi|trên)\s+(?:người|lao\s+động|ha|tấn|kg)|per\s+(?:person|capita|worker|head|hectare|ha|tonne|ton|kg|month)"
    r"|an?\s+(?:hectare|tonne|ton|kg|month|person|worker))(?!\w)",
    _I,
)


_PER_UNIT_BEFORE = re.compile(
    r"(?<!\w)(?:bình\s+quân\s+(?:đầu\s+người|(?:mỗi|một|trên)\s+(?:lao\s+động|người|ha|hộ))|đầu\s+người|mỗi\s+lao\s+động"
    # "bình quân 1 tháng đạt 420 tỷ đồng": an average month, not a level of a period
    r"|(?:bình\s+quân|trung\s+bình)\s+(?:mỗi|một|1)\s+tháng|(?:mỗi|một|1)\s+tháng\s+bình\s+quân"
    r"|per\s+(?:capita|worker|person|head|hectare)|giá\s+(?:bán|mua)"
    r"|(?:trên|mỗi|cho)\s+(?:1|một)\s+(?:ha|héc\s*ta|hécta)|(?:trên|mỗi)\s+ha\s+đất)(?!\w)",
    _I,
)


def _per_unit(text: str, lo: int, a: Amount) -> bool:
    """True for an amount per hectare, per person, per tonne or a unit price ("65,3 triệu
    đồng/người", "bình quân đầu người đạt ...", "VND 1.1 billion per worker")."""
    return _PER_UNIT_AFTER.match(text, a.end) is not None or _PER_UNIT_BEFORE.search(text, lo, a.start) is not None


# a table flattened to text: a line of at least four cells separated by "|" or tabs, one of
# them a bare number
_TABLE_ROW = re.compile(r"^(?:[^|\t\n]*[|\t]){3,}")


_TABLE_NUMBER_CELL = re.compile(r"(?:^|[|\t])\s*\d+(?:[.,]\d+)*\s*(?=[|\t]|$)")


# a part of industry named right after "ngành công nghiệp" / "industry"
_NAMES_PART_AFTER = re.compile(
    r"\s*(?:chế\s+biến|chế\s+tạo|khai\s+khoáng|khai\s+thác|sản\s+xuất\s+(?:và\s+)?(?:phân\s+phối\s+)?điện|điện"
    r"|cung\s+cấp\s+nước|trung\s+ương|địa\s+phương)(?!\w)",
    _I,
)


# a part of industry named right before "industry" ("the processing and manufacturing industry")
# "chia theo ngành công nghiệp: ...": the industry as the heading of a breakdown, not a subject
_BY_SECTOR_BEFORE = re.compile(r"(?<!\w)(?:chia|phân|xét)\s+theo\s+(?:ngành\s+)?$", _I)
_PART_BEFORE_INDUSTRY = re.compile(
    r"(?:mining|manufacturing|processing|electricity|power|exploitation|extractive|distribution|supply|central|local"
    r"|state[-\s]owned|non[-\s]state|foreign[-\s]invested)\s+$",
    _I,
)


# "trong đó", "riêng": what follows is a part of the figure before it
_COMPONENT = re.compile(
    r"(?<!\w)(?:trong\s+đó|riêng|bao\s+gồm|chia\s+ra|of\s+which|of\s+the\s+(?:total|sum)|including|in\s+which"
    r"|among\s+which)(?!\w)",
    _I,
)


# a percentage of a plan or target ("đạt 48,5% kế hoạch năm", "102.3% of the annual plan")
_OF_PLAN_AFTER = re.compile(
    r"\s*(?:của\s+|of\s+(?:the\s+)?(?:annual\s+|year'?s\s+|yearly\s+)?)?"
    r"(?:(?:chỉ\s+tiêu\s+)?kế\s+hoạch|\bKH\b|mục\s+tiêu|chỉ\s+tiêu|dự\s+toán|plan|target|goal)",
    _I,
)


# the period of one month ("M5"), the month a cumulative figure without months runs to
_ONE_MONTH = re.compile(r"M\d{1,2}")


# a year right before the bracket an amount opens ("... lần năm 2015 (", "so với năm 2015 (",
# "the figure in 2015 ("), or the same period of it ("cùng kỳ năm 2015 (", "the same period of
# 2015 (": the period of its sentence), not a part of a year ("6 tháng năm 2015 (": left alone)
_YEAR_BEFORE_BRACKET = re.compile(
    r"(?<!tháng\s)(?<!quý\s)(?<!months\s)(?<!quarter\s)(?<!half\s)(?<!\w)"
    r"(?:(?P<same>cùng\s+k[ỳì]\s+(?:năm\s+)?|(?:the\s+)?same\s+period\s+(?:of\s+|in\s+)?)|năm\s+|in\s+|of\s+|year\s+)"
    r"(?P<y>(?:19|20)\d{2})\s*\(\s*(?:VND|VNĐ|đồng)?\s*$",
    _I,
)
#: How far before an amount a year it stands in brackets after can start.
_BRACKET_REACH = 40


# "the same period of 2020 (", "cùng kỳ năm 2020 (": right before the year an amount stands after
_SAME_PERIOD_BEFORE = re.compile(r"(?:cùng\s+k[ỳì]|same\s+period)\W+(?:\w+\W+)?$", _I)

# a sentence that details the one before it ("Cụ thể, ...", "Specifically, ...")
_ELABORATES = re.compile(r"\W*(?:cụ\s+thể|specifically|in\s+particular|in\s+detail)\s*[,:]", _I)
