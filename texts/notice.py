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
SUMMARY = "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp {title} ngày {held_on}"

OPENING = ("Ngày {held_on}, Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp {title}. Sau khi nghe báo cáo tình hình "
           "giải quyết thủ tục hành chính và thực hiện nhiệm vụ cải cách hành chính (số liệu chốt đến hết ngày "
           "{cutoff}), Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:")

# 1. Results of the period
RESULTS = "1. Kết quả trong kỳ"
ON_TIME = "Tỷ lệ hồ sơ giải quyết đúng hạn trong tháng đạt {rate}{change}."
ON_TIME_CHANGE = ", {direction} {points} so với cuộc họp ngày {previous}"
UP, DOWN = "tăng", "giảm"
SAME_CHANGE = ", không đổi so với cuộc họp ngày {previous}"
OVERDUE = ("Có {overdue} hồ sơ quá hạn trong tháng, trong đó lĩnh vực đất đai, môi trường chiếm {land_share}; "
           "{in_progress_overdue} hồ sơ đang giải quyết đã quá hạn.")
NO_OVERDUE = "Không có hồ sơ quá hạn trong tháng."
APOLOGY = "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi tổ chức, cá nhân đạt {rate}."
ONLINE_SYNC = ("Tỷ lệ hồ sơ nộp trực tuyến đạt {online}; tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia đạt "
               "{sync}.")
RANKS = "Kết quả xếp hạng gần nhất của tỉnh: {ranks}."
RANK_ITEM = "{index} kỳ {period} xếp thứ {rank}/{of} tỉnh, thành phố{demo}"
RANK_DEMO = " (số liệu minh họa)"
RANK_JOIN = "; "
NO_RANKS = "Chưa có kết quả xếp hạng chỉ số được công bố đến ngày chốt số liệu."

# 2. What lags
LAGS = "2. Tồn tại, hạn chế"
LAG_AGENCIES = "Các cơ quan có nhiều hồ sơ quá hạn nhất trong tháng: {items}."
LAG_COMMUNES = "Các xã, phường, đặc khu có nhiều hồ sơ quá hạn nhất: {items}."
LAG_TASKS = "Các cơ quan có nhiều nhiệm vụ quá hạn chưa hoàn thành: {items}."
LAG_ITEM_DOSSIERS = "{name} ({n} hồ sơ)"
LAG_ITEM_TASKS = "{name} ({n} nhiệm vụ)"
LAG_JOIN = ", "
NO_LAGS = "Không có cơ quan, địa phương nào có hồ sơ hoặc nhiệm vụ quá hạn."

# 3. Conclusions and assignments
TASKS = "3. Nhiệm vụ trong thời gian tới"
DECISION = "3.{n}. Giao {lead} chủ trì{coordinating}: {content}. Thời hạn hoàn thành: trước ngày {deadline}."
DECISION_COORDINATING = ", phối hợp với {names}"
NO_DECISIONS = "Cuộc họp chưa ghi kết luận giao nhiệm vụ nào."
URGE = ("3.{n}. Yêu cầu {items} khẩn trương hoàn thành các nhiệm vụ đã quá hạn kể từ cuộc họp ngày {previous}, "
        "báo cáo kết quả về Văn phòng Ủy ban nhân dân tỉnh.")
URGE_ITEM = "{name} ({n} nhiệm vụ)"

CLOSING = "Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./."
RECIPIENTS = "Nơi nhận:"
RECIPIENT_LINE = "- {name};"
RECIPIENT_LAST = "- {name}."
