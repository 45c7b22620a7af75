"""Every Vietnamese message the lower layers give: settings, counting rules, meetings and sources, and the
importers' problems and progress (the headers of the files themselves are data: data_access/importing/columns.py)."""

# settings.toml
SETTINGS_MISSING_KEY = "settings.toml thiếu khóa {key!r}"
SETTINGS_BAD_DATE = "settings.toml: {key} = «{value}» không phải ngày (dạng 2010-01-01)."
SETTINGS_MISSING_INDICATORS = "settings.toml thiếu chỉ tiêu: {names}"
SETTINGS_BAD_COMPONENT = "settings.toml [index_766]: thành phần «{name}» cần max > 0 và 0 < target ≤ 1"
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
NOTICE_NEEDS_MEETING = "Thông báo kết luận được lập từ số liệu đã chốt của một cuộc họp: hãy chọn cuộc họp."
DECISION_NEEDS_CONTENT = "Kết luận phải có nội dung"
DEADLINE_BEFORE_MEETING = "Hạn xử lý phải sau ngày họp"
DECISION_ISSUER = "Chủ tịch UBND tỉnh"  # stored as the issuer of a task the meeting decided
DECISION_DOCUMENT = "Kết luận: {title}"  # stored as its document number
FROZEN_NO_FILTER = ("Số liệu chốt của cuộc họp không có bộ lọc này; bỏ chọn cuộc họp để lọc theo cơ quan, cấp, "
                    "địa bàn")
FROZEN_NO_STAGES_FILTER = ("Cuộc họp chốt phân tích bước xử lý cho toàn tỉnh và nhóm đất đai – môi trường, không theo "
                           "từng cơ quan, cấp, địa bàn; bỏ các bộ lọc đó để xem, hoặc chọn «Số liệu hiện tại».")
FROZEN_NO_STAGES = ("Cuộc họp chốt phân tích bước xử lý cho kỳ mặc định (settings.toml [periods] default); chọn kỳ "
                    "đó, hoặc bỏ chọn cuộc họp để xem kỳ khác.")
FROZEN_NO_PERIOD = "Số liệu chốt của cuộc họp không có kỳ này; chỉ có tuần, tháng, quý, năm đến ngày chốt"
NO_REFERENCE = "Không có bảng tham chiếu {name!r}"

# Imports: where a problem is (report.py, preview.py) and why a row is refused (rows.py, *_kind(s).py)
WHERE_ROW = "Dòng {row}"
WHERE_COLUMN = "cột «{column}»"
WHERE_VALUE = "giá trị «{value}»"
PREVIEW_ROW = "Dòng"
PREVIEW_EMPTY = "(trống)"
REQUIRED = "bắt buộc, không được để trống"
ENDED_WITHOUT_RESULT_NEEDS_DATE = "hồ sơ «{status}» kết thúc không có kết quả nên phải có ngày kết thúc"
DUE_BEFORE_RECEIVED = "ngày hẹn trả trước ngày tiếp nhận ({received})"
RESULT_BEFORE_RECEIVED = "ngày có kết quả trước ngày tiếp nhận ({received})"
NO_UNIT_WITH_CODE = ("không có đơn vị hành chính mã này hiệu lực ngày {date}; "
                     "nhập danh mục địa bàn (cli.py import units) trước")
NO_DISTRICT_WITH_CODE = "không có huyện mã này hiệu lực ngày {date}"
BEFORE_EFFECTIVE_ON = "trước ngày hiệu lực ({date})"
BEFORE_EFFECTIVE = "trước ngày hiệu lực"
SUCCESSOR_IS_ITSELF = "cơ quan kế thừa trùng với cơ quan cũ"
PERIOD_FORMAT = "kỳ phải có dạng 2024, 2024-03, 2024-Q1 hoặc 2024-W03"
POSITIVE_INTEGER = "phải là số nguyên dương"
DEADLINE_BEFORE_DOCUMENT = "hạn xử lý trước ngày văn bản"
COMPLETED_BEFORE_DOCUMENT = "ngày hoàn thành trước ngày văn bản"
RANK_ABOVE_RANKED = "lớn hơn số tỉnh xếp hạng ({n})"
LATITUDE_RANGE = "vĩ độ phải trong khoảng -90 đến 90"
LONGITUDE_RANGE = "kinh độ phải trong khoảng -180 đến 180"
END_BEFORE_START = "ngày kết thúc trước ngày bắt đầu"

