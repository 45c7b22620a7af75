"""Every label of the pages, grouped by the page that shows it (the command line's texts are in
texts/command_line.py, the pack's in texts/pack.py, the lower layers' messages in texts/messages.py)."""

# The app and its navigation
APP_TITLE = "Bảng điều hành cải cách hành chính"
APP_SUBTITLE = "UBND tỉnh {province}"
SECTION_MEETING = "Họp giao ban"
PAGE_OVERVIEW = "Tổng quan"
PAGE_TASKS = "Nhiệm vụ được giao"
PAGE_BOTTLENECKS = "Điểm nghẽn đất đai – môi trường"
PAGE_SCORECARD = "Bảng điểm địa bàn"
PAGE_RANKING = "Xếp hạng chỉ số"
PAGE_766 = "Bộ chỉ số 766: cần gì để lên hạng"
PAGE_MEETINGS = "Cuộc họp và kết luận"
SECTION_ADMIN = "Quản trị dữ liệu"
PAGE_IMPORT = "Nhập dữ liệu"


# Sign-in (ui/auth.py), before anything else
SIGN_IN_TITLE = "Đăng nhập"
SIGN_IN_USER = "Tên đăng nhập"
SIGN_IN_PASSWORD = "Mật khẩu"
SIGN_IN_BUTTON = "Đăng nhập"
WARMUP_LABEL = "Chuẩn bị trang"  # hidden placeholders of the sign-in page (ui/warmup.py): never seen
SSO_BUTTON = "Đăng nhập qua hệ thống xác thực của tỉnh"
SSO_UNREACHABLE = ("Hệ thống xác thực của tỉnh tạm thời không truy cập được; có thể đăng nhập bằng tài khoản riêng "
                   "dưới đây.")
SSO_LEAVE = "Đăng xuất khỏi tài khoản xác thực này"
SSO_NO_EMAIL = ("Hệ thống xác thực không cho biết thư điện tử đã xác minh của tài khoản này; "
                "chưa thể gắn với tài khoản nào.")
SIGN_IN_NO_DATABASE = "Không kết nối được cơ sở dữ liệu; đề nghị báo quản trị hệ thống."
SIGNED_IN_AS = "Đăng nhập: **{name}** ({role})"
SIGN_OUT = "Đăng xuất"
SIGNED_OUT = "Đã đăng xuất."
SIGNED_OUT_IDLE = "Phiên làm việc đã kết thúc sau {minutes} phút không thao tác; đề nghị đăng nhập lại."
SIGNED_OUT_OTHER_BROWSER = "Phiên làm việc này không thuộc trình duyệt đang mở; đề nghị đăng nhập lại."
SIGNED_OUT_DISABLED = "Tài khoản đã bị khóa hoặc xóa; đề nghị liên hệ quản trị."
SIGNED_OUT_ELSEWHERE = "Đã đăng xuất ở một thẻ khác của trình duyệt này."
SIGNED_OUT_PASSWORD = "Mật khẩu của tài khoản vừa được đặt lại; đề nghị đăng nhập bằng mật khẩu mới."
SIGNED_OUT_EXPIRED = "Phiên đăng nhập đã quá {hours} giờ; đề nghị đăng nhập lại."
ROLE_NAMES = {"lanh_dao": "Lãnh đạo", "van_phong": "Văn phòng", "quan_tri": "Quản trị", "so_nganh": "Sở, ngành",
              "xa": "Xã, phường"}
NOT_ALLOWED_PAGE = "Vai trò của tài khoản này chỉ được xem số liệu."
# The sidebar, on every page: period, filters, data freshness, the meeting shown, presentation
PERIOD_KINDS = {"week": "Tuần", "month": "Tháng", "quarter": "Quý", "year": "Năm", "28d": "28 ngày gần nhất",
                "custom": "Tùy chọn"}
LEVELS = ("Tỉnh", "Huyện", "Xã")
SIDEBAR_PERIOD = "Kỳ báo cáo"
SIDEBAR_AS_OF = "Số liệu đến ngày"
SIDEBAR_READ_ONLY = "🔒 Chỉ đọc: cơ sở dữ liệu không ghi được, chỉ xem số liệu."
SIDEBAR_FROM = "Từ ngày"
SIDEBAR_AGENCY = "Cơ quan giải quyết"
SIDEBAR_LEVEL = "Cấp giải quyết"
SIDEBAR_UNIT = "Địa bàn"
SIDEBAR_ALL = "Tất cả"
PICKER_NO_MATCH = "Không có lựa chọn phù hợp"
SCOPE_PROVINCE = "Toàn tỉnh"
SCOPE_LEVEL = "cấp {level}"
SCOPE_LINE = "Phạm vi số liệu: {scope}"
CARD_COVERS = "Chỉ tính: {scope}"
LAND_SHARE_NOT_FOR_SCOPE = ("Không dùng để đánh giá phạm vi này: tỷ lệ do loại hồ sơ phạm vi này giải quyết quyết "
                            "định, không do tiến độ.")
SKIP_TO_CONTENT = "Đến nội dung chính"
SIDEBAR_FILTERS = "Bộ lọc"
SIDEBAR_DATA = "Dữ liệu"
DATA_DEMO = "DỮ LIỆU MINH HỌA (DEMO) — không phải số liệu thật"
DATA_REAL = "Dữ liệu thật"
DATA_LOADED_AT = "Nạp lúc {when}"
DATA_UPDATING = "Số liệu nạp lúc {when}; đang cập nhật số liệu mới…"  # a new load is counted (ui.loads)
DATA_UPDATING_NOTE = ("Mọi trang đang hiện trọn vẹn số liệu nạp lúc {when}; số liệu mới vừa nạp đang được tính và "
                      "các trang sẽ tự chuyển sang khi xong.")
DATA_AS_OF = "Số liệu đến {date}"
DATA_EMPTY = "Chưa có dữ liệu. Đề nghị Văn phòng UBND tỉnh nạp dữ liệu của tỉnh."
PERIOD_LINE = "Kỳ: {start} – {end}"
COMPARE_KIND = {  # the like-for-like window each period kind is compared with (metrics.periods.comparable_period)
    "week": "so với cùng kỳ tuần trước ({window})", "month": "so với cùng kỳ tháng trước ({window})",
    "quarter": "so với cùng kỳ quý trước ({window})", "year": "so với cùng kỳ năm trước ({window})",
    "28d": "so với tuần trước ({window})", "custom": "so với {days} ngày liền trước ({window})"}
FILTERS_NOT_USED = "Các bộ lọc cơ quan, cấp, địa bàn không áp dụng cho trang này."
MEETING_VIEW = "Xem số liệu"
MEETING_VIEW_LIVE = "Số liệu hiện tại"
MEETING_UNKNOWN = "Không có cuộc họp «{asked}»; đang xem số liệu hiện tại."
MEETING_VIEW_AS_OF = "Số liệu chốt đến {cutoff} (theo cuộc họp)."
MEETING_FILTERS_OFF = ("Đang xem số liệu chốt của cuộc họp (toàn tỉnh): cuộc họp này được tạo trước khi số liệu chốt "
                       "lưu được theo cơ quan, cấp, địa bàn, nên bộ lọc không áp dụng. Chọn «Số liệu hiện tại» để lọc.")
