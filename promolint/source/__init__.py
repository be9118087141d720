"""Stage 2, reading: file text and its decoding, discovery of promotion files, YAML and DSL into Documents with spans, the price list."""