# Boundary files (data_access/reference/boundaries.py)
SHAPE_NOT_POLYGON = "hình học phải là Polygon hoặc MultiPolygon"
SHAPE_OUTSIDE = "tọa độ phải là kinh độ 102–118, vĩ độ 6–24 (WGS84, kinh độ trước)"
SHAPE_UNREADABLE = "tọa độ không đọc được"
GEOJSON_UNREADABLE = "Tệp {file}: không đọc được GeoJSON ({error})"
GEOJSON_EMPTY = "Tệp {file}: phải là một FeatureCollection có ít nhất một đối tượng"
FEATURE_NO_CODE = "đối tượng {n}: thiếu mã đơn vị hành chính (thuộc tính gso_code hoặc ma)"
FEATURE_UNKNOWN_CODE = "đối tượng {n}: mã {code} không khớp đơn vị hành chính nào"
FEATURE_DUPLICATE = "đối tượng {n}: mã {code} trùng với đối tượng {first}"
FEATURE_BAD_SHAPE = "đối tượng {n} (mã {code}): {reason}"
MORE_PROBLEMS = "; … và {n} lỗi khác"
BOUNDARIES_REFUSED = "Tệp {file} bị từ chối, không thay đổi gì: {problems}"

# Import runs (runner.py, readers.py) and matching units by name or code (unit_match.py)
ERROR_FILE_HEADER = ["Dòng", "Cột", "Giá trị", "Lý do", "Dữ liệu của dòng"]  # the .loi.csv written beside a file
NO_HEADER_FOUND = "(không nhận ra dòng tiêu đề nào)"
MISSING_REQUIRED = "Tệp {file}: thiếu cột bắt buộc {columns}. Các cột tìm thấy: {found}"
DEMO_REPLACED = "Đã xóa dữ liệu minh họa (demo) trước khi nạp dữ liệu thật."
STEP_SHEET = "Đang đọc trang tính ({n} dòng)…"
STEP_READ = "Đã đọc {n} dòng"
STEP_DUPLICATES = "Kiểm tra trùng mã"
STEP_WRITE = "Ghi vào cơ sở dữ liệu"
STEP_ROLLUP = "Cập nhật bảng tổng hợp"
STEP_DONE = "Xong"
AUDIT_IDLE = "hết thời gian chờ ({minutes} phút không thao tác)"
AUDIT_KEPT_SIGN_IN = "phiên giữ trên trình duyệt (tải lại trang hoặc mở thẻ mới)"
AUDIT_SESSION_REPLAYED = "phiên bị dùng từ một kết nối không có cookie của trình duyệt đã đăng nhập; đã đăng xuất"
AUDIT_IMPORT_REFUSED = "{kind}: {file} bị từ chối ({n} lỗi): {reason}"
AUDIT_COMMAND_LINE = "dòng lệnh: {user}"
LAST_ADMIN = ("Đây là tài khoản quản trị cuối cùng đang hoạt động: không khóa hoặc đổi vai trò được. Thêm một tài "
              "khoản quản trị khác trước.")
AUDIT_DEMO = "dữ liệu minh họa: {dossiers} hồ sơ đến ngày {end}"
AUDIT_DEMO_REPLACED_REAL = "; thay thế dữ liệu thật (--replace-real)"
AUDIT_IMPORT = ("{kind}: {file}, sha256 {sha}, {rows} dòng (thêm {inserted}, cập nhật {updated}, loại {rejected})")
DATE_TOO_EARLY = "ngày trước {earliest}, ngoài khoảng ngày hợp lý (settings.toml: [import] earliest_date)"
DATE_AFTER_IMPORT = "ngày sau ngày nhập ({today}); chỉ ngày hẹn trả, hạn xử lý mới được ở tương lai"
DUE_TOO_LATE = "ngày hẹn/hạn sau {latest}, quá xa (settings.toml: [import] due_years_ahead)"
OLDER_FILE = ("Tệp {file} cũ hơn dữ liệu đã có: {n} hồ sơ đã có kết quả sẽ bị đưa về «đang giải quyết». Nếu đúng là "
              "muốn nhập lại tệp cũ, dùng --allow-older (trang Nhập dữ liệu: «Cho phép nhập tệp cũ hơn»).")
OLDER_RESULT_GONE = "hồ sơ đã có kết quả ngày {date}; tệp này không có"
OLDER_ALLOWED = ("Đã cho phép nhập tệp cũ hơn: {n} hồ sơ đã có kết quả được đưa về trạng thái trong tệp "
                 "(ghi vào nhật ký).")
AUDIT_OLDER = "; cho phép tệp cũ hơn: {n} hồ sơ lùi trạng thái"
IMPORT_BUSY = ("Tệp {file} chưa được nhập: một lần nhập khác đang ghi vào cơ sở dữ liệu và chưa xong sau thời gian "
               "chờ; không ghi gì, đề nghị thử lại khi lần đó xong.")