MEETING_SCOPE_LIVE = ("Số liệu chốt của cuộc họp là số liệu toàn tỉnh; phần chi tiết của xã, phường mình được tính "
                      "từ dữ liệu hiện có đến {cutoff}, có thể thay đổi nếu nhập lại dữ liệu cũ.")
MEETING_SCOPE_STAGES_LIVE = ("Số liệu chốt của cuộc họp có cả chi tiết của xã, phường mình; riêng phân tích bước xử lý "
                             "được tính từ dữ liệu hiện có đến {cutoff}, có thể thay đổi nếu nhập lại dữ liệu cũ.")
MEETING_VIEW_BANNER = ("Cuộc họp «{title}» — số liệu chốt đến {cutoff}, giữ nguyên kể cả khi nhập dữ liệu mới; "
                       "thay đổi tính so với cuộc họp trước.")
MEETING_VIEW_NOT_FROZEN = ("Cuộc họp «{title}» được tạo trước khi có chức năng chốt số liệu từng trang: các trang "
                           "tính lại từ dữ liệu hiện có đến {cutoff}, có thể thay đổi sau khi nhập dữ liệu mới.")
PRESENT_START = "▶ Trình chiếu"
PRESENT_HELP = ("Mỗi mục của cuộc họp một trang, chữ lớn, không có thanh bên; địa chỉ trang có ?trinh_chieu=1 để "
                "đánh dấu (bookmark). Thoát bằng nút «Thoát» trên trang chiếu.")

# Shared by the pages: statuses, tables, axes, errors
STATUS_WORDS = {"green": "Đạt", "amber": "Cần chú ý", "red": "Cần xử lý ngay", "none": "Chưa có số liệu"}
STATUS_SYMBOLS = {"green": "✔", "amber": "▲", "red": "✖", "none": "·"}
TITLE_ABBREVIATIONS = {"CCHC": "cải cách hành chính", "TTHC": "thủ tục hành chính"}  # spelt out in a document's title
TITLE_WEEK_WORD = "tuần"  # "tuần 49/2026" in a meeting's title: the meeting's date already says it
POINTS_SUFFIX = " điểm phần trăm"  # after a change in percentage points: "+1,2 điểm phần trăm" (never "điểm %")
DEMO_TAG = " (demo)"
NO_ROWS = "Không có dữ liệu."
AGE_BUCKETS = {"1-5": "1–5 ngày", "6-15": "6–15 ngày", "16-30": "16–30 ngày", ">30": "> 30 ngày"}
AGE_AXIS = "Số ngày quá hạn"
COUNT_AXIS = "Số lượng"
MONTH_AXIS = "Tháng"
ERROR_GENERIC = "Không hiển thị được phần này do lỗi dữ liệu hoặc kết nối. Chi tiết đã được ghi vào nhật ký máy chủ."
ERROR_DATABASE = "Không kết nối được cơ sở dữ liệu ({url}). Kiểm tra DATABASE_URL rồi tải lại trang."
DATABASE_LOST = ("Mất kết nối tới cơ sở dữ liệu ({url}). Phiên làm việc vẫn được giữ; bấm «Thử lại» khi cơ sở dữ liệu "
                 "hoạt động trở lại.")
RETRY = "Thử lại"
TABLE_EXCEL = "Tải bảng (Excel)"
EXCEL_SHEET = "Bảng"

# Tổng quan (pages/tong_quan.py, views/cards.py)
KPI_SHORT = {  # table headers where a row holds many figures (the full name in KPI, shown on hover)
    "composite": "Điểm", "rank_change": "± hạng", "received": "Tiếp nhận", "on_time_rate": "Đúng hạn",
    "overdue_per_1000": "Quá hạn/1.000", "online_share": "Trực tuyến", "sync_rate": "Đồng bộ",
    "apology_compliance": "Xin lỗi", "digitisation_rate": "Số hóa", "overdue_tasks": "NV quá hạn",
    "overdue_total": "Quá hạn", "in_progress_overdue": "Đang quá hạn", "resolved_late": "Trả trễ",
}
KPI = {
    "on_time_rate": "Tỷ lệ giải quyết đúng hạn",
    "in_progress_overdue": "Hồ sơ quá hạn đang xử lý",
    "overdue_in_progress": "Hồ sơ quá hạn đang xử lý",
    "land_env_share": "Tỷ lệ quá hạn thuộc đất đai – môi trường",
    "open_overdue_tasks": "Nhiệm vụ quá hạn chưa hoàn thành",
    "online_share": "Tỷ lệ hồ sơ nộp trực tuyến",
    "sync_rate": "Tỷ lệ đồng bộ Cổng DVC quốc gia",
    "par_rank": "Xếp hạng PAR INDEX",
    "rank_766": "Xếp hạng Bộ chỉ số 766",
    "overdue_per_1000": "Quá hạn đang xử lý / 1.000 hồ sơ tiếp nhận",
    "apology_compliance": "Tỷ lệ có phiếu xin lỗi",
    "digitisation_rate": "Tỷ lệ số hóa hồ sơ",
    "overdue_tasks": "Nhiệm vụ quá hạn",
    "progress_rate_766": "Tỷ lệ đúng tiến độ (766)",
    "overdue_total": "Hồ sơ quá hạn trong kỳ",
    "overdue_land_env": "Hồ sơ quá hạn đất đai – môi trường",
    "received": "Hồ sơ tiếp nhận",
    "to_handle": "Hồ sơ cần xử lý",
    "resolved": "Hồ sơ đã giải quyết",
    "composite": "Điểm tổng hợp",
    "rank": "Hạng",
    "rank_change": "Thay đổi hạng",
}
KPI_HELP = {
    "on_time_rate": "Hồ sơ giải quyết đúng hạn ÷ hồ sơ đã giải quyết trong kỳ "
                    "(không tính hồ sơ từ chối, trả lại, rút).",
    "in_progress_overdue": "Hồ sơ đang xử lý tại ngày chốt số liệu mà đã quá ngày hẹn trả.",
    "land_env_share": "Hồ sơ quá hạn thuộc nhóm đất đai – môi trường ÷ toàn bộ hồ sơ quá hạn "
                      "(trễ hạn trong kỳ + đang xử lý quá hạn).",
    "open_overdue_tasks": "Nhiệm vụ đã quá hạn xử lý mà chưa hoàn thành tại ngày chốt số liệu.",
    "online_share": "Hồ sơ tiếp nhận trực tuyến ÷ hồ sơ tiếp nhận trong kỳ.",
    "sync_rate": "Hồ sơ tiếp nhận trong kỳ đã đồng bộ lên Cổng DVC quốc gia ÷ hồ sơ tiếp nhận.",
    "par_rank": "Xếp hạng Chỉ số cải cách hành chính (Bộ Nội vụ) kỳ gần nhất.",
    "rank_766": "Xếp hạng Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) kỳ gần nhất.",
    "apology_compliance": "Hồ sơ trễ hạn có phiếu xin lỗi và hẹn lại ngày trả ÷ toàn bộ hồ sơ trễ hạn.",
    "overdue_per_1000": "Hồ sơ đang xử lý quá hạn tại ngày chốt × 1.000 ÷ hồ sơ tiếp nhận trong kỳ.",
}
CONCERNS = "Trách nhiệm: {who}"
CONCERNS_MOST = "Nhiều nhất: {who} ({value})"
CONCERNS_LOWEST = "Thấp nhất: {who} ({value})"
CONCERNS_PROVINCE = "Toàn tỉnh"
CONCERNS_PAR = "Sở Nội vụ (cơ quan thường trực cải cách hành chính)"
CONCERNS_766 = "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)"
RANK_VALUE = "{rank}/{n}"
RANK_MOVED = "{steps} bậc ({period}: {was})"
RANK_OTHER_FIELD = "{period}: {was} — khác số tỉnh được xếp hạng, không so sánh bậc"
RANK_PERIOD = "Kết quả {period}"
PERIOD_YEAR = "năm {year}"
PERIOD_MONTH = "tháng {month}/{year}"
PERIOD_QUARTER = "quý {quarter}/{year}"
PERIOD_WEEK = "tuần {week}/{year}"
NO_RANK = "Chưa có"

