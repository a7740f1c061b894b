#!/usr/bin/env bash
# Sauron vs baselines on real MRI, in one command: brain extraction on the Colin27 head of Debian's mricron-data
# (image ch2.nii.gz, label ch2bet.nii.gz > 0), trained on the LEFT hemisphere and scored on the RIGHT one (15 mm
# apart), in two forms: 3d (the volume at 3 mm) and 2d (axial slices at 1 mm, as the paper's 2D tasks). Per form,
# with the same seed, data and steps per epoch (row options and descriptions: bench/rows.sh, shared with
# bench/sauron-vs-baseline.sh):
#   baseline        nnU-Net: no regulariser, no pruning (--lambda 0 --no-prune)
#   sauron          Sauron with its defaults (lambda 0.5, the budget schedule, docs/SAURON.md sections 8-9) unless
#                   SAURON_OPTS says otherwise
#   sauron-lambda0  Sauron's thresholds and pruning without the regulariser (--lambda 0)
#   l1              the trained baseline pruned by kernel L1 norm to the widths sauron reached (`sauron prune
#                   --l1-widths-from`), then fine-tuned (`sauron train --init`) for a third of the epochs
#   scratch         a network of sauron's final widths trained from scratch (`--widths-from <sauron> --lambda 0
#                   --no-prune`) for as many epochs as fit in the seconds sauron's epochs took, planned from a
#                   2-epoch probe of that network (its epoch 1 and epoch 2 seconds in sauron.json); the report gives
#                   its epochs
#   ablations       sauron's options with ONE element switched off, as many as ABLATIONS picks:
#                   paper (--schedule PAPER), no-comp (--compensation NONE), ref-comp (--compensation REFERENCE),
#                   no-recovery (--recovery 0), reg-recovery (--regularise-recovery), no-warmup (--warmup 0), one-batch
#                   (--criterion-batches 1), no-floor (--min-filters 1), no-cap (--max-prune-share 1), plateau
#                   (--tau-rise PLATEAU), epoch-rounds (--prune-every 0); also tau03 (--tau-max 0.3) on request
# then segments the held-out hemisphere with each (timed), scores it (Dice, HD95), draws the figures (filters per
# layer over the epochs; the feature maps left in Sauron's last decoder layer) and writes OUT/results.md (the
# methods' table, then the ablations' beside sauron).
#
#   bench/evidence.sh            the full benchmark into out/evidence/
#   bench/evidence.sh tiny       a smoke run of every row (2 epochs x 2 steps, tiny nets, high thresholds) into
#                                out/evidence-tiny/: 30 trainings and segmentings, each mostly JVM and graph start;
#                                its 3d half took 31 min on 2026-12-01 beside a timing benchmark (load ~10), perhaps a
#                                quarter of that idle (not measured)
#   REPORT_ONLY=1 bench/evidence.sh [tiny]    rewrite results.md from a finished run
# Settings (environment; defaults for the full run): FORMS="3d 2d", SEED=42, SAURON_OPTS (options for sauron,
# sauron-lambda0 and the ablations; default none: Sauron's defaults; the 2026-11-29 run used --tau0 0.05 --tau-max 0.5
# --tau-steps 4 --patience 2 on the paper's rounds, i.e. --schedule PAPER with those), L1_OPTS (extra options of the
# l1 fine-tune), ABLATIONS (names as above, for both forms; "all" for every one of the eleven, "" for none) or per form
# ABLATIONS_3D / ABLATIONS_2D (default: all eleven on 3d, "paper no-comp ref-comp" on 2d; the tiny preset: all eleven on both),
# MM_3D=3 (or 2), and per form (X = 3D or 2D): EPOCHS_X, STEPS_X, L1_EPOCHS_X (fine-tune epochs), PATCH_X, BATCH_X,
# LEVELS_X, BASE_X, MAX_WIDTH_X, OUT, MVN.
#
# Run time on this project's 2-core machine (2 cores, 23 GiB), MEASURED on 2026-12-01 (commit 471428c, the defaults,
# every 3d ablation and "paper no-comp ref-comp" on 2d, nothing else heavy running): 84 min 14 s in all. By row, in
# minutes: 3d (4 levels, base 24, patch 32x64x48, batch 2, 18 epochs x 10 steps): baseline 3.5, sauron 3.6,
# sauron-lambda0 2.8, l1 0.5, scratch 3.5 with its probe, each ablation 3.2-6.0 (the paper's schedule and the
# plateau rule, which prune nothing, take longest); about 59 min for the 3d form with eleven ablations; 2d (5 levels,
# base 32, patch 80x160, batch 8, 16 epochs x 12 steps): baseline 3.5, sauron 2.9, sauron-lambda0 2.3, l1 0.3,
# scratch 3.0 with its probe, each ablation 3.4-4.0; segmenting the 1 mm hemisphere 26 s with the baseline, 8-11 s
# with the pruned models (25 min for the 2d form). Every further 3d ablation adds about 3.5 min, every 2d one about 4.
# Sauron's steps get cheaper as it removes filters. The 3D form is at 3 mm (the committed sample's grid, so it continues
# README's sample tables): at 2 mm (MM_3D=2) a patch over the same anatomy has 3.4x the voxels and steps cost ~3.4x,
# which the budget does not hold; 2 mm with the default patch trains as fast but each patch sees a third of the context.
# It installs what it needs (mricron-data, python3-nibabel, python3-numpy) with apt-get when missing. CI does not
# run it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
preset="${1:-full}"
settings_vars="FORMS SEED SAURON_OPTS L1_OPTS ABLATIONS ABLATIONS_3D ABLATIONS_2D MM_3D EPOCHS_3D STEPS_3D L1_EPOCHS_3D PATCH_3D BATCH_3D LEVELS_3D BASE_3D MAX_WIDTH_3D
  EPOCHS_2D STEPS_2D L1_EPOCHS_2D PATCH_2D BATCH_2D LEVELS_2D BASE_2D MAX_WIDTH_2D"
