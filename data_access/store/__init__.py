"""The database itself: engine, schema and migrations, the application context, the meta table, the rollups' upkeep."""