# Nhiệm vụ được giao (pages/nhiem_vu.py)
TASK_STATUS = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "open_within_deadline": "Đang thực hiện trong hạn",
    "open_overdue": "Quá hạn chưa hoàn thành",
    "no_deadline": "Không có thời hạn",
}
TASK_COLUMNS = {
    "content": "Nội dung nhiệm vụ",
    "lead_agency": "Cơ quan chủ trì",
    "doc_number": "Văn bản giao",
    "doc_date": "Ngày văn bản",
    "leader": "Lãnh đạo chỉ đạo",
    "deadline": "Hạn xử lý",
    "days_overdue": "Số ngày quá hạn",
    "days_left": "Còn (ngày)",
    "working_days_left": "Còn (ngày làm việc)",
    "progress_note": "Tình hình thực hiện",
    "coordinating": "Cơ quan phối hợp",
    "status": "Tình trạng",
    "total": "Tổng số",
}
TASK_FILTER_DOC = "Văn bản giao"
TASK_FILTER_LEADER = "Lãnh đạo chỉ đạo"
TASK_FILTER_AGENCY = "Cơ quan chủ trì"
TASK_FILTER_STATUS = "Tình trạng"
TASKS_BY_AGENCY = "Tình trạng theo cơ quan chủ trì (quá hạn nhiều nhất trước)"
TASKS_OTHER_AGENCIES = "Các cơ quan khác"
TASKS_AGEING = "Nhiệm vụ quá hạn theo số ngày quá hạn"
TASKS_OVERDUE_LIST = "Danh sách nhiệm vụ quá hạn chưa hoàn thành"
TASKS_DUE_SOON = "Nhiệm vụ đến hạn trong {days} ngày tới"
TASKS_OLDEST = "10 nhiệm vụ quá hạn lâu nhất"
TASKS_NONE = "Không có nhiệm vụ nào."

# Điểm nghẽn (pages/diem_nghen.py)
LAND_ENV_ONLY = "Chỉ nhóm đất đai – môi trường"
LAND_ENV_GROUP = "Nhóm đất đai – môi trường: {fields}"
BOTTLENECK_TREND = "Tỷ lệ quá hạn thuộc đất đai – môi trường theo tháng"
BOTTLENECK_BY_FIELD = "Hồ sơ quá hạn theo lĩnh vực"
BOTTLENECK_BY_AGENCY = "Hồ sơ quá hạn theo cơ quan giải quyết"
BOTTLENECK_BY_UNIT = "Hồ sơ quá hạn theo địa bàn"
BOTTLENECK_AGEING = "Hồ sơ đang xử lý quá hạn theo số ngày quá hạn"
BOTTLENECK_PROCEDURES = "Thủ tục có nhiều hồ sơ quá hạn nhất"
BOTTLENECK_WHERE = "Hồ sơ quá hạn đang nằm ở đâu (đơn vị đang xử lý)"
BOTTLENECK_APOLOGY = "Phiếu xin lỗi cho hồ sơ đất đai – môi trường trễ hạn"
GROUP_LAND_ENV = "Đất đai – môi trường"
# Bộ chỉ số 766: cần gì để lên hạng (ui/explainer.py, pages/chi_so_766.py, issue #15)
EXPLAIN_INTRO = ("Từ kết quả Bộ chỉ số 766 của các tỉnh trong kỳ và cách chấm điểm: mỗi thành phần được điểm theo "
                 "tỷ lệ đạt được so với mục tiêu của thành phần đó, đạt mục tiêu thì được đủ điểm tối đa.")
EXPLAIN_HEADLINE = "{province} xếp hạng {rank}/{n} {period} với {score} điểm{demo}."
EXPLAIN_ABOVE = "Kém {province} (hạng {rank}) {gap} điểm."
EXPLAIN_TOP = "Đang đứng đầu {n} tỉnh, thành phố."
EXPLAIN_BELOW = "Hơn {province} (hạng {rank}) {gap} điểm."
EXPLAIN_LINE = "{rate}: {now} → {needed} ({change}) đủ để vượt {province} (hạng {rank})."
EXPLAIN_NONE_ALONE = "Không thành phần nào một mình đủ bù {gap} điểm để vượt {province}."
EXPLAIN_NO_DATA = ("Chưa có kết quả Bộ chỉ số 766 của các tỉnh trong cùng kỳ để so sánh. Nhập tệp kết quả chỉ số "
                   "(tổng điểm và thành phần của mọi tỉnh) ở trang Nhập dữ liệu.")
EXPLAIN_NO_DATA_ASK = ("Chưa có kết quả Bộ chỉ số 766 của các tỉnh trong cùng kỳ để so sánh; đề nghị Văn phòng UBND "
                       "tỉnh nạp kết quả chỉ số của các tỉnh.")
EXPLAIN_ON_RANKING = "Trang Xếp hạng chỉ số có diễn biến xếp hạng của từng chỉ số qua các kỳ."
EXPLAIN_COMPONENTS = "Điểm mất theo thành phần (thành phần cần thay đổi ít nhất trước)"
EXPLAIN_AGENCIES = "Cơ quan kéo tỷ lệ «{rate}» của tỉnh lên nhiều nhất nếu đạt mục tiêu {target}"
EXPLAIN_NO_AGENCIES = "Không cơ quan nào dưới mục tiêu trong kỳ đang xem."
EXPLAIN_CANNOT = "không đủ một mình"
EXPLAIN_COLUMNS = {"component": "Thành phần", "score": "Điểm", "max_points": "Tối đa", "lost": "Điểm mất",
                   "rate_now": "Tỷ lệ hiện nay (suy từ điểm)", "rate_needed": "Tỷ lệ cần", "change": "Cần tăng",
                   "name": "Cơ quan", "rate": "Tỷ lệ hiện nay", "gain": "Tỷ lệ tỉnh tăng thêm"}
