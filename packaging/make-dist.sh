#!/usr/bin/env bash
# Build the staff bundle (what `make dist` runs): dist/ZoneDesk/ (one folder, PyInstaller onedir),
# dist/ZoneDesk-<version>-linux-<arch>.tar.gz and dist/install.sh next to it.
#
#   bash packaging/make-dist.sh        (VENV=.venv by default)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
VENV=${VENV:-.venv}
PY="$VENV/bin/python"
PYINSTALLER="$VENV/bin/pyinstaller"
DIST=dist
WORK=build/pyinstaller

die() { echo "make-dist: $*" >&2; exit 1; }

[ -x "$PYINSTALLER" ] || die "no $PYINSTALLER: pip install -e '.[dist]' (make dist does it)"
ls resources/translations/*.qm >/dev/null 2>&1 \
    || die "no compiled translations: bash .ci/bootstrap translations"

VERSION=$("$PY" -c 'import editor; print(editor.__version__)')
ARCH=$(uname -m)
NAME="ZoneDesk-$VERSION-linux-$ARCH"
started=$SECONDS

echo "== PyInstaller (packaging/zonedesk.spec) -> $DIST/ZoneDesk"
"$PYINSTALLER" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/zonedesk.spec

BUNDLE="$DIST/ZoneDesk"
[ -x "$BUNDLE/ZoneDesk" ] || die "PyInstaller made no $BUNDLE/ZoneDesk"
mkdir -p "$BUNDLE/share"
cp packaging/zonedesk.desktop "$BUNDLE/share/zonedesk.desktop"
# the menu icon: the app's logo (strokes in currentColor, black in a menu) in the portal's blue
sed -e 's/stroke="currentColor"/stroke="#1d5fa6"/' -e 's|<rect |<rect fill="#1d5fa6" |' \
    -e 's|<path |<path stroke="#ffffff" |' resources/icons/logo.svg >"$BUNDLE/share/zonedesk.svg"
cp packaging/install.sh "$BUNDLE/install.sh"
chmod +x "$BUNDLE/install.sh"
cp packaging/install.sh "$DIST/install.sh"
chmod +x "$DIST/install.sh"
cat > "$BUNDLE/README.txt" <<EOF
ZoneDesk $VERSION (开发区新闻编辑台) for Linux $ARCH

Install for yourself (no root):   sh install.sh
  -> ~/.local/opt/ZoneDesk, a menu entry (Office > 开发区新闻编辑台), a \`zonedesk\` command
Uninstall:                        sh ~/.local/opt/ZoneDesk/install.sh --uninstall
Or run it from here:              ./ZoneDesk            (the editor)
                                  ./ZoneDesk --help     (the command line tools)
EOF

echo "== $DIST/$NAME.tar.gz"
rm -f "$DIST"/ZoneDesk-*.tar.gz
tar -C "$DIST" -czf "$DIST/$NAME.tar.gz" ZoneDesk

elapsed=$((SECONDS - started))
echo "bundle:  $BUNDLE ($(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files)"
echo "tarball: $DIST/$NAME.tar.gz ($(du -h "$DIST/$NAME.tar.gz" | cut -f1))"
echo "install: sh $DIST/install.sh   (check: make dist-check)"
echo "built in ${elapsed}s"
