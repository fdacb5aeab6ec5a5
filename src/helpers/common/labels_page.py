"""Labels of the report pages' frame, of category values in tables and of the sentences the
presentation layer writes from structured columns (merged into :data:`helpers.common.i18n.LABELS`).

Kept apart from :mod:`helpers.common.i18n` to keep each module short; the same rules hold:
both languages, the same placeholders.
"""

from __future__ import annotations

PAGE_LABELS: dict[str, dict[str, str]] = {
    # --- page frame (helpers.reports.render) ----------------------------------------------------
    "page.contents": {"en": "Contents", "vi": "Mục lục"},
    "page.index": {"en": "All reports", "vi": "Tất cả báo cáo"},
    "page.twin": {"en": "Đọc bằng tiếng Việt", "vi": "Read in English"},
    "page.about": {"en": "About this run", "vi": "Thông tin về lượt chạy này"},
    "page.download": {"en": "Download the data", "vi": "Tải dữ liệu"},
    "page.download_note": {
        "en": "CSV files (UTF-8), the numbers of this report as computed, in full precision: column names "
        "and notes in English, numbers with a decimal point and no thousands separator, as data files are "
        "exchanged: in a spreadsheet set to a decimal comma, choose the point as the decimal mark when "
        "importing the file.",
        "vi": "Tệp CSV (UTF-8): các con số của báo cáo này như được tính, với đầy đủ chữ số. Tên cột và ghi chú "
        "bằng tiếng Anh, số dùng dấu chấm thập phân và không có dấu phân cách hàng nghìn, theo cách trao đổi "
        "tệp dữ liệu thông dụng: khi mở bằng Excel, hãy chọn dấu chấm làm dấu thập phân khi nhập tệp.",
    },
    "page.chars": {
        "en": "characters {start}–{end} of the stored text",
        "vi": "ký tự thứ {start}–{end} của văn bản lưu",
    },
    # another report named in a sentence (helpers.common.present.page_ref), linked when built
    "page_ref.figures": {"en": "figures page", "vi": "trang số liệu"},
    "page_ref.series": {"en": "series page", "vi": "trang chuỗi số liệu"},
    "page_ref.trend": {"en": "trend page", "vi": "trang xu hướng"},
    "page.based_on": {"en": "Numbers from", "vi": "Số liệu lấy từ"},
    "page.read_next": {"en": "Read next", "vi": "Đọc tiếp"},
    "page.differs": {"en": "Unlike the main report", "vi": "Khác với báo cáo chính"},
    "page.differs_more": {"en": "both values", "vi": "giá trị ở hai báo cáo"},
    "page.differs_here": {"en": "This report", "vi": "Báo cáo này"},
    "page.differs_main": {"en": "Main report", "vi": "Báo cáo chính"},
    "page.scroll_hint": {
        "en": "Wide table: scroll sideways to see every column.",
        "vi": "Bảng rộng: cuộn ngang để xem đủ các cột.",
    },
    # --- run parameters, as the run details and the index show them (helpers.reports.paramtext) --
    "param.lang": {"en": "Language", "vi": "Ngôn ngữ"},
    "param.input_dir": {"en": "Data read from", "vi": "Thư mục dữ liệu đầu vào"},
    "param.output_dir": {"en": "Data written to", "vi": "Thư mục ghi dữ liệu"},
    "param.method": {"en": "Linking method", "vi": "Phương pháp nối chuỗi"},
    "param.link_factor": {"en": "Link factor (2010 / 1994 prices)", "vi": "Hệ số nối (giá 2010 / giá 1994)"},
    "param.level": {"en": "Interval level", "vi": "Mức tin cậy của khoảng"},
    "param.levels": {"en": "Interval levels", "vi": "Các mức tin cậy của khoảng"},
    "param.gap_method": {"en": "Gap years", "vi": "Các năm thiếu số liệu"},
    "param.weight": {"en": "Weight of the mixed splice", "vi": "Trọng số của cách nối kết hợp"},
    "param.overlap_year": {"en": "Year known at both price bases", "vi": "Năm có số liệu theo cả hai loại giá"},
    "param.models": {"en": "Models", "vi": "Các mô hình"},
    "param.horizon": {"en": "Horizon", "vi": "Số năm dự báo"},
    "param.link_scenario": {"en": "Link factor scenario", "vi": "Kịch bản hệ số nối"},
    "param.first_year": {"en": "First year given to the models", "vi": "Năm đầu tiên đưa vào mô hình"},
    "param.extra_targets": {"en": "Further targets to assess", "vi": "Các mục tiêu bổ sung cần đánh giá"},
    "param.none.link_factor": {
        "en": "estimated (published statistics combined with the data)",
        "vi": "ước lượng (số liệu thống kê đã công bố kết hợp với dữ liệu)",
    },
    "param.none.overlap_year": {"en": "none given", "vi": "không đặt"},
    "param.default_dir": {"en": "default folder", "vi": "thư mục mặc định"},
    "param.years": {"en": "{n} years", "vi": "{n} năm"},
    "param.yes": {"en": "yes", "vi": "có"},
    "param.no": {"en": "no", "vi": "không"},
    "param.count_other": {"en": "{n} parameters", "vi": "{n} tham số"},
    "param.count_one": {"en": "{n} parameter", "vi": "{n} tham số"},
    "link_scenario_word.default": {
        "en": "simulated across the plausible link factors",
        "vi": "mô phỏng trên khoảng hệ số nối hợp lý",
    },
    "link_scenario_word.fixed": {
        "en": "the input series as built, with one fixed link factor (its uncertainty not simulated)",
        "vi": "chuỗi đầu vào như đã dựng, với một hệ số nối cố định (không mô phỏng độ bất định của hệ số)",
    },
    "link_scenario_word.new_base": {
        "en": "2010-price years only",
        "vi": "chỉ các năm theo giá so sánh 2010",
    },
    "figures.curation_set_one": {
        "en": "{field} set to {value} for {n} figure ({criteria})",
        "vi": "{field} được đặt là {value} cho {n} số liệu ({criteria})",
    },
    "figures.curation_set_other": {
        "en": "{field} set to {value} for {n} figures ({criteria})",
        "vi": "{field} được đặt là {value} cho {n} số liệu ({criteria})",
    },
    "figures.curation_drop_one": {
        "en": "{n} figure left out ({criteria})",
        "vi": "{n} số liệu bị loại ({criteria})",
    },
    "figures.curation_drop_other": {
        "en": "{n} figures left out ({criteria})",
        "vi": "{n} số liệu bị loại ({criteria})",
    },
    "figures.date_unknown": {"en": "date unknown", "vi": "không rõ ngày"},
    "compared_word.previous_year": {"en": "previous year", "vi": "năm trước"},
    "compared_word.same_period_previous_year": {
        "en": "same period of the previous year",
        "vi": "cùng kỳ năm trước",
    },
    "compared_word.previous_period": {"en": "previous period", "vi": "kỳ trước"},
    "compared_word.plan": {"en": "plan", "vi": "kế hoạch"},
    "compared_word.target": {"en": "target", "vi": "mục tiêu"},
    "compared_word.annual_average": {"en": "annual average", "vi": "bình quân năm"},
    "compared_word.unstated": {"en": "not stated", "vi": "không ghi"},
    "figures.excluded": {
        "en": "not used in the series (the project's judgement of this figure)",
        "vi": "không dùng trong chuỗi số liệu (theo nhận định của dự án về số liệu này)",
    },
    "figures.unused": {"en": "Not used in the series:", "vi": "Không dùng trong chuỗi số liệu:"},
    "figures.unused_short": {"en": "not used", "vi": "không dùng"},
    "unused_word.superseded": {"en": "superseded by a later figure", "vi": "đã có số liệu muộn hơn thay thế"},
    "unused_word.duplicate": {
        "en": "the same figure as another source gives",
        "vi": "trùng với số liệu của một nguồn khác",
    },
    "unused_word.current_prices": {
        "en": "at current prices, which a constant-price series cannot use",
        "vi": "theo giá hiện hành, không dùng được cho chuỗi giá so sánh",
    },
    "unused_word.scope": {
        "en": "covers another scope than the province's whole industry",
        "vi": "phạm vi khác với toàn ngành công nghiệp của tỉnh",
    },
    "kind_word.cited": {"en": "cited (document not held)", "vi": "trích dẫn (không lưu văn bản)"},
    "scope_word.total": {"en": "whole industry", "vi": "toàn ngành"},
    "scope_word.handicraft": {"en": "handicraft", "vi": "tiểu thủ công nghiệp"},
    "scope_word.subsector:mining": {"en": "mining", "vi": "khai khoáng"},
    "scope_word.subsector:manufacturing": {"en": "manufacturing", "vi": "chế biến, chế tạo"},
    "scope_word.subsector:electricity": {"en": "electricity", "vi": "sản xuất và phân phối điện"},
    "scope_word.subsector:water": {"en": "water supply and waste", "vi": "cung cấp nước, xử lý rác thải"},
    "scope_word.component:central": {"en": "centrally-managed industry", "vi": "công nghiệp trung ương"},
    "scope_word.component:local": {"en": "locally-managed industry", "vi": "công nghiệp địa phương"},
    "scope_word.component:fdi": {"en": "foreign-invested sector", "vi": "khu vực có vốn đầu tư nước ngoài"},
    "scope_word.component:state": {"en": "state sector", "vi": "khu vực nhà nước"},
    "scope_word.component:non_state": {"en": "non-state sector", "vi": "khu vực ngoài nhà nước"},
    "scope_word.component:domestic": {"en": "domestic sector", "vi": "khu vực kinh tế trong nước"},
    "scope_word.unknown": {"en": "a part not named", "vi": "một bộ phận không rõ"},
    "col.published_2010": {"en": "Published (2010 prices)", "vi": "Công bố (giá 2010)"},
    "col.loo_published_2010": {"en": "Published, put on 2010 prices", "vi": "Số công bố, quy về giá 2010"},
    "col.loo_estimate": {"en": "Series without its year", "vi": "Chuỗi khi bỏ năm này"},
    "col.old_id": {"en": "1994-price figure", "vi": "Số liệu giá 1994"},
    "col.new_id": {"en": "2010-price figure", "vi": "Số liệu giá 2010"},
    "col.link_ratio": {"en": "Ratio 2010 / 1994", "vi": "Tỷ số 2010 / 1994"},
    "col.sd_log": {"en": "Sd on logs", "vi": "Độ lệch chuẩn (log)"},
    "col.weight": {"en": "Weight", "vi": "Trọng số"},
    "keys.span_nowcast": {
        "en": "{first}–{last} from full-year figures; {nowcast_years} estimated from part-year figures",
        "vi": "{first}–{last} từ số liệu cả năm; {nowcast_years} ước tính từ số liệu một phần năm",
    },
    "series.summary_nowcast": {
        "en": "The series runs from {first} to {last} ({n} years). Up to {full_last} it rests on full-year "
        "figures: {n_reported} years come from published figures at 2010 prices or levels their growth rates "
        "imply, {n_linked} are linked from 1994 prices and {n_gap} are estimated gap years with no published "
        "figure. For {nowcast_years} only part-year figures are published; the series gives full-year "
        "estimates from them.",
        "vi": "Chuỗi số liệu từ {first} đến {last} ({n} năm). Đến năm {full_last}, chuỗi dựa trên số liệu cả "
        "năm: {n_reported} năm lấy từ số liệu công bố theo giá 2010 hoặc suy ra từ tốc độ tăng, {n_linked} "
        "năm quy đổi từ giá 1994 và {n_gap} năm thiếu số liệu được ước lượng. Với năm {nowcast_years}, chỉ "
        "có số liệu một phần năm được công bố; chuỗi đưa ra ước tính cả năm từ các số liệu đó.",
    },
    "series.sensitivity_set": {
        "en": "The grey band spans the series under {n} combinations of {n_methods} linking methods and {n_k} "
        "link factors ({factors}); the lines are this page's method under each factor.",
        "vi": "Dải màu xám bao chuỗi số liệu theo {n} tổ hợp của {n_methods} phương pháp nối và {n_k} hệ số "
        "nối ({factors}); các đường là phương pháp của trang này với từng hệ số.",
    },
    "series.sensitivity_set_single": {
        "en": "The chart shows the series under {n_k} link factors ({factors}), with the {method} method.",
        "vi": "Biểu đồ thể hiện chuỗi số liệu theo {n_k} hệ số nối ({factors}), với phương pháp {method}.",
    },
    "series.methods_intro": {"en": "The linking methods:", "vi": "Các phương pháp nối:"},
    "series.method_def.link_factor": {
        "en": "every value at 1994 prices is multiplied by the link factor k",
        "vi": "mọi giá trị theo giá 1994 được nhân với hệ số nối k",
    },
    "series.method_def.ratio": {
        "en": "every value at 1994 prices is multiplied by the ratio of the two values of a year published "
        "in both bases",
        "vi": "mọi giá trị theo giá 1994 được nhân với tỷ số giữa hai giá trị của một năm được công bố theo cả "
        "hai loại giá",
    },
    "series.method_def.interpolation": {
        "en": "k holds at an early benchmark year; the gap k leaves at the year published in both bases is "
        "spread step by step over the years in between",
        "vi": "hệ số k đúng ở một năm mốc đầu; phần chênh lệch mà k để lại ở năm được công bố theo cả hai loại "
        "giá được phân bổ dần cho các năm ở giữa",
    },
    "series.method_def.mixed": {
        "en": "part of that gap is taken as an error in the level (as in the ratio method), the rest is "
        "spread over the years (as in interpolation)",
        "vi": "một phần chênh lệch đó được coi là sai lệch về mức (như phương pháp tỷ số), phần còn lại được "
        "phân bổ dần qua các năm (như phương pháp nội suy)",
    },
    "series.link_plain": {
        "en": "The link factor says how many times larger the same output is at 2010 prices than at 1994 "
        "prices: with {k}, 1,000 billion VND at 1994 prices stands for {k1000} billion VND at 2010 prices.",
        "vi": "Hệ số nối cho biết cùng một giá trị sản xuất tính theo giá 2010 lớn gấp bao nhiêu lần khi tính "
        "theo giá 1994: với hệ số {k}, 1.000 tỷ đồng theo giá 1994 tương ứng {k1000} tỷ đồng theo giá 2010.",
    },
    "series.sensitivity_range": {
        "en": "In {first} they range from {low} to {high} billion VND, {spread} from lowest to highest.",
        "vi": "Năm {first}, giá trị dao động từ {low} đến {high} tỷ đồng, chênh {spread} giữa mức thấp nhất "
        "và cao nhất.",
    },
    "series.sensitivity_method": {
        "en": "With the {method} method of this page alone, the {n_k} link factors move {first} by {spread}.",
        "vi": "Chỉ với phương pháp {method} của trang này, {n_k} hệ số nối làm năm {first} thay đổi {spread}.",
    },
    "series.sensitivity_after": {
        "en": "Years after {last_moved} depend on neither the link factor nor the method.",
        "vi": "Các năm sau {last_moved} không phụ thuộc vào hệ số nối hay phương pháp.",
    },
    "series.loo_link": {
        "en": "A 1994-price figure is put on 2010 prices with the link factor estimated without the figures of "
        "its year (column “{column}”), so that it does not vouch for itself; that factor differs from this "
        "page's {k} only for a year the page's factor was estimated from.",
        "vi": "Số liệu giá 1994 được quy đổi sang giá 2010 bằng hệ số nối ước lượng khi không có các số liệu của "
        "năm đó (cột “{column}”), để không dùng chính số liệu đó kiểm chứng cho nó; hệ số này chỉ khác hệ số {k} của "
        "trang ở năm mà hệ số của trang được ước lượng từ đó.",
    },
    "col.loo_link_factor": {"en": "Link factor used", "vi": "Hệ số nối đã dùng"},
    "series.bases_intro_other": {
        "en": "{n} figures of the series (levels as published, or implied by a published growth rate) have no "
        "stated price base. Each is given the base its evidence supports (rule: {rule}).",
        "vi": "{n} số liệu của chuỗi (mức được công bố, hoặc suy ra từ tốc độ tăng được công bố) không có loại "
        "giá được ghi. Mỗi số liệu được gán loại giá mà căn cứ ủng hộ (quy tắc: {rule}).",
    },
    "series.bases_intro_one": {
        "en": "1 figure of the series (a level as published, or implied by a published growth rate) has no "
        "stated price base. It is given the base its evidence supports (rule: {rule}).",
        "vi": "1 số liệu của chuỗi (mức được công bố, hoặc suy ra từ tốc độ tăng được công bố) không có loại "
        "giá được ghi. Số liệu này được gán loại giá mà căn cứ ủng hộ (quy tắc: {rule}).",
    },
    "series.bases_none": {
        "en": "Every figure of the series states its price base.",
        "vi": "Mọi số liệu của chuỗi đều ghi loại giá.",
    },
    "series.loo_none": {"en": "No figure could be tested.", "vi": "Không kiểm tra được số liệu nào."},
    "series.loo_consistent": {
        "en": "{covered} of {tested} published figures, each left out in turn with every other figure of its year, "
        "fall inside the interval the series gives for that year without them ({share}, where the intervals are "
        "built to hold {level}; the expected range is {lo}–{hi} of {tested}): consistent with that level.",
        "vi": "{covered} trong {tested} số liệu công bố, lần lượt bỏ ra cùng mọi số liệu khác của cùng năm, nằm "
        "trong khoảng mà chuỗi cho năm đó khi không có chúng ({share}, trong khi khoảng được lập để chứa {level}; "
        "khoảng kỳ vọng {lo}–{hi} trên {tested}): phù hợp với mức đó.",
    },
    "series.loo_far": {
        "en": "{covered} of {tested} published figures, each left out in turn with every other figure of its year, "
        "fall inside the interval the series gives for that year without them ({share}, where the intervals are "
        "built to hold {level}; the expected range is {lo}–{hi} of {tested}): far from that level.",
        "vi": "{covered} trong {tested} số liệu công bố, lần lượt bỏ ra cùng mọi số liệu khác của cùng năm, nằm "
        "trong khoảng mà chuỗi cho năm đó khi không có chúng ({share}, trong khi khoảng được lập để chứa {level}; "
        "khoảng kỳ vọng {lo}–{hi} trên {tested}): khác xa mức đó.",
    },
    "series.loo_edge": {
        "en": "{n} could not be tested ({years}): without the figures of each of these years the rebuilt series "
        "no longer reaches it (the first or last years).",
        "vi": "{n} số liệu không kiểm tra được (năm {years}): khi bỏ các số liệu của mỗi năm này, chuỗi dựng lại "
        "không còn đến năm đó (các năm đầu hoặc cuối).",
    },
    "series.loo_join": {
        "en": "{n} could not be tested ({years}): without their figures no year is known at both price bases, "
        "which the linking method needs to join them.",
        "vi": "{n} số liệu không kiểm tra được (năm {years}): khi bỏ chúng ra thì không còn năm nào có số liệu "
        "theo cả hai loại giá, mà phương pháp nối cần một năm như vậy để nối hai loại giá.",
    },
    "series.loo_miss_item_above": {
        "en": "{year} ({value}, above {lo}–{hi})",
        "vi": "năm {year} ({value}, cao hơn khoảng {lo}–{hi})",
    },
    "series.loo_miss_item_below": {
        "en": "{year} ({value}, below {lo}–{hi})",
        "vi": "năm {year} ({value}, thấp hơn khoảng {lo}–{hi})",
    },
    "series.loo_misses_one": {
        "en": "Outside its interval: {items}.",
        "vi": "Số liệu nằm ngoài khoảng: {items}.",
    },
    "series.loo_misses_other": {
        "en": "Outside their intervals: {items}.",
        "vi": "Các số liệu nằm ngoài khoảng: {items}.",
    },
    "series.loo_misses_join_one": {
        "en": "It lies at the join of the two price bases ({old}–{new}), where the level of the series rests "
        "on the link factor: the miss speaks against the link factor of this page more than against the width "
        "of the intervals.",
        "vi": "Số liệu này nằm ở chỗ nối hai loại giá ({old}–{new}), nơi mức của chuỗi phụ thuộc vào hệ số nối: "
        "việc nằm ngoài khoảng là bằng chứng chống lại hệ số nối của trang này hơn là chống lại độ rộng của khoảng.",
    },
    "series.loo_misses_join_other": {
        "en": "Each lies at the join of the two price bases ({old}–{new}), where the level of the series "
        "rests on the link factor: the misses speak against the link factor of this page more than against "
        "the width of the intervals.",
        "vi": "Các số liệu này đều nằm ở chỗ nối hai loại giá ({old}–{new}), nơi mức của chuỗi phụ thuộc vào hệ số nối: "
        "việc nằm ngoài khoảng là bằng chứng chống lại hệ số nối của trang này hơn là chống lại độ rộng của khoảng.",
    },
    "series.bridge_none": {
        "en": "No year is published at both 1994 and 2010 prices: the link factor stays at {k}, the value of "
        "national statistics (data/raw/references.yaml).",
        "vi": "Không có năm nào được công bố theo cả giá 1994 và giá 2010: hệ số nối giữ nguyên {k}, giá trị "
        "tính từ số liệu thống kê quốc gia.",
    },
    "series.bridge_rule": {
        "en": "The default link factor {k} (95% range {lo}–{hi}) combines the link factor of national statistics, "
        "{prior}, with {years} published at both 1994 and 2010 prices, the more precise source counting for "
        "more.",
        "vi": "Hệ số nối mặc định {k} (khoảng 95%: {lo}–{hi}) kết hợp hệ số nối tính từ thống kê quốc gia, "
        "{prior}, với {years} được công bố theo cả giá 1994 và giá 2010; nguồn nào chính xác hơn thì có "
        "trọng số lớn hơn.",
    },
    "series.bridge_scenario": {
        "en": "This page does not use that factor: it is a scenario with the link factor {k}, {which}.",
        "vi": "Trang này không dùng hệ số đó: đây là kịch bản với hệ số nối {k}, {which}.",
    },
    "count.years_one": {"en": "{n} year", "vi": "{n} năm"},
    "count.years_other": {"en": "{n} years", "vi": "{n} năm"},
    "series.link_data": {
        "en": "1994-price values are put on 2010 prices by the {method} method with a link factor of {k} "
        "(95% range {low} to {high}): the link factor of national statistics, {prior} (plausible range "
        "{prior_low} to {prior_high}), combined with {years} published at both price bases (see the "
        "section on the link factor). The range is carried into every interval that depends on it.",
        "vi": "Giá trị theo giá 1994 được quy đổi sang giá 2010 theo phương pháp {method}, với hệ số {k} "
        "(khoảng 95%: {low} đến {high}): hệ số nối tính từ thống kê quốc gia, {prior} (khoảng hợp lý "
        "{prior_low} đến {prior_high}), kết hợp với {years} được công bố theo cả hai loại giá (xem mục về "
        "hệ số nối). Khoảng này được đưa vào mọi khoảng tin cậy phụ thuộc vào nó.",
    },
    "series.link_prior": {
        "en": "1994-price values are put on 2010 prices by the {method} method with a link factor of {k} "
        "(plausible range {low} to {high}), from national statistics: no year is published at both price "
        "bases. The range is carried into every interval that depends on it.",
        "vi": "Giá trị theo giá 1994 được quy đổi sang giá 2010 theo phương pháp {method}, với hệ số {k} "
        "(khoảng hợp lý {low} đến {high}), tính từ thống kê quốc gia: không có năm nào được công bố theo cả "
        "hai loại giá. Khoảng này được đưa vào mọi khoảng tin cậy phụ thuộc vào nó.",
    },
    "series.link_scenario": {
        "en": "This page is a scenario: 1994-price values are put on 2010 prices by the {method} method with "
        "a link factor of {k}, {which}. It lies {position} the 95% range ({default_low} to {default_high}) of "
        "the default series' factor, {default_k}, a range narrower than the national one thanks to the figures "
        "published at both price bases. This page's intervals keep the relative width of the national range, "
        "placed around {k}: factors from {low} to {high}.",
        "vi": "Trang này là một kịch bản: giá trị theo giá 1994 được quy đổi sang giá 2010 theo phương pháp "
        "{method}, với hệ số {k}, {which}. Hệ số này {position} khoảng tin cậy 95% ({default_low} đến "
        "{default_high}) của hệ số {default_k} mà chuỗi mặc định dùng, một khoảng hẹp hơn khoảng quốc gia nhờ "
        "các số liệu được công bố theo cả hai loại giá. Khoảng tin cậy của trang này giữ độ rộng tương đối của "
        "khoảng quốc gia, đặt quanh {k}: hệ số từ {low} đến {high}.",
    },
    "link_which.low": {
        "en": "the low end of the plausible range of national statistics ({prior_low} to {prior_high})",
        "vi": "đầu thấp của khoảng hợp lý tính từ thống kê quốc gia ({prior_low} đến {prior_high})",
    },
    "link_which.high": {
        "en": "the high end of the plausible range of national statistics ({prior_low} to {prior_high})",
        "vi": "đầu cao của khoảng hợp lý tính từ thống kê quốc gia ({prior_low} đến {prior_high})",
    },
    "link_which.central": {
        "en": "the central value of national statistics, {prior} (plausible range {prior_low} to {prior_high})",
        "vi": "giá trị trung tâm tính từ thống kê quốc gia, {prior} (khoảng hợp lý {prior_low} đến {prior_high})",
    },
    "link_which.given": {
        "en": "set by this report's parameters (national statistics: {prior}, plausible range {prior_low} to "
        "{prior_high})",
        "vi": "do tham số của báo cáo này đặt (thống kê quốc gia: {prior}, khoảng hợp lý {prior_low} đến {prior_high})",
    },
    "link_pos.below": {"en": "below", "vi": "nằm dưới"},
    "link_pos.inside": {"en": "within", "vi": "nằm trong"},
    "link_pos.above": {"en": "above", "vi": "nằm trên"},
    "keys.link_range": {"en": "95% range {low}–{high}", "vi": "khoảng 95%: {low}–{high}"},
    "keys.link_scenario": {
        "en": "scenario; default {default_k} ({default_low}–{default_high})",
        "vi": "kịch bản; mặc định {default_k} ({default_low}–{default_high})",
    },
    "keys.unit_assigned": {
        "en": "billion VND; price base {base}",
        "vi": "tỷ đồng; loại giá {base}",
    },
    "series_note.nowcast": {
        "en": "estimated from the growth of part of the year",
        "vi": "ước tính từ tốc độ tăng của một phần năm",
    },
    "page.skip": {"en": "Skip to the content", "vi": "Chuyển đến nội dung"},
    "question.figures": {
        "en": "Lào Cai province: what do published sources say about the industrial production value?",
        "vi": "Tỉnh Lào Cai: các nguồn đã công bố những gì về giá trị sản xuất công nghiệp?",
    },
    "question.series": {
        "en": "Lào Cai province: how has the industrial production value grown, year by year?",
        "vi": "Tỉnh Lào Cai: giá trị sản xuất công nghiệp đã tăng thế nào qua từng năm?",
    },
    "question.trend": {
        "en": "Lào Cai province: what is the trend of the industrial production value?",
        "vi": "Tỉnh Lào Cai: xu hướng của giá trị sản xuất công nghiệp là gì?",
    },
    "question.forecast": {
        "en": "Lào Cai province: what will industrial production value be in coming years?",
        "vi": "Tỉnh Lào Cai: giá trị sản xuất công nghiệp những năm tới sẽ là bao nhiêu?",
    },
    "time.vietnam": {"en": "(Vietnam time)", "vi": "(giờ Việt Nam)"},
    "index.build_log": {"en": "Build log", "vi": "Nhật ký tạo báo cáo"},
    "index.other": {"en": "Other reports", "vi": "Các báo cáo khác"},
    "index.only_en": {"en": "English only", "vi": "Chỉ có bản tiếng Anh"},
    "index.only_vi": {"en": "Vietnamese only", "vi": "Chỉ có bản tiếng Việt"},
    "question.other": {"en": "Lào Cai province: {title}", "vi": "Tỉnh Lào Cai: {title}"},
    # --- key numbers ------------------------------------------------------------------------------
    "keys.title": {"en": "Key numbers", "vi": "Các con số chính"},
    "keys.last": {"en": "Last full-year figure ({year})", "vi": "Số liệu cả năm gần nhất ({year})"},
    "keys.forecast": {"en": "Forecast {year} (median)", "vi": "Dự báo {year} (trung vị)"},
    "keys.range": {"en": "{level}% range {year}", "vi": "Khoảng {level}% năm {year}"},
    "keys.growth": {"en": "Median growth a year", "vi": "Tăng trưởng trung vị mỗi năm"},
    "col.growth_to_median": {
        "en": "Growth a year, {first} figure to {last} median (%)",
        "vi": "Tăng trưởng mỗi năm, từ số liệu {first} đến trung vị {last} (%)",
    },
    "keys.n_figures": {"en": "Figures found", "vi": "Số liệu tìm thấy"},
    "keys.n_sources": {"en": "Source documents held", "vi": "Văn bản nguồn có lưu bản sao"},
    "keys.n_flagged": {"en": "Checks that disagree", "vi": "Phép kiểm tra có sai lệch"},
    "keys.n_of": {"en": "{n} of {total}", "vi": "{n} trong số {total}"},
    "keys.span": {"en": "Years covered", "vi": "Các năm"},
    "keys.n_gap": {"en": "Gap years (estimated)", "vi": "Năm thiếu số liệu (ước lượng)"},
    "keys.link_factor": {"en": "Link factor 1994 → 2010", "vi": "Hệ số nối giá 1994 → 2010"},
    "keys.unit": {"en": "billion VND, constant 2010 prices", "vi": "tỷ đồng, giá so sánh 2010"},
    "summary.growth_label": {
        "en": "Average annual growth {first}–{last}",
        "vi": "Tăng trưởng bình quân năm {first}–{last}",
    },
    "keys.interval95": {"en": "95% interval {lower} to {upper}", "vi": "khoảng 95%: {lower} đến {upper}"},
    "trend.n_years": {"en": "{n} published years", "vi": "{n} năm có số liệu công bố"},
    "keys.unit_base": {"en": "billion VND, price base: {base}", "vi": "tỷ đồng, loại giá: {base}"},
    "keys.recent_note": {
        "en": "from the published levels, to set beside the trend",
        "vi": "tính từ các mức công bố, để so với xu hướng",
    },
    "keys.target": {"en": "Chance of meeting the {year} target", "vi": "Khả năng đạt mục tiêu năm {year}"},
    "keys.target_note": {
        "en": "target {target} billion VND; median forecast {median}",
        "vi": "mục tiêu {target} tỷ đồng; dự báo trung vị {median}",
    },
    "keys.break": {"en": "Growth before and after {year}", "vi": "Tăng trưởng trước và sau năm {year}"},
    "keys.break_note": {
        "en": "a year, by the broken trend, which finds its break in {year}",
        "vi": "mỗi năm, theo mô hình xu hướng gãy khúc, có điểm gãy năm {year}",
    },
    "keys.trend_growth": {
        "en": "Constant-growth trend {first}–{last}",
        "vi": "Xu hướng tăng trưởng không đổi {first}–{last}",
    },
    # --- category values -------------------------------------------------------------------------
    "word.yes": {"en": "yes", "vi": "có"},
    "word.no": {"en": "no", "vi": "không"},
    "result_word.ok": {"en": "consistent", "vi": "khớp"},
    "result_word.flag": {"en": "disagrees", "vi": "sai lệch"},
    "check_word.growth": {"en": "growth rate", "vi": "tốc độ tăng"},
    "check_word.increase": {"en": "increase", "vi": "mức tăng"},
    "check_word.conflict": {"en": "two values", "vi": "hai giá trị"},
    "qualifier_word.nearly": {"en": "nearly", "vi": "gần"},
    "qualifier_word.more_than": {"en": "more than", "vi": "hơn"},
    "qualifier_word.about": {"en": "about", "vi": "khoảng"},
    "qualifier_word.at_least": {"en": "at least", "vi": "ít nhất"},
    "qualifier_word.over": {"en": "over", "vi": "trên"},
    "period_word.FY": {"en": "year", "vi": "cả năm"},
    "unit_word.bn_vnd": {"en": "bn VND", "vi": "tỷ đồng"},
    "unit_word.pct": {"en": "%", "vi": "%"},
    "unit_word.mn_usd": {"en": "mn USD", "vi": "triệu USD"},
    "period_text.H1": {"en": "H1 {year}", "vi": "6 tháng đầu năm {year}"},
    "period_text.H2": {"en": "H2 {year}", "vi": "6 tháng cuối năm {year}"},
    "period_text.Q": {"en": "Q{q} {year}", "vi": "quý {q}/{year}"},
    "period_text.M": {"en": "{month} {year}", "vi": "tháng {month}/{year}"},
    "period_text.Mk": {"en": "{first}–{month} {year}", "vi": "tháng {first}–{month}/{year}"},
    "period_text.YTD": {"en": "{year} to date", "vi": "từ đầu năm {year}"},
    "unit_word.index": {"en": "(index)", "vi": "(chỉ số)"},
    "col.value_units": {"en": "Value (bn VND unless marked)", "vi": "Giá trị (tỷ đồng, trừ khi ghi khác)"},
    "figures.one_region": {"en": "Region of every figure: {region}.", "vi": "Địa bàn của mọi số liệu: {region}."},
    "lang_word.vi": {"en": "Vietnamese", "vi": "Tiếng Việt"},
    "lang_word.en": {"en": "English", "vi": "Tiếng Anh"},
    "base_word.none": {"en": "none (gap year)", "vi": "không có (năm thiếu)"},
    "base_word.unstated->2010": {
        "en": "not stated, probably 2010 prices",
        "vi": "không ghi, nhiều khả năng giá 2010",
    },
    "base_word.unstated->1994": {
        "en": "not stated, probably 1994 prices",
        "vi": "không ghi, nhiều khả năng giá 1994",
    },
    "basefix_flag.stated": {"en": "stated", "vi": "có ghi"},
    "basefix_flag.probable": {"en": "probable", "vi": "nhiều khả năng"},
    "basefix_flag.conflict": {"en": "against the switch rule", "vi": "trái quy tắc chuyển đổi"},
    "basefix_flag.ambiguous": {"en": "ambiguous", "vi": "không rõ"},
    "basefix_flag.inconsistent": {"en": "inconsistent", "vi": "không nhất quán"},
    "basefix_rule.stated": {"en": "stated in the source", "vi": "ghi trong nguồn"},
    "basefix_rule.chain": {
        "en": "growth to the nearest figure of known base, and the official switch to 2010 prices",
        "vi": "tốc độ tăng so với số liệu gần nhất đã biết loại giá, và quy định chuyển sang giá 2010",
    },
    # --- evidence of a price base (helpers.series.report.evidence_text) -------------------------
    "evidence.at_1994": {
        "en": "At constant 1994 prices ({value} × {k} {eq} {v2010} at 2010 prices)",
        "vi": "Nếu theo giá so sánh 1994 ({value} × {k} {eq} {v2010} theo giá 2010)",
    },
    "evidence.at_2010": {"en": "At constant 2010 prices", "vi": "Nếu theo giá so sánh 2010"},
    "evidence.growth": {
        "en": "annual growth between {first} and {last} would be {growth} against {ref}",
        "vi": "tốc độ tăng bình quân năm giữa {first} và {last} so với {ref} sẽ là {growth}",
    },
    "evidence.same_year": {
        "en": "the figure would be {ratio} times {ref}, a figure of the same year",
        "vi": "số liệu sẽ bằng {ratio} lần {ref}, một số liệu cùng năm",
    },
    "evidence.growth_short": {"en": "growth would be {growth} a year", "vi": "tốc độ tăng sẽ là {growth}/năm"},
    "evidence.same_year_short": {"en": "it would be {ratio} times that figure", "vi": "số liệu sẽ bằng {ratio} lần"},
    "evidence.ref_stated": {"en": "{id} ({value}, {base})", "vi": "{id} ({value}, {base})"},
    "evidence.ref_assigned": {
        "en": "{id} ({value}, base not stated, taken as {base})",
        "vi": "{id} ({value}, không ghi loại giá, được coi là {base})",
    },
    "evidence.sentence": {"en": "{at}, {comparisons}: {verdict}.", "vi": "{at}, {comparisons}: {verdict}."},
    "evidence.plausible": {"en": "plausible", "vi": "hợp lý"},
    "evidence.implausible": {"en": "implausible", "vi": "không hợp lý"},
    "evidence.none": {
        "en": "No figure of known price base to compare with.",
        "vi": "Không có số liệu nào đã biết loại giá để so sánh.",
    },
    "evidence.plan": {
        "en": "Against the {year} {status} {ref}, the figure would be {r1994} times it at 1994 prices and "
        "{r2010} times it at 2010 prices.",
        "vi": "So với {status} năm {year} {ref}, số liệu sẽ bằng {r1994} lần nếu theo giá 1994 và {r2010} "
        "lần nếu theo giá 2010.",
    },
    "model.naive": {"en": "Random walk", "vi": "Bước ngẫu nhiên"},
    "model.benchmark": {
        "en": "Last figure repeated (yardstick)",
        "vi": "Lặp lại số liệu năm cuối (để so sánh)",
    },
    "model.rwd": {"en": "Random walk with drift", "vi": "Bước ngẫu nhiên có độ trôi"},
    "model.rwd_log": {"en": "Random walk with drift (logs)", "vi": "Bước ngẫu nhiên có độ trôi (logarit)"},
    "model.rwd_med": {"en": "Random walk, median drift", "vi": "Bước ngẫu nhiên, độ trôi trung vị"},
    "model.rwd_shrunk": {"en": "Random walk, shrunk drift", "vi": "Bước ngẫu nhiên, độ trôi co lại"},
    "model.rwd_log_med": {
        "en": "Random walk, median growth (logs)",
        "vi": "Bước ngẫu nhiên, tăng trưởng trung vị (logarit)",
    },
    "model.ses": {"en": "Exponential smoothing", "vi": "San bằng mũ"},
    "model.theta": {"en": "Theta method", "vi": "Phương pháp Theta"},
    "model.otheta": {"en": "Optimised Theta method", "vi": "Phương pháp Theta tối ưu"},
    "model.damped": {"en": "Damped trend", "vi": "Xu hướng tắt dần"},
    "model.loglinear": {"en": "Constant growth", "vi": "Tăng trưởng không đổi"},
    "model.piecewise": {"en": "Broken trend", "vi": "Xu hướng gãy khúc"},
    "model.llt": {"en": "Local linear trend", "vi": "Xu hướng tuyến tính cục bộ"},
    "model.arima": {"en": "ARIMA", "vi": "ARIMA"},
    "model.combo": {"en": "Default combination", "vi": "Kết hợp mặc định"},
    "model.sf_ets": {"en": "ETS (statsforecast)", "vi": "Mô hình ETS"},
    "model.sf_dotm": {
        "en": "Dynamic optimised Theta (statsforecast)",
        "vi": "Phương pháp Theta tối ưu động",
    },
    "model.sf_ces": {"en": "Complex exponential smoothing (statsforecast)", "vi": "San bằng mũ phức"},
    "model.pooled": {
        "en": "Growth learned across many yearly series",
        "vi": "Tăng trưởng học từ nhiều chuỗi số liệu năm",
    },
    "model.sf_arima": {"en": "Automatic ARIMA (statsforecast)", "vi": "ARIMA tự động"},
    # --- sentences written from structured columns ---------------------------------------------
    "derive.implied": {
        "en": "{value} / (1 + {growth}%) = level of {year} implied by the {parent_year} figure",
        "vi": "{value} / (1 + {growth}%) = mức năm {year} suy ra từ số liệu năm {parent_year}",
    },
    "check_msg.growth": {
        "en": "the text states growth of {expected}%; the figures imply {observed}%",
        "vi": "văn bản ghi tăng {expected}%; các số liệu cho thấy tăng {observed}%",
    },
    "check_msg.increase": {
        "en": "the text states an increase of {expected}; the figures give {observed}",
        "vi": "văn bản ghi mức tăng {expected}; các số liệu cho {observed}",
    },
    "check_msg.conflict": {
        "en": "two published values differ: {expected} and {observed} ({difference}%)",
        "vi": "hai giá trị công bố khác nhau: {expected} và {observed} ({difference}%)",
    },
    "check_msg.tol_growth": {
        "en": " (a match: within {tol} percentage points)",
        "vi": " (khớp khi chênh lệch không quá {tol} điểm phần trăm)",
    },
    "check_msg.tol_increase": {
        "en": " (a match: within {tol} of the stated increase, on the side its wording allows, such as below "
        "it for “nearly”)",
        "vi": " (khớp khi chênh lệch không quá {tol} so với mức văn bản ghi, về phía mà cách ghi cho phép, ví dụ "
        "thấp hơn khi ghi “gần”)",
    },
    "check_msg.tol_conflict": {
        "en": " (values within {tol} of each other count as the same)",
        "vi": " (chênh lệch không quá {tol} được coi là như nhau)",
    },
    "series_note.reported": {"en": "published figure", "vi": "số liệu công bố"},
    "series_note.implied": {
        "en": "level implied by the next year's figure and its growth rate",
        "vi": "mức suy ra từ số liệu năm sau và tốc độ tăng",
    },
    "series_note.linked": {
        "en": "1994-price figure × link factor {k}; the interval includes the uncertainty of the factor",
        "vi": "số liệu giá 1994 × hệ số nối {k}; khoảng tin cậy bao gồm độ bất định của hệ số",
    },
    "series_note.interpolated": {
        "en": "no published figure: estimated between {left} and {right}",
        "vi": "không có số liệu công bố: ước lượng giữa năm {left} và năm {right}",
    },
    "series_note.base_assigned": {
        "en": "price base not stated, taken as {base}",
        "vi": "không ghi loại giá, coi là {base}",
    },
    # --- the assumptions of the series -----------------------------------------------------------
    "assume.method": {"en": "Linking method", "vi": "Phương pháp nối chuỗi"},
    "assume.link_factor": {
        "en": "Link factor (value at 2010 prices / value at 1994 prices)",
        "vi": "Hệ số nối (giá trị theo giá 2010 / giá trị theo giá 1994)",
    },
    "assume.range": {
        "en": "Plausible range of the link factor (central 95% interval)",
        "vi": "Khoảng hợp lý của hệ số nối (khoảng trung tâm 95%)",
    },
    "assume.range_scenario": {
        "en": "Plausible range of national statistics, whose relative width the intervals carry",
        "vi": "Khoảng hợp lý tính từ thống kê quốc gia, độ rộng tương đối của nó được đưa vào khoảng tin cậy",
    },
    "assume.source_link_data": {
        "en": "national statistics ({prior}) combined with {years} published at both price bases",
        "vi": "thống kê quốc gia ({prior}) kết hợp với {years} được công bố theo cả hai loại giá",
    },
    "assume.source_combined": {
        "en": "the same combination, the more precise source counting for more",
        "vi": "cùng phép kết hợp đó, nguồn nào chính xác hơn thì có trọng số lớn hơn",
    },
    "assume.source_scenario": {
        "en": "scenario of this report: {which}",
        "vi": "kịch bản của báo cáo này: {which}",
    },
    "assume.level": {"en": "Interval level", "vi": "Mức tin cậy của khoảng"},
    "assume.gap_method": {"en": "Gap years", "vi": "Các năm thiếu số liệu"},
    "assume.source_param": {"en": "parameter of this report", "vi": "tham số của báo cáo này"},
    "assume.source_refs": {
        "en": "national statistics (data/raw/references.yaml)",
        "vi": "số liệu thống kê quốc gia đã công bố",
    },
    "assume.sigma_floor": {
        "en": "Least spread of annual growth (sd of log growth)",
        "vi": "Độ phân tán tối thiểu của tăng trưởng năm (độ lệch chuẩn của log tăng trưởng)",
    },
    "assume.estimate_sd": {
        "en": "Typical revision of a year-end estimate",
        "vi": "Mức điều chỉnh thường gặp của số ước tính cuối năm",
    },
    "assume.implied": {
        "en": "Rounding of a level implied by a growth rate",
        "vi": "Sai số làm tròn của mức suy ra từ tốc độ tăng",
    },
    "assume.unstated_base": {
        "en": "Price base of figures that state none",
        "vi": "Loại giá của số liệu không ghi loại giá",
    },
    "assume.unstated_base_rule": {
        "en": "the base whose growth to the nearest figure is plausible; from {year} on, 2010 prices",
        "vi": "loại giá cho tốc độ tăng hợp lý so với số liệu gần nhất; từ năm {year}, giá 2010",
    },
    "assume.plans": {"en": "Plans and targets", "vi": "Kế hoạch và mục tiêu"},
    "assume.plans_value": {"en": "never used as data", "vi": "không bao giờ dùng làm số liệu"},
    "assume.plans_why": {
        "en": "they are intentions, not measurements",
        "vi": "đó là dự định, không phải kết quả đo lường",
    },
    "assume.source_judgement": {
        "en": "judgement (data/raw/references.yaml)",
        "vi": "nhận định của dự án",
    },
    "assume.source_rounding": {
        "en": "growth rates are published to 0.1 point",
        "vi": "tốc độ tăng được công bố đến 0,1 điểm phần trăm",
    },
    "gap_word.loglinear": {
        "en": "constant growth between published years, with random deviations",
        "vi": "tăng trưởng đều giữa các năm có số liệu, kèm sai lệch ngẫu nhiên",
    },
    "gap_word.state_space": {
        "en": "local linear trend smoother",
        "vi": "làm trơn theo xu hướng tuyến tính cục bộ",
    },
    "col.assumption": {"en": "Assumption", "vi": "Giả định"},
    "col.probability": {"en": "Probability", "vi": "Xác suất"},
    "col.p_above_last": {
        "en": "Probability above the last published level",
        "vi": "Xác suất vượt mức công bố gần nhất",
    },
    "col.target_source": {"en": "Target from", "vi": "Mục tiêu lấy từ"},
    "col.explanation": {"en": "Explanation", "vi": "Giải thích"},
    "source_word.parameter extra_targets": {"en": "parameter of this report", "vi": "tham số của báo cáo này"},
}
