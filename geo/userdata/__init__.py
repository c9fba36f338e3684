"""User datasets (issue 6): what an import produces, and how it becomes atlas indicators.

- :mod:`geo.userdata.model` — :class:`Dataset`, :class:`DatasetMeta`, :class:`SavedView`.
- :mod:`geo.userdata.importer` — an uploaded table or boundary layer → column plan → county join
  (review, manual overrides, GCJ-02 check) → :class:`Dataset`, step by step for the data page.
"""
