"""The dialog kinerja (LAN 605/2025 BAB II B): the supervisor's side of the plan."""
