"""Reference data the forms use: the method matrix (LAN 605/2025, Anak Lampiran 3), the national
competency dictionary (PermenPANRB 38/2017), job levels, and the self-assessment built on them.

Everything here is pure data and pure functions; user-facing names and descriptions live in
``messages/<locale>/ref/*.j2`` catalogue templates, looked up by the stable keys defined here.
"""
