"""Extraction pipeline for Italian documents on participatory processes.

load -> Document (text + labelled fields with offsets) -> extractors emit Mentions
-> resolve per field -> typed rows -> Parquet.
"""

__version__ = "0.1.0"
