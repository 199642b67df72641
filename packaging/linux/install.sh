#!/bin/sh
# Install PanelReview from this unpacked bundle, with its menu entry, icons and file types.
#
#   ./install.sh            for you only: ~/.local/opt/PanelReview, no administrator rights needed
#   sudo ./install.sh --system   for everyone on this computer: /opt/PanelReview
#
# Afterwards PanelReview is in the applications menu, `panelreview` starts it from a terminal, and
# double-clicking a review (.pcpr) or pack (.pcpack) file opens it. ./uninstall.sh (same option)
# removes all of this again and leaves your review files alone.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/locations.sh"

if [ ! -x "$HERE/panelreview" ] || [ ! -d "$HERE/_internal" ]; then
  echo "install.sh: run me from the unpacked PanelReview folder (panelreview and _internal/ beside me)." >&2
  exit 1
fi

# 1. The application folder (replacing an earlier PanelReview there, never anything else).
if [ "$HERE" != "$APP_DIR" ]; then
  if [ -e "$APP_DIR" ] && [ ! -f "$APP_DIR/$MARKER" ]; then
    echo "install.sh: $APP_DIR exists and is not a PanelReview installation; not touching it." >&2
    exit 1
  fi
  rm -rf "$APP_DIR"
  mkdir -p "$APP_DIR"
  cp -R "$HERE/." "$APP_DIR/"
fi
touch "$APP_DIR/$MARKER"

# 2. The command, the menu entry, the file types and the icons.
mkdir -p "$BIN_DIR" "$SHARE_DIR/applications" "$SHARE_DIR/mime/packages"
ln -sf "$APP_DIR/panelreview" "$BIN_DIR/panelreview"
sed "s|^Exec=panelreview |Exec=\"$APP_DIR/panelreview\" |" "$APP_DIR/panelreview.desktop" \
  > "$SHARE_DIR/applications/panelreview.desktop"
cp "$APP_DIR/panelreview-mime.xml" "$SHARE_DIR/mime/packages/panelreview-mime.xml"
ICONS="$APP_DIR/_internal/panelreview/_resources/icons"
for size in $ICON_SIZES; do
  target="$SHARE_DIR/icons/hicolor/${size}x${size}"
  mkdir -p "$target/apps" "$target/mimetypes"
  cp "$ICONS/panelreview-$size.png" "$target/apps/panelreview.png"
  for type in $MIME_ICONS; do
    cp "$ICONS/$type-$size.png" "$target/mimetypes/$type.png"
  done
done
mkdir -p "$SHARE_DIR/icons/hicolor/scalable/apps" "$SHARE_DIR/icons/hicolor/scalable/mimetypes"
cp "$ICONS/panelreview.svg" "$SHARE_DIR/icons/hicolor/scalable/apps/panelreview.svg"
for type in $MIME_ICONS; do
  cp "$ICONS/$type.svg" "$SHARE_DIR/icons/hicolor/scalable/mimetypes/$type.svg"
done

# 3. Tell the desktop (each tool is optional: a desktop without it rescans by itself).
refresh_desktop_caches

echo "PanelReview is installed in $APP_DIR."
echo "Start it from your applications menu, or with: $BIN_DIR/panelreview"
case ":$PATH:" in
  *":$BIN_DIR:"*) ;;
  *) echo "($BIN_DIR is not on your PATH; the menu entry works regardless.)" ;;
esac
