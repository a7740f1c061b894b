#!/usr/bin/env bash
# Sauron vs baselines on real MRI, in one command: brain extraction on the Colin27 head of Debian's mricron-data
# (image ch2.nii.gz, label ch2bet.nii.gz > 0), trained on the LEFT hemisphere and scored on the RIGHT one (15 mm
# apart), in two forms: 3d (the volume at 3 mm) and 2d (axial slices at 1 mm, as the paper's 2D tasks). Per form,
# four methods with the same seed, data, epochs and steps:
#   baseline        nnU-Net: no regulariser, no pruning (--lambda 0 --no-prune)
#   sauron          Sauron with its defaults (the budget schedule, docs/SAURON.md section 8) unless SAURON_OPTS says otherwise
#   sauron-lambda0  Sauron's thresholds and pruning without the regulariser (--lambda 0)
#   l1              the trained baseline pruned by kernel L1 norm to the widths sauron reached (`sauron prune
#                   --l1-widths-from`), then fine-tuned (`sauron train --init`)
# then segments the held-out hemisphere with each (timed), scores it (Dice, HD95), draws the figures (filters per
# layer over the epochs; the feature maps left in Sauron's last decoder layer) and writes OUT/results.md.
#
#   bench/evidence.sh            the full benchmark into out/evidence/
#   bench/evidence.sh tiny       a smoke run (2 epochs x 2 steps, tiny nets, high thresholds; ~3 min) into out/evidence-tiny/
#   REPORT_ONLY=1 bench/evidence.sh [tiny]    rewrite results.md from a finished run
# Settings (environment; defaults for the full run): FORMS="3d 2d", SEED=42, SAURON_OPTS (options for both Sauron
# runs; default none: Sauron's defaults; the 2026-11-29 run used --tau0 0.05 --tau-max 0.5 --tau-steps 4 --patience 2
# on the paper's rounds, i.e. --schedule PAPER with those), L1_OPTS (extra options of the l1 fine-tune), MM_3D=3 (or 2), and per form (X = 3D or 2D):
# EPOCHS_X, STEPS_X, L1_EPOCHS_X (fine-tune epochs), PATCH_X, BATCH_X, LEVELS_X, BASE_X, MAX_WIDTH_X, OUT, MVN.
#
# Run time on this project's 2-core machine (AMD EPYC, 2 cores, 23 GiB), expected: about 65 minutes when nothing
# else runs (up to ~70 if Sauron prunes little), more when other jobs share the cores. Sized from step times measured
# at the default sizes on 2026-11-29 (load ~2, i.e. only the measurement running), 12-step epochs, full width:
#   3d (4 levels, base 24, patch 32x64x48, batch 2): 1.37 s per baseline step, 1.65 s per Sauron (lambda 0.5) step;
#      25 epochs x 16 steps: ~9.5 min baseline, ~9 Sauron, ~8 Sauron lambda 0, ~2.5 l1 (9 epochs), 1 segmenting.
#   2d (5 levels, base 32, patch 80x160, batch 8): 1.07 s per baseline step, 1.85 s per Sauron step (its regulariser
#      over a batch of 8 costs more here); segmenting the 1 mm hemisphere ~45 s per model;
#      24 epochs x 16 steps: ~7 min baseline, ~10 Sauron, ~8 Sauron lambda 0, ~2 l1 (8 epochs), 5 segmenting+figures.
# Sauron's steps get cheaper as it removes filters. The 3D form is at 3 mm (the committed sample's grid, so it continues
# README's sample tables): at 2 mm (MM_3D=2) a patch over the same anatomy has 3.4x the voxels and steps cost ~3.4x,
# which the hour does not hold; 2 mm with the default patch trains as fast but each patch sees a third of the context.
# It installs what it needs (mricron-data, python3-nibabel, python3-numpy) with apt-get when missing. CI does not
# run it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
preset="${1:-full}"
settings_vars="FORMS SEED SAURON_OPTS L1_OPTS MM_3D EPOCHS_3D STEPS_3D L1_EPOCHS_3D PATCH_3D BATCH_3D LEVELS_3D BASE_3D MAX_WIDTH_3D
  EPOCHS_2D STEPS_2D L1_EPOCHS_2D PATCH_2D BATCH_2D LEVELS_2D BASE_2D MAX_WIDTH_2D"
