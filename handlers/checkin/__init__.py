"""The quarterly check-in (Formulir 1 E, LAN 605/2025 BAB II D): plan vs realization, its
fit and benefit, the supervisor's feedback, and the plan's amendments found on the way."""
