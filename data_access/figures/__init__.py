"""Reading figures: queries as values, the Source (live or a meeting's), the SQL per family of figures."""
