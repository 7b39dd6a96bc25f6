"""The package version and the identity scout sends with every request."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/companyscout/companyscout"
USER_AGENT = f"companyscout/{__version__} (+{PROJECT_URL})"
