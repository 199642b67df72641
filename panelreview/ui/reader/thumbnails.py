"""The Pages panel's list: one row per page of a PDF draft, drawn as a small picture of the page.

:class:`ThumbnailModel` holds what each row needs (the page's size, its printed label, its picture
once drawn, the notes on it) and :class:`ThumbnailDelegate` paints a row: the picture, or blank paper
of the same size until it is drawn, with the page's label underneath. Nothing here asks for a
picture: :mod:`panelreview.ui.reader.pages_panel` does, for the rows on screen only.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from panelreview.ui.reader.document_worker import PageSize
from panelreview.ui.reader.page_cache import PageCache

THUMB_WIDTH = 136  # logical pixels across a portrait page's picture
THUMB_MAX_HEIGHT = 204  # a page taller than 1.5 times its width is drawn narrower instead
PAD = 8  # around the picture, inside the row (the selection colour shows in it)
LABEL_GAP = 4  # between the picture and its label
# Thumbnails kept in memory at most; those scrolled far away are drawn again when they come back.
THUMB_BUDGET_BYTES = 48 * 1024 * 1024

Index = QModelIndex | QPersistentModelIndex


def thumb_size(size: PageSize) -> QSize:
    """The picture's size in logical pixels for a page of ``size`` points: its shape, kept."""
    width, height = size
    if width <= 0 or height <= 0:
        return QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.414))
    h = THUMB_WIDTH * height / width
    if h <= THUMB_MAX_HEIGHT:
        return QSize(THUMB_WIDTH, max(1, round(h)))
    return QSize(max(1, round(THUMB_MAX_HEIGHT * width / height)), THUMB_MAX_HEIGHT)


class ThumbnailModel(QAbstractListModel):
    """A PDF draft's pages, as rows. Row n is page n (0-based)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sizes: list[PageSize] = []
        self._labels: list[str] = []
        self._notes: dict[int, int] = {}
        self.images = PageCache(THUMB_BUDGET_BYTES)

    # ----- the pages ----------------------------------------------------------------------------
    def set_pages(self, sizes: list[PageSize], labels: list[str]) -> None:
        """Another draft's pages (or none): every picture and note mark is dropped."""
        self.beginResetModel()
        self._sizes = list(sizes)
        self._labels = list(labels)
        self._notes = {}
        self.images.clear()
        self.endResetModel()

    def set_labels(self, labels: list[str]) -> None:
        """The same pages, their labels now known (the draft has been read)."""
        if list(labels) == self._labels:
            return
        self._labels = list(labels)
        if self._sizes:
            self.dataChanged.emit(self.index(0), self.index(len(self._sizes) - 1))

    def page_count(self) -> int:
        return len(self._sizes)

    def label(self, page: int) -> str:
        """What the page calls itself ("iv", "12"), or its number where the PDF names none."""
        label = self._labels[page].strip() if 0 <= page < len(self._labels) else ""
        return label or str(page + 1)

    def thumb_size(self, page: int) -> QSize:
        return thumb_size(self._sizes[page]) if 0 <= page < len(self._sizes) else QSize(THUMB_WIDTH, 1)

    def scale_for(self, page: int, device_pixel_ratio: float) -> float:
        """Device pixels per PDF point that draw the page's picture at its thumbnail size."""
        width = self._sizes[page][0] if 0 <= page < len(self._sizes) else 0.0
        if width <= 0:
            return 0.2
        return self.thumb_size(page).width() * device_pixel_ratio / width

    # ----- the pictures -------------------------------------------------------------------------
    def image(self, page: int, scale: float) -> QImage | None:
        return self.images.get(page, scale)

    def set_image(self, page: int, scale: float, image: QImage) -> None:
        if not 0 <= page < len(self._sizes):
            return
        self.images.put(page, scale, image)
        index = self.index(page)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # ----- notes --------------------------------------------------------------------------------
    def set_note_counts(self, counts: dict[int, int]) -> None:
        """How many notes are on each page (pages not named have none)."""
        changed = {p for p in self._notes.keys() | counts.keys() if self._notes.get(p) != counts.get(p)}
        self._notes = {p: n for p, n in counts.items() if n and 0 <= p < len(self._sizes)}
        for page in changed:
            if 0 <= page < len(self._sizes):
                index = self.index(page)
                self.dataChanged.emit(index, index)

    def note_count(self, page: int) -> int:
        return self._notes.get(page, 0)

    # ----- Qt's model interface -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._sizes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        page = index.row()
        if not index.isValid() or not 0 <= page < len(self._sizes):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(page)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.describe(page)
        return None

    def describe(self, page: int) -> str:
        """The row as a sentence: "Page 6 of 17, labelled iv, 2 notes"."""
        text = self.tr("Page {n} of {count}").format(n=page + 1, count=len(self._sizes))
        label = self.label(page)
        if label != str(page + 1):
            text += self.tr(", labelled {label}").format(label=label)
        notes = self.note_count(page)
        if notes == 1:
            text += self.tr(", 1 note")
        elif notes:
            text += self.tr(", {n} notes").format(n=notes)
        return text


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints a page's picture (or blank paper of its size until drawn) and its label underneath."""

    def __init__(self, model: ThumbnailModel, device_pixel_ratio: float, parent: QWidget) -> None:
        super().__init__(parent)
        self._model = model
        self.device_pixel_ratio = device_pixel_ratio

    def _label_height(self, option: QStyleOptionViewItem) -> int:
        return QFontMetrics(option.font).height()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        thumb = self._model.thumb_size(index.row())
        return QSize(THUMB_WIDTH + 2 * PAD, thumb.height() + 2 * PAD + LABEL_GAP + self._label_height(option))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        page = index.row()
        widget = option.widget
        style = widget.style() if widget is not None else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect
        size = self._model.thumb_size(page)
        target = QRect(
            rect.left() + (rect.width() - size.width()) // 2, rect.top() + PAD, size.width(), size.height()
        )
        image = self._model.image(page, self._model.scale_for(page, self.device_pixel_ratio))
        if image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
        else:
            painter.fillRect(target, QColor("white"))
        palette = opt.palette
        painter.setPen(QPen(palette.highlight().color() if selected else palette.mid().color(), 1))
        painter.drawRect(target.adjusted(0, 0, -1, -1))
        label_rect = QRect(
            rect.left() + 2, target.bottom() + 1 + LABEL_GAP, rect.width() - 4, self._label_height(opt)
        )
        font = QFont(opt.font)
        painter.setFont(font)
        painter.setPen(palette.highlightedText().color() if selected else palette.text().color())
        label = QFontMetrics(font).elidedText(
            self._model.label(page), Qt.TextElideMode.ElideMiddle, label_rect.width()
        )
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        notes = self._model.note_count(page)
        if notes:
            self._paint_note_mark(painter, target, notes, font)
        painter.restore()

    @staticmethod
    def _paint_note_mark(painter: QPainter, target: QRect, notes: int, font: QFont) -> None:
        """A small round count in the picture's top right corner: notes on this page."""
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        small.setBold(True)
        metrics = QFontMetrics(small)
        text = str(notes) if notes < 100 else "99+"
        diameter = max(metrics.height() + 2, metrics.horizontalAdvance(text) + 8)
        badge = QRect(target.right() - diameter - 3, target.top() + 3, diameter, metrics.height() + 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#b45309"))  # amber: stands out on white paper and on blue selection
        radius = badge.height() / 2
        painter.drawRoundedRect(badge, radius, radius)
        painter.setFont(small)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
