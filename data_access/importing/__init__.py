"""Importers of the province's own exports (dossiers, steps, tasks, index results, territorial units)."""
