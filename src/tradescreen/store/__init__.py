"""The versioned list store: each import is a list version; versions diff by source id.

SQLAlchemy over SQLite (default, embedded) or PostgreSQL; schema migrations by Alembic.
"""

from typing import TYPE_CHECKING

from tradescreen._lazy import lazy_exports

if TYPE_CHECKING:
    from tradescreen.store.diff import (
        EntityChange,
        FieldChange,
        VersionDiff,
        diff_latest,
        diff_versions,
    )
    from tradescreen.store.engine import open_engine
    from tradescreen.store.importer import ImportResult, file_info, import_publications
    from tradescreen.store.judgements import judge_listings, list_judgements
    from tradescreen.store.versions import (
        ListVersion,
        SourceStatus,
        entity_archive,
        get_version,
        iter_entities,
        latest_versions,
        list_sources,
        list_versions_of,
        store_status,
    )

__all__ = [
    "EntityChange",
    "FieldChange",
    "ImportResult",
    "ListVersion",
    "SourceStatus",
    "VersionDiff",
    "diff_latest",
    "diff_versions",
    "entity_archive",
    "file_info",
    "get_version",
    "import_publications",
    "iter_entities",
    "judge_listings",
    "latest_versions",
    "list_judgements",
    "list_sources",
    "list_versions_of",
    "open_engine",
    "store_status",
]

# The importer and the diff need more of SQLAlchemy than a screening does.
__getattr__ = lazy_exports(
    __name__,
    {
        "EntityChange": "diff",
        "FieldChange": "diff",
        "ImportResult": "importer",
        "ListVersion": "versions",
        "SourceStatus": "versions",
        "VersionDiff": "diff",
        "diff_latest": "diff",
        "diff_versions": "diff",
        "entity_archive": "versions",
        "file_info": "importer",
        "get_version": "versions",
        "import_publications": "importer",
        "iter_entities": "versions",
        "judge_listings": "judgements",
        "latest_versions": "versions",
        "list_judgements": "judgements",
        "list_sources": "versions",
        "list_versions_of": "versions",
        "open_engine": "engine",
        "store_status": "versions",
    },
)
