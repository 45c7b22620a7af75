"""Every Vietnamese message the lower layers raise (DomainError): settings, counting rules, meetings and sources.
Import messages live with the importers' contracts (see tests/architecture/test_texts.py)."""

# settings.toml
SETTINGS_MISSING_KEY = "settings.toml thiếu khóa {key!r}"
SETTINGS_MISSING_INDICATORS = "settings.toml thiếu chỉ tiêu: {names}"
SETTINGS_NO_LAND_ENV = "settings.toml: land_env.fields không được rỗng"
BAD_OPTION = "{name}={value!r} không hợp lệ; chỉ nhận: {options}"

# Frames handed to metrics/ without what a rule needs
MISSING_COLUMNS = "Thiếu cột: {columns}"
MISSING_COLUMNS_OF = "{name} thiếu cột: {columns}"
MISSING_COLUMN = "Thiếu cột {column}"
MISSING_EITHER_COLUMN = "Thiếu cột {column} hoặc {other}"
MISSING_COUNT_COLUMNS = "Thiếu cột đếm: {columns}"
MISSING_TASK_COLUMNS = "Thiếu cột nhiệm vụ: {columns}"
MISSING_KEY_COLUMN = "Thiếu cột khóa: {key}"
NO_GROUP_COLUMNS = "Không có cột để nhóm: {columns}"
NO_COLUMN = "Không có cột: {column}"
NEEDS_COLUMN = "{name} cần cột {column}"
TABLE_NEEDS_KEY_RANK = "Bảng {name} cần cột {key} và rank"
NAMES_NEEDED = "Cần tên của {by}"
ONE_TOTAL_ROW = "Cần đúng một dòng tổng, nhận {n}"
N_AT_LEAST_ONE = "n phải từ 1 trở lên"

# Counting rules (DOMAIN §3, §4) and periods
ENDED_NEEDS_DATE = "Hồ sơ kết thúc không có kết quả phải có ngày kết thúc"
TASKS_NOT_CLASSIFIED = "Cần phân loại nhiệm vụ trước (cột status)"
DAYS_NEGATIVE = "Số ngày phải không âm"
PERIOD_REVERSED = "Kỳ không hợp lệ: ngày bắt đầu {start} sau ngày kết thúc {end}"
CUSTOM_NEEDS_START = "Kỳ tùy chọn cần ngày bắt đầu"
MONTHS_AT_LEAST_ONE = "Số tháng phải từ 1 trở lên"
INDEX_PERIOD_UNREADABLE = "Kỳ không đọc được: {period!r} (dạng 2024, 2024-03, 2024-Q1 hoặc 2024-W03)"
PERIOD_UNREADABLE = "Kỳ không đọc được: {period!r}"

# Scorecard settings
THRESHOLDS_ORDER = "Ngưỡng của {key}: ngưỡng xanh phải tốt hơn ngưỡng vàng"
SCALE_EQUAL = "Thang điểm của {key}: 'full' và 'zero' phải khác nhau"
WEIGHT_NEGATIVE = "Trọng số của {key} phải không âm"
MISSING_INDICATORS = "Thiếu chỉ tiêu: {names}"

# Meetings, their frozen figures and the Source pages read
MISSING_FIGURES = "Thiếu nhóm số liệu {section}"
PREVIOUS_MEETING_LATER = "Cuộc họp trước phải diễn ra trước cuộc họp này"
MEETING_NEEDS_TITLE = "Cuộc họp phải có tên"
CUTOFF_AFTER_MEETING = "Thời điểm chốt số liệu phải trước hoặc trong ngày họp"
NO_MEETING = "Không có cuộc họp số {id}"
DECISION_NEEDS_CONTENT = "Kết luận phải có nội dung"
DEADLINE_BEFORE_MEETING = "Hạn xử lý phải sau ngày họp"
DECISION_ISSUER = "Chủ tịch UBND tỉnh"  # stored as the issuer of a task the meeting decided
DECISION_DOCUMENT = "Kết luận: {title}"  # stored as its document number
FROZEN_NO_FILTER = ("Số liệu chốt của cuộc họp không có bộ lọc này; bỏ chọn cuộc họp để lọc theo cơ quan, cấp, "
                    "địa bàn")
FROZEN_NO_PERIOD = "Số liệu chốt của cuộc họp không có kỳ này; chỉ có tuần, tháng, quý, năm đến ngày chốt"
NO_REFERENCE = "Không có bảng tham chiếu {name!r}"
