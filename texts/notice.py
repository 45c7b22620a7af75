"""The wording of the draft conclusion notice (Thông báo kết luận, reports/notice.py), in one place the Office may
edit. Placeholders in braces are filled from the meeting's frozen figures, already in the Vietnamese format; the
issuing body, place, signer and fixed recipients are in settings.toml `[notice]`.

Layout (Nghị định 30/2020/NĐ-CP, Phụ lục I): the header table, number and place/date lines, the title and its
summary, the body, then "Nơi nhận" beside the signer's block."""

MOTTO_COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER = "Số: …/TB-UBND"  # left blank for the clerk to number
PLACE_DATE = "{place}, ngày … tháng … năm …"  # the clerk dates it when it is signed
TITLE = "THÔNG BÁO"

# The meeting, as its record names it (data_access.meetings.records.MeetingRecord)
SUMMARY_BY = "Kết luận của {chair_role} tại cuộc họp {title} ngày {held_on}"
CHAIR_ROLE_DEFAULT = "Chủ tịch Ủy ban nhân dân tỉnh"
OPENING_CHAIR = "Ngày {held_on}, {chair} – {chair_title} chủ trì cuộc họp {title}."
OPENING_NO_CHAIR = "Ngày {held_on}, {chair_role} chủ trì cuộc họp {title}."
OPENING_CHAIR_NO_TITLE = "Ngày {held_on}, {chair} chủ trì cuộc họp {title}."
HEARD = " Sau khi nghe {reports} (số liệu chốt đến hết ngày {cutoff}),"
HEARD_ONE = "{who} trình bày {report}"
HEARD_JOIN = "; "
STANDARD_REPORT = ("báo cáo tình hình giải quyết thủ tục hành chính và thực hiện nhiệm vụ cải cách hành chính")
ATTENDED = " Cùng dự có {attendees}."
CONCLUDES = " {chair_role} kết luận như sau:"
HEARD_DEFAULT = " Sau khi nghe " + STANDARD_REPORT + " (số liệu chốt đến hết ngày {cutoff}),"

# 1. The assessment: what went well (written from the frozen figures; the Office may edit it)
RESULTS = "1. Kết quả đạt được"
PERIOD = "Từ ngày {start} đến ngày {end}"
RESULTS_DOSSIERS = ("{period}, các cơ quan, đơn vị, địa phương đã tiếp nhận {received} hồ sơ, giải quyết {resolved} "
                    "hồ sơ; tỷ lệ hồ sơ giải quyết đúng hạn đạt {rate}{change}.")
ON_TIME_CHANGE = ", {direction} {points} điểm phần trăm so với cùng kỳ tháng trước ({other})"
ON_TIME_SAME = ", bằng cùng kỳ tháng trước ({other})"
UP, DOWN = "tăng", "giảm"
RESULTS_ONLINE = (" Tỷ lệ hồ sơ nộp trực tuyến đạt {online}; tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia đạt "
                  "{sync}.")
RANKS = " Về xếp hạng: {ranks}."
RANK_ITEM = "{index} {period} của tỉnh đạt thứ hạng {rank}/{of} tỉnh, thành phố{move}"
RANK_UP = ", tăng {steps} bậc so với {period}"
RANK_DOWN = ", giảm {steps} bậc so với {period}"
RANK_SAME = ", giữ nguyên thứ hạng so với {period}"
RANK_JOIN = "; "
NO_RANKS = " Chưa có kết quả xếp hạng chỉ số nào của hai năm gần nhất được công bố đến ngày chốt số liệu."
INDEX_LONG = {  # the indexes as a notice names them
    "PAR INDEX": "Chỉ số cải cách hành chính (PAR INDEX)",
    "SIPAS": "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)",
    "766": "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (Bộ chỉ số 766)",
    "PAPI": "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)",
    "PCI": "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
}

# 2. Shortcomings and their causes
LAGS = "2. Tồn tại, hạn chế"
LAG_OVERDUE = ("Tuy nhiên, kết quả giải quyết hồ sơ giữa các cơ quan, địa phương chưa đồng đều, còn nhiều hồ sơ trễ "
               "hạn: {overdue} hồ sơ quá hạn trong kỳ ({in_progress_overdue} hồ sơ đang giải quyết đã quá hạn), "
               "trong đó lĩnh vực đất đai, môi trường chiếm {land_share}.")
