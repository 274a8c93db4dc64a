"""`cert verify` and `cert revoke`."""
from __future__ import annotations


def register(sub) -> None:
    """Add this module's commands to the CLI."""
