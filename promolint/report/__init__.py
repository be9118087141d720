"""Stage 7, saying it: the rule catalog, messages in English and Chinese, witness text, and the output formats."""
