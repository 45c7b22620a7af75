"""Deterministic demo data for Khánh Hòa (pre-2025 districts): dossiers, tasks and demo index values."""
