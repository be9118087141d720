"""YAML promotion files into Documents with spans (one pass over libyaml's events; composed path for anchors)."""
