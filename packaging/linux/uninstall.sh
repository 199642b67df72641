#!/bin/sh
# Remove PanelReview installed by install.sh (give the same option: nothing, or --system).
#
# Your work stays: review files (by default in ~/Documents/PanelReview), settings
# (~/.config/PanelReview) and the log (~/.local/share/PanelReview) are not touched.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/locations.sh"

rm -f "$SHARE_DIR/applications/panelreview.desktop" "$SHARE_DIR/mime/packages/panelreview-mime.xml"
for size in $ICON_SIZES scalable; do
  dir="$SHARE_DIR/icons/hicolor/$([ "$size" = scalable ] && echo scalable || echo "${size}x${size}")"
  rm -f "$dir/apps/panelreview.png" "$dir/apps/panelreview.svg"
  for type in $MIME_ICONS; do
    rm -f "$dir/mimetypes/$type.png" "$dir/mimetypes/$type.svg"
  done
done
if [ -L "$BIN_DIR/panelreview" ] && [ "$(readlink "$BIN_DIR/panelreview")" = "$APP_DIR/panelreview" ]; then
  rm -f "$BIN_DIR/panelreview"
fi
refresh_desktop_caches

if [ -f "$APP_DIR/$MARKER" ]; then
  # Removing the folder this script runs from is fine: the shell keeps reading it from its open file.
  rm -rf "$APP_DIR"
  echo "PanelReview has been removed from $APP_DIR."
else
  echo "PanelReview was not installed in $APP_DIR; removed its menu entry and file types if present."
fi
echo "Your review files, settings and log are kept (see README: \"Where your work is kept\")."
