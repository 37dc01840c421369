"""Stage 5, the dataset.

Takes: the rows of annotated documents. Gives: the four Parquet tables with their Arrow
schemas (``schema``), atomic writes (``store``), runs and history, incremental re-runs,
``export``, and upgrades of older datasets.
"""
