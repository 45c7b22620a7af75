"""The meeting pack: figures gathered at a cut-off (pack_data) and laid out as an A4 landscape PDF (pdf)."""
