"""Labels of the trend and forecast pages written from the data: gap years, the years a
scenario uses, nowcasts and their sources, steps of trend models, price bases of plans and
targets, the chart legends that tell these years apart, and why a model could not be fitted
(merged into :data:`helpers.common.i18n.LABELS`).

Kept apart from :mod:`helpers.common.i18n` to keep each module short; the same rules hold:
both languages, the same placeholders.
"""

from __future__ import annotations

OUTLOOK_LABELS: dict[str, dict[str, str]] = {
    "word.and": {"en": " and ", "vi": " và "},
    # --- why a model could not be fitted (helpers.common.present.model_problem) -----------------
    "problem.a_model": {"en": "a model (name not given)", "vi": "(không rõ tên)"},
    "problem.too_short": {
        "en": "{model}: too few years for this model ({n} observed, at least {need} needed)",
        "vi": "{model}: chuỗi quá ngắn cho mô hình này ({n} năm có số liệu, cần ít nhất {need} năm)",
    },
    "problem.no_data": {
        "en": "{model}: the series has no observed value",
        "vi": "{model}: chuỗi không có giá trị quan sát nào",
    },
    "problem.non_positive": {
        "en": "{model}: the model works on logarithms and needs every value above zero (not so in {years})",
        "vi": "{model}: mô hình tính trên logarit nên cần mọi giá trị lớn hơn 0 (không thỏa ở năm {years})",
    },
    "problem.bad_values": {
        "en": "{model}: the series has unusable values (repeated years, values that are not numbers, or "
        "infinite values)",
        "vi": "{model}: chuỗi có giá trị không dùng được (năm lặp lại, giá trị không phải số hoặc giá trị vô hạn)",
    },
    "problem.non_finite": {
        "en": "{model}: the fit gave forecasts that are not finite numbers",
        "vi": "{model}: kết quả ước lượng cho ra dự báo không phải số hữu hạn",
    },
    "problem.fit_failed": {
        "en": "{model}: the numerical fit failed",
        "vi": "{model}: phép ước lượng bằng tính toán số không thành công",
    },
    "problem.other": {
        "en": "{model}: the fit stopped with an error",
        "vi": "{model}: quá trình ước lượng dừng lại vì lỗi",
    },
    "method_word.link_factor": {"en": "link factor", "vi": "hệ số nối"},
    "method_word.ratio": {"en": "ratio", "vi": "tỷ số"},
    "method_word.interpolation": {"en": "interpolation", "vi": "nội suy"},
    "method_word.mixed": {"en": "mixed splice", "vi": "nối kết hợp"},
    # --- what the backtest columns measure (trend and forecast pages) ----------------------------
    "backtest.metrics_note": {
        "en": "How to read the columns: each model is refitted on the years up to an earlier year and "
        "forecasts the next {h} published years, which are then compared with the figures. "
        "**sMAPE**: the average error in percent of the level (symmetric: the error divided by the mean of "
        "forecast and figure); lower is better. **MASE**: the average error divided by the average "
        "year-to-year change of the series in its past; forecasts several years ahead usually score above 1 "
        "even when they are good, so set each model against the last row, which repeats the last published "
        "figure. "
        "**Coverage**: the share of those years that fell inside the 80% and 95% intervals; near 80% and "
        "95% is right, below means the intervals were too narrow, above (up to 100%) that they were wider "
        "than needed: prudent, but less informative, which MSIS counts. With only a few years to check, one "
        "year more or less inside moves the share a lot. **MSIS**: the width of the 95% interval "
        "plus a penalty for every figure outside it, scaled like MASE; lower is better.",
        "vi": "Cách đọc các cột: mỗi mô hình được ước lượng lại trên các năm đến một năm trước đó rồi dự "
        "báo {h} năm có số liệu công bố tiếp theo, sau đó so với số liệu thực tế. **sMAPE**: sai số bình "
        "quân tính theo phần trăm của mức giá trị (dạng đối xứng: sai số chia cho trung bình của dự báo và "
        "số liệu); càng thấp càng tốt. **MASE**: sai số bình quân chia cho mức thay đổi bình quân giữa hai "
        "năm liền nhau của chuỗi trong quá khứ; dự báo cho nhiều năm tới thường lớn hơn 1 dù là dự báo tốt, "
        "nên hãy so từng mô hình với dòng cuối, là cách lặp lại số liệu công bố năm cuối. **Độ "
        "phủ**: tỷ lệ số năm nằm trong khoảng 80% và 95%; gần 80% và 95% là đúng, thấp hơn nghĩa là "
        "khoảng quá hẹp, cao hơn (đến 100%) nghĩa là khoảng rộng hơn mức cần: thận trọng nhưng ít thông tin "
        "hơn, điều mà MSIS tính đến. Khi chỉ có ít năm để kiểm tra, thêm hay bớt một năm nằm trong khoảng "
        "cũng làm tỷ lệ thay đổi nhiều. **MSIS**: độ rộng của khoảng 95% cộng với mức phạt cho mỗi số liệu nằm ngoài "
        "khoảng, quy chuẩn như MASE; càng thấp càng tốt.",
    },
    # --- gap years (helpers.forecast.pages) ------------------------------------------------------
    "trend.gaps_none": {"en": "without a gap year", "vi": "không thiếu năm nào"},
    "trend.gaps_one": {"en": "with {n} gap year ({years})", "vi": "thiếu số liệu {n} năm ({years})"},
    "trend.gaps_other": {"en": "with {n} gap years ({years})", "vi": "thiếu số liệu {n} năm ({years})"},
    "trend.intro_gap_one": {
        "en": "The gap year {years}, with no published figure, is given to them as missing, not as data; "
        "the chart shows its estimate apart.",
        "vi": "Năm {years} không có số liệu công bố nên được coi là thiếu, không phải số liệu; biểu đồ thể "
        "hiện giá trị ước lượng của năm đó riêng.",
    },
    "trend.intro_gap_other": {
        "en": "The gap years {years}, with no published figure, are given to them as missing, not as data; "
        "the chart shows their estimates apart.",
        "vi": "Các năm {years} không có số liệu công bố nên được coi là thiếu, không phải số liệu; biểu đồ "
        "thể hiện giá trị ước lượng của các năm đó riêng.",
    },
    "trend.intro_units": {
        "en": "Values are in billions of VND at constant 2010 prices; models are fitted to logarithms.",
        "vi": "Giá trị tính bằng tỷ đồng theo giá so sánh 2010; mô hình được ước lượng trên logarit.",
    },
    # --- trends continued over the horizon -------------------------------------------------------
    "models.every_year": {"en": "Every model, year by year", "vi": "Từng mô hình, theo từng năm"},
    "trend.continued_heading": {
        "en": "The trends continued to {end}",
        "vi": "Các đường xu hướng kéo dài đến năm {end}",
    },
    "forecast.vs_trend_one": {
        "en": "These forecasts start from the estimate for {years}, made from part-year figures. The {trend} "
        "continues each model from the last full-year figure ({last}) without it, so the same model gives "
        "other numbers there.",
        "vi": "Các dự báo này xuất phát từ ước tính cho năm {years}, lập từ số liệu một phần năm. Ở {trend}, "
        "từng mô hình được kéo dài từ số liệu cả năm gần nhất ({last}) mà không dùng ước tính đó, nên cùng "
        "một mô hình cho kết quả khác ở trang đó.",
    },
    "forecast.vs_trend_other": {
        "en": "These forecasts start from the estimates for {years}, made from part-year figures. The {trend} "
        "continues each model from the last full-year figure ({last}) without them, so the same model gives "
        "other numbers there.",
        "vi": "Các dự báo này xuất phát từ ước tính cho các năm {years}, lập từ số liệu một phần năm. Ở "
        "{trend}, từng mô hình được kéo dài từ số liệu cả năm gần nhất ({last}) mà không dùng các ước tính "
        "đó, nên cùng một mô hình cho kết quả khác ở trang đó.",
    },
    "forecast.vs_trend_factor": {
        "en": "The {trend} also rests on the series at the default link factor, not on this page's {k}.",
        "vi": "Ngoài ra, {trend} dựa trên chuỗi với hệ số nối mặc định, không phải hệ số {k} của trang này.",
    },
    "trend.continued_note": {
        "en": "Each model's trend continued {h} years from the last published year ({last}), with its 80% "
        "and 95% intervals. The trends start from the published years only: the part-year figures "
        "of later years, from which the forecast report starts, are not used here. The last column "
        "runs from the {last} figure to the line's median in {end}, so it includes the step from the "
        "figure to the line; the line's own growth is in the table above.",
        "vi": "Đường xu hướng của từng mô hình kéo dài {h} năm từ năm có số liệu công bố gần nhất ({last}), "
        "kèm khoảng tin cậy 80% và 95%. Các đường xu hướng chỉ dựa vào các năm có số liệu công bố: số "
        "liệu một phần năm của các năm sau, điểm xuất phát của báo cáo dự báo, không được dùng ở đây. Cột "
        "cuối tính từ số liệu năm {last} đến trung vị của đường xu hướng năm {end}, nên gồm cả bước nhảy "
        "từ số liệu đến đường xu hướng; tốc độ tăng của chính đường xu hướng nằm ở bảng phía trên.",
    },
    "chart.target_alt_one": {
        "en": "Chart: probability of meeting the {year} target of {target} billion VND: {best}.",
        "vi": "Biểu đồ: xác suất đạt mục tiêu năm {year} là {target} tỷ đồng: {best}.",
    },
    "series.interval_each": {
        "en": "{level}% interval of each trend",
        "vi": "Khoảng {level}% của từng xu hướng",
    },
    "chart.continued": {"en": "continued", "vi": "kéo dài"},
    "chart.trend_h_alt": {
        "en": "Chart: the series {first}–{last} on a log scale with the fitted trend of {n} models, "
        "continued to {end}; in {end} the trends range from {low} to {high} billion VND.",
        "vi": "Biểu đồ: chuỗi số liệu {first}–{last} theo thang logarit cùng đường xu hướng của {n} mô hình, "
        "kéo dài đến năm {end}; năm {end} các đường xu hướng nằm trong khoảng {low} đến {high} tỷ đồng.",
    },
    "series.gap_estimate": {"en": "Gap year (estimate)", "vi": "Năm thiếu (ước lượng)"},
    "series.not_used": {"en": "From 1994 prices, not used", "vi": "Từ giá 1994, không dùng"},
    # --- the new-base scenario -------------------------------------------------------------------
    "forecast.new_base_years": {
        "en": "The models were given {n} years, {first} to {last}, each published at constant 2010 prices "
        "(or implied by a published 2010-price growth rate).",
        "vi": "Các mô hình dùng {n} năm, từ {first} đến {last}, mỗi năm đều có số liệu công bố theo giá so "
        "sánh 2010 (hoặc suy ra từ tốc độ tăng theo giá 2010 được công bố).",
    },
    "forecast.new_base_gap_one": {
        "en": "The gap year {years} is given to them as missing.",
        "vi": "Năm thiếu {years} được coi là thiếu số liệu.",
    },
    "forecast.new_base_gap_other": {
        "en": "The gap years {years} are given to them as missing.",
        "vi": "Các năm thiếu {years} được coi là thiếu số liệu.",
    },
    "forecast.new_base_context": {
        "en": "The chart also shows {first}–{last}, converted from 1994 prices with the link factor, for "
        "context only (hollow markers): the models did not use them.",
        "vi": "Biểu đồ cũng thể hiện các năm {first}–{last}, quy đổi từ giá 1994 bằng hệ số nối, chỉ để tham "
        "khảo (ký hiệu rỗng): các mô hình không sử dụng các năm này.",
    },
    "chart.fan_used_alt": {
        "en": "Chart: the {n} years the models used, {first}–{last}, and the forecast to {end}. Last value "
        "{last_value} billion VND; median forecast {median} in {end}, 80% interval {lower} to {upper}.",
        "vi": "Biểu đồ: {n} năm các mô hình sử dụng, {first}–{last}, và dự báo đến {end}. Giá trị gần nhất "
        "{last_value} tỷ đồng; dự báo trung vị năm {end} là {median}, khoảng 80% từ {lower} đến {upper}.",
    },
    # --- nowcasts ----------------------------------------------------------------------------
    "forecast.summary_next_nowcast": {
        "en": "Industrial production value in {year}, estimated from part-year figures: about {value:,.0f} "
        "billion VND at constant 2010 prices, with a {level}% interval of {lower:,.0f} to {upper:,.0f} "
        "(last published: {last:,.0f} in {last_year}).",
        "vi": "Giá trị sản xuất công nghiệp năm {year}, ước tính từ số liệu một phần năm: khoảng {value:,.0f} "
        "tỷ đồng theo giá so sánh 2010, khoảng tin cậy {level}% từ {lower:,.0f} đến {upper:,.0f} (số liệu "
        "công bố gần nhất: {last:,.0f} năm {last_year}).",
    },
    "forecast.nowcast_head": {
        "en": "Not yet published for the full year: {years}. Their values are estimates from part-year "
        "figures (nowcasts), the same for every model:",
        "vi": "Chưa có số liệu cả năm: {years}. Giá trị các năm này là ước tính cả năm từ số liệu một phần "
        "năm, giống nhau cho mọi mô hình:",
    },
    "forecast.nowcast_growth": {
        "en": "{year}: {value} billion VND ({level}% interval {lower} to {upper}), the {prev_year} level "
        "{prev} times the growth of the first {months} months of {year} over the same months of "
        "{prev_year}, {growth} ({id}: {citation}).",
        "vi": "Năm {year}: {value} tỷ đồng (khoảng {level}%: {lower} đến {upper}), bằng mức năm {prev_year} "
        "({prev}) nhân với tốc độ tăng {months} tháng đầu năm {year} so với cùng kỳ năm {prev_year}, "
        "{growth} ({id}: {citation}).",
    },
    "forecast.nowcast_share": {
        "en": "{year}: {value} billion VND ({level}% interval {lower} to {upper}), the value of the first "
        "{months} months of {year} ({part}) scaled to the whole year ({id}: {citation}).",
        "vi": "Năm {year}: {value} tỷ đồng (khoảng {level}%: {lower} đến {upper}), giá trị {months} tháng "
        "đầu năm {year} ({part}) quy ra cả năm ({id}: {citation}).",
    },
    "forecast.nowcast_also": {
        "en": "Also published, not used (the estimate rests on the figure covering the most months): {ids}.",
        "vi": "Cũng được công bố nhưng không dùng (ước tính dựa trên số liệu bao quát nhiều tháng nhất): {ids}.",
    },
    "forecast.nowcast_models": {
        "en": "The models are fitted to the published years and these estimates, and forecast the later "
        "years from them; the uncertainty of the estimates (their interval) is carried into every "
        "later year. The series report shows how they are made.",
        "vi": "Các mô hình được ước lượng trên các năm có số liệu công bố cùng các giá trị ước tính này và "
        "dự báo các năm sau từ đó; độ bất định của các giá trị ước tính (khoảng tin cậy của chúng) được "
        "đưa vào mọi năm sau. Báo cáo chuỗi số liệu trình bày cách ước tính.",
    },
    "forecast.citation": {
        "en": "{publisher}, “{title}”{translation}, {date}",
        "vi": "{publisher}, “{title}”{translation}, {date}",
    },
    # --- steps of trend models -----------------------------------------------------------------
    "forecast.step_above": {
        "en": "The forecast of {model} changes by {step} from {year0} to {year1}, then by {later} in {year2}: the "
        "model forecasts on from its own fitted path, not from the last level, and that path is at about "
        "{fitted} billion VND in {year0}, {gap} above that year's level of {level}. The step is the model returning "
        "to its path, not a forecast jump in output.",
        "vi": "Dự báo của mô hình “{model}” thay đổi {step} từ năm {year0} sang năm {year1}, rồi {later} vào năm "
        "{year2}: mô hình dự báo tiếp từ đường đã ước lượng của chính nó, không từ mức gần nhất; đường đó ở mức "
        "khoảng {fitted} tỷ đồng vào năm {year0}, cao hơn mức {level} tỷ đồng của năm đó khoảng {gap}. Bước nhảy là "
        "mô hình trở về đường của nó, không phải dự báo giá trị sản xuất tăng vọt.",
    },
    "forecast.step_below": {
        "en": "The forecast of {model} changes by {step} from {year0} to {year1}, then by {later} in {year2}: the "
        "model forecasts on from its own fitted path, not from the last level, and that path is at about "
        "{fitted} billion VND in {year0}, {gap} below that year's level of {level}. The first year's smaller change "
        "is the model returning to its path, not a forecast slowdown in output.",
        "vi": "Dự báo của mô hình “{model}” thay đổi {step} từ năm {year0} sang năm {year1}, rồi {later} vào năm "
        "{year2}: mô hình dự báo tiếp từ đường đã ước lượng của chính nó, không từ mức gần nhất; đường đó ở mức "
        "khoảng {fitted} tỷ đồng vào năm {year0}, thấp hơn mức {level} tỷ đồng của năm đó khoảng {gap}. Mức thay "
        "đổi nhỏ hơn của năm đầu là mô hình trở về đường của nó, không phải dự báo giá trị sản xuất chững lại.",
    },
    "trend.step_above": {
        "en": "The continued trend of {model} changes by {step} from {year0} to {year1}, then by {later} in {year2}: "
        "a trend goes on along its own fitted path, not from the last level, and that path is at about {fitted} "
        "billion VND in {year0}, {gap} above that year's level of {level}. The step is the distance from the figures "
        "to the path, not a jump in output.",
        "vi": "Đường xu hướng kéo dài của mô hình “{model}” thay đổi {step} từ năm {year0} sang năm {year1}, rồi "
        "{later} vào năm {year2}: đường xu hướng đi tiếp theo chính đường đã ước lượng, không xuất phát từ mức gần "
        "nhất; đường đó ở mức khoảng {fitted} tỷ đồng vào năm {year0}, cao hơn mức {level} tỷ đồng của năm đó khoảng "
        "{gap}. Bước nhảy là khoảng cách từ số liệu đến đường xu hướng, không phải giá trị sản xuất tăng vọt.",
    },
    "trend.step_below": {
        "en": "The continued trend of {model} changes by {step} from {year0} to {year1}, then by {later} in {year2}: "
        "a trend goes on along its own fitted path, not from the last level, and that path is at about {fitted} "
        "billion VND in {year0}, {gap} below that year's level of {level}. The first year's smaller change is the "
        "distance from the figures to the path, not a slowdown in output.",
        "vi": "Đường xu hướng kéo dài của mô hình “{model}” thay đổi {step} từ năm {year0} sang năm {year1}, rồi "
        "{later} vào năm {year2}: đường xu hướng đi tiếp theo chính đường đã ước lượng, không xuất phát từ mức gần "
        "nhất; đường đó ở mức khoảng {fitted} tỷ đồng vào năm {year0}, thấp hơn mức {level} tỷ đồng của năm đó khoảng "
        "{gap}. Mức thay đổi nhỏ hơn của năm đầu là khoảng cách từ số liệu đến đường xu hướng, không phải giá trị sản "
        "xuất chững lại.",
    },
    # --- plans and targets at one price base ------------------------------------------------------
    "col.target_base": {"en": "Price base of the target", "vi": "Loại giá của mục tiêu"},
    "col.actual_base": {"en": "Price base of the actual", "vi": "Loại giá của số thực hiện"},
    "col.forecast_2010": {
        "en": "Forecast (median, constant 2010 prices)",
        "vi": "Dự báo (trung vị, giá so sánh 2010)",
    },
    "targets.like_with_like": {
        "en": "Each target is set against an outcome at the same price base only.",
        "vi": "Mỗi mục tiêu chỉ được so với kết quả theo cùng loại giá.",
    },
    "targets.assumed_bases": {
        "en": "Where a source states no price base, the base its size points to is assumed, by the rule the "
        "series uses (growth to the nearest figures of known base, and the official switch to 2010 prices "
        "from {switch}): {figures}.",
        "vi": "Khi nguồn không ghi loại giá, loại giá phù hợp với độ lớn của số liệu được giả định, theo quy "
        "tắc của chuỗi số liệu (tốc độ tăng so với các số liệu gần nhất đã biết loại giá, và việc chính "
        "thức chuyển sang giá 2010 từ năm {switch}): {figures}.",
    },
    "targets.future_base": {
        "en": "The forecast is at constant 2010 prices; only targets at that base are set against it.",
        "vi": "Dự báo tính theo giá so sánh 2010; chỉ các mục tiêu theo loại giá này được so với dự báo.",
    },
    "targets.future_assumed": {
        "en": "The {year} target of {target} billion VND ({id}) states no price base; its size points to constant 2010 "
        "prices, and it is assessed as such.",
        "vi": "Mục tiêu năm {year} là {target} tỷ đồng ({id}) không ghi loại giá; độ lớn của nó phù hợp với giá so "
        "sánh 2010 nên được đánh giá theo loại giá này.",
    },
    "targets.future_other_base": {
        "en": "The {year} target of {target} billion VND ({id}, {base}) is not at 2010 prices and is not set against the forecast.",
        "vi": "Mục tiêu năm {year} là {target} tỷ đồng ({id}, {base}) không theo giá 2010 nên không được so với dự báo.",
    },
    # --- upper bounds held by the tail cap (helpers.forecast.caps) -------------------------------
    "caps.model_years": {"en": "{model} {years}", "vi": "{model} {years}"},
    "caps.from_on": {"en": "from {year} on", "vi": "từ năm {year} trở đi"},
    "caps.in_year": {"en": "in {year}", "vi": "năm {year}"},
    "caps.range": {"en": "{low} to {high}", "vi": "{low} đến {high}"},
    "caps.rule_multiple": {
        "en": "{multiple} times the highest level the models were given ({max} in {year})",
        "vi": "bằng {multiple} lần mức cao nhất các mô hình được dùng ({max} năm {year})",
    },
    "caps.rule_multiple_nowcast": {
        "en": "{multiple} times the highest level the models were given ({max} in {year}, an estimate from "
        "part-year figures)",
        "vi": "bằng {multiple} lần mức cao nhất các mô hình được dùng ({max} năm {year}, giá trị ước tính từ "
        "số liệu một phần năm)",
    },
    "caps.rule_point": {
        "en": "the forecast itself, which lies above both limits of the rule (ten times the highest level, and "
        "the last level times the series' own largest rise)",
        "vi": "bằng chính giá trị dự báo, vốn cao hơn cả hai giới hạn của quy tắc (mười lần mức cao nhất, và mức "
        "gần nhất nhân với mức tăng lớn nhất của chính chuỗi số liệu)",
    },
    "caps.rule_rise": {
        "en": "the last level times the largest rise the series itself has shown within as many years",
        "vi": "bằng mức gần nhất nhân với mức tăng lớn nhất mà chính chuỗi số liệu đã có trong cùng số năm",
    },
    "caps.note_exact": {
        "en": "Upper bounds of {what} are capped at {cap} billion VND (marked {mark} in the table), {rule}: "
        "the models' own bounds go beyond what the series' history supports.",
        "vi": "Cận trên của {what} được giới hạn ở mức {cap} tỷ đồng (đánh dấu {mark} trong bảng), {rule}: "
        "cận trên do mô hình tự tính vượt quá mức mà lịch sử của chuỗi số liệu cho phép.",
    },
    "caps.note_held": {
        "en": "Upper bounds of {what} (marked {mark} in the table) are held down by a cap of {cap} billion "
        "VND on the models' draws, {rule}: the models' own bounds go beyond what the series' history supports.",
        "vi": "Cận trên của {what} (đánh dấu {mark} trong bảng) bị kìm lại bởi mức trần {cap} tỷ đồng áp cho "
        "các mẫu mô phỏng của mô hình, {rule}: cận trên do mô hình tự tính vượt quá mức mà lịch sử của chuỗi "
        "số liệu cho phép.",
    },
    "caps.note_held_after": {
        "en": "Upper bounds of {what} (marked {mark} in the table) are held down by a cap of {cap} billion "
        "VND on the models' draws, {rule}: the models' own bounds go beyond what the series' history supports. "
        "The uncertainty of the part-year estimates is added after the cap, so a marked bound can lie above it.",
        "vi": "Cận trên của {what} (đánh dấu {mark} trong bảng) bị kìm lại bởi mức trần {cap} tỷ đồng áp cho "
        "các mẫu mô phỏng của mô hình, {rule}: cận trên do mô hình tự tính vượt quá mức mà lịch sử của chuỗi "
        "số liệu cho phép. Độ bất định của các giá trị ước tính từ số liệu một phần năm được cộng thêm sau mức "
        "trần, nên một cận trên có đánh dấu có thể cao hơn mức trần.",
    },
    # --- the default combination (helpers.forecast.pages.combo_note) ------------------------------
    "combo_agg.median": {"en": "median", "vi": "trung vị"},
    "combo_agg.mean": {"en": "mean", "vi": "trung bình"},
    "forecast.combo_members": {
        "en": "{model} is not the median of the other models of this table: it is the project's default "
        "forecast, the {agg}, year by year, of {n} simple models chosen on the yearly series of the M1 and "
        "Tourism forecasting competitions and on public yearly economic and demographic series ({members}).",
        "vi": "{model} không phải là trung vị của các mô hình khác trong bảng này: đó là dự báo mặc định của "
        "dự án, {agg} theo từng năm của {n} mô hình đơn giản được chọn trên các chuỗi số liệu năm của "
        "cuộc thi dự báo M1 và cuộc thi dự báo du lịch (Tourism) cùng các chuỗi số liệu kinh tế và dân số theo năm được công bố rộng "
        "rãi ({members}).",
    },
    # --- intervals calibrated at a longer horizon (helpers.forecast.pages.calibration_note) -------
    "forecast.horizon_calibration": {
        "en": "Each model's intervals are calibrated on its errors when forecasting from earlier years, the "
        "last ones from which a forecast {h} years ahead can be checked against a published figure; a "
        "{base}-year report calibrates on later years, so for {first}–{last} the bounds here differ from "
        "the {base}-year report's by up to {bounds}{medians}.",
        "vi": "Khoảng tin cậy của mỗi mô hình được hiệu chỉnh theo sai số khi dự báo từ các năm trước, là "
        "các năm gần nhất mà dự báo {h} năm sau có thể đối chiếu với số liệu công bố; báo cáo {base} năm "
        "hiệu chỉnh theo các năm muộn hơn, nên trong giai đoạn {first}–{last} các cận ở đây khác với báo "
        "cáo {base} năm tối đa {bounds}{medians}.",
    },
    "forecast.horizon_medians_same": {
        "en": " (the medians are the same)",
        "vi": " (các giá trị trung vị giống nhau)",
    },
    "forecast.horizon_medians": {
        "en": " and the medians by up to {medians}",
        "vi": " và các giá trị trung vị tối đa {medians}",
    },
    # --- probability of exceeding the last published level (forecast pages) ----------------------
    "targets.growth_heading": {
        "en": "Probability of exceeding the last published level",
        "vi": "Xác suất vượt mức công bố gần nhất",
    },
    "targets.growth_note": {
        "en": "The chance that each forecast year lies above {value} ({unit}), the level published for "
        "{year}: the share of the forecast draws above it.",
        "vi": "Xác suất để giá trị của mỗi năm dự báo cao hơn {value} ({unit}), mức công bố của năm {year}: "
        "tỷ lệ các mẫu dự báo vượt mức này.",
    },
}
