"""kg: a knowledge graph of diplomatic meetings, built from readouts and news reports by hand-curated rules.

    import kg
    g = kg.load("exports")          # an export written by 'kg build'
    g = kg.from_documents("seeds")  # or build in memory from documents

See kg.api for what the loaded graph offers. Nothing heavy is imported until
one of these names is used.
"""

__version__ = "0.1.0"

#: public names provided lazily by kg.api, so that 'import kg' stays fast
_API = ("load", "from_documents", "KG", "MeetingRecord", "PersonRecord", "RoleRecord", "EvidenceRecord", "SourceRecord")


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_API))
