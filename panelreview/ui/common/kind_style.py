"""How each kind of note looks and is named on screen, in one place.

Colour never carries meaning alone: every kind also has a name and a one-letter mark drawn beside
it, so a member who cannot tell the colours apart still sees which is which.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from panelreview.core.review import Kind

# (light palette, dark palette) fills, chosen to stay readable under black or white text.
_COLOURS: dict[Kind, tuple[str, str]] = {
    Kind.HIGHLIGHT: ("#fff176", "#8a7d00"),
    Kind.COMMENT: ("#90caf9", "#1e5a8c"),
    Kind.QUESTION: ("#ce93d8", "#6a2c78"),
    Kind.CONCERN: ("#ffab91", "#8c3518"),
    Kind.SUPPORT: ("#a5d6a7", "#2e6b31"),
}
RECOMMENDATION_COLOUR = ("#ffcc80", "#8a5a00")

_MARKS: dict[Kind, str] = {
    Kind.HIGHLIGHT: "H",
    Kind.COMMENT: "C",
    Kind.QUESTION: "?",
    Kind.CONCERN: "!",
    Kind.SUPPORT: "+",
}


def is_dark() -> bool:
    """Whether the system palette is dark (text lighter than the window)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    palette = app.palette()
    return (
        palette.color(QPalette.ColorRole.WindowText).lightness()
        > palette.color(QPalette.ColorRole.Window).lightness()
    )


def kind_colour(kind: Kind, alpha: int = 255) -> QColor:
    """The fill for ``kind`` in the current palette; ``alpha`` for translucent highlights."""
    light, dark = _COLOURS[kind]
    colour = QColor(dark if is_dark() else light)
    colour.setAlpha(alpha)
    return colour


def recommendation_colour(alpha: int = 255) -> QColor:
    light, dark = RECOMMENDATION_COLOUR
    colour = QColor(dark if is_dark() else light)
    colour.setAlpha(alpha)
    return colour


def kind_mark(kind: Kind) -> str:
    """A one-character mark shown beside the colour, so colour is never the only cue."""
    return _MARKS[kind]


def kind_label(kind: Kind) -> str:
    """The kind's name as shown to members ("Comment"), translatable."""
    names = {
        Kind.HIGHLIGHT: QCoreApplication.translate("kind", "Highlight"),
        Kind.COMMENT: QCoreApplication.translate("kind", "Comment"),
        Kind.QUESTION: QCoreApplication.translate("kind", "Question"),
        Kind.CONCERN: QCoreApplication.translate("kind", "Concern"),
        Kind.SUPPORT: QCoreApplication.translate("kind", "Support"),
    }
    return names[kind]


RECOMMENDATION_MARK = "R"


def recommendation_label() -> str:
    return QCoreApplication.translate("kind", "Recommendation")


def paper_colour(kind: Kind | None, alpha: int = 255) -> QColor:
    """The fill for ``kind`` (None: a recommendation) drawn on a PDF page, which is white paper in
    light and dark themes alike, so always the light palette's colour."""
    light, _ = _COLOURS[kind] if kind is not None else RECOMMENDATION_COLOUR
    colour = QColor(light)
    colour.setAlpha(alpha)
    return colour
