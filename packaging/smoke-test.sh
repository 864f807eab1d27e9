#!/usr/bin/env bash
# Smoke test of the staff bundle, run the way a user would: from a fresh folder, with a clean
# environment, on a virtual screen.
#
#   packaging/smoke-test.sh [--move-venv] [--keep] [--no-strace] BUNDLE_DIR_OR_TARBALL
#
# 1. extracts the tarball (or copies the folder) into a new folder under /tmp;
# 2. starts Xvfb and the bundle's editor with `env -i HOME=... PATH=/usr/bin:/bin DISPLAY=...`
#    on a new archive, under strace;
# 3. writes an article with the keyboard (Ctrl+N, title, category, status 已发布, body), saves it
#    (Ctrl+S) and quits (Ctrl+Q), taking screenshots;
# 4. with the bundle's command line: `list` (the article is there, published), `export OUT` (its
#    page is there), `check` (Enchant + Hunspell + en_US from the bundle find a misspelling);
# 5. checks that nothing was opened from the source checkout (its .venv included) and that the
#    spelling provider and dictionary came from the bundle.
#
# --move-venv  moves the checkout's .venv aside for the run (restored on exit, whatever happens),
#              to prove the bundle does not need it. Do not use it while others use that .venv.
# --keep       keeps the extracted bundle (removed otherwise; screenshots and logs are kept).
# --no-strace  skips the strace part (the /proc/PID/maps check still runs).
# Needs: Xvfb, xdotool, ImageMagick's `import` (or xwd + convert); xclip for the Chinese
# title (ASCII only without it); strace.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MOVE_VENV=0
KEEP=0
STRACE=1
SOURCE=""
for arg in "$@"; do
    case "$arg" in
        --move-venv) MOVE_VENV=1 ;;
        --keep) KEEP=1 ;;
        --no-strace) STRACE=0 ;;
        -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
        -*) echo "smoke-test: unknown option $arg" >&2; exit 2 ;;
        *) SOURCE=$arg ;;
    esac
done
[ -n "$SOURCE" ] || { echo "usage: $0 [--move-venv] [--keep] [--no-strace] BUNDLE_DIR_OR_TARBALL" >&2; exit 2; }
[ -e "$SOURCE" ] || { echo "smoke-test: no such bundle: $SOURCE" >&2; exit 2; }
SOURCE=$(cd "$(dirname "$SOURCE")" && pwd)/$(basename "$SOURCE")

WORK=$(mktemp -d /tmp/zonedesk-smoke.XXXXXX)
SHOTS="$WORK/screenshots"
LOGS="$WORK/logs"
mkdir -p "$SHOTS" "$LOGS" "$WORK/home" "$WORK/app"
ARCHIVE="$WORK/archive.sqlite3"
SITE="$WORK/site"
TOKEN="zd$(date +%H%M%S)$$"
TITLE_ZH="开发区冒烟测试"
TITLE_ASCII="Smoke test $TOKEN"
XVFB_PID=""
APP_PID=""
VENV_ASIDE=""
FAILED=0
STEP=0

say() { printf '%s\n' "$*"; }
step() { STEP=$((STEP + 1)); say "[$STEP] $*"; }
fail() { say "SMOKE TEST FAILED: $*" >&2; FAILED=1; exit 1; }

