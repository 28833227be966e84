"""Formulir 1 (Alat Bantu Penyusunan IDP), sections A–C: the employee's proposal."""