LAG_WHERE = " Hồ sơ quá hạn tập trung ở {where}."
LAG_FIELDS = "lĩnh vực {items}"
LAG_AGENCIES = "{items}"
LAG_UNITS = "trên địa bàn {items}"
LAG_WHERE_JOIN = "; "
LAG_APOLOGY = (" Còn {n} hồ sơ quá hạn chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả (tỷ lệ có phiếu xin lỗi đạt "
               "{rate}): chưa thực hiện đầy đủ việc xin lỗi tổ chức, cá nhân theo quy định.")
LAG_TASKS = " {n} nhiệm vụ được giao đã quá hạn nhưng chưa hoàn thành, nhiều nhất tại {items}."
NO_OVERDUE = "Trong kỳ không có hồ sơ quá hạn."
NO_LAGS_TASKS = " Không có nhiệm vụ được giao nào quá hạn chưa hoàn thành."
LAG_ITEM_DOSSIERS = "{name} ({n} hồ sơ)"
LAG_ITEM_TASKS = "{name} ({n} nhiệm vụ)"
LAG_JOIN = ", "

# 3. Directives: one numbered point each, by addressee (data_access.meetings.conclusions)
TASKS = "3. Nhiệm vụ trong thời gian tới"
DECISION = "3.{n}. Giao {lead} chủ trì{coordinating}: {content}.{deadline}"
DECISION_COORDINATING = ", phối hợp với {names}"
DEADLINE = " Thời hạn hoàn thành: trước ngày {deadline}."
TO_CATEGORY = "3.{n}. {category} {content}.{deadline}"
WRITTEN = "3.{n}. {content}{deadline}"
CATEGORY_WORDS = {  # data_access.meetings.conclusions.CATEGORIES, as the notice addresses them
    "co_quan": "Các cơ quan, đơn vị, địa phương",
    "nguoi_dung_dau": "Người đứng đầu các sở, ngành, địa phương",
    "dia_phuong": "Ủy ban nhân dân các xã, phường, đặc khu",
}
CATEGORY_BEFORE_MERGER = {"dia_phuong": "Ủy ban nhân dân các huyện, thị xã, thành phố"}  # a meeting before 1/7/2025
NO_DECISIONS = "Cuộc họp chưa ghi kết luận giao nhiệm vụ nào."

# Directives the draft proposes from the figures (metrics.notice.Suggestion); the Office accepts or drops each
SUGGEST_APOLOGY = ("Yêu cầu {items} khẩn trương gửi phiếu xin lỗi và hẹn lại ngày trả kết quả cho tổ chức, cá nhân "
                   "đối với các hồ sơ quá hạn chưa có phiếu xin lỗi (Mẫu số 04, Thông tư 01/2018/TT-VPCP).")
SUGGEST_TASKS = ("{agency} khẩn trương hoàn thành {n} nhiệm vụ đã quá hạn được giao tại {documents}; báo cáo kết quả "
                 "về Văn phòng Ủy ban nhân dân tỉnh.")
SUGGEST_DOCUMENT = "Văn bản số {numbers}"
SUGGEST_DOCUMENTS = "các văn bản số {numbers}"
SUGGEST_NUMBER_MANY = "{number} ({n} nhiệm vụ)"
SUGGEST_APOLOGY_NAMED = 10  # agencies named in the apology directive; the others are counted together
SUGGEST_APOLOGY_REST = "các cơ quan, địa phương còn lại có hồ sơ quá hạn chưa có phiếu xin lỗi ({n} hồ sơ)"

KEEP_CAPITAL = ("Sở", "Ủy", "Văn", "Cổng")  # first words of names kept capitalised when a directive reads on
RECIPIENTS = "Nơi nhận:"
RECIPIENT_LINE = "- {name};"
RECIPIENT_LAST = "- {name}."
DEMO_MARK = "SỐ LIỆU MINH HỌA – KHÔNG DÙNG ĐỂ BAN HÀNH"  # the page header of a draft from demo data