cleanup() {
    local code=$?
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null
        sleep 1
        kill -9 "$APP_PID" 2>/dev/null
    fi
    if [ -n "$XVFB_PID" ] && kill -0 "$XVFB_PID" 2>/dev/null; then
        kill "$XVFB_PID" 2>/dev/null
        wait "$XVFB_PID" 2>/dev/null
    fi
    if [ -n "$VENV_ASIDE" ] && [ -e "$VENV_ASIDE" ]; then
        if [ -e "$ROOT/.venv" ]; then
            say "smoke-test: WARNING: $ROOT/.venv exists again; the moved one stays at $VENV_ASIDE" >&2
        else
            mv "$VENV_ASIDE" "$ROOT/.venv" && say "restored $ROOT/.venv"
        fi
    fi
    if [ "$KEEP" = 0 ]; then rm -rf "$WORK/app"; fi
    say "screenshots: $SHOTS"
    say "logs:        $LOGS"
    if [ "$code" = 0 ] && [ "$FAILED" = 0 ]; then say "SMOKE TEST PASSED"; fi
    exit "$code"
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is missing (apt-get install $2)"; }
need Xvfb xvfb
need xdotool xdotool
if command -v import >/dev/null 2>&1; then
    shoot() { import -window root "$SHOTS/$1.png" 2>>"$LOGS/screenshots.log" && say "    screenshot $SHOTS/$1.png"; }
elif command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
    shoot() { xwd -root -silent -display "$DISPLAY" | convert xwd:- "$SHOTS/$1.png" && say "    screenshot $SHOTS/$1.png"; }
else
    fail "no screenshot tool (apt-get install imagemagick)"
fi
if [ "$STRACE" = 1 ]; then need strace strace; fi
HAVE_XCLIP=0
command -v xclip >/dev/null 2>&1 && HAVE_XCLIP=1

# -- the bundle, in a fresh folder -----------------------------------------------------------------

step "bundle: $SOURCE -> $WORK/app"
if [ -d "$SOURCE" ]; then
    cp -a "$SOURCE" "$WORK/app/ZoneDesk" || fail "cannot copy $SOURCE"
else
    tar -xzf "$SOURCE" -C "$WORK/app" || fail "cannot extract $SOURCE"
fi
BUNDLE="$WORK/app/ZoneDesk"
EXE="$BUNDLE/ZoneDesk"
[ -x "$EXE" ] || fail "$EXE is missing or not executable"
say "    $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE"

if [ "$MOVE_VENV" = 1 ]; then
    [ -d "$ROOT/.venv" ] || fail "--move-venv: there is no $ROOT/.venv"
    VENV_ASIDE="$ROOT/.venv.smoke-test-aside.$$"
    [ -e "$VENV_ASIDE" ] && fail "$VENV_ASIDE exists"
    step "moving $ROOT/.venv aside to $VENV_ASIDE (restored on exit)"
    mv "$ROOT/.venv" "$VENV_ASIDE" || fail "cannot move .venv"
fi

# -- a virtual screen ------------------------------------------------------------------------------

step "Xvfb"
exec 9>"$WORK/display"
Xvfb -displayfd 9 -screen 0 1600x1000x24 -nolisten tcp >"$LOGS/xvfb.log" 2>&1 &
XVFB_PID=$!
exec 9>&-
for _ in $(seq 100); do [ -s "$WORK/display" ] && break; sleep 0.1; done
[ -s "$WORK/display" ] || fail "Xvfb did not start (see $LOGS/xvfb.log)"
DISPLAY=":$(tr -dc 0-9 <"$WORK/display")"
export DISPLAY
say "    DISPLAY=$DISPLAY"

CLEAN_ENV=(env -i "HOME=$WORK/home" "PATH=/usr/bin:/bin" "DISPLAY=$DISPLAY")
traced() {  # traced NAME CMD...: run CMD in the clean environment (under strace)
    local name=$1
    shift
    if [ "$STRACE" = 1 ]; then
        "${CLEAN_ENV[@]}" strace -f -qq -e trace=open,openat,execve -o "$LOGS/strace-$name.log" "$@"
    else
        "${CLEAN_ENV[@]}" "$@"
    fi
}

# -- the editor ------------------------------------------------------------------------------------

WINDOW_NAME="开发区新闻编辑台"
find_window() { xdotool search --onlyvisible --name "$WINDOW_NAME" 2>/dev/null | tail -1; }
keys() { xdotool key --clearmodifiers --delay 120 "$@"; }
paste_text() {  # through the clipboard: xdotool cannot type Chinese reliably
    printf '%s' "$1" | xclip -selection clipboard -i 2>>"$LOGS/xclip.log"
    sleep 0.3
    keys ctrl+v
}

step "starting the editor: ZoneDesk --db $ARCHIVE (clean environment, cwd $WORK)"
cd "$WORK" || fail "cannot cd to $WORK"
traced gui "$EXE" --db "$ARCHIVE" >"$LOGS/gui.log" 2>&1 &
APP_PID=$!
deadline=$((SECONDS + 120))
W=""
while [ -z "$W" ]; do
    kill -0 "$APP_PID" 2>/dev/null || fail "the editor ended at start-up (see $LOGS/gui.log)"
    [ "$SECONDS" -lt "$deadline" ] || { shoot 00-timeout; fail "no window after 120 s"; }
    sleep 0.5
    W=$(find_window)
done
sleep 4  # the window settles (QtWebEngine starts, the first window may be replaced)
W=$(find_window)
[ -n "$W" ] || fail "the window went away"
say "    window $W: $(xdotool getwindowname "$W")"
shoot 01-started

# the editor's own processes (QtWebEngineProcess...) must not map anything from the checkout
GUI_PIDS="$APP_PID $(pgrep -P "$APP_PID" | tr '\n' ' ')"
for pid in $GUI_PIDS; do
    for child in $(pgrep -P "$pid"); do GUI_PIDS="$GUI_PIDS $child"; done
done
mapped=""
for pid in $GUI_PIDS; do
    [ -r "/proc/$pid/maps" ] || continue
    hits=$(grep -F "$ROOT/" "/proc/$pid/maps" | awk '{print $6}' | sort -u)
    [ -n "$hits" ] && mapped="$mapped$(cat "/proc/$pid/cmdline" | tr '\0' ' ' | cut -c1-80): $hits"$'\n'
done
[ -z "$mapped" ] || fail "the running editor maps files from $ROOT:"$'\n'"$mapped"
say "    /proc/PID/maps of $(echo $GUI_PIDS | wc -w) processes: nothing from $ROOT"

step "new article (Ctrl+N), title, category, status 已发布, body"
xdotool windowfocus --sync "$W" || fail "cannot focus the window"
keys ctrl+n
sleep 2
if [ "$HAVE_XCLIP" = 1 ]; then
    paste_text "$TITLE_ZH "
else
    say "    (no xclip: an ASCII title only)"
fi
xdotool type --delay 60 "$TITLE_ASCII"
sleep 0.3
# category: the field after the title; Down opens the tree, Down + Return picks the 2nd entry
keys Tab Down
sleep 0.8
keys Down Return
sleep 0.5
# status: 9 Tabs on (zone, source, the time's 5 sections, author), then Down Down: 草稿 -> 已发布
for _ in $(seq 9); do keys Tab; done
keys Down Down
sleep 0.3
# the body: Ctrl+F then Escape leaves the focus in the body
keys ctrl+f
sleep 0.5
keys Escape
sleep 0.3
xdotool type --delay 40 "Body of $TOKEN: the reciept is a misspelling. "
if [ "$HAVE_XCLIP" = 1 ]; then
    paste_text "金坛经济开发区今天举行冒烟测试，检验安装包能否独立运行。"
fi
sleep 2.5  # the preview catches up
shoot 02-article

step "save (Ctrl+S)"
keys ctrl+s
sleep 3
shoot 03-saved

step "quit (Ctrl+Q)"
keys ctrl+q
deadline=$((SECONDS + 40))
while kill -0 "$APP_PID" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        shoot 04-not-closing
        fail "the editor is still running 40 s after Ctrl+Q (a question on screen? see 04-not-closing.png)"
    fi
    sleep 0.5
done
wait "$APP_PID"
code=$?
APP_PID=""
[ "$code" = 0 ] || fail "the editor exited with $code (see $LOGS/gui.log)"
say "    the editor exited with 0"

# -- the command line ------------------------------------------------------------------------------

step "ZoneDesk --db ARCHIVE list"
traced list "$EXE" --db "$ARCHIVE" list >"$LOGS/list.txt" 2>&1 || fail "list failed: $(cat "$LOGS/list.txt")"
sed 's/^/    /' "$LOGS/list.txt"
line=$(grep -F "$TOKEN" "$LOGS/list.txt") || fail "the article ($TOKEN) is not in the list"
grep -q "published" <<<"$line" || fail "the article is not published: $line"
if [ "$HAVE_XCLIP" = 1 ]; then
    grep -qF "$TITLE_ZH" <<<"$line" || fail "the Chinese title did not arrive: $line"
fi

step "ZoneDesk --db ARCHIVE export SITE"
traced export "$EXE" --db "$ARCHIVE" export "$SITE" >"$LOGS/export.txt" 2>&1 \
    || fail "export failed: $(cat "$LOGS/export.txt")"
sed 's/^/    /' "$LOGS/export.txt"
[ -f "$SITE/index.html" ] || fail "no $SITE/index.html"
# an article's page: news/YYYY/MM/DD/<slug>.html, the slug made from the title (with TOKEN)
page=$(find "$SITE/news" -name "*$TOKEN*.html" 2>/dev/null | head -1)
[ -n "$page" ] || fail "no page news/.../*$TOKEN*.html in $SITE"
grep -qF "Body of $TOKEN" "$page" || fail "$page lacks the article's body"
say "    the article's page: $page"
grep -qF "$TOKEN" "$SITE/index.html" || say "    (the home page does not list it)"
grep -qF "金坛经济开发区" "$page" || [ "$HAVE_XCLIP" = 0 ] || fail "the page lacks the Chinese body"

step "ZoneDesk check (spelling through the bundle's Enchant, Hunspell and en_US)"
printf 'The reciept arrived.\n' >"$WORK/spelling.md"
traced check "$EXE" check "$WORK/spelling.md" >"$LOGS/check.txt" 2>&1
code=$?
sed 's/^/    /' "$LOGS/check.txt"
[ "$code" = 1 ] || fail "check should find one problem (exit 1), exit $code"
grep -q "suggestions: receipt" "$LOGS/check.txt" || fail "no spelling suggestion: is the dictionary found?"

# -- what was opened -------------------------------------------------------------------------------

if [ "$STRACE" = 1 ]; then
    step "strace: files opened from $ROOT, where the spelling came from"
    opened=$(grep -hF "\"$ROOT/" "$LOGS"/strace-*.log | grep -v ENOENT | head -20)
    [ -z "$opened" ] || fail "files opened from the checkout:"$'\n'"$opened"
    tried=$(grep -hF "\"$ROOT/" "$LOGS"/strace-*.log | wc -l)
    [ "$tried" = 0 ] || say "    WARNING: $tried look-ups (not found) under $ROOT, e.g. $(grep -hF "\"$ROOT/" "$LOGS"/strace-*.log | head -1)"
    for log in "$LOGS/strace-gui.log" "$LOGS/strace-check.log"; do
        # the provider: /proc/self/fd/N/enchant_hunspell.so, N the bundle's provider folder
        provider=$(grep -h 'enchant_hunspell.so"' "$log" | grep -v ENOENT | grep -o '"[^"]*"' \
            | tr -d '"' | sort -u)
        case "$provider" in
            /proc/self/fd/*/enchant_hunspell.so) ;;
            *) fail "$(basename "$log"): Enchant's provider came from ${provider:-nowhere}" ;;
        esac
        # the dictionary: through ~/.config/ZoneDesk/enchant/hunspell, a link into the bundle
        dictionary=$(grep -h '/hunspell/en_US.dic"' "$log" | grep -v ENOENT | grep -o '"[^"]*"' \
            | tr -d '"' | sort -u)
        [ -n "$dictionary" ] || fail "$(basename "$log"): en_US.dic was not opened"
        real=$(readlink -f "$dictionary")
        case "$real" in
            "$BUNDLE/"*) ;;
            *) fail "$(basename "$log"): en_US.dic came from $dictionary ($real), not the bundle" ;;
        esac
        written=$(grep -h 'O_CREAT' "$log" | grep -F "\"$BUNDLE/" | grep -o '"[^"]*"' | sort -u)
        [ -z "$written" ] || fail "$(basename "$log"): files created inside the bundle: $written"
    done
    say "    nothing opened from $ROOT; nothing created inside the bundle"
    say "    Enchant's provider: $provider (the bundle's spelling/lib/enchant-2)"
    say "    en_US.dic: $dictionary -> $real"
    say "    libraries from outside the bundle (the system's):"
    grep -hv ENOENT "$LOGS"/strace-*.log | grep -o 'open[a-z]*([^"]*"[^"]*\.so[^"]*"' \
        | sed 's/.*"\(.*\)"/\1/' | grep -v "^$BUNDLE/" | grep -v '^/proc/self/fd/' \
        | xargs -r -n1 basename | sort -u | tr '\n' ' ' | fold -s -w 96 | sed 's/^/      /'
    echo
fi

step "ldd: libraries the bundle's binaries cannot find"
missing=$(find "$BUNDLE/_internal" -name '*.so*' -type f -print0 \
    | LD_LIBRARY_PATH="$BUNDLE/_internal" xargs -0 -n 20 ldd 2>/dev/null | grep "not found" | sort -u)
if [ -n "$missing" ]; then
    say "    WARNING (optional plugins may need what this machine lacks):"
    say "$missing" | sed 's/^/      /'
else
    say "    none"
fi
