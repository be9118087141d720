"""Stage 0, the ground every stage stands on: spans and documents, findings (Diagnostic), settings, frozen dataclasses."""