# Hồ sơ mất ngày ở bước nào (ui/stages.py, issue #15)
STAGES_TITLE = "Hồ sơ mất ngày ở bước nào, tại cơ quan nào"
STAGES_INTRO = ("Các bước xử lý của hồ sơ có kết quả trong kỳ và hồ sơ đang giải quyết đến ngày cuối kỳ; bước chưa "
                "xong tính đến ngày cuối kỳ. «Lượt» đếm mỗi lần hồ sơ qua bước (một hồ sơ có thể qua một bước "
                "hai lần).")
STAGES_FIELD = "Lĩnh vực"
STAGES_FIELD_GROUP = "Theo lựa chọn ở trên"
STAGES_PROCEDURE = "Thủ tục"
STAGES_PROCEDURE_ALL = "Mọi thủ tục"
STAGES_FILTERS_FROZEN = "Số liệu cuộc họp đã chốt theo nhóm hồ sơ; chọn lĩnh vực, thủ tục khi xem số liệu trực tiếp."
STAGES_WORST = ("Nặng nhất: {agency} – {step}: {time} tổng số ngày hồ sơ nằm ở các bước, trung vị {median} ngày, "
                "{share} lượt quá hạn bước.")
STAGES_WORST_RULE = ("«Nặng nhất» là cơ quan và bước giữ hồ sơ nhiều ngày nhất (cộng mọi lượt); bảng theo cơ quan xếp "
                     "theo cùng cách.")
STAGES_BY_STEP = "Theo bước (thứ tự xử lý)"
STAGES_BY_AGENCY = "Theo cơ quan giữ bước"
STAGES_TRANSFERS = "Chuyển cơ quan khác rồi trở lại (ví dụ: cơ quan thuế)"
STAGES_NO_TRANSFERS = "Không có lượt chuyển đi rồi trở lại."
STAGES_SUPPLEMENT = ("Yêu cầu bổ sung: {dossiers} hồ sơ, {rounds} lượt, {days} ngày chờ bổ sung.")
STAGES_NO_STEPS = "{n} hồ sơ không có dữ liệu bước xử lý (được đếm, không bỏ qua)."
STAGES_NO_STEPS_LIST = "Mã các hồ sơ không có dữ liệu bước (tối đa {n})"
STAGES_NONE = "Không có dữ liệu bước xử lý cho các hồ sơ này. Nhập tệp «Bước xử lý hồ sơ» ở trang Nhập dữ liệu."
STAGES_NONE_ASK = ("Không có dữ liệu bước xử lý cho các hồ sơ này; đề nghị Văn phòng UBND tỉnh nạp tệp «Bước xử lý "
                   "hồ sơ».")
STAGES_EARLIER_LOAD = ("Dữ liệu vừa được nạp thêm. Phần này đang hiện phân tích theo dữ liệu nạp lúc {when}; "
                       "phân tích theo dữ liệu mới đang được tính và sẽ tự thay vào khi xong.")
STAGES_EARLIER_UNKNOWN = "lần trước"
STAGES_JOURNEY = "Hành trình một hồ sơ quá hạn"
STAGES_JOURNEY_PICK = "Mã hồ sơ (quá hạn, có dữ liệu bước; lâu nhất trước)"
STAGES_JOURNEY_NONE = "Không có hồ sơ quá hạn nào có dữ liệu bước trong kỳ."
STAGES_JOURNEY_BROKE = "Bước làm vỡ hạn: {step} ({agency}), hạn bước {due}, kết thúc {end}."
STAGES_JOURNEY_OK = "Không bước nào vượt hạn bước của mình."
STAGES_JOURNEY_OPEN = "đang xử lý"
STAGES_JOURNEY_OVER = "Vượt hạn bước"
STAGES_JOURNEY_WITHIN = "Trong hạn bước"
STAGES_JOURNEY_BREAK = "✖ bước làm vỡ hạn"
STAGES_JOURNEY_AXIS = "Ngày"
STAGES_JOURNEY_LEGEND = "Thanh đỏ: bước vượt hạn bước · thanh xanh: trong hạn bước · vạch đen: hạn của bước."
STAGES_COLUMNS = {"step": "Bước", "agency": "Cơ quan", "dossiers": "Hồ sơ", "passages": "Lượt",
                  "median_days": "Trung vị (ngày)", "p90_days": "90 % lượt trong (ngày)",
                  "over_step_deadline": "Lượt quá hạn bước", "over_step_deadline_share": "Tỷ lệ quá hạn bước",
                  "share_of_time": "Tỷ trọng thời gian", "days": "Số ngày", "mean_days": "Bình quân (ngày)",
                  "started_on": "Bắt đầu", "ended_on": "Kết thúc", "due_on": "Hạn bước"}
GROUP_OTHER = "Lĩnh vực khác"
NO_UNIT = "(cấp tỉnh, không gắn địa bàn)"
NO_AGENCY = "(không rõ)"
COLUMNS = {
    "name": "Tên",
    "field": "Lĩnh vực",
    "code": "Mã thủ tục",
    "overdue_total": "Quá hạn",
    "overdue_land_env": "Quá hạn ĐĐ–MT",
    "resolved_late": "Trễ hạn",
    "in_progress_overdue": "Đang quá hạn",
    "late_with_apology": "Có phiếu xin lỗi",
    "apology_compliance": "Tỷ lệ có phiếu",
    "received": "Tiếp nhận",
    "resolved": "Đã giải quyết",
    "share": "Tỷ trọng",
    "count": "Số lượng",
}

# Bảng điểm địa bàn (pages/bang_diem.py, ui/scorecard.py, ui/maps.py)
UNIT = "Địa bàn"
SCORECARD_TABLE = "Bảng điểm các địa bàn"
SCORECARD_MAP = "Bản đồ điểm tổng hợp"
SCORECARD_DETAIL = "Chi tiết địa bàn"
SCORECARD_PICK = "Chọn địa bàn để xem chi tiết"
SCORECARD_TREND = "Tỷ lệ đúng hạn theo tháng — {unit}"
SCORECARD_WORST = "Thủ tục quá hạn nhiều nhất — {unit}"
SCORECARD_PREVIOUS_MEETING = "Thay đổi hạng {compare}"
SCORECARD_WINDOW = "Bảng điểm tính trong {window}"
RANK_ROSE = "**▲ Tăng hạng:** {names}"
RANK_FELL = "**▼ Giảm hạng:** {names}"
RANK_MORE = " và {n} địa bàn khác"
RANK_NO_MOVES = "Không địa bàn nào thay đổi thứ hạng."
SCORECARD_WEIGHTS = "Trọng số điểm tổng hợp: {weights}"
MAP_INSET = "Trường Sa (ngoài khung bản đồ)"
MAP_TOOLTIP = "{name}\nĐiểm tổng hợp: {score}\nHạng: {rank}\nĐúng hạn: {on_time}"
MAP_HINT = ("Màu theo điểm tổng hợp (chú giải bên dưới): đỏ thấp, xanh cao; xám: không đủ dữ liệu. Bấm vào một địa "
            "bàn trên bản đồ hoặc chọn trong danh sách để xem chi tiết.")
