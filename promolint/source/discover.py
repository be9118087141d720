"""Which files to lint: promotion files under directories, named files as given."""
from __future__ import annotations

import fnmatch
import os

from promolint.core.config import Settings

SUFFIXES = (".promo.yaml", ".promo.yml", ".promo")
EXPLICIT_SUFFIXES = SUFFIXES + (".yaml", ".yml")
SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv", "build", "dist"}


def is_promotion_file(name: str) -> bool:
    return name.endswith(SUFFIXES)


def find_files(paths: list[str], settings: Settings) -> list[str]:
    """Files under `paths` (sorted, unique). Named files are linted as given."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            out.extend(_walk(path, settings))
        else:
            out.append(path)
    return sorted(dict.fromkeys(out))


def _walk(top: str, settings: Settings):
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                         and not _excluded(os.path.join(folder, d), settings))
        for name in sorted(names):
            full = os.path.normpath(os.path.join(folder, name))
            if is_promotion_file(name) and not _excluded(full, settings):
                yield full


def _excluded(path: str, settings: Settings) -> bool:
    clean = path[2:] if path.startswith("./") else path
    return any(fnmatch.fnmatch(clean, pattern) for pattern in settings.exclude)
