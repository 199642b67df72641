"""A new version of the draft in the window: carrying the review over, the Changes panel, the
outline's change marks, the section comparison and "Was it addressed?" (installed by
:func:`panelreview.ui.versions.install.install_versions_ui`)."""
