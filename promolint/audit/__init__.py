"""`promolint audit`: promotions kept as rows (spec section 8), from files or a shop's
database, checked tenant by tenant with the same model, checks and messages as files.

rows.py is the row format, shops/ the per-shop adapters (data plus a small mapping),
core.py the engine-neutral function one machine and Spark both call.
"""
