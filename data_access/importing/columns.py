"""Column contracts of DOMAIN §6: canonical headers, accepted aliases, required columns, personal-data columns."""

from dataclasses import dataclass

from metrics.errors import check_option
from metrics.text import fold_key

KINDS = ("dossiers", "steps", "tasks", "indexes", "units", "unit-lineage", "agencies", "agency-lineage")


@dataclass(frozen=True)
class Column:
    """One canonical column: internal key, Vietnamese header, aliases, and whether a file must have it."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> set[str]:
        """Return the folded header names that map to this column."""
        return {fold_key(self.header), *(fold_key(a) for a in self.aliases)}


CONTRACTS: dict[str, tuple[Column, ...]] = {
    "dossiers": (
        Column("code", "Mã hồ sơ", ("Ma HS", "Số hồ sơ"), required=True),
        Column("procedure", "Tên thủ tục", ("Thủ tục hành chính", "Tên TTHC", "Thủ tục")),
        Column("procedure_code", "Mã thủ tục", ("Mã TTHC",)),
        Column("field", "Lĩnh vực", required=True),
        Column("agency", "Cơ quan giải quyết", ("Đơn vị xử lý", "Cơ quan thực hiện"), required=True),
        Column("level", "Cấp", ("Cấp giải quyết", "Cấp thực hiện")),
        Column("unit", "Địa bàn", ("Đơn vị hành chính",)),
        Column("district", "Huyện", ("Quận/Huyện", "Huyện cũ", "Quận, huyện")),
        Column("commune", "Xã/phường", ("Xã", "Phường/Xã", "Xã/Phường/Thị trấn", "Xã, phường")),
        Column("unit_code", "Mã ĐVHC", ("Mã đơn vị hành chính", "Mã địa bàn")),
        Column("received_on", "Ngày tiếp nhận", ("Ngày nhận",), required=True),
        Column("due_on", "Ngày hẹn trả", ("Hạn trả", "Ngày hẹn trả kết quả", "Hạn xử lý"), required=True),
        Column("result_on", "Ngày có kết quả", ("Ngày hoàn thành", "Ngày kết thúc", "Ngày xử lý xong")),
        Column("status", "Trạng thái", ("Tình trạng",)),
        Column("channel", "Hình thức nộp", ("Hình thức tiếp nhận", "Kênh nộp")),
        Column("synced", "Đồng bộ DVCQG", ("Đồng bộ", "Đã đồng bộ DVCQG", "Đồng bộ Cổng DVCQG")),
        Column("apology", "Phiếu xin lỗi", ("Có phiếu xin lỗi",)),
        Column("digitised", "Số hóa", ("Số hoá", "Đã số hóa")),
        Column("current_agency", "Đơn vị đang xử lý", ("Nơi đang xử lý",)),
    ),
    "steps": (
        Column("code", "Mã hồ sơ", required=True),
        Column("step", "Bước", ("Tên bước", "Bước xử lý"), required=True),
        Column("agency", "Đơn vị xử lý", ("Cơ quan xử lý",), required=True),
        Column("started_on", "Ngày bắt đầu", required=True),
        Column("ended_on", "Ngày kết thúc"),
        Column("due_on", "Hạn bước", ("Hạn xử lý bước",)),
    ),
    "tasks": (
        Column("doc_number", "Số hiệu văn bản", ("Số văn bản", "Văn bản giao"), required=True),
        Column("doc_date", "Ngày văn bản", ("Ngày ban hành",), required=True),
        Column("issuer", "Cơ quan ban hành"),
        Column("content", "Nội dung nhiệm vụ", ("Nhiệm vụ", "Nội dung"), required=True),
        Column("lead_agency", "Cơ quan chủ trì", ("Đơn vị chủ trì",), required=True),
        Column("coordinating", "Cơ quan phối hợp", ("Đơn vị phối hợp",)),
        Column("leader", "Lãnh đạo chỉ đạo", ("Lãnh đạo phụ trách",)),
        Column("deadline", "Hạn xử lý", ("Thời hạn", "Hạn hoàn thành")),
        Column("completed_on", "Ngày hoàn thành"),
        Column("progress_note", "Tình hình thực hiện", ("Kết quả thực hiện", "Tiến độ")),
    ),
    "indexes": (
        Column("index_name", "Chỉ số", required=True),
        Column("period", "Kỳ", ("Năm",), required=True),
        Column("province", "Tỉnh", ("Tỉnh/thành phố",), required=True),
        Column("score", "Điểm"),
        Column("rank", "Xếp hạng", ("Hạng",)),
        Column("n_ranked", "Số tỉnh xếp hạng", ("Số tỉnh",)),
        Column("component", "Thành phần"),
        Column("max_points", "Điểm tối đa"),
        Column("source", "Nguồn"),
        Column("note", "Ghi chú"),
    ),
    "units": (
        Column("code", "Mã", ("Mã đơn vị", "Mã ĐVHC")),
        Column("name", "Tên", ("Tên đơn vị",), required=True),
        Column("kind", "Loại", ("Cấp",)),
        Column("latitude", "Vĩ độ", ("Lat",)),
        Column("longitude", "Kinh độ", ("Lon", "Lng")),
        Column("valid_from", "Hiệu lực từ"),
        Column("valid_to", "Hiệu lực đến"),
        Column("province", "Tỉnh cũ", ("Tỉnh",)),
    ),
    "unit-lineage": (  # the national statistics office's conversion table (English headers of the shipped file too)
        Column("old_code", "Mã cũ", ("Mã ĐVHC cũ", "old_gso_code"), required=True),
        Column("old_name", "Tên cũ", ("Tên đơn vị cũ", "old_name"), required=True),
        Column("old_district_code", "Mã huyện cũ", ("old_district_gso_code",)),
        Column("old_district", "Huyện cũ", ("old_district_name",)),
        Column("old_province", "Tỉnh cũ", ("old_province",)),
        Column("new_code", "Mã mới", ("Mã ĐVHC mới", "new_gso_code"), required=True),
        Column("new_name", "Tên mới", ("Tên đơn vị mới", "new_name")),
        Column("merge", "Hình thức", ("Nhập", "Hình thức sắp xếp", "merge"), required=True),
        Column("effective", "Hiệu lực", ("Ngày hiệu lực", "Hiệu lực từ", "effective"), required=True),
    ),
    "agencies": (
        Column("name", "Tên", ("Tên cơ quan", "Cơ quan"), required=True),
        Column("kind", "Loại", ("Loại cơ quan",)),
        Column("level", "Cấp"),
        Column("valid_from", "Hiệu lực từ"),
        Column("valid_to", "Hiệu lực đến"),
    ),
    "agency-lineage": (
        Column("old_agency", "Cơ quan cũ", required=True),
        Column("new_agency", "Cơ quan mới", ("Cơ quan kế thừa",), required=True),
        Column("effective", "Hiệu lực", ("Ngày hiệu lực", "Hiệu lực từ"), required=True),
    ),
}

# Applicant identity: never read, stored, logged or shown (DOMAIN §6).
PERSONAL_DATA = {fold_key(h) for h in (
    "Chủ hồ sơ", "Người nộp", "Người nộp hồ sơ", "Họ và tên", "Họ tên", "Tên người nộp", "Số CCCD", "CCCD",
    "CMND", "Số CMND", "Số định danh", "Số điện thoại", "Điện thoại", "Email", "Địa chỉ", "Địa chỉ thường trú",
    "Ngày sinh", "Tên tổ chức, cá nhân",
)}


def contract(kind: str) -> tuple[Column, ...]:
    """Return the columns of an import kind, or raise DomainError for an unknown kind."""
    check_option("kind", kind, KINDS)
    return CONTRACTS[kind]
