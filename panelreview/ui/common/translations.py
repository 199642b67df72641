"""Loading the member's language: PanelReview's own translation and Qt's, at start-up.

Translators work on ``resources/translations/panelreview_<language>.ts`` (``scripts/update-translations``
gathers the strings; ``--release`` compiles the ``.qm`` files loaded here). English needs no file.

``pyside6-lupdate`` files a string under the class whose ``self.tr`` it sees; a string translated
through a helper (a module's ``tr()``, or ``tr = self.tr``) it files under no class at all, while at
run time Qt asks with the helper's own context. :class:`ContextFallbackTranslator` answers such a
request from the unnamed context too, so every string lupdate found is found again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from panelreview.resources import translations_dir

TRANSLATION_NAME = "panelreview"  # panelreview_<language>.qm
log = logging.getLogger(__name__)


class ContextFallbackTranslator(QTranslator):
    """A translator that also looks a string up where lupdate files helper calls (no context)."""

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        found = super().translate(context, source_text, disambiguation, n)
        if not found and context:
            found = super().translate("", source_text, disambiguation, n)
        return found or ""


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load PanelReview's translation for ``locale`` (the system's by default), for example
    ``panelreview_cy.qm`` for Welsh, and Qt's own for its standard buttons and dialogs where it
    ships one. Returns the translators installed (they belong to ``app``)."""
    wanted = locale if locale is not None else QLocale.system()
    ours = translations_dir()
    candidates: list[tuple[QTranslator, str, str]] = [
        (QTranslator(app), "qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    if ours is not None:
        candidates.append((ContextFallbackTranslator(app), TRANSLATION_NAME, str(ours)))
    installed: list[QTranslator] = []
    for translator, name, folder in candidates:
        if folder and translator.load(wanted, name, "_", folder) and not translator.isEmpty():
            app.installTranslator(translator)
            installed.append(translator)
            log.info("Translation loaded: %s", translator.filePath())
        else:
            translator.deleteLater()
    return installed
