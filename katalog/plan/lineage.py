"""Replication lineage: the chain of innovations one replicates and that replicate it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models import Entry

if TYPE_CHECKING:
    from .views import Views


def lineage(views: Views, e: Entry) -> dict[str, Any] | None:
    """A small diagram with links, and the same as a list; None when the innovation has no lineage."""
    return None
