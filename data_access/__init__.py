"""Database layer: schema (SQLAlchemy Core), engine factory, queries and loaders."""
