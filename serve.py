"""Starts the dashboard server: `streamlit run app.py` with the arguments given (make run calls it).

Before any browser session opens it applies the routing fix of ui/streamlit_fixes.py (streamlit/streamlit#9992).
"""

import sys
from pathlib import Path

from streamlit.web import cli

from ui.streamlit_fixes import declare_navigation_app

APP = Path(__file__).resolve().parent / "app.py"


def main(argv: list[str] | None = None) -> None:
    """Run the Streamlit server on app.py with `argv` (e.g. --server.port 8501); returns when it stops."""
    declare_navigation_app()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
