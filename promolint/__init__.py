"""promolint: stops dangerous promotion configurations before they ship."""

__version__ = "0.1.0"
