"""The promotion DSL: Lark parser into Documents, its error messages, and rendering a model back to DSL."""
