"""Readers that turn a PDF, Word or text file into the common document model. No Qt here."""

from panelreview.ingest.opener import open_document, read_document_bytes

__all__ = ["open_document", "read_document_bytes"]
