"""Document templates (DOCX) an agency may replace; see docs/documents.md."""