NO_DATA_ROWS = ("Tệp {file} không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {row}); không ghi gì, dữ liệu cũ "
                "giữ nguyên.")
FILE_REFUSED = "Tệp {file} bị từ chối: {n} lỗi; không ghi gì vào cơ sở dữ liệu."
DUPLICATE_OF_ROW = "trùng mã với dòng {row}"
FORMAT_NOT_SUPPORTED = "Tệp {file}: định dạng {suffix} không được hỗ trợ (chỉ nhận {formats})"
NO_SUFFIX = "(không có đuôi)"
FILE_NOT_FOUND = "Không tìm thấy tệp {path}"
NO_SUCH_SHEET = "Tệp {file} không có trang tính «{sheet}»; các trang: {sheets}"
NOT_XLSX = "Tệp {file} không phải tệp Excel .xlsx hợp lệ hoặc đã hỏng; không ghi gì, đề nghị xuất lại từ hệ thống."
NOT_XLS = "Tệp {file} không phải tệp Excel .xls hợp lệ hoặc đã hỏng; không ghi gì, đề nghị xuất lại từ hệ thống."
XLSX_DAMAGED = ("Tệp {file} bị hỏng: phần dữ liệu bên trong không giải nén được (tệp tải lên chưa trọn hoặc bị lỗi); "
                "không ghi gì, dữ liệu cũ giữ nguyên. Đề nghị xuất lại từ hệ thống.")
SHARED_STRINGS_TOO_BIG = ("Tệp {file}: bảng chữ dùng chung giải nén ra {mb} MB, quá {limit} MB cho một lần nhập; hãy "
                          "chia tệp theo tháng hoặc xuất ra CSV.")
BAD_ENCODING = "Tệp {file}: không đọc được theo bảng mã {encoding} ({error})"
CELL_TOO_LONG = ("Tệp {file}, dòng {row}: một ô dài quá {limit} ký tự (giới hạn của Excel); tệp không phải bản xuất "
                 "dữ liệu.")
SHEET_TOO_BIG = ("Tệp {file}: trang tính có {rows} dòng × {columns} cột, quá {cells} ô cho một lần nhập; hãy chia "
                 "tệp theo tháng hoặc xuất ra CSV.")
TOO_MANY_COLUMNS = "Tệp {file}, dòng {row}: có {n} cột, quá {limit} cột; tệp không phải bản xuất dữ liệu."
XLSX_TOO_BIG = ("Tệp {file}: giải nén ra khoảng {mb} MB hoặc nén bất thường (dấu hiệu «bom nén»); không mở tệp này. "
                "Đề nghị xuất lại từ hệ thống.")
BAD_CSV = "Tệp {file}, dòng {row}: lỗi định dạng CSV ({error})"
NO_UNIT_CODE_ON = "không có đơn vị hành chính mã {code} hiệu lực ngày {date}"
UNIT_NAME_AMBIGUOUS = ("có {n} địa bàn cùng tên «{name}» hiệu lực ngày {date}; ghi thêm cột «Huyện» hoặc «Mã ĐVHC» để "
                       "phân biệt")
UNIT_LEVEL_DECIDED = "{n} dòng: «{name}» ở cột «{column}» được hiểu là {unit}"
UNIT_NOT_IN_FORCE = "địa bàn «{name}» không có hiệu lực ngày {date}: {spans}"
UNIT_NEAREST = "; tên gần nhất: {names}"
UNIT_UNKNOWN = "địa bàn «{name}» không có trong danh mục đơn vị hành chính ngày {date}{hint}"
UNIT_UNTIL = "đến {date}"
UNIT_FROM = "từ {date}"
UNIT_NO_DATES = "không rõ thời hạn"

# Accounts and sign-in (data_access/accounts/store.py)
NOT_ALLOWED = "Vai trò «{role}» không được làm việc này."
OUTSIDE_SCOPE = ("Tài khoản cấp xã chỉ xem được chi tiết của xã, phường mình; số liệu toàn tỉnh và bảng điểm vẫn "
                 "xem được.")
PASSWORD_TOO_SHORT = "Mật khẩu phải có ít nhất {n} ký tự."
UNKNOWN_ROLE = "Không có vai trò «{role}»; chỉ có: {roles}."
ROLE_NEEDS_AGENCY = "Vai trò so_nganh cần tên cơ quan (--agency)."
ROLE_NEEDS_COMMUNE = "Vai trò xa cần mã xã, phường, đặc khu (--commune, mã ĐVHC)."
UNKNOWN_AGENCY = "Không có cơ quan «{name}»."
UNKNOWN_COMMUNE = "Không có xã, phường, đặc khu đang có hiệu lực mang mã {code}."
BAD_USERNAME = ("Tên đăng nhập gồm 1 đến 80 ký tự: chữ không dấu, chữ số và các dấu _ . @ - (không dấu cách, "
                "không dấu tiếng Việt).")
