"""Vietnamese text of the product, shared by the app, the meeting pack and the command line (no Streamlit here):
labels, number and date formatting (babel, vi_VN), and the table of a meeting's figures."""