given=$(for v in $settings_vars; do [ -n "${!v+x}" ] && printf ' %s="%s"' "$v" "${!v}"; done || true)
case "$preset" in
  full)
    : "${OUT:=$root/out/evidence}"
    : "${EPOCHS_3D:=25}" "${STEPS_3D:=16}" "${PATCH_3D:=32x64x48}" "${BATCH_3D:=2}" "${LEVELS_3D:=4}" "${BASE_3D:=24}" "${MAX_WIDTH_3D:=320}"
    : "${EPOCHS_2D:=24}" "${STEPS_2D:=16}" "${PATCH_2D:=80x160}" "${BATCH_2D:=8}" "${LEVELS_2D:=5}" "${BASE_2D:=32}" "${MAX_WIDTH_2D:=480}" ;;
  tiny)
    : "${OUT:=$root/out/evidence-tiny}"
    : "${EPOCHS_3D:=2}" "${STEPS_3D:=2}" "${PATCH_3D:=16x32x16}" "${BATCH_3D:=1}" "${LEVELS_3D:=3}" "${BASE_3D:=8}" "${MAX_WIDTH_3D:=32}"
    : "${EPOCHS_2D:=2}" "${STEPS_2D:=2}" "${PATCH_2D:=32x64}" "${BATCH_2D:=2}" "${LEVELS_2D:=3}" "${BASE_2D:=8}" "${MAX_WIDTH_2D:=32}"
    : "${L1_EPOCHS_3D:=1}" "${L1_EPOCHS_2D:=1}"
    # Thresholds high from the start, so that even two epochs remove filters and the l1 row prunes for real.
    : "${SAURON_OPTS:=--tau0 0.4 --tau-max 0.6 --tau-steps 2 --patience 1 --prune-every 1}" ;;
  *) echo "usage: bench/evidence.sh [full|tiny]  (settings in the environment: see the header of this script)" >&2; exit 2 ;;
esac
: "${L1_EPOCHS_3D:=$(( (EPOCHS_3D + 2) / 3 ))}" "${L1_EPOCHS_2D:=$(( (EPOCHS_2D + 2) / 3 ))}"
: "${FORMS:=3d 2d}" "${SEED:=42}" "${MM_3D:=3}" "${MVN:=mvn}" "${L1_OPTS:=}"
: "${SAURON_OPTS=}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
sauron="$root/bin/sauron"
data="$OUT/data"
started=$(date +%s)

