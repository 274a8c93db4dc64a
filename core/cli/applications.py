"""`app list|show|approve|reject|issue` and `audit verify`."""
from __future__ import annotations


def register(sub) -> None:
    """Add this module's commands to the CLI."""
