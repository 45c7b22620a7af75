"""Static catalogue of the demo: fields with their procedures, district profiles, task texts.

Figures follow DOMAIN §7: on-time 96–99 %, land/environment ≈ 85 % of overdue, online share and sync
rate rising over two years, apology letters for only part of late dossiers.
"""

from dataclasses import dataclass

# The provincial agencies (with their successors) are the shipped file assets/reference/khanh_hoa_agencies_2025.csv.
LAND_OFFICE = "Văn phòng Đăng ký đất đai tỉnh"
TAX_OFFICE = "Cục Thuế tỉnh"
SERVICE_CENTRE = "Trung tâm Phục vụ hành chính công tỉnh"  # the one-stop desk of the demo's land dossiers
NINH_THUAN = " tỉnh Ninh Thuận"
NINH_THUAN_NAMES = {  # a Khánh Hòa department → the Ninh Thuận one before 1/7/2025, where the name differs
    "Sở Văn hóa và Thể thao": "Sở Văn hóa, Thể thao và Du lịch tỉnh Ninh Thuận",
    "Sở Du lịch": "Sở Văn hóa, Thể thao và Du lịch tỉnh Ninh Thuận",
    "Văn phòng Đăng ký đất đai tỉnh": "Văn phòng Đăng ký đất đai tỉnh Ninh Thuận",
    "Cục Thuế tỉnh": "Cục Thuế tỉnh",
}


@dataclass(frozen=True)
class FieldSpec:
    """A field: relative volume, share of each level, base late probability and its procedures."""

    name: str
    weight: float
    levels: tuple[float, float, float]  # share handled at Tỉnh, Huyện, Xã
    late: float
    department: str  # provincial agency that resolves its province-level dossiers
    procedures: tuple[tuple[str, int], ...]  # (name, days allowed)
    online_bias: float = 0.0


