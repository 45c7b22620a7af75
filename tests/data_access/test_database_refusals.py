"""A refusal by the database reaches the user in Vietnamese, naming the table, never the driver's English text or
the password (issue #30): a database account without rights, a violated constraint."""

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, text
from sqlalchemy.exc import IntegrityError

import cli
from data_access.store.context import forget_context
from data_access.store.engine import database_refusal
from data_access.store.migrate import create_schema
from data_access.store.schema import fields
from tests.conftest import PG_ADMIN_URL, pg_schema
from tests.data_access.test_export_corpus import CORPUS


def test_a_violated_constraint_names_its_table(engine):
    with engine.begin() as conn:
        conn.execute(insert(fields).values(name="Đất đai", name_key="dat dai"))
    with pytest.raises(IntegrityError) as caught, engine.begin() as conn:
        conn.execute(insert(fields).values(name="Đất đai", name_key="dat dai"))
    said = database_refusal(caught.value)
    assert said.startswith("Cơ sở dữ liệu từ chối thao tác vì dữ liệu không nhất quán (bảng «fields»)")


def _quoted(conn, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


@pytest.fixture
def without_rights(monkeypatch):
    """Yield the DATABASE_URL of a PostgreSQL account that may read the schema's tables but write none."""
    with pg_schema() as schema:
        admin = create_engine(f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}")
        create_schema(admin)
        role = f"cchc_ro_{uuid.uuid4().hex[:8]}"
        with admin.begin() as conn:  # identifiers cannot be bound: quoted by the dialect, the password bound
            who, where = _quoted(conn, role), _quoted(conn, schema)
            conn.execute(text("CREATE ROLE " + who + " LOGIN PASSWORD 'bi-mat-khong-in-ra'"))
            conn.execute(text("GRANT USAGE ON SCHEMA " + where + " TO " + who))
            conn.execute(text("GRANT SELECT ON ALL TABLES IN SCHEMA " + where + " TO " + who))
        url = f"postgresql+psycopg://{role}:bi-mat-khong-in-ra@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
        monkeypatch.setenv("DATABASE_URL", url)
        try:
            yield url
        finally:
            forget_context(url)
            admin.dispose()
            with create_engine(PG_ADMIN_URL).begin() as conn:
                conn.execute(text("DROP OWNED BY " + _quoted(conn, role)))
                conn.execute(text("DROP ROLE " + _quoted(conn, role)))


@pytest.mark.postgres
def test_an_account_without_rights_is_told_which_table(without_rights, capsys):
    code = cli.main(["import", "dossiers", str(CORPUS / "ho_so_cu.xls")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Tài khoản cơ sở dữ liệu của ứng dụng không có quyền trên bảng «" in err
    assert "permission denied" not in err and "bi-mat-khong-in-ra" not in err


@pytest.mark.postgres
def test_the_sign_in_page_says_the_account_lacks_rights(without_rights):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
    at.run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("Tài khoản cơ sở dữ liệu của ứng dụng không có quyền trên bảng «")
    assert not at.exception
