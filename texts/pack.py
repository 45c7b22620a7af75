"""Every Vietnamese text of the meeting pack PDF (reports/pdf.py), in the order the pack shows them."""

TITLE = "BỘ TÀI LIỆU HỌP GIAO BAN CẢI CÁCH HÀNH CHÍNH"
AUTHOR = "UBND tỉnh {province}"
FOOTER = "{province} · {title} · Số liệu chốt đến hết ngày {cutoff}"
FOOTER_PAGE = "Trang {n}"
NOT_KNOWN = "—"
TITLE_AS_OF = "Số liệu đến ngày {date}"  # the pack of a date rather than of a meeting
NEEDS_DATE = "Cần chọn cuộc họp hoặc ngày chốt số liệu"

# Cover
COVER_PROVINCE = "Tỉnh {province}"
COVER_MEETING = "Cuộc họp: {title}"
COVER_CUTOFF = "Số liệu chốt đến: hết ngày {cutoff}"  # the figures count the whole cut-off day
COVER_PERIOD = "Kỳ báo cáo: {start} – {end}"
COVER_LOADED = "Dữ liệu cập nhật lần cuối: {loaded}"
COVER_SCOPE = "Phạm vi: toàn tỉnh, mọi cơ quan, mọi cấp, mọi địa bàn"

# The summary page: the overview's headline cards
SUMMARY = "Tóm tắt: {period} · thay đổi {compare}"
SUMMARY_PERIOD = "tháng đến ngày {end}"

# 1–5: one section per agenda item
SECTION_OVERVIEW = "1. {page}: {what}"
SECTION_TASKS = "2. {page}: nhiệm vụ quá hạn ({n})"
TASK_HEADER = ["Nội dung", "Cơ quan chủ trì", "Số ngày quá hạn", "Hạn", "Văn bản"]
SECTION_BOTTLENECKS = "3. {page}: hồ sơ quá hạn theo cơ quan"
LAND_HEADER = ["Cơ quan", "Hồ sơ quá hạn", "Đang giải quyết quá hạn", "Có phiếu xin lỗi", "Tỷ lệ xin lỗi"]
SECTION_SCORECARD = "4. {page}"
SCORECARD_HEADER = ["Hạng", "Địa bàn", "Đúng hạn", "Hồ sơ quá hạn", "Nhiệm vụ quá hạn", "Điểm tổng hợp"]
SECTION_RANKING = "5. {page}"
RANKING_HEADER = ["Chỉ số", "Kỳ", "Xếp hạng", "Điểm", "Nguồn"]
