"""Alembic environment: runs on the connection handed over by data_access.store.migrate (SQLite or PostgreSQL)."""

from alembic import context

from data_access.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called through data_access.store.migrate
    raise RuntimeError("Chạy migration qua data_access.store.migrate (python cli.py init), không gọi alembic trực tiếp")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite",
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
