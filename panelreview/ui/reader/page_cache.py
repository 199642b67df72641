"""A least-recently-used cache of rendered pages, bounded by memory rather than by count."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QImage

DEFAULT_BUDGET_BYTES = 160 * 1024 * 1024


def scale_key(scale: float) -> int:
    """Scales compared to 1/1000: renders at 1.3333333 and 1.3333334 are the same image."""
    return round(scale * 1000)


class PageCache:
    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self.budget_bytes = budget_bytes
        self._images: OrderedDict[tuple[int, int], QImage] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._images)

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def clear(self) -> None:
        self._images.clear()
        self._bytes = 0

    def put(self, page: int, scale: float, image: QImage) -> None:
        key = (page, scale_key(scale))
        old = self._images.pop(key, None)
        if old is not None:
            self._bytes -= old.sizeInBytes()
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self.budget_bytes and len(self._images) > 1:
            _, evicted = self._images.popitem(last=False)
            self._bytes -= evicted.sizeInBytes()

    def get(self, page: int, scale: float) -> QImage | None:
        key = (page, scale_key(scale))
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def get_any(self, page: int, scale: float) -> QImage | None:
        """The exact render if cached, else the page at another zoom (drawn scaled meanwhile)."""
        exact = self.get(page, scale)
        if exact is not None:
            return exact
        for (cached_page, _), image in reversed(self._images.items()):
            if cached_page == page:
                return image
        return None
