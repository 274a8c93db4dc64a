"""Catalogue search: jieba + Whoosh index, query understanding, privacy by audience."""
from .index import IndexStore
from .service import AUDIENCES, SearchService

__all__ = ["IndexStore", "SearchService", "AUDIENCES"]
