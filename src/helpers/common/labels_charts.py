"""Labels of the charts' texts: legends, captions, axis notes and the alt text that describes
each chart (merged into :data:`helpers.common.i18n.LABELS`).

Kept apart from :mod:`helpers.common.labels_page` to keep each module short; the same rules
hold: both languages, the same placeholders.
"""

from __future__ import annotations

CHART_LABELS: dict[str, dict[str, str]] = {
    # --- chart texts ------------------------------------------------------------------------------
    "chart.forecast_start": {"en": "forecast", "vi": "dự báo"},
    "chart.fan_caption": {
        "en": "With probability {level}, the value of {year} lies between {lower} and {upper} billion VND; "
        "with probability {level95}, between {lower95} and {upper95}. Median {median} (as likely to be "
        "exceeded as not).",
        "vi": "Với xác suất {level}, giá trị năm {year} nằm trong khoảng {lower} đến {upper} tỷ đồng; "
        "với xác suất {level95}, trong khoảng {lower95} đến {upper95}. Trung vị {median} (khả năng cao hơn "
        "và thấp hơn mức này như nhau).",
    },
    "chart.fan_alt": {
        "en": "Chart: the series {first}–{last} and the forecast to {end}. Last value {last_value} "
        "billion VND; median forecast {median} in {end}, 80% interval {lower} to {upper}.",
        "vi": "Biểu đồ: chuỗi số liệu {first}–{last} và dự báo đến {end}. Giá trị gần nhất {last_value} "
        "tỷ đồng; dự báo trung vị năm {end} là {median}, khoảng 80% từ {lower} đến {upper}.",
    },
    "chart.series_alt": {
        "en": "Chart: the annual series {first}–{last} with its {level}% band, from {v_first} to "
        "{v_last} billion VND at constant 2010 prices; {n_gap} gap years are estimated.",
        "vi": "Biểu đồ: chuỗi số liệu hằng năm {first}–{last} với dải {level}%, từ {v_first} đến "
        "{v_last} tỷ đồng theo giá so sánh 2010; {n_gap} năm thiếu số liệu được ước lượng.",
    },
    "chart.sensitivity_band": {
        "en": "All {n} combinations ({n_methods} methods × {n_k} factors)",
        "vi": "Cả {n} tổ hợp ({n_methods} phương pháp × {n_k} hệ số)",
    },
    "chart.sensitivity_alt": {
        "en": "Chart: the series under {n} combinations of linking method and link factor; in {year} the "
        "values range from {low} to {high} billion VND.",
        "vi": "Biểu đồ: chuỗi số liệu theo {n} tổ hợp phương pháp nối và hệ số nối; năm {year} giá trị dao "
        "động từ {low} đến {high} tỷ đồng.",
    },
    "chart.trend_alt": {
        "en": "Chart: the series {first}–{last} on a log scale with the fitted trend of {n} models.",
        "vi": "Biểu đồ: chuỗi số liệu {first}–{last} theo thang logarit cùng đường xu hướng của {n} mô hình.",
    },
    "chart.residual_alt": {
        "en": "Chart: residuals of {n} models by year; the largest in absolute value is {largest} ({model}, {year}).",
        "vi": "Biểu đồ: phần dư của {n} mô hình theo năm; lớn nhất về trị tuyệt đối là {largest} ({model}, năm {year}).",
    },
    "chart.target_alt_other": {
        "en": "Chart: probability of meeting {n} targets; highest {best} for {year}.",
        "vi": "Biểu đồ: xác suất đạt {n} mục tiêu; cao nhất {best} cho năm {year}.",
    },
    "chart.figures_alt": {
        "en": "Chart: {n} published full-year figures of the industrial production value, {first}–{last}, "
        "by price base; the highest is {high} billion VND.",
        "vi": "Biểu đồ: {n} số liệu cả năm được công bố về giá trị sản xuất công nghiệp, {first}–{last}, theo "
        "loại giá; cao nhất là {high} tỷ đồng.",
    },
    "chart.figures_alt_none": {
        "en": "Chart: no published full-year figure of the industrial production value.",
        "vi": "Biểu đồ: không có số liệu cả năm được công bố về giá trị sản xuất công nghiệp.",
    },
    "chart.figures_alt_plans": {
        "en": "Also drawn as hollow markers: plans and targets (not data), {n} in {first}–{last}, the highest "
        "{high} billion VND.",
        "vi": "Vẽ thêm bằng điểm rỗng: kế hoạch, mục tiêu (không phải số liệu), {n} số trong {first}–{last}, "
        "cao nhất {high} tỷ đồng.",
    },
    "chart.plot": {"en": "Chart", "vi": "Biểu đồ"},
    "figures.unused_grey": {"en": "grey: not used in the series", "vi": "màu xám: không dùng trong chuỗi"},
    "figures.plans_hollow": {
        "en": "hollow: plans and targets (not data)",
        "vi": "hình rỗng: kế hoạch, mục tiêu (không phải số liệu)",
    },
}
