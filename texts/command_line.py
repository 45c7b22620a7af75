"""Every Vietnamese text of the command line (cli.py): messages, then the help of each command, grouped by command."""

# Arguments
BAD_DATE = "ngày không hợp lệ: {text!r} (dạng YYYY-MM-DD)"
NOT_POSITIVE = "phải là số nguyên dương"
ERROR = "Lỗi: {error}"
REFUSED = "TỪ CHỐI: {reason}"

# init, demo
DATABASE = "Cơ sở dữ liệu: {url}"
DATABASE_EMPTY = "Cơ sở dữ liệu trống: tạo dữ liệu demo (chạy một lần)."
DATABASE_READY = "Cơ sở dữ liệu sẵn sàng: {url}"
DATABASE_READ_ONLY_READY = ("Cơ sở dữ liệu chỉ đọc (tệp không ghi được): {url}. Ứng dụng mở để xem; nhập dữ liệu, "
                            "tạo cuộc họp và đổi tài khoản bị từ chối.")
DEMO_DONE = ("Đã tạo {dossiers} hồ sơ, {tasks} nhiệm vụ, {indexes} kết quả chỉ số trong {seconds} s "
             "({rate} hồ sơ/s).")

# import
REPORT_FILE = "Tệp: {file} ({kind}), sha256 {sha}…"
REPORT_HEADER = "Dòng tiêu đề: {row}; cột nhận ra: {mapping}"
REPORT_IGNORED = "Bỏ qua các cột: {columns}"
REPORT_PERSONAL = "Không đọc các cột dữ liệu cá nhân: {columns}"
REPORT_ROWS = "Dòng dữ liệu: {rows} (bỏ {blank} dòng trống, {totals} dòng tổng)"
REPORT_WARNING = "Cảnh báo: {warning}"
REPORT_MORE = "… và {n} lỗi khác"
IMPORT_CHECKED = "Kiểm tra xong (chưa ghi)"
IMPORT_DONE = "Đã nhập"
IMPORT_COUNTS = ("{verb}: thêm {inserted}, cập nhật {updated}, không đổi {unchanged}, loại {rejected} — {seconds} s "
                 "({rate} dòng/s)")
IMPORT_ERROR_FILE = "Các dòng bị loại và lý do: {file}"
BOUNDARIES_COMMUNES = "xã, phường, đặc khu"
BOUNDARIES_DISTRICTS = "huyện (trước 01/7/2025)"
BOUNDARIES_DONE = "Đã thay ranh giới {what}: {matched}/{units} đơn vị khớp mã, từ tệp {file}."
BOUNDARIES_MISSING = "Chưa có ranh giới trong tệp (vẫn vẽ không tô màu): {names}"

# pack
PACK_DONE = "Đã tạo bộ tài liệu họp: {file}"

# Accounts (user, init, demo)
FIRST_ADMIN = ("Đã tạo tài khoản quản trị «{name}», mật khẩu: {password}\n"
               "Mật khẩu chỉ in ra một lần này và không được lưu ở dạng đọc được; hãy ghi lại và đổi sau khi "
               "đăng nhập (python cli.py user set-password {name}).")
DEMO_ACCOUNTS = "Tài khoản demo (mỗi vai trò một tài khoản; khóa khi nhập dữ liệu thật):"
ACCOUNT_LINE = "  {name:<20} {role:<10} mật khẩu: {password}"
ASK_PASSWORD = "Mật khẩu: "
ASK_PASSWORD_AGAIN = "Nhập lại mật khẩu: "
PASSWORDS_DIFFER = "Hai lần nhập mật khẩu không khớp."
NEEDS_NAME = "Cần tên đăng nhập."
ACCOUNT_DISABLED = "(đã khóa)"
ACCOUNT_DONE = "Xong: {action} {name}"