MAP_LEGEND_TITLE = "Điểm tổng hợp"
MAP_LEGEND_BELOW = "dưới {value}"
MAP_LEGEND_BETWEEN = "{low} – dưới {high}"
MAP_LEGEND_FROM = "từ {value}"
MAP_ATTRIBUTION_TITLE = "Nguồn ranh giới"
MAP_ATTRIBUTION = {  # by the level shown (assets/geo/SOURCES.md)
    "Xã": ("Ranh giới xã 2025: gis.vn, đã chỉnh sửa; Trường Sa: sơ đồ minh họa (geoBoundaries). Đây là ranh giới "
           "tạm, sẽ thay bằng ranh giới chính thức của tỉnh."),
    "Huyện": ("Ranh giới huyện trước 01/7/2025: © OCHA ROAP / Chính phủ Việt Nam (CC BY 3.0 IGO) và "
              "geoBoundaries.org; Ninh Thuận: gis.chinhphu.vn (GPL-3.0), ranh giới tạm; đã chỉnh sửa."),
}
MAP_ATTRIBUTION_OFFICIAL = "tệp ranh giới chính thức của tỉnh ({file})."
SCORECARD_LEVEL = {
    "Xã": "Kỳ kết thúc sau 30/6/2025: {count} xã, phường, đặc khu của tỉnh Khánh Hòa mới (từ 01/7/2025).",
    "Huyện": "Kỳ kết thúc trước 01/7/2025: {count} huyện, thị xã, thành phố của Khánh Hòa và Ninh Thuận (cũ).",
}
SCORECARD_SEARCH = "Tìm địa bàn"
SCORECARD_SEARCH_HINT = "Gõ một phần tên, có dấu hoặc không dấu"
SCORECARD_NO_MATCH = "Không có địa bàn nào khớp «{query}»."
SCORECARD_INSUFFICIENT = "không đủ dữ liệu"
SCORECARD_INSUFFICIENT_NOTE = ("«Không đủ dữ liệu»: dưới {count} hồ sơ cần xử lý trong kỳ, không xếp hạng "
                               "(ngưỡng do tỉnh quy định).")
SCORECARD_BEST = "**Cao nhất:** {names}"
SCORECARD_WORST_FIVE = "**Thấp nhất:** {names}"
SCORECARD_OTHER = "Hồ sơ không gán được cho một địa bàn"
SCORECARD_OTHER_NOTE = ("Không phân bổ ước tính, không bỏ bớt: tổng các địa bàn cộng các dòng này bằng tổng "
                        "toàn tỉnh ({total} hồ sơ cần xử lý).")
OTHER_LINES = {
    "provincial_level": "Cấp tỉnh (sở, ban, ngành; không gắn địa bàn)",
    "district_level_before_2025_07_01": "Cấp huyện (trước 01/7/2025)",
    "split_communes": "Xã cũ bị chia tách",
}
SCORECARD_PREDECESSORS = "Hình thành từ (01/7/2025)"
SCORECARD_NO_PREDECESSORS = "Không có đơn vị tiền thân trong danh mục."
AGENCY_NOW = "{old} (nay là {new})"
MERGES = {"whole": "toàn bộ", "part": "một phần"}
REFORM_MARK = "01/7/2025: bỏ cấp huyện, sáp nhập tỉnh"
COLUMN_DISTRICT = "Huyện cũ"
COLUMN_MERGE = "Nhập"
COLUMN_LINE = "Dòng"

# Xếp hạng chỉ số (pages/xep_hang.py, ui/ranking_charts.py)
RANKING_PROVINCE = "Tỉnh"
RANKING_RANK_TITLE = "Thứ hạng {index} qua các kỳ (hạng 1 ở trên cùng)"
RANKING_SCORE_TITLE = "Điểm {index} qua các kỳ"
RANKING_COMPONENTS = "Các thành phần {period} (điểm so với điểm tối đa)"
RANKING_NO_DATA = "Chưa có kết quả {index} cho {province}."
RANKING_DEMO_NOTE = "Điểm rỗng (○) là dữ liệu minh họa (demo), không phải số liệu công bố."
AXIS_RANK = "Thứ hạng"
AXIS_SCORE = "Điểm"
AXIS_PERIOD = "Kỳ"
TOOLTIP_SOURCE = "Nguồn"
TOOLTIP_RANK = "Xếp hạng"
TOOLTIP_SCORE = "Điểm"
TOOLTIP_PERIOD = "Kỳ"
TOOLTIP_KIND = "Loại số liệu"
KIND_DEMO = "Minh họa (demo)"
KIND_PUBLIC = "Công bố"
COMPONENT = "Thành phần"
RANKING_SOURCES = "Nguồn số liệu"
RANKING_FIELD_LABEL = "{n} tỉnh"
RANKING_FORMER = "{province} (cũ)"
INDEX_NAMES = {"PAR INDEX": "PAR INDEX", "SIPAS": "SIPAS", "766": "Bộ chỉ số 766", "PAPI": "PAPI", "PCI": "PCI"}
RANKING_INDEX = "Chỉ số"
RANKING_LATEST = "Xếp hạng {index} gần nhất"
RANKING_LATEST_SCORE = "Điểm {index} gần nhất"
INDEX_OWNERS = {"PAR INDEX": "Sở Nội vụ (cơ quan thường trực cải cách hành chính)", "SIPAS": "Sở Nội vụ",
                "766": "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)",
                "PAPI": "Sở Nội vụ", "PCI": "Sở Tài chính"}  # Kế hoạch và Đầu tư merged into Tài chính, 1/3/2025

# Nhập dữ liệu (pages/nhap_du_lieu.py, ui/importer.py)
IMPORT_NO_HISTORY = "Chưa có lần nhập dữ liệu nào."
IMPORT_KINDS = {"dossiers": "Hồ sơ TTHC", "tasks": "Nhiệm vụ được giao", "indexes": "Kết quả chỉ số",
                "units": "Danh mục địa bàn", "steps": "Các bước xử lý hồ sơ",
                "unit-lineage": "Sắp xếp đơn vị hành chính (cũ → mới)", "agencies": "Danh mục cơ quan",
                "agency-lineage": "Hợp nhất cơ quan (cũ → kế thừa)"}
