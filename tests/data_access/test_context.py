"""The application context: started once per database and process, shared by the app and the command line."""

from sqlalchemy import func, select

from data_access.store import engine as engine_module
from data_access.store.context import app_context, forget_context
from data_access.store.engine import database_url
from data_access.store.migrate import current, head
from data_access.store.schema import unit_lineage, units


def test_started_once_with_schema_reference_data_and_settings(tmp_path):
    url = f"sqlite:///{tmp_path / 'ctx.sqlite3'}"
    first = app_context(url)
    assert app_context(url) is first
    assert current(first.engine) == head()
    with first.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(units)).scalar() == 9 + 7 + 194 + 65
        assert conn.execute(select(func.count()).select_from(unit_lineage)).scalar() == 205
    assert first.settings.province == "Khánh Hòa"
    forget_context(url)
    assert app_context(url) is not first
    forget_context(url)


def test_the_secrets_file_is_read_once_per_version(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('DATABASE_URL = "postgresql://app@db:5432/cchc"\n', encoding="utf-8")
    reads = []
    real_open = open

    def counting_open(path, *args, **kwargs):
        if str(path) == str(secrets):
            reads.append(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    assert [database_url(secrets) for _ in range(3)] == ["postgresql://app@db:5432/cchc"] * 3
    assert len(reads) == 1
    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.sqlite3")  # the environment wins, read every time
    assert database_url(secrets) == "sqlite:///x.sqlite3"
    engine_module._secrets_url.cache_clear()
