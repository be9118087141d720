"""Stage 3, the JSON Schema of the YAML format: the schema file, its validator, and the generated fast check."""
