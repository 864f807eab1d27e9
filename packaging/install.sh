#!/bin/sh
# Install ZoneDesk (开发区新闻编辑台) for the current user, no root needed.
#
#   sh install.sh [ZoneDesk-linux-x86_64.tar.gz]     install or update from the tarball
#   sh ZoneDesk/install.sh                          the same from an extracted folder
#   sh install.sh --uninstall                       remove the program (archives are kept)
#
# Puts the program in ~/.local/opt/ZoneDesk, a menu entry in
# ~/.local/share/applications/zonedesk.desktop, the icon in
# ~/.local/share/icons/hicolor/scalable/apps/zonedesk.svg and a `zonedesk` command in
# ~/.local/bin. Without an argument: the tarball next to this script, else the folder this
# script is in (when it is the extracted ZoneDesk folder).
# PREFIX=/some/folder changes ~/.local (e.g. for a test).
set -eu

PREFIX=${PREFIX:-"$HOME/.local"}
DATA=${XDG_DATA_HOME:-"$PREFIX/share"}
TARGET="$PREFIX/opt/ZoneDesk"
DESKTOP="$DATA/applications/zonedesk.desktop"
ICON="$DATA/icons/hicolor/scalable/apps/zonedesk.svg"
LINK="$PREFIX/bin/zonedesk"
HERE=$(cd "$(dirname "$0")" && pwd)

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$DATA/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$TARGET"
    rm -f "$DESKTOP" "$ICON"
    if [ -L "$LINK" ]; then rm -f "$LINK"; fi
    refresh_menus
    say "ZoneDesk removed. Your archives and settings are kept:"
    say "  ${XDG_DATA_HOME:-$HOME/.local/share}/ZoneDesk (archives), ${XDG_CONFIG_HOME:-$HOME/.config}/ZoneDesk (settings)"
    exit 0
fi

SOURCE=${1:-}
if [ -z "$SOURCE" ]; then
    for candidate in "$HERE"/ZoneDesk-*.tar.gz; do
        [ -e "$candidate" ] && SOURCE=$candidate && break
    done
fi
if [ -z "$SOURCE" ] && [ -x "$HERE/ZoneDesk" ] && [ -d "$HERE/_internal" ]; then
    SOURCE=$HERE
fi
[ -n "$SOURCE" ] || die "give the tarball: sh install.sh ZoneDesk-linux-x86_64.tar.gz"
[ -e "$SOURCE" ] || die "no such file: $SOURCE"
SOURCE=$(cd "$(dirname "$SOURCE")" && pwd)/$(basename "$SOURCE")
[ "$SOURCE" != "$TARGET" ] || die "$SOURCE is already the installed copy"

mkdir -p "$PREFIX/opt" "$DATA/applications" "$(dirname "$ICON")" "$PREFIX/bin"
NEW="$TARGET.new.$$"
rm -rf "$NEW"
mkdir -p "$NEW"
trap 'rm -rf "$NEW"' EXIT
if [ -d "$SOURCE" ]; then
    say "Copying $SOURCE ..."
    cp -a "$SOURCE/." "$NEW/" || die "cannot copy $SOURCE"
else
    say "Extracting $SOURCE ..."
    tar -xzf "$SOURCE" -C "$NEW" --strip-components=1 || die "cannot extract $SOURCE"
fi
[ -x "$NEW/ZoneDesk" ] || die "$SOURCE does not hold ZoneDesk/ZoneDesk"

# Swap the folders only once the new one is whole (a running ZoneDesk keeps its open files).
if [ -e "$TARGET" ]; then
    rm -rf "$TARGET.old"
    mv "$TARGET" "$TARGET.old"
fi
mv "$NEW" "$TARGET"
rm -rf "$TARGET.old"
trap - EXIT

sed "s|@EXEC@|\"$TARGET/ZoneDesk\"|" "$TARGET/share/zonedesk.desktop" > "$DESKTOP"
chmod 644 "$DESKTOP"
cp "$TARGET/share/zonedesk.svg" "$ICON"
if [ ! -e "$LINK" ] || [ -L "$LINK" ]; then
    ln -sfn "$TARGET/ZoneDesk" "$LINK"
fi
refresh_menus

say "ZoneDesk is installed in $TARGET"
say "  menu entry: $DESKTOP (Office > ZoneDesk / 开发区新闻编辑台)"
say "  command:    $LINK   (e.g. zonedesk --help; ~/.local/bin must be on PATH)"