FIELDS = (
    FieldSpec("Đất đai", 22, (0.08, 0.92, 0.0), 0.072, "Văn phòng Đăng ký đất đai tỉnh", (
        ("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 10),
        ("Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", 30),
        ("Tách thửa hoặc hợp thửa đất", 15),
        ("Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền", 25),
        ("Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", 3),
        ("Cấp đổi Giấy chứng nhận quyền sử dụng đất", 10),
        ("Đính chính Giấy chứng nhận đã cấp", 10),
    ), online_bias=-0.05),
    FieldSpec("Môi trường", 2.5, (0.45, 0.55, 0.0), 0.08, "Sở Tài nguyên và Môi trường", (
        ("Thẩm định báo cáo đánh giá tác động môi trường", 30),
        ("Cấp giấy phép môi trường", 30),
        ("Đăng ký môi trường", 15),
    )),
    FieldSpec("Hộ tịch", 20, (0.0, 0.15, 0.85), 0.004, "Sở Tư pháp", (
        ("Đăng ký khai sinh", 1),
        ("Đăng ký kết hôn", 3),
        ("Đăng ký khai tử", 1),
        ("Cấp bản sao trích lục hộ tịch", 1),
        ("Đăng ký khai sinh có yếu tố nước ngoài", 3),
    ), online_bias=0.10),
    FieldSpec("Chứng thực", 12, (0.0, 0.3, 0.7), 0.002, "Sở Tư pháp", (
        ("Chứng thực bản sao từ bản chính giấy tờ, văn bản", 1),
        ("Chứng thực chữ ký trong các giấy tờ, văn bản", 1),
        ("Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", 2),
    ), online_bias=-0.10),
    FieldSpec("Thành lập và hoạt động doanh nghiệp", 5, (1.0, 0.0, 0.0), 0.003, "Sở Kế hoạch và Đầu tư", (
        ("Đăng ký thành lập doanh nghiệp tư nhân", 3),
        ("Đăng ký thay đổi nội dung đăng ký doanh nghiệp", 3),
        ("Thông báo tạm ngừng kinh doanh", 3),
    ), online_bias=0.30),
    FieldSpec("Thành lập và hoạt động của hộ kinh doanh", 3, (0.0, 1.0, 0.0), 0.004, "Sở Kế hoạch và Đầu tư", (
        ("Đăng ký thành lập hộ kinh doanh", 3),
        ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3),
    ), online_bias=0.10),
    FieldSpec("Xây dựng", 5, (0.3, 0.7, 0.0), 0.012, "Sở Xây dựng", (
        ("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 15),
        ("Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", 30),
        ("Cấp chứng chỉ hành nghề hoạt động xây dựng", 20),
    )),
    FieldSpec("Đường bộ", 6, (1.0, 0.0, 0.0), 0.004, "Sở Giao thông vận tải", (
        ("Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", 5),
        ("Cấp phù hiệu xe kinh doanh vận tải", 2),
        ("Cấp giấy phép lái xe quốc tế", 5),
    ), online_bias=0.25),
    FieldSpec("Lao động - Việc làm", 2.5, (1.0, 0.0, 0.0), 0.006, "Sở Lao động - Thương binh và Xã hội", (
        ("Giải quyết hưởng trợ cấp thất nghiệp", 20),
        ("Cấp giấy phép lao động cho người lao động nước ngoài", 5),
    )),
    FieldSpec("Bảo trợ xã hội", 3, (0.0, 0.6, 0.4), 0.008, "Sở Lao động - Thương binh và Xã hội", (
        ("Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", 10),
        ("Xác định, xác định lại mức độ khuyết tật", 20),
    )),
    FieldSpec("Người có công", 1.5, (0.5, 0.3, 0.2), 0.010, "Sở Lao động - Thương binh và Xã hội", (
        ("Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", 12),
        ("Cấp trích lục hoặc sao hồ sơ người có công", 5),
    )),
    FieldSpec("Khám bệnh, chữa bệnh", 3, (1.0, 0.0, 0.0), 0.006, "Sở Y tế", (
        ("Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", 30),
        ("Cấp giấy phép hoạt động đối với phòng khám", 30),
    )),
    FieldSpec("Dược phẩm", 1.5, (1.0, 0.0, 0.0), 0.006, "Sở Y tế", (
        ("Cấp Chứng chỉ hành nghề dược", 20),
        ("Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược", 30),
    ), online_bias=0.15),
    FieldSpec("Giáo dục và Đào tạo", 2.5, (0.5, 0.5, 0.0), 0.004, "Sở Giáo dục và Đào tạo", (
        ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 1),
        ("Chuyển trường đối với học sinh trung học phổ thông", 3),
        ("Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", 20),
    ), online_bias=0.05),
    FieldSpec("Lý lịch tư pháp", 3, (1.0, 0.0, 0.0), 0.004, "Sở Tư pháp", (
        ("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", 10),
    ), online_bias=0.20),
    FieldSpec("Lưu thông hàng hóa trong nước", 1.5, (0.6, 0.4, 0.0), 0.005, "Sở Công Thương", (
        ("Cấp Giấy phép bán lẻ sản phẩm rượu", 10),
        ("Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai", 15),
    )),
    FieldSpec("Trồng trọt và Bảo vệ thực vật", 1, (1.0, 0.0, 0.0), 0.006,
              "Sở Nông nghiệp và Phát triển nông thôn", (
        ("Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", 15),
    )),
    FieldSpec("Văn hóa", 1, (0.7, 0.3, 0.0), 0.005, "Sở Văn hóa và Thể thao", (
        ("Cấp giấy phép tổ chức lễ hội", 10),
        ("Cấp giấy phép kinh doanh dịch vụ karaoke", 5),
    )),
    FieldSpec("Du lịch", 1, (1.0, 0.0, 0.0), 0.004, "Sở Du lịch", (
        ("Cấp thẻ hướng dẫn viên du lịch nội địa", 10),
        ("Công nhận hạng cơ sở lưu trú du lịch", 30),
    ), online_bias=0.20),
    FieldSpec("Công chức, viên chức", 0.8, (1.0, 0.0, 0.0), 0.006, "Sở Nội vụ", (
        ("Thi tuyển viên chức", 30),
        ("Thẩm định thành lập đơn vị sự nghiệp công lập", 20),
    )),
    FieldSpec("Tài nguyên nước", 0.6, (1.0, 0.0, 0.0), 0.03, "Sở Tài nguyên và Môi trường", (
        ("Cấp giấy phép khai thác, sử dụng nước dưới đất", 30),
        ("Cấp giấy phép xả nước thải vào nguồn nước", 30),
    )),
    FieldSpec("Khoáng sản", 0.3, (1.0, 0.0, 0.0), 0.03, "Sở Tài nguyên và Môi trường", (
        ("Cấp giấy phép khai thác khoáng sản", 60),
    )),
)


@dataclass(frozen=True)
class DistrictProfile:
    """How one pre-2025 district (by GSO code) differs: late multiplier and offsets of its shares. The new communes
    keep the profile of the district most of their predecessors belonged to, so the story runs across 1/7/2025."""

    code: str
    late: float
    online: float
    sync: float
    apology: float
    digitised: float


