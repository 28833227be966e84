"""The dialog kinerja (performance dialogue, LAN 605/2025 BAB II B): its window and guide
(persiapan), the supervisor and employee agreeing a date (scheduling), the agreement and the
employee's confirmation (pelaksanaan)."""
