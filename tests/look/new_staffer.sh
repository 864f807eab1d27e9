#!/usr/bin/env bash
# The daily path of a new staffer, driven as a user drives it: on a virtual screen (Xvfb), with
# xdotool keys and one click, on an empty archive; a screenshot after every step into OUT.
#   bash tests/look/new_staffer.sh [OUT]      (needs Xvfb, xdotool, xclip, ImageMagick's import)
# Not a pytest test: it is for looking at the screens (issue 13's "How it is checked").
# The steps it counts are key chords and clicks; typed texts are listed apart.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-build/new-staffer}
rm -rf "$OUT" && mkdir -p "$OUT"/home/{data,config,cache,state}
OUT=$(cd "$OUT" && pwd)
export HOME=$OUT/home XDG_DATA_HOME=$OUT/home/data XDG_CONFIG_HOME=$OUT/home/config
export XDG_CACHE_HOME=$OUT/home/cache XDG_STATE_HOME=$OUT/home/state
export ZONEDESK_DB=$OUT/archive.sqlite3
unset QT_QPA_PLATFORM
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1440x900x24 >"$OUT/xvfb.log" 2>&1 &
xvfb=$!
export DISPLAY=$display
app=
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; kill $xvfb 2>/dev/null' EXIT
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

steps=0 n=0
shot() { n=$((n + 1)); import -window root "$OUT/$(printf %02d "$n")-$1.png"; }
key() { xdotool key --delay 80 "$@"; steps=$((steps + $#)); sleep 0.4; }
typed() { xdotool type --delay 120 "$1"; sleep 0.6; }  # slow: xdotool drops CJK keys when fast
click() { xdotool mousemove "$1" "$2" click 1; steps=$((steps + 1)); sleep 0.6; }

.venv/bin/python main.py >"$OUT/app.log" 2>&1 &
app=$!
for _ in $(seq 100); do
    xdotool search --onlyvisible --name "ZoneDesk 开发区" >/dev/null 2>&1 && break
    sleep 0.2
done
sleep 2
shot welcome
printf '%s\n' "本报讯 近日，金坛经开区集中签约十二个项目，总投资超过一百亿元。" \
    "签约项目涵盖新能源、智能制造和现代服务业等领域。" \
    "下一步，金坛经开区将全力做好项目服务保障工作。" | xclip -selection clipboard

click 690 405; typed "金坛经开区新签约项目十二个"; shot title  # 新建文章 on the welcome panel
key Tab; typed cz; shot category-offered
key Return Tab; typed 金坛; shot zone-offered
key Tab; typed 金坛手机台
key Tab; typed 2020-10-10; key Tab; shot fields
key Tab Down Down; shot published            # 作者 → 状态: 草稿 → 待审 → 已发布
click 700 600; key ctrl+v; shot pasted       # into the body
key ctrl+s; shot saved
key ctrl+shift+e; key Return; sleep 3; shot exported
page=$(find "$OUT/home/ZoneDesk-site/news" -name '*.html' | head -1)
echo "steps (key chords and clicks): $steps; typed texts: 5; page: ${page#"$OUT"/}"
echo "screenshots: $OUT"
