"""The dialog kinerja (LAN 605/2025 BAB II B): persiapan, pelaksanaan, tindak lanjut."""