USERNAME_TAKEN = "Tên đăng nhập «{name}» đã có."
EMAIL_TAKEN = "Thư điện tử {email} đã gắn với một tài khoản khác."
NO_ACCOUNT = "Không có tài khoản «{name}»."
SIGN_IN_WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
SIGN_IN_LOCKED = "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau {seconds} giây."
SIGN_IN_THROTTLED = "Máy này đã đăng nhập sai quá nhiều lần trong một phút; thử lại sau {seconds} giây."
AUDIT_UNKNOWN_NAME = "#{hash} ({length} ký tự)"
AUDIT_ATTEMPTS = "{n} lần: {names}"
SIGN_IN_NO_ACCOUNT = "Chưa có tài khoản nào gắn với thư điện tử {email}; đề nghị quản trị cấp quyền."
DATABASE_NO_RIGHTS = ("Tài khoản cơ sở dữ liệu của ứng dụng không có quyền trên bảng «{table}»; không ghi gì. Đề nghị "
                      "quản trị cơ sở dữ liệu cấp quyền (GRANT) cho tài khoản này rồi thử lại.")
DATABASE_CONSTRAINT = ("Cơ sở dữ liệu từ chối thao tác vì dữ liệu không nhất quán (bảng «{table}»); không ghi gì, dữ "
                       "liệu cũ giữ nguyên. Đề nghị báo quản trị hệ thống.")
DATABASE_READ_ONLY = ("Cơ sở dữ liệu đang mở chỉ đọc (tệp không ghi được): xem số liệu bình thường, nhưng không nhập "
                      "dữ liệu, tạo cuộc họp hay đổi tài khoản được. Cấp quyền ghi cho tệp rồi khởi động lại để ghi.")
DATABASE_READ_ONLY_OLD = ("Cơ sở dữ liệu chỉ đọc ở phiên bản lược đồ {revision}, ứng dụng cần {head}: không nâng "
                          "cấp được khi tệp không ghi được. Cấp quyền ghi cho tệp rồi chạy lại «python cli.py init».")

# Working days and the early warning (issue #33)
HOLIDAY_HEADERS = {"day": "Ngày", "kind": "Loại", "name": "Tên"}  # the columns of a holiday file
WORKING_DAYS_RANGE = "Số ngày làm việc phải từ 1 đến {longest}, không phải {n}."
HOLIDAY_BAD_DATE = "Dòng {row}, cột «{column}»: «{value}» không phải ngày (dd/mm/yyyy)"
HOLIDAY_BAD_KIND = "Dòng {row}, cột «{column}»: «{value}» không phải «nghỉ» hoặc «làm bù»"
HOLIDAY_NO_NAME = "Dòng {row}, cột «{column}»: thiếu tên ngày lễ"
HOLIDAY_PRESENT = "Dòng {row}, cột «{column}»: ngày {day} đã có trong lịch nghỉ lễ ({name})"
HOLIDAY_REPEATED = "Dòng {row}, cột «{column}»: ngày {day} đã có ở dòng {first} của tệp"
HOLIDAY_WEEKEND_OFF = "Dòng {row}, cột «{column}»: ngày {day} là thứ Bảy hoặc Chủ nhật, không cần ghi là ngày nghỉ"
HOLIDAY_WEEKDAY_WORKED = "Dòng {row}, cột «{column}»: ngày {day} là ngày thường, không thể là ngày làm bù"
HOLIDAY_COLUMNS_MISSING = "Tệp {file} thiếu cột: {columns} (cần «Ngày», «Loại», «Tên»)"
HOLIDAY_REFUSED = "Tệp {file} bị từ chối: {n} lỗi; không ghi gì vào cơ sở dữ liệu."
HOLIDAYS_MORE_ERRORS = "… và {n} lỗi khác"
AUDIT_HOLIDAYS = "lịch nghỉ lễ: {file}, thêm {n} ngày"
CONCLUSION_ONE_ADDRESSEE = "Kết luận phải giao cho đúng một nơi: một cơ quan chủ trì hoặc một nhóm cơ quan"
CONCLUSION_UNKNOWN_CATEGORY = "Không có nhóm cơ quan «{category}»; chọn một trong: {allowed}"
CONCLUSION_UNKNOWN_AGENCY = "Không có cơ quan «{agency}» trong danh mục cơ quan"
MEETING_FIELD_TOO_LONG = "«{field}» dài quá {limit} ký tự"
MEETING_FIELD_NAMES = {"chair": "Người chủ trì", "chair_title": "Chức vụ người chủ trì", "signer_name": "Người ký"}
