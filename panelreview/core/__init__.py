"""Pure-Python domain: the document model, sections, errors. Imports no Qt and no I/O layer."""