log() { echo "[$(date +%H:%M:%S)] $*"; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# A python3 with nibabel and numpy: Debian's, which a pyenv python3 earlier on PATH may hide.
python=""
find_python() {
  for p in "${SAURON_PYTHON:-}" /usr/bin/python3 python3; do
    if [ -n "$p" ] && "$p" -c 'import nibabel, numpy' 2>/dev/null; then python="$p"; return 0; fi
  done
  return 1
}

install_missing() {
  local need=()
  [ -f /usr/share/mricron/templates/ch2.nii.gz ] && [ -f /usr/share/mricron/templates/ch2bet.nii.gz ] || need+=(mricron-data)
  find_python || need+=(python3-nibabel python3-numpy)
  if [ ${#need[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    log "installing ${need[*]}"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
    find_python || { echo "error: no python3 with nibabel and numpy after installing them" >&2; exit 1; }
  fi
}

machine() {
  local cpu ram
  cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
  ram=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "$(nproc) cores ($cpu), $ram RAM, $(uname -sr), $(java -version 2>&1 | head -1)"
}

# Per-form settings as variables: dims, patch, batch, levels, base, max width, epochs, steps, l1 epochs.
form_settings() {
  local X; X=$(echo "$1" | tr a-z A-Z)
  dims=${1%d}
  eval "patch=\$PATCH_$X batch=\$BATCH_$X levels=\$LEVELS_$X base=\$BASE_$X max_width=\$MAX_WIDTH_$X epochs=\$EPOCHS_$X steps=\$STEPS_$X l1_epochs=\$L1_EPOCHS_$X"
}

# train FORM_DIR NAME EPOCHS OPTIONS...: trains on the left hemisphere; wall seconds to NAME.train-s; a failure is
# recorded as NAME.skipped and the run goes on with the next method.
train() {
  local dir="$1" name="$2" n="$3"; shift 3
  local t0; t0=$(date +%s.%N)
  log "$form $name: training $n epochs x $steps steps"
  if "$sauron" train -i "$data/$form-left-image.nii.gz" -l "$data/$form-left-mask.nii.gz" -m "$dir/$name" \
      --dims "$dims" --patch "$patch" --batch "$batch" --epochs "$n" --steps "$steps" --seed "$SEED" --validation 0 "$@" \
      > "$dir/$name-train.log" 2>&1; then
    seconds_since "$t0" > "$dir/$name.train-s"
    log "$form $name: trained in $(cat "$dir/$name.train-s") s"
  else
    echo "training failed (exit $?): $(grep -m1 '^error' "$dir/$name-train.log" || tail -1 "$dir/$name-train.log")" > "$dir/$name.skipped"
    log "$form $name: $(cat "$dir/$name.skipped")"
    return 1
  fi
}

# Segments the right hemisphere (the command reports its own seconds) and scores it.
score() {
  local dir="$1" name="$2"
  if ! "$sauron" segment -m "$dir/$name" -i "$data/$form-right-image.nii.gz" -o "$dir/$name-right.nii.gz" > "$dir/$name-segment.log" 2>&1 \
    || ! "$sauron" evaluate -p "$dir/$name-right.nii.gz" -t "$data/$form-right-mask.nii.gz" > "$dir/$name-eval.txt" 2>&1; then
    log "$form $name: segmenting or scoring failed; see $dir/$name-segment.log and $name-eval.txt"
    return 0
  fi
  log "$form $name: $(tail -1 "$dir/$name-segment.log" | sed 's/.*(/segmented in /; s/)//'); $(awk '$1 == "1" { print "Dice " $2 ", HD95 " $3 " mm" }' "$dir/$name-eval.txt")"
}

figures() {
  local dir="$1" cp="target/test-classes:target/classes:$(cat "$OUT/test-classpath.txt")" title
  title="$(echo "$form" | tr a-z A-Z) $([ "$form" = 3d ] && echo "at $MM_3D mm" || echo "axial slices at 1 mm")"
  mkdir -p "$OUT/figures"
  for name in sauron sauron-lambda0; do
    [ -f "$dir/$name/sauron.json" ] || continue
    java -Xmx1g -cp "$cp" sauron.bench.EvidenceFigures filters "$dir/$name" "$OUT/figures/$form-$name-filters.png" \
      "$title, $name ($epochs epochs x $steps steps): filters per layer" 2>&1 | grep -v -e absl -e MLIR || true
  done
  [ -f "$dir/sauron/sauron.json" ] && java -Xmx6g -cp "$cp" sauron.bench.EvidenceFigures montage "$dir/sauron" \
    "$data/$form-right-image.nii.gz" "$data/$form-right-mask.nii.gz" "$OUT/figures/$form-sauron-dec0_1.png" \
    "$title, sauron, right hemisphere (held out)" 2>&1 | grep -v -e absl -e MLIR || true
}

run_form() {
  form_settings "$form"
  local dir="$OUT/$form"
  rm -rf "$dir"
  mkdir -p "$dir"
  local shape; shape=$("$python" -c 'import nibabel, sys; print("x".join(map(str, nibabel.load(sys.argv[1]).shape)))' "$data/$form-left-image.nii.gz")
  {
    echo "$([ "$form" = 3d ] && echo "The volume at $MM_3D mm" || echo "Axial slices at 1 mm (a 2D network on the 1 mm volume, slice by slice)"): train on the left hemisphere ($shape voxels), score the right one."
    echo "Network: ${dims}D U-Net, $levels levels, base $base, max width $max_width; patch $patch, batch $batch; $epochs epochs x $steps steps; seed $SEED; no validation split."
    echo "Sauron's options (both Sauron runs): \`${SAURON_OPTS:-none: the defaults}\`; l1 fine-tune epochs: $l1_epochs (same steps${L1_OPTS:+, \`$L1_OPTS\`})."
  } > "$dir/settings.txt"
  local net=(--levels "$levels" --base "$base" --max-width "$max_width")
  train "$dir" baseline "$epochs" "${net[@]}" --lambda 0 --no-prune && score "$dir" baseline
  # shellcheck disable=SC2086
  train "$dir" sauron "$epochs" "${net[@]}" --lambda 0.5 $SAURON_OPTS && score "$dir" sauron
  # shellcheck disable=SC2086
  train "$dir" sauron-lambda0 "$epochs" "${net[@]}" --lambda 0 $SAURON_OPTS && score "$dir" sauron-lambda0
  if [ ! -f "$dir/baseline/sauron.json" ] || [ ! -f "$dir/sauron/sauron.json" ]; then
    echo "needs the baseline and the sauron model, and one of them failed" > "$dir/l1.skipped"
  elif ! "$sauron" prune --model "$dir/baseline" --output "$dir/l1-pruned" --l1-widths-from "$dir/sauron" > "$dir/l1-prune.log" 2>&1; then
    echo "prune --l1-widths-from failed: $(grep -m1 '^error' "$dir/l1-prune.log" || tail -1 "$dir/l1-prune.log")" > "$dir/l1.skipped"
    log "$form l1: $(cat "$dir/l1.skipped")"
  else
    # The architecture comes from the pruned model; --init gives its weights, the options the same data and steps.
    # shellcheck disable=SC2086
    train "$dir" l1 "$l1_epochs" --init "$dir/l1-pruned" --lambda 0 --no-prune $L1_OPTS && score "$dir" l1
  fi
  figures "$dir"
}

forms_word() { echo "$FORMS" | tr ' ' ','; }

if [ -z "${REPORT_ONLY:-}" ]; then
  mkdir -p "$OUT"
  install_missing
  find_python || true
  log "building (test classes for the figures)"
  $MVN -q -B test-compile
  $MVN -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/test-classpath.txt" > /dev/null
  "$sauron" --version > /dev/null  # bin/sauron compiles here, not inside the first timed training
  log "data into $data"
  "$python" bench/evidence-data.py --out "$data" --mm-3d "$MM_3D"
  for form in $FORMS; do run_form; done
  wall=$(( $(date +%s) - started ))
  {
    echo "Command: \`${given:+${given# } }bench/evidence.sh${1:+ $1}\` at commit $(git rev-parse --short HEAD 2>/dev/null || echo "?")$(git diff --quiet HEAD -- src bin bench 2>/dev/null || echo ' + local changes')."
    echo ""
    echo "Ran $(date -u -d "@$started" '+%Y-%m-%d %H:%M UTC') on $(machine); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Wall time of the whole script: $(( wall / 60 )) min $(( wall % 60 )) s (data, build, every training, segmentation and figure)."
  } > "$OUT/run.txt"
fi
find_python || python=python3
"$python" bench/evidence-report.py "$OUT" "$FORMS"
echo "results: $OUT/results.md; figures: $OUT/figures/"
