"""The unit matcher on hand-made names (issue #29): a bare name that a district and a town share is read at the level
of the column it was found in, a written prefix overrides the column, and only a name that stays ambiguous within
one level is a row error. No database: the matcher is given its units directly."""

from datetime import date

import pytest

from data_access.importing.unit_match import Decision, KnownUnit, UnitMatcher
from metrics.text import unit_key

OLD_END, NEW_START = date(2025, 6, 30), date(2025, 7, 1)
BEFORE, AFTER = date(2024, 3, 8), date(2025, 8, 8)


def unit(uid: int, name: str, level: str, parent: str | None = None, valid_from: date | None = None,
         valid_to: date | None = None, code: str | None = None) -> KnownUnit:
    return KnownUnit(uid, code, name, unit_key(name), level, unit_key(parent) if parent else None, valid_from,
                     valid_to)


# 1, 2: the district and its town, until 30/06/2025. 3: the new commune of the same name, from 01/07/2025.
# 4, 5: two old communes "Phước Hòa" in different districts (6, 7). 8, 9: a district and a commune that are BOTH in
# force on each side of the change (made up, to try the rule of «Địa bàn» after 01/07/2025 on its own).
UNITS = [
    unit(1, "Huyện Diên Khánh", "Huyện", valid_to=OLD_END, code="574"),
    unit(2, "Thị trấn Diên Khánh", "Xã", parent="Huyện Diên Khánh", valid_to=OLD_END, code="22612"),
    unit(3, "Xã Diên Khánh", "Xã", valid_from=NEW_START, code="22612"),
    unit(4, "Phường Phước Hòa", "Xã", parent="Thành phố Nha Trang", valid_to=OLD_END),
    unit(5, "Xã Phước Hòa", "Xã", parent="Huyện Bác Ái", valid_to=OLD_END),
    unit(6, "Thành phố Nha Trang", "Huyện", valid_to=OLD_END),
    unit(7, "Huyện Bác Ái", "Huyện", valid_to=OLD_END),
    unit(8, "Huyện Hòn Tre", "Huyện"),
    unit(9, "Xã Hòn Tre", "Xã"),
]


@pytest.fixture
def matcher() -> UnitMatcher:
    return UnitMatcher(UNITS)


@pytest.mark.parametrize(("column", "day", "expected"), [
    ("district", BEFORE, (1, "Huyện Diên Khánh")),  # «Huyện»: districts first
    ("commune", BEFORE, (2, "Thị trấn Diên Khánh")),  # «Xã/phường»: communes first
    ("unit", BEFORE, (1, "Huyện Diên Khánh")),  # «Địa bàn» before 01/07/2025: districts first
    ("unit", AFTER, (3, None)),  # after the change only the new commune is in force: nothing to decide
])
def test_a_bare_name_of_a_district_and_its_town_follows_the_column(matcher, column, day, expected):
    unit_id, decision = matcher.match(day, "Diên Khánh", column=column)
    assert (unit_id, decision.unit if decision else None) == expected
    if decision:
        assert decision == Decision("Diên Khánh", column, expected[1])


@pytest.mark.parametrize(("column", "day", "expected"), [
    ("unit", BEFORE, 8),  # «Địa bàn» before 01/07/2025: the district
    ("unit", AFTER, 9),  # «Địa bàn» from 01/07/2025: the commune
    ("district", AFTER, 8),
    ("commune", BEFORE, 9),
])
def test_the_unit_column_reads_districts_before_the_change_and_communes_after(matcher, column, day, expected):
    assert matcher.match(day, "Hòn Tre", column=column)[0] == expected


def test_the_unit_column_beside_a_district_column_names_the_commune(matcher):
    # «Địa bàn» = Diên Khánh with «Huyện» = Diên Khánh: the town of that district
    unit_id, decision = matcher.match(BEFORE, "Diên Khánh", "Diên Khánh", column="unit")
    assert (unit_id, decision) == (2, Decision("Diên Khánh", "unit", "Thị trấn Diên Khánh"))


@pytest.mark.parametrize(("name", "column", "expected"), [
    ("Thị trấn Diên Khánh", "district", 2),  # the prefix wins over «Huyện»
    ("Thị trấn Diên Khánh", "unit", 2),  # and over «Địa bàn» before the change
    ("Huyện Diên Khánh", "commune", 1),  # and over «Xã/phường»
    ("TT. Diên Khánh", "district", 2),  # the usual abbreviations too
    ("H. Diên Khánh", "unit", 1),
])
def test_a_written_prefix_overrides_the_column(matcher, name, column, expected):
    assert matcher.match(BEFORE, name, column=column) == (expected, None)  # the file said it: nothing decided


def test_the_kind_written_tells_apart_two_communes_of_one_name(matcher):
    assert matcher.match(BEFORE, "Phường Phước Hòa", column="commune") == (4, None)
    assert matcher.match(BEFORE, "xã  PHƯỚC HÒA", column="unit") == (5, None)


def test_a_true_ambiguity_within_one_level_is_refused(matcher):
    with pytest.raises(ValueError, match="có 2 địa bàn cùng tên «Phước Hòa» hiệu lực ngày 08/03/2024"):
        matcher.match(BEFORE, "Phước Hòa", column="commune")
    # the district tells them apart
    assert matcher.match(BEFORE, "Phước Hòa", "Bác Ái", column="commune") == (5, None)
    assert matcher.match(BEFORE, "Phước Hòa", "TP Nha Trang", column="commune") == (4, None)


def test_a_name_of_one_level_only_is_matched_whatever_the_column(matcher):
    # a name no district has, under «Địa bàn» before the change: the commune; and the other way round
    assert matcher.match(AFTER, "Diên Khánh", column="district") == (3, None)
    assert matcher.match(BEFORE, "Bác Ái", column="commune") == (7, None)
