"""/siaran: a coordinator's broadcast, asked step by step on the form engine."""
