#!/usr/bin/env bash
# Build the Linux bundle, run the bundle's own smoke test, measure it and pack it for users.
#
#   packaging/build-linux.sh            build dist/PanelReview/ and dist/PanelReview-<version>-linux-<arch>.tar.gz
#   packaging/build-linux.sh --measure  also time the start to the main window (cold start needs root)
#
# Uses the checkout's .venv, made or updated by scripts/setup-env as for ./scripts/test, so the bundle
# holds the exact versions we test (packaging/requirements-lock.txt). Takes about a minute on 2 CPUs.
# Build on the oldest Linux you support: the bundle uses that system's C library and works on newer
# ones, not older ones.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${PANELREVIEW_VENV:-$ROOT/.venv}"
DIST="$ROOT/dist"
BUNDLE="$DIST/PanelReview"
MEASURE=0
[ "${1:-}" = "--measure" ] && MEASURE=1

# The same virtual environment as ./scripts/test, with the exact versions in packaging/requirements-lock.txt
# (made or brought up to date here; PyInstaller comes from the `packaging` extra).
PANELREVIEW_EXTRAS="test,dev,packaging" source "$ROOT/scripts/setup-env"
VERSION="$("$VENV/bin/python" -c 'import panelreview; print(panelreview.__version__)')"
ARCH="$(uname -m)"

echo "== checking the committed icons are current (SVG hashes, and pixels within a few levels)"
"$VENV/bin/python" "$ROOT/packaging/icons/make_icons.py" --check

echo "== building PanelReview $VERSION for Linux ($ARCH)"
start=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/panelreview.spec"
cp "$ROOT/packaging/linux/install.sh" "$ROOT/packaging/linux/uninstall.sh" "$ROOT/packaging/linux/locations.sh" \
  "$ROOT/packaging/linux/panelreview.desktop" "$ROOT/packaging/linux/panelreview-mime.xml" "$BUNDLE/"
cp "$ROOT/LICENSE" "$BUNDLE/LICENSE.txt"
echo "built in $(( $(date +%s) - start )) s"

echo "== the bundle's own smoke test (outside the checkout, without the virtual environment)"
scratch="$(mktemp -d)"
if ! (cd "$scratch" && env -i HOME="$scratch" PATH=/usr/bin:/bin TMPDIR="$scratch" LANG=C.UTF-8 \
  "$BUNDLE/panelreview" --smoke-test); then
  echo "The bundle's smoke test FAILED; its files (log, review, settings) are in $scratch" >&2
  exit 1
fi
rm -rf "$scratch"

bytes=$(du -sb "$BUNDLE" | cut -f1)
files=$(find "$BUNDLE" -type f | wc -l)
echo "== bundle size unpacked: $(( bytes / 1024 / 1024 )) MiB ($bytes bytes, $files files; goal <= 150 MB)"

if [ "$MEASURE" = 1 ]; then
  echo "== start to window shown (first run after dropping the page cache, then warm runs)"
  "$VENV/bin/python" "$ROOT/packaging/measure_start.py" "$BUNDLE/panelreview" --runs 5 --drop-caches
fi

archive="$DIST/PanelReview-$VERSION-linux-$ARCH.tar.gz"
tar -czf "$archive" -C "$DIST" PanelReview
echo "== $archive ($(( $(stat -c %s "$archive") / 1024 / 1024 )) MiB)"
