"""Scrutiny tracker: the record of what a council promised, and what happened since.

The engine in this package knows nothing of MkDocs. It loads the YAML data,
validates it into the domain model, derives statuses and the timeline, and
renders record pages and exports; the hooks in ``hooks/`` only adapt it.
"""
