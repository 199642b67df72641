# Where install.sh puts PanelReview and uninstall.sh removes it from; sourced by both.
# "$1" is empty (this user) or --system (everyone; needs root).
# shellcheck shell=sh

MARKER=.panelreview-installation
ICON_SIZES="16 24 32 48 64 128 256 512"
MIME_ICONS="application-x-panelreview-review application-x-panelreview-pack"

case "${1:-}" in
  "")
    APP_DIR="$HOME/.local/opt/PanelReview"
    BIN_DIR="$HOME/.local/bin"
    SHARE_DIR="${XDG_DATA_HOME:-$HOME/.local/share}"
    ;;
  --system)
    if [ "$(id -u)" -ne 0 ]; then
      echo "$(basename "$0"): --system changes the whole computer; run it with sudo." >&2
      exit 1
    fi
    APP_DIR=/opt/PanelReview
    BIN_DIR=/usr/local/bin
    SHARE_DIR=/usr/local/share
    ;;
  -h | --help)
    sed -n '2,12p' "$0"
    exit 0
    ;;
  *)
    echo "$(basename "$0"): unknown option $1 (use --system, or nothing)" >&2
    exit 2
    ;;
esac

refresh_desktop_caches() {
  if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$SHARE_DIR/mime" >/dev/null 2>&1 || true
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$SHARE_DIR/applications" >/dev/null 2>&1 || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$SHARE_DIR/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$SHARE_DIR/icons/hicolor" >/dev/null 2>&1 || true
  fi
  if command -v xdg-desktop-menu >/dev/null 2>&1; then
    xdg-desktop-menu forceupdate >/dev/null 2>&1 || true
  fi
}
