"""Reference data: territorial units, fields, agencies and procedures (lookup, get-or-create, lists)."""


import pandas as pd
from sqlalchemy import Connection, insert, select, update

from data_access.reference.territory import seed_agencies, seed_units
from data_access.store.schema import agencies, agency_lineage, fields, procedures, unit_lineage, units
from metrics.text import fold_key, normalize_text


def get_or_create_field(conn: Connection, name: str, cache: dict[str, int] | None = None) -> int:
    """Return the id of the field named `name`, creating it when new."""
    key = fold_key(name)
    if cache is not None and key in cache:
        return cache[key]
    found = conn.execute(select(fields.c.id).where(fields.c.name_key == key)).scalar()
    if found is None:
        found = conn.execute(insert(fields).values(name=normalize_text(name), name_key=key,
                                                   is_land_env=False)).inserted_primary_key[0]
    if cache is not None:
        cache[key] = found
    return found


def get_or_create_agency(conn: Connection, name: str, kind: str | None = None, level: str | None = None,
                         unit_id: int | None = None, cache: dict[str, int] | None = None) -> int:
    """Return the id of the agency named `name`, creating it when new."""
    key = fold_key(name)
    if cache is not None and key in cache:
        return cache[key]
    found = conn.execute(select(agencies.c.id).where(agencies.c.name_key == key)).scalar()
    if found is None:
        values = dict(name=normalize_text(name), name_key=key, kind=kind, level=level, unit_id=unit_id)
        found = conn.execute(insert(agencies).values(**values)).inserted_primary_key[0]
    if cache is not None:
        cache[key] = found
    return found


def get_or_create_procedure(conn: Connection, name: str, field_id: int | None, code: str | None = None,
                            cache: dict[str, int] | None = None) -> int:
    """Return the id of the procedure named `name`, creating it when new."""
    key = fold_key(name)
    if cache is not None and key in cache:
        return cache[key]
    found = conn.execute(select(procedures.c.id).where(procedures.c.name_key == key)).scalar()
    if found is None:
        values = dict(name=normalize_text(name), name_key=key, field_id=field_id, code=normalize_text(code))
        found = conn.execute(insert(procedures).values(**values)).inserted_primary_key[0]
    if cache is not None:
        cache[key] = found
    return found


def apply_land_env_group(conn: Connection, group: tuple[str, ...] | list[str]) -> int:
    """Flag the fields of the land/environment group (and unflag the others); return how many are flagged."""
    keys = [fold_key(name) for name in group]
    conn.execute(update(fields).values(is_land_env=fields.c.name_key.in_(keys)))
    return len(conn.execute(select(fields.c.id).where(fields.c.is_land_env.is_(True))).all())


UNIT_COLUMNS = ["id", "code", "name", "short_name", "kind", "level", "parent_id", "province", "latitude", "longitude",
                "valid_from", "valid_to"]
AGENCY_COLUMNS = ["id", "name", "kind", "level", "unit_id", "valid_from", "valid_to"]


def list_units(conn: Connection) -> pd.DataFrame:
    """Return units of every era: id, code, name, short_name, kind, level, parent_id, province, latitude, longitude,
    valid_from, valid_to."""
    query = select(*[units.c[name] for name in UNIT_COLUMNS]).order_by(units.c.code, units.c.name, units.c.id)
    return pd.DataFrame(conn.execute(query).all(), columns=UNIT_COLUMNS)


def list_agencies(conn: Connection) -> pd.DataFrame:
    """Return agencies: id, name, kind, level, unit_id, valid_from, valid_to."""
    query = select(*[agencies.c[name] for name in AGENCY_COLUMNS]).order_by(agencies.c.name)
    return pd.DataFrame(conn.execute(query).all(), columns=AGENCY_COLUMNS)


def list_fields(conn: Connection) -> pd.DataFrame:
    """Return fields: id, name, is_land_env."""
    query = select(fields.c.id, fields.c.name, fields.c.is_land_env).order_by(fields.c.name)
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=["id", "name", "is_land_env"])


def list_procedures(conn: Connection) -> pd.DataFrame:
    """Return procedures: id, name, code, field_id, field (name), ordered by field and name."""
    query = (select(procedures.c.id, procedures.c.name, procedures.c.code, procedures.c.field_id,
                    fields.c.name.label("field"))
             .select_from(procedures.outerjoin(fields, fields.c.id == procedures.c.field_id))
             .order_by(fields.c.name, procedures.c.name))
    return pd.DataFrame(conn.execute(query).all(), columns=["id", "name", "code", "field_id", "field"])


def ensure_reference(conn: Connection) -> list[str]:
    """Seed the shipped reference data into empty tables: units of both eras with their lineage, agencies with
    their successors, and published index results.

    Returns what was seeded (for messages)."""
    from data_access.figures.index_queries import read_index_csv, replace_index_results
    from data_access.store.schema import index_results

    seeded = []
    if conn.execute(select(unit_lineage.c.id).limit(1)).first() is None:
        seed_units(conn)  # also brings a database of the nine pre-2025 districts to both eras
        seeded.append("units")
    if conn.execute(select(agency_lineage.c.id).limit(1)).first() is None:
        seed_agencies(conn)
        seeded.append("agencies")
    if conn.execute(select(index_results.c.id).limit(1)).first() is None:
        replace_index_results(conn, read_index_csv())
        seeded.append("index_results")
    return seeded