given=$(for v in $settings_vars; do [ -n "${!v+x}" ] && printf ' %s="%s"' "$v" "${!v}"; done || true)
# shellcheck source=bench/rows.sh
source "$root/bench/rows.sh"
# One ABLATIONS for both forms unless a form has its own (an empty value runs none; "all" runs every one).
if [ -n "${ABLATIONS+x}" ]; then : "${ABLATIONS_3D=$ABLATIONS}" "${ABLATIONS_2D=$ABLATIONS}"; fi
case "$preset" in
  full)
    : "${OUT:=$root/out/evidence}"
    : "${EPOCHS_3D:=18}" "${STEPS_3D:=10}" "${PATCH_3D:=32x64x48}" "${BATCH_3D:=2}" "${LEVELS_3D:=4}" "${BASE_3D:=24}" "${MAX_WIDTH_3D:=320}"
    : "${EPOCHS_2D:=16}" "${STEPS_2D:=12}" "${PATCH_2D:=80x160}" "${BATCH_2D:=8}" "${LEVELS_2D:=5}" "${BASE_2D:=32}" "${MAX_WIDTH_2D:=480}"
    : "${ABLATIONS_3D=$ABLATION_ROWS}" "${ABLATIONS_2D=paper no-comp ref-comp steps-budget warmup-reg}" ;;
  tiny)
    : "${OUT:=$root/out/evidence-tiny}"
    : "${EPOCHS_3D:=2}" "${STEPS_3D:=2}" "${PATCH_3D:=16x32x16}" "${BATCH_3D:=1}" "${LEVELS_3D:=3}" "${BASE_3D:=8}" "${MAX_WIDTH_3D:=32}"
    : "${EPOCHS_2D:=2}" "${STEPS_2D:=2}" "${PATCH_2D:=64x128}" "${BATCH_2D:=2}" "${LEVELS_2D:=3}" "${BASE_2D:=8}" "${MAX_WIDTH_2D:=32}"
    : "${L1_EPOCHS_3D:=1}" "${L1_EPOCHS_2D:=1}"
    : "${ABLATIONS_3D=$ABLATION_ROWS}" "${ABLATIONS_2D=$ABLATION_ROWS}"
    # Thresholds high from the start, so that even two epochs remove filters and the l1 row prunes for real.
    : "${SAURON_OPTS:=--tau0 0.4 --tau-max 0.6 --tau-steps 2 --patience 1 --prune-every 1}" ;;
  *) echo "usage: bench/evidence.sh [full|tiny]  (settings in the environment: see the header of this script)" >&2; exit 2 ;;
esac
: "${L1_EPOCHS_3D:=$(( (EPOCHS_3D + 2) / 3 ))}" "${L1_EPOCHS_2D:=$(( (EPOCHS_2D + 2) / 3 ))}"
: "${FORMS:=3d 2d}" "${SEED:=42}" "${MM_3D:=3}" "${MVN:=mvn}" "${L1_OPTS:=}"
: "${SAURON_OPTS=}"
for X in 3D 2D; do
  v=ABLATIONS_$X
  [ "${!v}" = all ] && printf -v "$v" '%s' "$ABLATION_ROWS"
  for a in ${!v}; do
    case "$a" in baseline|sauron|lambda0) echo "error: $v: $a is a method here, not an ablation" >&2; exit 2 ;; esac
    [ -n "${ROW_OPTS[$a]+x}" ] || { echo "error: $v: unknown ablation '$a' (known: $ABLATION_ROWS tau03)" >&2; exit 2; }
  done
done
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

