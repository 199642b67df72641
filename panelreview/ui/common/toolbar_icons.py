"""Small line icons for the toolbar (undo, redo, zoom, fit width), drawn in code.

The desktop's own icon theme is used where it has them (most Linux desktops); elsewhere (Windows,
macOS) these are drawn in the palette's text colour at 1×, 2× and 3×, so they are sharp on high-DPI
screens and readable in light and dark themes. With icons the toolbar fits a small laptop screen;
each button keeps its action's name for tooltips and screen readers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPainterPath, QPalette, QPen

from panelreview.ui.common.labels import sharp_icon

SIZE = 20
Draw = Callable[[QPainter], None]


def _drawn(draw: Draw) -> QIcon:
    app = QGuiApplication.instance()
    palette = app.palette() if isinstance(app, QGuiApplication) else QPalette()
    pen = QPen(palette.color(QPalette.ColorRole.WindowText), 1.8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)

    def draw_with_pen(painter: QPainter) -> None:
        painter.setPen(pen)
        draw(painter)

    return sharp_icon(SIZE, draw_with_pen)


def _themed(name: str, draw: Draw) -> QIcon:
    return QIcon.fromTheme(name) if QIcon.hasThemeIcon(name) else _drawn(draw)


def _lens(painter: QPainter, plus: bool) -> None:
    painter.drawEllipse(QPointF(8.5, 8.5), 5.5, 5.5)
    painter.drawLine(QPointF(12.6, 12.6), QPointF(17.5, 17.5))
    painter.drawLine(QPointF(6, 8.5), QPointF(11, 8.5))
    if plus:
        painter.drawLine(QPointF(8.5, 6), QPointF(8.5, 11))


def _fit_width(painter: QPainter) -> None:
    painter.drawLine(QPointF(2, 5), QPointF(2, 15))
    painter.drawLine(QPointF(18, 5), QPointF(18, 15))
    painter.drawLine(QPointF(5, 10), QPointF(15, 10))
    for tip, back in ((5.0, 8.0), (15.0, 12.0)):
        painter.drawLine(QPointF(tip, 10), QPointF(back, 7.5))
        painter.drawLine(QPointF(tip, 10), QPointF(back, 12.5))


def _turn_back(painter: QPainter) -> None:
    """An arrow going left, then round and down: undo (mirrored, redo)."""
    path = QPainterPath(QPointF(4, 8))
    path.lineTo(12, 8)
    path.arcTo(QRectF(8.5, 8, 8, 8), 90, -180)
    path.lineTo(8, 16)
    painter.drawPath(path)
    painter.drawLine(QPointF(4, 8), QPointF(7.5, 4.5))
    painter.drawLine(QPointF(4, 8), QPointF(7.5, 11.5))


def _mirrored(draw: Draw) -> Draw:
    def mirrored(painter: QPainter) -> None:
        painter.translate(SIZE, 0)
        painter.scale(-1, 1)
        draw(painter)

    return mirrored


def undo_icon() -> QIcon:
    return _themed("edit-undo", _turn_back)


def redo_icon() -> QIcon:
    return _themed("edit-redo", _mirrored(_turn_back))


def zoom_in_icon() -> QIcon:
    return _themed("zoom-in", lambda painter: _lens(painter, plus=True))


def zoom_out_icon() -> QIcon:
    return _themed("zoom-out", lambda painter: _lens(painter, plus=False))


def fit_width_icon() -> QIcon:
    return _themed("zoom-fit-width", _fit_width)
