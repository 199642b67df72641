"""A machine check of the PDFs we write: PDF/UA-1 as far as a program can tell.

Two checks together: the ``pdfua`` package (the machine-checkable subset of PDF/UA-1 it implements,
on pikepdf) and our own look at the file with pikepdf, for what it leaves out: a structure tree
whose headings never skip a level, paragraphs tagged, tables with header cells, figures with
alternative text, every font embedded, the document's title and language, the PDF/UA
identification, and the viewer asked to show the title.

What no program here checks (a person must): that the reading order is the order a sighted reader
follows, that alternative text and headings say something useful, colour contrast, and that the
words are plain. pdfua itself says it covers 16 of the 106 machine-checkable PDF/UA-1 rules;
veraPDF (a Java program) covers more and is not run here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from pdfua import Severity, validate

HEADING = re.compile(r"^/H(\d)$")


def _elements(node: object, depth: int = 0) -> Iterator[tuple[int, pikepdf.Dictionary]]:
    if isinstance(node, pikepdf.Array):
        for kid in node:
            yield from _elements(kid, depth)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield depth, node
        if "/K" in node:
            yield from _elements(node.K, depth + 1)


def _fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            yield font
            yield from font.get("/DescendantFonts", [])


def structure(path: Path) -> list[str]:
    """The structure types in reading order ("/H1", "/P", "/Table", ...)."""
    with pikepdf.open(path) as pdf:
        return [str(e.S) for _, e in _elements(pdf.Root.StructTreeRoot.K)]


def assert_accessible(path: Path, *, tables: bool = False) -> list[str]:
    """Fail unless ``path`` passes the machine checks above; returns its structure types."""
    report = validate(str(path))
    errors = [f"{f.rule_id}: {f.message}" for f in report.findings if f.severity is Severity.ERROR]
    assert not errors, f"{path.name}: {errors}"
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.get("/MarkInfo", {}).get("/Marked") is True, "not marked as tagged"
        assert str(root.get("/Lang", "")) == "en-GB"
        assert root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is True
        title = str(pdf.docinfo.get("/Title", ""))
        assert title.strip(), "no title"
        with pdf.open_metadata() as xmp:
            assert xmp.get("dc:title") == title
            assert xmp.get("pdfuaid:part") == "1", "no PDF/UA identification"
        elements = list(_elements(root.StructTreeRoot.K))
        kinds = [str(e.S) for _, e in elements]
        levels = [int(m[1]) for k in kinds if (m := HEADING.match(k))]
        assert levels and levels[0] == 1, f"{path.name}: the first heading is not a level 1 heading"
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), f"headings skip: {levels}"
        assert "/P" in kinds
        for _, element in elements:
            if element.S == "/Figure":
                assert str(element.get("/Alt", "")).strip(), "a figure without alternative text"
        if tables:
            assert "/Table" in kinds and "/TH" in kinds and "/TD" in kinds, "no table with header cells"
        for font in _fonts(pdf):
            if font.get("/Subtype") in ("/Type0", "/Type3"):
                continue  # a composite font: its descendant carries the font file
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ), f"font {font.get('/BaseFont')} is not embedded"
        for page in pdf.pages:
            if page.obj.get("/Annots"):
                assert page.obj.get("/Tabs") == "/S", "a page with links does not tab in structure order"
    return kinds
