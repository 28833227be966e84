"""The documents agencies file: Formulir 1 as a DOCX from a replaceable template, and the
text-only cells every spreadsheet the product writes is made of."""