# Per-form settings as variables: dims, patch, batch, levels, base, max width, epochs, steps, l1 epochs, ablations.
form_settings() {
  local X; X=$(echo "$1" | tr a-z A-Z)
  dims=${1%d}
  eval "patch=\$PATCH_$X batch=\$BATCH_$X levels=\$LEVELS_$X base=\$BASE_$X max_width=\$MAX_WIDTH_$X epochs=\$EPOCHS_$X steps=\$STEPS_$X l1_epochs=\$L1_EPOCHS_$X ablations=\$ABLATIONS_$X"
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

# row FORM_DIR NAME EPOCHS DESCRIPTION OPTIONS...: trains and scores one row, and lists it in FORM_DIR/rows.tsv
# (name, options, description: what the report labels the row with).
row() {
  local dir="$1" name="$2" n="$3" what="$4"; shift 4
  # The row's own options: without the network's (the same for every row) and with paths relative to the form folder.
  printf '%s\t%s\t%s\n' "$name" "$(echo "$*" | sed "s|$dir/||g; s/--levels [^ ]* --base [^ ]* --max-width [^ ]* *//")" "$what" >> "$dir/rows.tsv"
  train "$dir" "$name" "$n" "$@" && score "$dir" "$name"
  return 0
}

# The from-scratch row: sauron's final widths, lambda 0, no pruning, for as many epochs as fit in the seconds sauron's
# epochs took (their history's sum). A 2-epoch probe of that network measures its epoch times: the first (with graph
# building) and the second (a steady epoch); the plan is the first epoch plus as many steady ones as fit in the rest.
scratch_row() {
  local dir="$1" plan
  local opts=(--widths-from "$dir/sauron" --lambda 0 --no-prune)
  if [ ! -f "$dir/sauron/sauron.json" ]; then
    echo "needs the sauron model, which failed" > "$dir/scratch.skipped"; return 0
  fi
  if ! train "$dir" scratch-probe 2 "${opts[@]}"; then
    mv "$dir/scratch-probe.skipped" "$dir/scratch.skipped"; return 0
  fi
  plan=$("$python" - "$dir/sauron/sauron.json" "$dir/scratch-probe/sauron.json" <<'PY'
import json, sys
budget = sum(e['seconds'] for e in json.load(open(sys.argv[1]))['metadata']['history'])
probe = [e['seconds'] for e in json.load(open(sys.argv[2]))['metadata']['history']]
first, steady = probe[0], probe[-1]
n = max(1, 1 + int((budget - first) // steady))
print('%d epochs: sauron\'s epochs took %.0f s in all; the 2-epoch probe of its widths took %.1f s (epoch 1) and %.1f s (epoch 2)'
      % (n, budget, first, steady))
PY
) || { echo "could not plan the epochs from sauron.json" > "$dir/scratch.skipped"; return 0; }
  echo "$plan" > "$dir/scratch.plan"
  log "$form scratch: $plan"
  row "$dir" scratch "${plan%% *}" "${ROW_DESC[scratch]}" "${opts[@]}"
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
    echo "Sauron's options (both Sauron runs and the ablations): \`${SAURON_OPTS:-none: the defaults}\`; l1 fine-tune epochs: $l1_epochs (same steps${L1_OPTS:+, \`$L1_OPTS\`})."
    echo "Ablations: ${ablations:-none}."
  } > "$dir/settings.txt"
  local net=(--levels "$levels" --base "$base" --max-width "$max_width") sauron_opts a
  # shellcheck disable=SC2086
  sauron_opts=$(row_options sauron $SAURON_OPTS)
  # shellcheck disable=SC2046
  row "$dir" baseline "$epochs" "${ROW_DESC[baseline]}" "${net[@]}" $(row_options baseline)
  # shellcheck disable=SC2086
  row "$dir" sauron "$epochs" "${ROW_DESC[sauron]}" "${net[@]}" $sauron_opts
  # shellcheck disable=SC2046,SC2086
  row "$dir" sauron-lambda0 "$epochs" "${ROW_DESC[lambda0]}" "${net[@]}" $(row_options lambda0 $sauron_opts)
  if [ ! -f "$dir/baseline/sauron.json" ] || [ ! -f "$dir/sauron/sauron.json" ]; then
    echo "needs the baseline and the sauron model, and one of them failed" > "$dir/l1.skipped"
  elif ! "$sauron" prune --model "$dir/baseline" --output "$dir/l1-pruned" --l1-widths-from "$dir/sauron" > "$dir/l1-prune.log" 2>&1; then
    echo "prune --l1-widths-from failed: $(grep -m1 '^error' "$dir/l1-prune.log" || tail -1 "$dir/l1-prune.log")" > "$dir/l1.skipped"
    log "$form l1: $(cat "$dir/l1.skipped")"
  else
    # The architecture comes from the pruned model; --init gives its weights, the options the same data and steps.
    # shellcheck disable=SC2086
    row "$dir" l1 "$l1_epochs" "${ROW_DESC[l1]}" --init "$dir/l1-pruned" --lambda 0 --no-prune $L1_OPTS
  fi
  scratch_row "$dir"
  for a in $ablations; do
    # shellcheck disable=SC2046,SC2086
    row "$dir" "$a" "$epochs" "${ROW_DESC[$a]}" "${net[@]}" $(row_options "$a" $sauron_opts)
  done
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
