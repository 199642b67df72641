"""How review values are named on screen (visibility, panel status), translatable, in one place."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox

from panelreview.core.review import Kind, PanelStatus, Visibility
from panelreview.ui.kind_style import kind_colour, kind_label, kind_mark, recommendation_colour


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def visibility_label(visibility: Visibility) -> str:
    return {
        Visibility.PRIVATE: _t("Private working note"),
        Visibility.PANEL: _t("Shared with the panel"),
        Visibility.REPORT: _t("Proposed for the published report"),
    }[visibility]


def visibility_short(visibility: Visibility) -> str:
    return {
        Visibility.PRIVATE: _t("Private"),
        Visibility.PANEL: _t("Panel"),
        Visibility.REPORT: _t("Report"),
    }[visibility]


def visibility_help() -> str:
    return _t(
        "Private notes never leave your review. Notes shared with the panel go to the clerk. "
        "Notes proposed for the report may be published."
    )


def panel_status_label(status: PanelStatus) -> str:
    return {
        PanelStatus.DRAFT: _t("Draft"),
        PanelStatus.PROPOSED: _t("Proposed to the panel"),
        PanelStatus.AGREED: _t("Agreed by the panel"),
        PanelStatus.AMENDED: _t("Agreed with changes"),
        PanelStatus.WITHDRAWN: _t("Withdrawn"),
    }[status]


def fill_kinds(combo: QComboBox) -> None:
    for kind in Kind:
        combo.addItem(kind_label(kind), kind.value)


def fill_visibilities(combo: QComboBox) -> None:
    for visibility in Visibility:
        combo.addItem(visibility_label(visibility), visibility.value)
    combo.setToolTip(visibility_help())


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
    return f"{local.day} {local.strftime('%b %Y, %H:%M')}"


def shorten(text: str, limit: int = 90) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def swatch_icon(colour: QColor, mark: str, size: int = 18) -> QIcon:
    """A coloured square with a one-letter mark: colour is never the only cue."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(QColor(0, 0, 0, 90))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(int(size * 0.7))
    painter.setFont(font)
    painter.setPen(QColor(Qt.GlobalColor.black) if colour.lightness() > 110 else QColor(Qt.GlobalColor.white))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, mark)
    painter.end()
    return QIcon(pixmap)


def kind_icon(kind: Kind | None) -> QIcon:
    """The icon of a kind of note; None for a recommendation."""
    if kind is None:
        return swatch_icon(recommendation_colour(), "R")
    return swatch_icon(kind_colour(kind), kind_mark(kind))