UPLOAD_BUTTON = "Chọn tệp"
UPLOAD_LIMIT = "Tối đa {mb} MB mỗi tệp · XLSX, XLS, CSV"
UPLOAD_REFUSED = "Tệp không được nhận: chỉ nhận tệp .xlsx, .xls, .csv, tối đa {mb} MB mỗi tệp. Bấm × để bỏ tệp này."
IMPORT_KIND = "Loại dữ liệu"
IMPORT_FILE = "Tệp xuất từ hệ thống (.xlsx, .xls, .csv)"
IMPORT_SHEET = "Trang tính"
IMPORT_SKIP = "Bỏ qua dòng lỗi (chỉ nhập các dòng hợp lệ; các dòng lỗi được ghi ra tệp riêng)"
IMPORT_FAILED = ("Quá trình nhập dừng giữa chừng; không có gì được ghi, dữ liệu cũ giữ nguyên. Chi tiết đã được ghi "
                 "vào nhật ký máy chủ; đề nghị thử lại hoặc báo quản trị.")
IMPORT_OLDER = ("Cho phép nhập tệp cũ hơn (hồ sơ đã có kết quả được đưa về trạng thái trong tệp; "
                "ghi vào nhật ký nhập)")
IMPORT_INTRO = ("Tệp được kiểm tra trước, chưa ghi gì. Chỉ khi bấm «Ghi vào cơ sở dữ liệu», toàn bộ tệp mới được "
                "ghi trong một lần; nếu có lỗi, không dòng nào được ghi và dữ liệu cũ giữ nguyên.")
IMPORT_HEADER = "Dòng tiêu đề nhận ra: dòng {row}"
IMPORT_NO_HEADER = "Không nhận ra dòng tiêu đề: cần ít nhất hai cột theo mẫu (ví dụ «Mã hồ sơ», «Lĩnh vực»)."
IMPORT_MAPPING_CANON = "Cột chuẩn"
IMPORT_MAPPING_FILE = "Cột trong tệp"
IMPORT_IGNORED = "Bỏ qua các cột không dùng: {cols}"
IMPORT_PERSONAL = "Không đọc các cột dữ liệu cá nhân: {cols}"
IMPORT_SAMPLE = "Các dòng đầu (chỉ các cột được dùng)"
IMPORT_CHECK = "Kết quả kiểm tra (chưa ghi)"
IMPORT_READING = "Đang đọc tệp…"
IMPORT_COUNTS = ("{rows} dòng dữ liệu (bỏ {blank} dòng trống, {totals} dòng tổng): sẽ thêm {ins}, cập nhật {upd}, "
                 "không đổi {same}, loại {rej}.")
IMPORT_REFUSED = "Tệp sẽ bị từ chối: {n} lỗi. Sửa tệp rồi tải lên lại, hoặc chọn «Bỏ qua dòng lỗi»."
IMPORT_ERRORS = "Lỗi (dòng, cột, giá trị, lý do)"
IMPORT_DECIDED = "Địa bàn trùng tên ở hai cấp, đã hiểu theo cột:"
IMPORT_COMMIT = "Ghi vào cơ sở dữ liệu"
IMPORT_DONE = "Đã nhập {file}: thêm {ins}, cập nhật {upd}, không đổi {same}, loại {rej} ({sec} giây)."
IMPORT_JOB_FAILED = ("Lần nhập tệp {file} dừng giữa chừng vì lỗi hệ thống; không có gì được ghi. Chi tiết đã được ghi "
                     "vào nhật ký máy chủ.")
IMPORT_JOB_REFUSED = "Tệp {file} bị từ chối ({n} lỗi); không ghi gì. Mở lại tệp ở trang Nhập dữ liệu để xem từng lỗi."
IMPORT_JOB_RUNNING = ("Đang ghi tệp {file} vào cơ sở dữ liệu; có thể chuyển sang trang khác, kết quả sẽ được báo "
                      "khi xong.")
IMPORT_REJECTED_FILE = "Tải tệp các dòng bị loại"
IMPORT_HISTORY = "Lịch sử nhập dữ liệu"
IMPORT_COLUMNS = {"imported_at": "Thời điểm", "imported_by": "Người nhập",
                  "file_name": "Tệp", "kind": "Loại dữ liệu", "sheet": "Trang tính",
                  "rows_read": "Số dòng", "inserted": "Thêm", "updated": "Cập nhật", "unchanged": "Không đổi",
                  "rejected": "Bị loại", "warnings": "Cảnh báo", "older_allowed": "Lùi trạng thái (cho phép)",
                  "notes": "Ghi chú", "sha256": "SHA-256"}
IMPORTED_BY_CLI = "(dòng lệnh)"
IMPORT_PROBLEM_COLUMNS = {"row": "Dòng", "column": "Cột", "value": "Giá trị", "reason": "Lý do"}
IMPORT_MORE_ERRORS = "… và {n} lỗi khác (chỉ hiện {shown} lỗi đầu)."

# Cuộc họp và kết luận (pages/cuoc_hop.py, ui/meetings.py)
MEETINGS_INTRO = ("Số liệu của mỗi cuộc họp được chốt tại thời điểm chốt số liệu và giữ nguyên làm hồ sơ, kể cả khi "
                  "sau đó có dữ liệu mới. Kết luận của Chủ tịch được ghi thành nhiệm vụ và theo dõi ở tuần sau.")
MEETINGS_NONE_CREATE = "Chưa có cuộc họp nào. Tạo cuộc họp ở mục «Tạo cuộc họp» bên dưới."
MEETINGS_NONE_ASK = "Chưa có cuộc họp nào; Văn phòng UBND tỉnh tạo cuộc họp và chốt số liệu trước buổi họp."
MEETING_PICK = "Cuộc họp"
MEETING_OPTION = "{date} — {title}"
MEETING_CUTOFF = "Số liệu chốt đến {cutoff} · so với cuộc họp trước: {previous}"
MEETING_NO_PREVIOUS = "chưa có (cuộc họp đầu tiên)"
MEETING_FIGURES = "Số liệu chốt và thay đổi so với cuộc họp trước"
MEETING_FIGURE_COLUMNS = {"label": "Chỉ tiêu", "now": "Tháng này", "before": "Cùng kỳ tháng trước",
                          "change": "Thay đổi"}
MEETING_FIGURE_NOW = "Tháng này ({window})"
MEETING_FIGURE_BEFORE = "Cùng kỳ tháng trước ({window})"
MEETING_FIGURE_NAMES = {
    "received": "Hồ sơ tiếp nhận trong tháng", "resolved": "Hồ sơ đã giải quyết trong tháng",
    "on_time_rate": "Tỷ lệ giải quyết đúng hạn", "in_progress": "Hồ sơ đang giải quyết",
    "in_progress_overdue": "Hồ sơ đang giải quyết quá hạn", "overdue_total": "Hồ sơ quá hạn trong tháng",
    "land_env_share_of_overdue": "Tỷ trọng đất đai – môi trường trong hồ sơ quá hạn",
    "apology_compliance": "Tỷ lệ có phiếu xin lỗi khi quá hạn", "online_share": "Tỷ lệ nộp trực tuyến",
    "sync_rate": "Tỷ lệ đồng bộ Cổng DVC quốc gia", "open_overdue": "Nhiệm vụ chưa hoàn thành, quá hạn",
    "open_within_deadline": "Nhiệm vụ đang thực hiện trong hạn", "done_late": "Nhiệm vụ hoàn thành trễ hạn",
}
MEETING_NEWLY_OVERDUE = "Nhiệm vụ mới quá hạn kể từ cuộc họp trước"
MEETING_CLOSED = "Nhiệm vụ đã hoàn thành kể từ cuộc họp trước"
MEETING_NONE_NEWLY_OVERDUE = "Không có nhiệm vụ mới quá hạn."
MEETING_NONE_CLOSED = "Không có nhiệm vụ hoàn thành trong khoảng này."
MEETING_DECISIONS = "Kết luận, chỉ đạo của cuộc họp"
MEETING_DECISIONS_NOTE = ("Kết luận giao một cơ quan có thời hạn được theo dõi như một nhiệm vụ (trang Nhiệm vụ); kết "
                          "luận gửi một nhóm cơ quan hoặc không có thời hạn chỉ đưa vào thông báo.")
