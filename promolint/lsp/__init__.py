"""`promolint lsp`: a language server for promotion files (needs pygls, the `lsp` extra)."""
