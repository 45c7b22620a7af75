"""Reference data: units and agencies over time, fields and procedures, boundaries, the working-day calendar."""