MEETING_NO_DECISIONS = "Chưa ghi kết luận nào."
MEETING_DECISION_ADD = "Ghi kết luận mới"
MEETING_DECISION_TO = "Giao cho"
MEETING_DECISION_TO_AGENCY = "Một cơ quan chủ trì"
MEETING_DECISION_TO_CATEGORY = "Một nhóm cơ quan"
MEETING_DECISION_CATEGORY = "Nhóm cơ quan"
MEETING_DECISION_HAS_DEADLINE = "Có thời hạn"
MEETING_DECISION_SUGGESTED = "(đề xuất từ số liệu)"
MEETING_DECISION_STATE = "Theo dõi"
MEETING_DECISION_TRACKED = "Nhiệm vụ"
MEETING_DECISION_NOTICE_ONLY = "Chỉ trong thông báo"
MEETING_DECISION_TO_DONE = "Đã ghi kết luận gửi {addressee}."
MEETING_DECISION_NO_DEADLINE_DONE = "Đã ghi kết luận giao {agency} (không có thời hạn, chỉ đưa vào thông báo)."
MEETING_RECORD = "Thông tin cuộc họp cho thông báo kết luận"
MEETING_RECORD_NOTE = ("Người chủ trì, người trình bày, thành phần dự và người ký được ghi vào dự thảo thông báo; để "
                       "trống nếu chưa biết, ghi sau ở mục «Thông tin cuộc họp cho thông báo kết luận».")
MEETING_CHAIR = "Người chủ trì"
MEETING_CHAIR_HELP = "Như thông báo ghi, ví dụ «ông Nguyễn Văn A»."
MEETING_CHAIR_TITLE = "Chức vụ người chủ trì"
MEETING_PRESENTERS = "Người trình bày và báo cáo được nghe"
MEETING_PRESENTERS_HELP = ("Mỗi dòng một người: «Giám đốc Sở Nội vụ: báo cáo kết quả cải cách hành chính quý IV». "
                           "Không ghi báo cáo thì hiểu là báo cáo tình hình giải quyết thủ tục hành chính.")
MEETING_ATTENDEES = "Thành phần cùng dự"
MEETING_SIGNER = "Người ký thông báo"
MEETING_SIGNER_TITLE = "Chức danh ký (mỗi dòng một dòng)"
MEETING_RECORD_SAVE = "Lưu thông tin cuộc họp"
MEETING_RECORD_DONE = "Đã lưu thông tin cuộc họp."
MEETING_SUGGESTIONS = "Đề xuất chỉ đạo từ số liệu"
MEETING_SUGGESTIONS_NOTE = ("Dự thảo đề xuất các chỉ đạo mà số liệu chốt cho thấy cần có. Chọn «Đưa vào thông báo» để "
                            "thêm thành một kết luận, hoặc «Bỏ» để không đề xuất lại.")
MEETING_SUGGESTIONS_NONE = "Không còn đề xuất nào."
MEETING_SUGGESTION_ACCEPT = "Đưa vào thông báo"
MEETING_SUGGESTION_DROP = "Bỏ"
MEETING_SUGGESTION_ACCEPTED = "Đã đưa đề xuất vào thông báo."
MEETING_SUGGESTION_DROPPED = "Đã bỏ đề xuất."
MEETING_ASSESSMENT = "Phần đánh giá trong thông báo"
MEETING_ASSESSMENT_EDIT = "Sửa phần đánh giá"
MEETING_ASSESSMENT_NOTE = ("Hai đoạn dưới đây được viết từ số liệu chốt; Văn phòng có thể sửa. Bản đã sửa được lưu "
                           "cùng cuộc họp và dùng trong dự thảo thông báo.")
MEETING_ASSESSMENT_EDITED = "Đang dùng bản Văn phòng đã sửa."
MEETING_ASSESSMENT_RESULTS = "Kết quả đạt được"
MEETING_ASSESSMENT_SHORTCOMINGS = "Tồn tại, hạn chế"
MEETING_ASSESSMENT_SAVE = "Lưu phần đánh giá"
MEETING_ASSESSMENT_RESET = "Viết lại từ số liệu"
MEETING_ASSESSMENT_DONE = "Đã lưu phần đánh giá."
MEETING_ASSESSMENT_RESET_DONE = "Phần đánh giá được viết lại từ số liệu chốt."
MEETING_DECISION_CONTENT = "Nội dung kết luận, chỉ đạo"
MEETING_DECISION_LEAD = "Cơ quan chủ trì"
MEETING_DECISION_COORD = "Cơ quan phối hợp"
MEETING_DECISION_DEADLINE = "Hạn hoàn thành"
MEETING_DECISION_SAVE = "Ghi kết luận"
MEETING_DECISION_DONE = "Đã giao nhiệm vụ cho {agency}, hạn {deadline}."
MEETING_CREATE = "Tạo cuộc họp"
MEETING_HELD_ON = "Ngày họp"
MEETING_TITLE = "Tên cuộc họp"
MEETING_TITLE_DEFAULT = "Giao ban công tác cải cách hành chính"
MEETING_CUTOFF_DATE = "Ngày chốt số liệu"
MEETING_CUTOFF_TIME = "Giờ chốt số liệu"
MEETING_CREATE_SAVE = "Tạo cuộc họp và chốt số liệu"
MEETING_CREATED = "Đã tạo cuộc họp «{title}», số liệu chốt đến {cutoff}."
MEETING_PACK_MAKE = "Tạo bộ tài liệu họp (PDF)"
MEETING_PACK_WORKING = "Đang tạo bộ tài liệu…"
MEETING_PACK_DOWNLOAD = "Tải bộ tài liệu họp (PDF, A4 ngang)"
MEETING_NOTICE_MAKE = "Dự thảo thông báo kết luận (.docx)"
MEETING_NOTICE_WORKING = "Đang soạn dự thảo thông báo…"
MEETING_NOTICE_DOWNLOAD = "Tải dự thảo thông báo kết luận (.docx)"
MEETING_FROM_SIDEBAR = "Cuộc họp đang xem được chọn ở thanh bên (mục «Xem số liệu»)."
MEETING_FREEZING = "Đang chốt số liệu của mọi trang tại thời điểm chốt…"


