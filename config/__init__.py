"""Configuration: the province's settings file (thresholds, weights, groups), and the process's pandas options.

Text columns keep pandas' `str` type but in Python storage rather than Arrow: our frames are small (tens to a few
thousand rows), where each Arrow call costs more than it computes, and every such call releases and takes back the
interpreter lock that the other viewers' page runs are waiting for. Measured with ten viewers on one process: 3,7
page runs per second with Arrow storage, 5,5 with Python storage (docs/history/scaling.md §0e). Set here because every
process of the product (the app, cli.py, the import child, the tests) imports this package before it reads data.
"""

import pandas as pd

pd.set_option("mode.string_storage", "python")
