"""How review values are named on screen (visibility, panel status), translatable, in one place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QLocale, QObject, QRectF, Qt, QTime
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QComboBox, QFrame, QScrollArea, QSplitter, QWidget

from panelreview.core.review import Kind, PanelStatus, Visibility
from panelreview.ui.common.kind_style import kind_colour, kind_label, kind_mark, recommendation_colour


def tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def visibility_label(visibility: Visibility) -> str:
    return {
        Visibility.PRIVATE: tr("Private working note"),
        Visibility.PANEL: tr("Shared with the panel"),
        Visibility.REPORT: tr("Proposed for the published report"),
    }[visibility]


def visibility_short(visibility: Visibility) -> str:
    return {
        Visibility.PRIVATE: tr("Private"),
        Visibility.PANEL: tr("Panel"),
        Visibility.REPORT: tr("Report"),
    }[visibility]


def visibility_help() -> str:
    return tr(
        "Private notes never leave your review. Notes shared with the panel go to the clerk. "
        "Notes proposed for the report may be published."
    )


def panel_status_label(status: PanelStatus) -> str:
    return {
        PanelStatus.DRAFT: tr("Draft"),
        PanelStatus.PROPOSED: tr("Proposed to the panel"),
        PanelStatus.AGREED: tr("Agreed by the panel"),
        PanelStatus.AMENDED: tr("Agreed with changes"),
        PanelStatus.WITHDRAWN: tr("Withdrawn"),
    }[status]


def fill_kinds(combo: QComboBox) -> None:
    for kind in Kind:
        combo.addItem(kind_label(kind), kind.value)


def fill_visibilities(combo: QComboBox) -> None:
    for visibility in Visibility:
        combo.addItem(visibility_label(visibility), visibility.value)
    combo.setToolTip(visibility_help())


def shrinkable(combo: QComboBox, letters: int = 10) -> QComboBox:
    """Let a panel's combo box be narrower than its longest choice (which it then elides), so the
    panel, and the window, can be narrow on a small screen."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    return combo


class FittingScrollArea(QScrollArea):
    """Shows its widget at the viewport's size, scrolling only when that is below the widget's
    minimum. (A resizable QScrollArea gives a widget with a word-wrapped label its preferred
    height, so a panel's editor would scroll even with room to spare.)"""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidget(widget)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside, which it scrolls to
        widget.installEventFilter(self)

    def fit(self) -> None:
        widget = self.widget()
        if widget is None:
            return
        width = self.viewport().width()
        layout = widget.layout()
        if layout is not None and layout.hasHeightForWidth():
            least = layout.minimumHeightForWidth(width)
        else:
            least = widget.minimumSizeHint().height()
        widget.resize(width, max(self.viewport().height(), least))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().eventFilter(watched, event)


def vertical_splitter(*parts: tuple[QWidget, int]) -> QSplitter:
    """``parts`` (widget, stretch) above one another, none of them collapsible."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    for index, (widget, stretch) in enumerate(parts):
        splitter.addWidget(widget)
        splitter.setStretchFactor(index, stretch)
    splitter.setChildrenCollapsible(False)
    return splitter


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: on a small screen a panel's editor scrolls rather
    than making the window taller than the screen."""
    return FittingScrollArea(widget)


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def count_text(n: int, one: str, many: str) -> str:
    """ "1 reply" or "3 replies": ``one`` and ``many`` are already translated, ``many`` has {n}."""
    return one if n == 1 else many.format(n=n)


def local_time(timestamp: str) -> str:
    """A stored UTC time ("2026-11-23T07:34:40.265431Z") as local time, "23 Nov 2026, 07:34"."""
    try:
        moment = datetime.strptime(timestamp[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return timestamp
    local = moment.astimezone()
    shown = QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )
    return QLocale().toString(shown, "d MMM yyyy, HH:mm")  # month names in the member's language


def shorten(text: str, limit: int = 90) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def swatch_icon(colour: QColor, mark: str, size: int = 18) -> QIcon:
    """A coloured square with a one-letter mark: colour is never the only cue. Drawn for ordinary
    and high-DPI screens alike, so it is sharp on both."""

    def draw(painter: QPainter) -> None:
        painter.setBrush(colour)
        painter.setPen(QColor(0, 0, 0, 90))
        painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(int(size * 0.7))
        painter.setFont(font)
        dark_text = colour.lightness() > 110
        painter.setPen(QColor(Qt.GlobalColor.black) if dark_text else QColor(Qt.GlobalColor.white))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, mark)

    return sharp_icon(size, draw)


def sharp_icon(size: int, draw: Callable[[QPainter], None]) -> QIcon:
    """An icon ``size`` pixels square, drawn by ``draw`` (antialiased, in ``size`` units) at 1×, 2×
    and 3×, so it is sharp on ordinary and high-DPI screens alike."""
    icon = QIcon()
    for ratio in (1, 2, 3):
        pixmap = QPixmap(size * ratio, size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def kind_icon(kind: Kind | None) -> QIcon:
    """The icon of a kind of note; None for a recommendation."""
    if kind is None:
        return swatch_icon(recommendation_colour(), "R")
    return swatch_icon(kind_colour(kind), kind_mark(kind))