# Quản trị tài khoản (pages/quan_tri.py)
PAGE_ADMIN = "Quản trị tài khoản"
ADMIN_INTRO = ("Tài khoản, vai trò và phạm vi; mọi thay đổi và mọi lần đăng nhập được ghi vào nhật ký. Mật khẩu chỉ "
               "lưu dạng băm (argon2).")
ADMIN_ACCOUNTS = "Tài khoản"
ADMIN_COLUMNS = {"username": "Tên đăng nhập", "role": "Vai trò", "agency": "Cơ quan", "commune": "Xã, phường",
                 "email": "Thư điện tử", "disabled": "Trạng thái", "created_at": "Tạo lúc"}
ADMIN_DISABLED = "Đã khóa"
ADMIN_ADD = "Thêm tài khoản"
ADMIN_ADD_SAVE = "Thêm"
ADMIN_ADDED = "Đã thêm tài khoản «{name}»."
ADMIN_AGENCY_FOR = "Cơ quan (vai trò Sở, ngành)"
ADMIN_COMMUNE_FOR = "Xã, phường, đặc khu (vai trò Xã, phường)"
ADMIN_NONE = "Không"
ADMIN_CHANGE = "Đổi mật khẩu, khóa, mở khóa, đổi vai trò"
ADMIN_ACTION = "Việc"
ADMIN_ACTIONS = {"password": "Đặt mật khẩu mới", "disable": "Khóa tài khoản", "enable": "Mở khóa tài khoản",
                 "role": "Đổi vai trò"}
ADMIN_NEW_PASSWORD = "Mật khẩu mới"
ADMIN_NEW_ROLE = "Vai trò mới"
ADMIN_CHANGE_SAVE = "Thực hiện"
ADMIN_CHANGED = "Đã cập nhật tài khoản «{name}»."
ADMIN_AUDIT = "Nhật ký"
ADMIN_AUDIT_SINCE = "Từ ngày"
AUDIT_COLUMNS = {"at": "Thời điểm", "account": "Tài khoản", "action": "Việc", "detail": "Chi tiết",
                 "address": "Địa chỉ máy"}
AUDIT_ACTIONS = {"sign_in": "Đăng nhập", "sign_in_failed": "Đăng nhập sai", "sign_in_locked": "Đăng nhập khi bị khóa",
                 "sign_in_throttled": "Đăng nhập sai dồn dập (máy phải chờ)",
                 "session_refused": "Phiên bị dùng từ trình duyệt khác",
                 "sign_out": "Đăng xuất", "import": "Nhập dữ liệu", "demo": "Tạo dữ liệu minh họa",
                 "meeting_create": "Tạo cuộc họp",
                 "decision": "Ghi kết luận", "account_add": "Thêm tài khoản", "account_password": "Đặt mật khẩu",
                 "account_disable": "Khóa tài khoản", "account_enable": "Mở khóa tài khoản",
                 "account_role": "Đổi vai trò", "pack_download": "Tải bộ tài liệu họp",
                 "notice_download": "Tải dự thảo thông báo kết luận",
                 "meeting_record": "Ghi thông tin cuộc họp", "assessment_edit": "Sửa phần đánh giá của thông báo",
                 "suggestion_drop": "Bỏ đề xuất chỉ đạo"}
AUDIT_NONE = "Không có dòng nào."
# Trình chiếu: the slides (ui/present.py)
SLIDE_CUTOFF = "Số liệu từ {start} đến {end}"
SLIDE_CUTOFF_MEETING = "Số liệu chốt đến {cutoff} · {title}"
SLIDE_POSITION = "Trang {n}/{total}"
SLIDE_PREVIOUS = "◀ Trước"
SLIDE_NEXT = "Sau ▶"
SLIDE_AUTO = "Tự chuyển ({seconds} giây)"
SLIDE_EXIT = "✕ Thoát"
SLIDE_TASKS_OLDEST = "{n} nhiệm vụ quá hạn lâu nhất (trong tổng số {total})"
SLIDE_LAND_ENV_BY_AGENCY = "Hồ sơ đất đai – môi trường quá hạn theo cơ quan (nhiều nhất)"

# The early warning (issue #33): what will go overdue in the next working days
DUE_SOON_TITLE = "Sắp quá hạn trong {n} ngày làm việc tới (đến hết {until})"
DUE_SOON_DOSSIERS = "Hồ sơ sắp quá hạn"
DUE_SOON_TASKS = "Nhiệm vụ sắp đến hạn"
DUE_SOON_LAND_ENV = "Đất đai – môi trường: {n} ({share})"
DUE_SOON_TASKS_NOTE = "hạn xử lý trong {n} ngày làm việc tới"
DUE_SOON_HOLIDAYS_MISSING = ("Chưa có lịch nghỉ lễ năm {years}: các ngày thường của năm đó đang được tính là ngày làm "
                             "việc. Văn phòng bổ sung bằng «python cli.py import holidays».")
DUE_SOON_OWN_UNITS = "các địa bàn của tài khoản"  # a commune account whose unit has no name on the date
DUE_SOON_NONE = "Không có hồ sơ nào sắp quá hạn trong các ngày làm việc tới."
DUE_SOON_IN_MEETING = "Cuộc họp chưa chốt số hồ sơ sắp quá hạn; xem ở số liệu hiện tại."
DUE_SOON_IN_MEETING_FILTERED = ("Cuộc họp chốt số hồ sơ sắp quá hạn cho toàn tỉnh và nhóm đất đai – môi trường, "
                                "không theo từng cơ quan, cấp, địa bàn; bỏ các bộ lọc đó để xem, hoặc chọn «Số liệu "
                                "hiện tại».")
DUE_SOON_BY_AGENCY = "Theo cơ quan đang giữ hồ sơ"
DUE_SOON_LIST = "Danh sách hồ sơ sắp quá hạn"
DUE_SOON_LIST_CUT = "Hiện {shown} hồ sơ đến hạn sớm nhất trên tổng số {total}."
DUE_SOON_FOLLOWUP = "Theo dõi từ cuộc họp ngày {date}: {went}/{about} hồ sơ khi đó sắp quá hạn đã quá hạn"
DUE_SOON_FOLLOWUP_COLUMNS = {"agency": "Cơ quan giữ hồ sơ khi đó", "about_to": "Sắp quá hạn khi đó",
                             "went_overdue": "Đã quá hạn"}
DUE_SOON_BY_FIELD = "Theo lĩnh vực"
DUE_SOON_BY_UNIT = "Theo địa bàn đang có hiệu lực"
DUE_SOON_COLUMNS = {"unit": "Địa bàn", "field": "Lĩnh vực", "group": "Nhóm", "agency": "Cơ quan đang giữ hồ sơ",
                    "dossiers": "Hồ sơ sắp quá hạn",
                    "land_env": "Trong đó đất đai – môi trường", "code": "Mã hồ sơ", "procedure": "Thủ tục",
                    "step": "Bước đang xử lý", "due_on": "Ngày hẹn trả", "working_days_left": "Còn (ngày làm việc)"}
