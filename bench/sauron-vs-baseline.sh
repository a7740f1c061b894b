#!/usr/bin/env bash
# Sauron against its baselines and ablations on the bundled sample: every row trains on the LEFT hemisphere of
# the Colin27 head at 3 mm with the same seed, data, epochs and steps, segments the RIGHT hemisphere (held out)
# and scores it. Rows (ROWS picks some, in this order; their options and one-line descriptions live in bench/rows.sh,
# shared with bench/evidence.sh):
#   baseline      the plain nnU-Net: no regulariser, no pruning (--lambda 0 --no-prune)
#   sauron        Sauron with this project's defaults (the budget schedule, docs/SAURON.md section 8)
#   scratch       a network of sauron's final widths trained from scratch (--widths-from) for as many epochs
#                 as fit in sauron's training time (measured on a 2-epoch probe)
#   l1            the baseline pruned by kernel L1 norm to sauron's widths, fine-tuned for a third of the epochs
#   and ablations, each the defaults with ONE element changed:
#   paper (--schedule PAPER: the paper's method exactly), no-comp (--compensation NONE), ref-comp (--compensation REFERENCE),
#   tau03 (--tau-max 0.3, the paper's), no-recovery (--recovery 0), no-warmup (--warmup 0), epoch-rounds
#   (--prune-every 0: a round per epoch), plateau (--tau-rise PLATEAU), one-batch (--criterion-batches 1),
#   no-floor (--min-filters 1), no-cap (--max-prune-share 1), lambda0 (--lambda 0)
#
#   bench/sauron-vs-baseline.sh [epochs] [steps] [extra train options for every row...]   (default 12 x 15)
#   ROWS="baseline sauron scratch" bench/sauron-vs-baseline.sh
#   REPORT_ONLY=1 bench/sauron-vs-baseline.sh     # print the table again from the last run's files
# Columns: parameters and FLOPs per voxel (share of the baseline's), model size, Dice and HD95 on the held-out
# hemisphere, segmentation seconds (the command's own figure), training wall seconds, first and last epoch seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${1:-12}"; steps="${2:-15}"; shift $(( $# > 2 ? 2 : $# ))
out="${OUT:-$root/out/sauron-vs-baseline}"
: "${ROWS:=baseline sauron paper scratch l1 no-comp ref-comp tau03 no-recovery no-warmup epoch-rounds plateau one-batch no-floor no-cap lambda0}"
mkdir -p "$out"
s="$root/sample-data/colin27-3mm"
sauron="$root/bin/sauron"
# shellcheck source=bench/rows.sh
source "$root/bench/rows.sh"
epoch_seconds() { grep '^epoch ' "$1" | awk '{for(i=1;i<=NF;i++) if($i=="s") print $(i-1)}'; }

train() {  # name, epochs, train options...
  local name="$1" n="$2"; shift 2
  local start; start=$(date +%s.%N)
  "$sauron" train -i "$s-left-image.nii.gz" -l "$s-left-mask.nii.gz" -m "$out/$name" \
    --patch 32x64x48 --epochs "$n" --steps "$steps" --validation 0 "$@" > "$out/$name-train.log"
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f\n", b - a }' > "$out/$name.train-s"
  echo "$name trained in $(cat "$out/$name.train-s") s"
}
score() {
  "$sauron" segment -m "$out/$1" -i "$s-right-image.nii.gz" -o "$out/$1-right.nii.gz" > "$out/$1-segment.log"
  "$sauron" evaluate -p "$out/$1-right.nii.gz" -t "$s-right-mask.nii.gz" > "$out/$1-eval.txt"
  "$sauron" info -m "$out/$1" > "$out/$1-info.txt"
}

if [ -z "${REPORT_ONLY:-}" ]; then
  "$sauron" --version > /dev/null  # compiles here, not inside the first timed training
  for row in $ROWS; do
    case "$row" in
      scratch)
        # As many epochs of the small network as fit in sauron's training time, timed on a 2-epoch probe.
        train scratch-probe 2 --widths-from "$out/sauron" --lambda 0 --no-prune "$@" > /dev/null
        per=$(epoch_seconds "$out/scratch-probe-train.log" | tail -1)
        budget=$(epoch_seconds "$out/sauron-train.log" | awk '{ t += $1 } END { print t }')
        n=$(awk -v b="$budget" -v p="$per" 'BEGIN { n = int(b / p); print (n < 1 ? 1 : n) }')
        echo "scratch: $n epochs of ~$per s in sauron's $budget s"
        train scratch "$n" --widths-from "$out/sauron" --lambda 0 --no-prune "$@" ;;
      l1)
        "$sauron" prune -m "$out/baseline" -o "$out/l1-pruned" --l1-widths-from "$out/sauron" > "$out/l1-prune.log"
        train l1 $(( (epochs + 2) / 3 )) --init "$out/l1-pruned" --lambda 0 --no-prune "$@" ;;
      *)
        # The extra options, less those the row sets itself (picocli takes an option once), then the row's.
        row_opts=$(row_options "$row" "$@")  # stops the script on an unknown row
        # shellcheck disable=SC2086
        train "$row" "$epochs" $row_opts ;;
    esac
    score "$row"
  done
fi

base_params=$(grep '^parameters' "$out/baseline-info.txt" | awk '{gsub(",", "", $2); print $2}')
base_flops=$(grep '^FLOPs' "$out/baseline-info.txt" | sed 's/.*, \([0-9,]*\) per voxel/\1/; s/,//g')
printf '\n| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|---|---|---|---|\n' row parameters "FLOPs/voxel" "size MB" Dice "HD95 mm" \
  "segment s" "training s" "epoch 1 s" "last epoch s"
for row in $ROWS; do
  [ -f "$out/$row-eval.txt" ] || continue
  params=$(grep '^parameters' "$out/$row-info.txt" | awk '{gsub(",", "", $2); print $2}')
  flops=$(grep '^FLOPs' "$out/$row-info.txt" | sed 's/.*, \([0-9,]*\) per voxel/\1/; s/,//g')
  size=$(grep '^size on disk' "$out/$row-info.txt" | awk '{print $4}')
  read -r dice hd95 < <(awk '$1=="1" {print $2, $3}' "$out/$row-eval.txt")
  seg=$(sed 's/.*(\([0-9.]*\) s)/\1/' "$out/$row-segment.log" | tail -1)
  first=$(epoch_seconds "$out/$row-train.log" | head -1); last=$(epoch_seconds "$out/$row-train.log" | tail -1)
  n=$(grep -c '^epoch ' "$out/$row-train.log")
  printf '| %s | %s (%.0f %%) | %s (%.0f %%) | %s | %s | %s | %s | %s (%s ep.) | %s | %s |\n' "$row" "$(printf "%'d" "$params")" \
    "$(awk -v a="$params" -v b="$base_params" 'BEGIN { print 100 * a / b }')" "$(printf "%'d" "$flops")" \
    "$(awk -v a="$flops" -v b="$base_flops" 'BEGIN { print 100 * a / b }')" "$size" "$dice" "$hd95" "$seg" "$(cat "$out/$row.train-s")" "$n" "$first" "$last"
done
echo "(trained on the left hemisphere of Colin27 at 3 mm, scored on the right; $epochs epochs x $steps steps unless the row says; seed 42; logs in $out)"
