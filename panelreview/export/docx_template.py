"""The Word template a report is written into: the clerk's own, or PanelReview's default.

A clerk's template (.docx or .dotx) brings the council's styles, letterhead, logo, header and
footer. Its body is replaced by the report, unless it holds a paragraph that reads ``{{report}}``:
then the report goes there and the rest of the body (a cover block, say) is kept. Styles the report
needs and the template lacks are added, based on the template's own Normal style.

The default template is built in code here rather than shipped as a binary .docx: it stays in step
with the styles the writer uses, its look is reviewed in diffs, and a clerk who wants to start from
it writes a copy with ``panelreview export --save-template FILE``.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from panelreview.core.errors import DocumentError
from panelreview.export.blocks import Style
from panelreview.export.errors import ExportError

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MARKER = "{{report}}"
LANGUAGE = "en-GB"
FONT = "Arial"
TEXT_COLOUR = "1A1A1A"
HEADING_COLOUR = "1F3864"  # dark blue: 11:1 contrast on white

TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
class Look:
    """How a style looks in the default template (and when a clerk's template lacks it)."""

    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    colour: str | None = None
    before: float | None = None  # points
    after: float | None = None
    indent: float | None = None  # cm
    hanging: float | None = None  # cm
    keep_next: bool = False
    outline: int | None = None  # 0 = Heading 1
    base: str = "Normal"


# Word style names for each paragraph role; a clerk's template may restyle any of them.
STYLE_NAMES: dict[Style, str] = {
    Style.TITLE: "Title",
    Style.SUBTITLE: "Subtitle",
    Style.BODY: "Normal",
    Style.NUMBERED: "Numbered Paragraph",
    Style.DETAILS: "Report Details",
    Style.RECOMMENDATION: "Recommendation",
    Style.REFERENCE: "Plan Reference",
    Style.QUOTE: "Quote",
    Style.ITEM: "Comment Heading",
    Style.COMMENT: "Member Comment",
    Style.REPLY: "Comment Reply",
    Style.NOTICE: "Export Notice",
    Style.ADDRESS: "Letter Address",
    Style.ADDRESSEE: "Letter Addressee",
    Style.SALUTATION: "Salutation",
    Style.SIGNATURE: "Signature Block",
    Style.SIGNATORY: "Signatory",
    Style.TABLE_TEXT: "Table Text",
    Style.TABLE_HEADING: "Table Heading",
}
HEADING_NAMES = ("Heading 1", "Heading 2", "Heading 3")

LOOKS: dict[str, Look] = {
    "Normal": Look(size=11, colour=TEXT_COLOUR, after=8),
    "Title": Look(size=20, bold=True, colour=HEADING_COLOUR, after=12, keep_next=True),
    "Subtitle": Look(size=14, italic=False, colour=HEADING_COLOUR, after=12, keep_next=True),
    "Heading 1": Look(
        size=15, bold=True, colour=HEADING_COLOUR, before=18, after=6, keep_next=True, outline=0
    ),
    "Heading 2": Look(
        size=13, bold=True, colour=HEADING_COLOUR, before=14, after=4, keep_next=True, outline=1
    ),
    "Heading 3": Look(
        size=11.5, bold=True, colour=HEADING_COLOUR, before=10, after=3, keep_next=True, outline=2
    ),
    "Numbered Paragraph": Look(indent=1.25, hanging=1.25),
    "Report Details": Look(after=2),
    "Recommendation": Look(bold=True, after=6, keep_next=True),
    "Plan Reference": Look(size=10, colour="404040", after=4),
    "Quote": Look(italic=True, colour="333333", indent=0.75, after=8),
    "Comment Heading": Look(before=6, after=2, keep_next=True),
    "Member Comment": Look(after=4),
    "Comment Reply": Look(indent=0.75, after=4, colour="333333"),
    "Export Notice": Look(bold=True, after=12),
    "Letter Address": Look(after=2),
    "Letter Addressee": Look(before=18, after=2),
    "Salutation": Look(before=18, after=8, keep_next=True),
    "Signature Block": Look(after=2, keep_next=True),
    "Signatory": Look(before=36, after=2, keep_next=True),
    "Table Text": Look(size=10, after=3),
    "Table Heading": Look(size=10, bold=True, after=3, keep_next=True),
}


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


# -- loading ------------------------------------------------------------------------------------
def load_template(path: Path | None) -> tuple[Any, bool]:
    """The document to write into and whether it is PanelReview's default template."""
    import docx

    if path is None:
        return build_default(), True
    data = _read_template(Path(path))
    try:
        document = docx.Document(BytesIO(data))
    except Exception:
        raise _not_word(Path(path)) from None
    return document, False


def _not_word(path: Path) -> ExportError:
    return ExportError(
        f"The template “{path.name}” is not a Word document (.docx or .dotx), or it is damaged. "
        "Open it in Word, save it as a Word Document or Word Template, and try again."
    )


def _read_template(path: Path) -> bytes:
    from panelreview.ingest.docx_safety import check_package

    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise ExportError(f"The template “{path.name}” is far larger than a report template can be.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExportError(f"There is no template “{path}”. Check the name and folder.") from None
    except IsADirectoryError:
        raise ExportError(f"“{path.name}” is a folder, not a Word template.") from None
    except OSError as exc:
        raise ExportError(f"The template “{path.name}” could not be read ({exc.strerror or exc}).") from None
    if data.startswith(OLE2_MAGIC):
        raise ExportError(
            f"The template “{path.name}” is an old-style Word file (.doc or .dot). Open it in Word, save it "
            "as a Word Document (.docx) or Word Template (.dotx), and try again."
        )
    if not data.startswith(b"PK"):
        raise _not_word(path)
    data = _as_document(data, path)
    try:
        check_package(data, path.name)
    except DocumentError as err:
        raise ExportError(f"The template cannot be used: {err}") from None
    return data


def _as_document(data: bytes, path: Path) -> bytes:
    """A Word template (.dotx) repackaged as a document, which is all python-docx opens."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml")
            if TEMPLATE_TYPE not in types:
                return data
            out = BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in archive.infolist():
                    part = archive.read(info)
                    if info.filename == "[Content_Types].xml":
                        part = part.replace(TEMPLATE_TYPE, DOCUMENT_TYPE)
                    copy.writestr(info, part)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, NotImplementedError):
        raise _not_word(path) from None


# -- styles -------------------------------------------------------------------------------------
def _set_fonts(rpr: Any, font: str) -> None:
    fonts = rpr.find(_w("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(_w("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(_w(attr), font)


def apply_look(style: Any, look: Look) -> None:
    """Give a python-docx paragraph style the look ``look`` describes."""
    from docx.shared import Cm, Pt, RGBColor

    font = style.font
    if look.size is not None:
        font.size = Pt(look.size)
    if look.bold is not None:
        font.bold = look.bold
    if look.italic is not None:
        font.italic = look.italic
    if look.colour is not None:
        font.color.rgb = RGBColor.from_string(look.colour)
    fmt = style.paragraph_format
    if look.before is not None:
        fmt.space_before = Pt(look.before)
    if look.after is not None:
        fmt.space_after = Pt(look.after)
    if look.indent is not None:
        fmt.left_indent = Cm(look.indent)
    if look.hanging is not None:
        fmt.first_line_indent = Cm(-look.hanging)
    if look.keep_next:
        fmt.keep_with_next = True
    if look.outline is not None:
        ppr = style.element.get_or_add_pPr()
        level = ppr.find(_w("w:outlineLvl"))
        if level is None:
            level = ppr.makeelement(_w("w:outlineLvl"), {})
            ppr.append(level)
        level.set(_w("w:val"), str(look.outline))


def ensure_styles(document: Any) -> dict[str, str]:
    """Style ids for every style the report uses, adding the ones the template lacks."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    by_name = {s.name: s for s in styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    ids: dict[str, str] = {}
    for name in (*STYLE_NAMES.values(), *HEADING_NAMES):
        style = by_name.get(name)
        if style is None:
            builtin = name in ("Title", "Subtitle", "Quote", *HEADING_NAMES)
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=builtin)
            look = LOOKS.get(name, Look())
            base = by_name.get(look.base)
            if base is not None and name != "Normal":
                style.base_style = base
            style.quick_style = True
            apply_look(style, look)
            by_name[name] = style
        ids[name] = style.style_id
    tables = {s.name: s for s in styles if s.type == WD_STYLE_TYPE.TABLE}
    grid = tables.get("Table Grid")
    ids["Table Grid"] = grid.style_id if grid is not None else ""
    return ids


def set_language(document: Any, language: str = LANGUAGE) -> None:
    """The document's language, in its default run properties and its core properties."""
    styles = document.styles.element
    defaults = styles.find(_w("w:docDefaults"))
    if defaults is None:
        defaults = styles.makeelement(_w("w:docDefaults"), {})
        styles.insert(0, defaults)
    rpr_default = defaults.find(_w("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = defaults.makeelement(_w("w:rPrDefault"), {})
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_w("w:rPr"))
    if rpr is None:
        rpr = rpr_default.makeelement(_w("w:rPr"), {})
        rpr_default.append(rpr)
    lang = rpr.find(_w("w:lang"))
    if lang is None:
        lang = rpr.makeelement(_w("w:lang"), {})
        rpr.append(lang)
    lang.set(_w("w:val"), language)
    document.core_properties.language = language


# -- the default template -----------------------------------------------------------------------
def build_default() -> Any:
    """PanelReview's default report template: A4, Arial, clear heading hierarchy, page numbers."""
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    section.header_distance, section.footer_distance = Cm(1.1), Cm(1.1)
    defaults = document.styles.element.find(_w("w:docDefaults"))
    rpr = defaults.find(_w("w:rPrDefault")).find(_w("w:rPr"))
    _set_fonts(rpr, FONT)
    ppr = defaults.find(_w("w:pPrDefault")).find(_w("w:pPr"))
    spacing = ppr.find(_w("w:spacing"))
    spacing.set(_w("w:after"), "160")
    spacing.set(_w("w:line"), "264")  # 1.1 lines
    ensure_styles(document)
    for name, look in LOOKS.items():
        style = document.styles[name]
        _set_fonts(style.element.get_or_add_rPr(), FONT)
        apply_look(style, look)
        _drop_borders(style)
    for name in ("Header", "Footer"):
        document.styles[name].font.size = Pt(9)
        document.styles[name].font.color.rgb = docx.shared.RGBColor.from_string("404040")
    set_language(document)
    _page_numbers(section.footer.paragraphs[0])
    document.core_properties.author = ""
    document.core_properties.comments = ""
    return document


def _drop_borders(style: Any) -> None:
    """The stock Title style has a coloured rule under it; the default template does without."""
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(_w("w:pBdr")):
            ppr.remove(border)


def _page_numbers(paragraph: Any) -> None:
    """ "Page N of M" with PAGE and NUMPAGES fields, centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "1")


def _field(paragraph: Any, code: str, shown: str) -> None:
    run = paragraph.add_run()
    begin = run._r.makeelement(_w("w:fldChar"), {_w("w:fldCharType"): "begin"})
    run._r.append(begin)
    run = paragraph.add_run()
    instr = run._r.makeelement(_w("w:instrText"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    instr.text = f" {code} "
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(run._r.makeelement(_w("w:fldChar"), {_w("w:fldCharType"): "separate"}))
    paragraph.add_run(shown)
    run = paragraph.add_run()
    run._r.append(run._r.makeelement(_w("w:fldChar"), {_w("w:fldCharType"): "end"}))


def running_header(document: Any, text: str) -> None:
    """The default template's page header: the panel's name, right-aligned."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run(text)


_SPACE = re.compile(r"\s+")


def find_marker(body: Any) -> Any | None:
    """The template paragraph reading ``{{report}}`` where the report goes, if there is one."""
    for p in body.iterchildren(_w("w:p")):
        text = "".join(t.text or "" for t in p.iter(_w("w:t")))
        if _SPACE.sub("", text).lower() == MARKER:
            return p
    return None


def save_template(out: Path) -> Path:
    """Write the default template for a clerk to adapt: the report goes where ``{{report}}`` is."""
    from panelreview.export.atomic import write_bytes_atomically

    document = build_default()
    body = document.element.body
    for child in list(body):
        if child.tag != _w("w:sectPr"):
            body.remove(child)
    document.add_paragraph(MARKER)
    document.core_properties.title = "Report template"
    buffer = BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if out.suffix.lower() == ".dotx":
        source = zipfile.ZipFile(BytesIO(data))
        copy_buffer = BytesIO()
        with source, zipfile.ZipFile(copy_buffer, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in source.infolist():
                part = source.read(info)
                if info.filename == "[Content_Types].xml":
                    part = part.replace(DOCUMENT_TYPE, TEMPLATE_TYPE)
                copy.writestr(info, part)
        data = copy_buffer.getvalue()
    return write_bytes_atomically(out, data)