# Help of the commands
HELP_PROGRAM = "Bảng điều hành CCHC — dòng lệnh"
HELP_INIT = "tạo lược đồ; nạp dữ liệu demo nếu cơ sở dữ liệu trống"
HELP_DEMO = "tạo dữ liệu demo (thay dữ liệu demo cũ)"
HELP_DEMO_DOSSIERS = "số hồ sơ (mặc định 200.000)"
HELP_DEMO_END = "ngày cuối, YYYY-MM-DD (mặc định hôm nay)"
HELP_DEMO_SEED = "hạt ngẫu nhiên (mặc định 2026)"
HELP_DEMO_REPLACE = "cho phép thay dữ liệu thật đã nhập"
HELP_IMPORT = "nhập tệp xuất từ hệ thống của tỉnh (xlsx, xls, csv)"
HELP_IMPORT_KIND = "loại dữ liệu (boundaries: tệp ranh giới chính thức .geojson, khớp theo mã ĐVHC)"
HELP_IMPORT_FILE = "đường dẫn tệp"
HELP_IMPORT_SHEET = "tên trang tính (Excel); mặc định trang đầu tiên"
HELP_IMPORT_SKIP = "nhập các dòng hợp lệ, ghi các dòng lỗi và lý do ra tệp .loi.csv cạnh tệp nhập"
HELP_IMPORT_DRY = "chỉ kiểm tra, không ghi gì"
HELP_IMPORT_OLDER = ("cho phép tệp cũ hơn dữ liệu đã có (hồ sơ đã có kết quả bị đưa về trạng thái trong tệp); "
                     "ghi vào nhật ký nhập")
HELP_SUMMARY = "in số liệu tổng hợp (JSON) tại một ngày"
HELP_SUMMARY_AS_OF = "ngày chốt số liệu, YYYY-MM-DD"
HELP_SUMMARY_FROM = "từ ngày, YYYY-MM-DD (mặc định: ngày đầu tháng của --as-of)"
HELP_SUMMARY_BY = "unit: theo các đơn vị hành chính có hiệu lực ngày --as-of (65 xã sau 01/7/2025)"
HELP_PACK = "tạo bộ tài liệu họp giao ban (PDF, A4 ngang)"
HELP_PACK_MEETING = "số (ID) cuộc họp: dùng số liệu đã chốt của cuộc họp"
HELP_PACK_AS_OF = "hoặc ngày chốt số liệu, YYYY-MM-DD"
HELP_PACK_OUT = "tệp PDF ghi ra"
HELP_USER = "quản lý tài khoản: add, set-password, disable, enable, role, list"
HELP_USER_NAME = "tên đăng nhập"
HELP_USER_ROLE = "vai trò: lanh_dao, van_phong, quan_tri, so_nganh (cần --agency), xa (cần --commune)"
HELP_USER_AGENCY = "tên cơ quan của tài khoản so_nganh"
HELP_USER_COMMUNE = "mã ĐVHC của xã, phường, đặc khu của tài khoản xa"
HELP_USER_EMAIL = "thư điện tử (đăng nhập một lần qua hệ thống định danh của tỉnh)"
DATABASE_UNREACHABLE = "Không kết nối được cơ sở dữ liệu {where}: {error}"
UNEXPECTED = "Lỗi không mong đợi ({kind}: {error}); không có gì bị ghi dở. Chạy lại với CCHC_DEBUG=1 để xem chi tiết."
HELP_MEETING = "tạo cuộc họp và chốt số liệu như trang Cuộc họp (in mã cuộc họp ở dòng cuối)"
HELP_MEETING_DATE = "ngày họp (YYYY-MM-DD)"
HELP_MEETING_TITLE = "tên cuộc họp"
HELP_MEETING_CUTOFF = "thời điểm chốt số liệu, \"YYYY-MM-DD HH:MM\""
BAD_CUTOFF = "«{text}» không phải thời điểm dạng \"YYYY-MM-DD HH:MM\""
MEETING_CREATED = "Đã tạo cuộc họp số {id} ngày {date}, số liệu chốt đến {cutoff}."
