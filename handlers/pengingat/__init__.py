"""/pengingat: a coordinator sets a Formulir 1 reminder for the cycle, step by step."""
