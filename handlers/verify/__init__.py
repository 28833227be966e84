"""Verification by the Kelompok Keahlian (LAN 605/2025 BAB II C–D): the agreed items of a
unit's plans reach its expertise group, which sets method, level, time and priority
(Formulir 1 D); the verified plan goes back to the employee and supervisor, ready for the
SKP."""