DISTRICTS = (
    DistrictProfile("568", 0.55, 0.10, 0.03, 0.75, 0.06),  # Nha Trang
    DistrictProfile("569", 1.00, 0.00, 0.00, 0.55, 0.00),  # Cam Ranh
    DistrictProfile("570", 2.10, -0.05, -0.04, 0.25, -0.05),  # Cam Lâm
    DistrictProfile("571", 1.05, -0.02, 0.00, 0.50, -0.02),  # Vạn Ninh
    DistrictProfile("572", 1.50, -0.05, -0.02, 0.35, -0.03),  # Ninh Hòa
    DistrictProfile("573", 1.80, -0.15, -0.10, 0.30, -0.15),  # Khánh Vĩnh
    DistrictProfile("574", 0.45, 0.05, 0.02, 0.85, 0.04),  # Diên Khánh
    DistrictProfile("575", 2.60, -0.20, -0.12, 0.20, -0.20),  # Khánh Sơn
    DistrictProfile("576", 0.30, -0.25, 0.00, 0.90, 0.00),  # Trường Sa
    DistrictProfile("582", 0.70, 0.06, 0.02, 0.70, 0.03),  # Phan Rang-Tháp Chàm
    DistrictProfile("584", 2.30, -0.18, -0.10, 0.25, -0.15),  # Bác Ái
    DistrictProfile("585", 1.40, -0.06, -0.03, 0.40, -0.05),  # Ninh Sơn
    DistrictProfile("586", 0.90, -0.02, 0.00, 0.60, 0.00),  # Ninh Hải
    DistrictProfile("587", 1.20, -0.04, -0.02, 0.45, -0.02),  # Ninh Phước
    DistrictProfile("588", 1.60, -0.10, -0.05, 0.35, -0.08),  # Thuận Bắc
    DistrictProfile("589", 1.30, -0.08, -0.04, 0.40, -0.06),  # Thuận Nam
)
WEAK_LATE = 1.4  # districts (and their communes) at or above this late multiplier get more overdue tasks

ENDED_STATUSES = ("Từ chối", "Trả lại hồ sơ", "Rút hồ sơ")
LEADERS = (
    "Chủ tịch UBND tỉnh",
    "Phó Chủ tịch Thường trực UBND tỉnh",
    "Phó Chủ tịch UBND tỉnh (phụ trách kinh tế)",
    "Phó Chủ tịch UBND tỉnh (phụ trách văn xã)",
)

TASK_TEMPLATES = (
    "Rà soát, tháo gỡ vướng mắc trong cấp Giấy chứng nhận quyền sử dụng đất tại {district}",
    "Giải quyết dứt điểm hồ sơ đất đai quá hạn tại {district}; báo cáo kết quả về UBND tỉnh",
    "Thực hiện phiếu xin lỗi và hẹn lại ngày trả kết quả đối với 100% hồ sơ trễ hạn",
    "Đồng bộ đầy đủ hồ sơ TTHC lên Cổng Dịch vụ công quốc gia",
    "Đẩy mạnh số hóa hồ sơ, kết quả giải quyết TTHC theo Nghị định 107/2021/NĐ-CP",
    "Rà soát, đề xuất cắt giảm, đơn giản hóa thủ tục hành chính lĩnh vực {field}",
    "Tăng tỷ lệ hồ sơ trực tuyến toàn trình lĩnh vực {field}",
    "Báo cáo nguyên nhân chậm giải quyết hồ sơ lĩnh vực {field}",
    "Kiểm tra công tác cải cách hành chính tại {district}",
    "Hoàn thiện quy trình nội bộ giải quyết TTHC lĩnh vực {field}",
    "Xây dựng kế hoạch nâng cao Chỉ số PAR INDEX và SIPAS năm {year}",
    "Khắc phục các tiêu chí bị trừ điểm của Bộ chỉ số 766 tháng trước",
    "Tổ chức đối thoại với người dân, doanh nghiệp về giải quyết TTHC tại {district}",
    "Giải quyết kiến nghị của doanh nghiệp về thủ tục đầu tư, đất đai",
    "Bố trí đủ công chức tại Bộ phận Một cửa {district}",
)
PROGRESS_NOTES = (
    "Đang phối hợp các đơn vị liên quan",
    "Đã có báo cáo gửi UBND tỉnh",
    "Đang tổng hợp số liệu",
    "Chờ ý kiến của các sở, ngành",
    "",
)
