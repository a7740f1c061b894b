#!/usr/bin/env bash
# Runs the Sauron U-Net menu commands in a real ImageJ 1 window on a virtual display (Xvfb) and takes
# screenshots: live training plots and stop button, Model Info, segmentation + evaluation, feature maps,
# an error dialog, and a training run stopped with the stop button. Installs the plugin as the update site
# lays it out (plugins/, lib/sauron/, jars/linux64/), so the commands run the engine process as in Fiji.
#   bench/gui-screenshots.sh [output folder]       (default out/gui-screenshots)
# Needs: Xvfb, twm, xdotool, ImageMagick (import, convert); apt-get install xvfb twm xdotool imagemagick.
# Set MVN="mvn -o" to build offline, DISPLAY_NUMBER to pick the X display (default 77).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root/out/gui-screenshots}" && cd "${1:-$root/out/gui-screenshots}" && pwd)"
MVN=${MVN:-mvn}
cd "$root"
$MVN -q -B process-classes jar:jar   # not "package": its source-jar step needs plugins an offline ~/.m2 may lack
$MVN -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/engine-runtime
cpfile=$(mktemp)
$MVN -q -B dependency:build-classpath -Dmdep.outputFile="$cpfile"

# An ImageJ 1 folder with the update site installed as Fiji's updater would: plugins/, lib/sauron/, jars/linux64/.
ij="$out/ImageJ"
rm -rf "$ij" "$out/site" "$out"/*.png "$out/model" "$out/stopped-model" "$out/log.txt" "$out/menu-done" "$out/second-run"
java -cp target/classes sauron.worker.UpdateSiteLayout "$(ls target/Sauron_UNet-*.jar | grep -v -e sources -e javadoc -e tests | head -1)" target/engine-runtime target/engine-runtime "$out/site" >/dev/null
mkdir -p "$ij/plugins/jars"
cp -r "$out/site/cpu/." "$ij/"
# What Fiji ships and the plugin side needs; plain ImageJ 1 loads jars from plugins/jars/ (Fiji: jars/).
for jar in $(tr ':' '\n' < "$cpfile"); do
  case "$(basename "$jar")" in
    ij-1.*) cp "$jar" "$ij/ij.jar" ;;
    scijava-common-*|parsington-*|imglib2-*|gson-*) cp "$jar" "$ij/plugins/jars/" ;;
  esac
done
rm -f "$cpfile"

export DISPLAY=":${DISPLAY_NUMBER:-77}"
printf 'RandomPlacement\nUsePPosition "on"\nDecorateTransients\nNoGrabServer\n' > "$out/twmrc"
Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >"$out/xvfb.log" 2>&1 & xvfb=$!
sleep 2
twm -f "$out/twmrc" >/dev/null 2>&1 & wm=$!
(cd "$ij" && exec java -Xmx2g -Dplugins.dir="$ij" -jar ij.jar -ijpath "$ij" -macro "$root/bench/gui-screenshots.ijm" "$out") >"$out/imagej.log" 2>&1 & imagej=$!
trap 'kill $imagej $wm $xvfb 2>/dev/null || true' EXIT

shot() { import -window root "$out/$1.png"; echo "screenshot $1"; }
waitfor() {  # window-name regex, seconds
  for _ in $(seq $(( ${2:-300} * 5 ))); do
    xdotool search --onlyvisible --name "$1" >/dev/null 2>&1 && return 0
    kill -0 $imagej 2>/dev/null || { echo "ImageJ ended while waiting for '$1'"; return 1; }
    sleep 0.2
  done
  echo "no window '$1' after ${2:-300} s (screenshot stuck.png)"; shot stuck; return 1
}

ok() {  # window-name regex: clicks OK where it sits, lower right (GenericDialog, Macro Error) or bottom centre (IJ.error)
  # (clicks, not keys: Java ignores keys that xdotool sends to a window without focus, and twm gives none)
  local w; w=$(xdotool search --onlyvisible --name "$1" | head -1)
  eval "$(xdotool getwindowgeometry --shell "$w")"
  for at in "$((WIDTH - 40)) $((HEIGHT - 20))" "$((WIDTH / 2)) $((HEIGHT - 16))"; do
    xdotool mousemove --window "$w" $at click 1; sleep 1
    xdotool search --onlyvisible --name "$1" 2>/dev/null | grep -qx "$w" || return 0
  done
  echo "could not close '$1'"
}

# First run: the plots after epoch 1, with the stop button.
waitfor '^Sauron training: loss' && sleep 0.5 && shot 0-first-epoch
# Second run (the macro says when it starts; it closed the first run's plots): click "Stop after this epoch"
# once the first epoch is plotted.
until [ -f "$out/second-run" ]; do kill -0 $imagej 2>/dev/null || break; sleep 0.2; done
if waitfor '^Sauron training: loss' && w=$(xdotool search --onlyvisible --name '^Train U-Net$' | head -1) && [ -n "$w" ]; then
  eval "$(xdotool getwindowgeometry --shell "$w")"; xdotool mousemove --window "$w" $((WIDTH / 2)) $((HEIGHT / 2)) click 1
  shot 6-stop-clicked
else echo "no stop button to click"; fi
# Segment Image from the menu: its dialog, OK with no model folder, the error dialog.
waitfor '^Segment Image$' && sleep 0.5 && shot 9-menu-dialog && ok '^Segment Image$'
waitfor '^Segment Image$' 60 && sleep 0.5 && shot 10-menu-error && ok '^Segment Image$'
touch "$out/menu-done"
# The failing command in the macro.
waitfor 'Error' 120 && sleep 0.5 && shot 11-macro-error && ok 'Error'
echo "--- ImageJ Log"; cat "$out/log.txt" 2>/dev/null || { echo "(no log: macro did not finish)"; cat "$out/imagej.log"; }
