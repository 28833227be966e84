"""Storage: SQLAlchemy 2 models, the unit of work behind the core's ports, and migrations."""
