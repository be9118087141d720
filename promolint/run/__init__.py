"""Stage 8, the pipeline: load files, run checks (in workers, through the cache), apply policy, suppressions and baselines, changed files."""
