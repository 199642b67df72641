"""The draft the storage benchmarks review, built in code: 40 priorities of three paragraphs each.

Imported by the scripts in this folder once they have put the checkout on ``sys.path``.
"""

from __future__ import annotations

from panelreview.core.model import Document
from panelreview.ingest import read_document_bytes


def bench_draft(sections: int = 40) -> tuple[bytes, Document]:
    """The draft's bytes (plain text) and the document read from them."""
    parts = []
    for i in range(1, sections + 1):
        parts.append(f"{i}. Priority number {i}")
        for j in range(1, 4):
            parts.append(f"{i}.{j}. The Commissioner will deliver outcome {i}.{j} for communities in {j}.")
    data = "\n\n".join(parts).encode()
    return data, read_document_bytes(data, "bench-draft.txt")
