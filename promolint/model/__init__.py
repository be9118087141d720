"""Stage 4, one model for both syntaxes: the promotion dataclasses and the builder from Documents."""
