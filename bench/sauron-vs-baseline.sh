#!/usr/bin/env bash
# Trains Sauron and the no-pruning baseline (lambda 0, no pruning) on the LEFT hemisphere of the bundled
# Colin27 sample with the same seed, epochs and data, segments the RIGHT hemisphere with each, and prints
# parameters, FLOPs, model size, Dice, HD95, segmentation time and first/last epoch seconds side by side.
#   bench/sauron-vs-baseline.sh [epochs] [steps] [extra train options for both...]
#   REPORT_ONLY=1 bench/sauron-vs-baseline.sh     # print the table again from the last run's files
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${1:-60}"; steps="${2:-5}"; shift $(( $# > 2 ? 2 : $# ))
out="${OUT:-$root/out/sauron-vs-baseline}"
mkdir -p "$out"
s="$root/sample-data/colin27-3mm"
run() {  # name, train options...
  local name="$1"; shift
  local start=$(date +%s)
  "$root/bin/sauron" train -i "$s-left-image.nii.gz" -l "$s-left-mask.nii.gz" -m "$out/$name" \
    --patch 32x64x48 --epochs "$epochs" --steps "$steps" --validation 0 "$@" > "$out/$name-train.log"
  echo "$name trained in $(( $(date +%s) - start )) s"
  "$root/bin/sauron" segment -m "$out/$name" -i "$s-right-image.nii.gz" -o "$out/$name-right.nii.gz" > "$out/$name-segment.log"
  "$root/bin/sauron" evaluate -p "$out/$name-right.nii.gz" -t "$s-right-mask.nii.gz" > "$out/$name-eval.txt"
  "$root/bin/sauron" info -m "$out/$name" > "$out/$name-info.txt"
}
if [ -z "${REPORT_ONLY:-}" ]; then
  run baseline --lambda 0 --no-prune "$@"
  run sauron "$@"
fi
printf '\n%-10s %12s %14s %9s %8s %8s %10s %10s %10s\n' method parameters "FLOPs/voxel" "size MB" Dice "HD95 mm" "seg. s" "epoch 1 s" "last ep. s"
for name in baseline sauron; do
  params=$(grep '^parameters' "$out/$name-info.txt" | awk '{print $2}')
  flops=$(grep '^FLOPs' "$out/$name-info.txt" | sed 's/.*, \([0-9,]*\) per voxel/\1/')
  size=$(grep '^size on disk' "$out/$name-info.txt" | awk '{print $4}')
  read -r dice hd95 < <(awk '$1=="1" {print $2, $3}' "$out/$name-eval.txt")
  seg=$(sed 's/.*(\([0-9.]*\) s)/\1/' "$out/$name-segment.log" | tail -1)
  first=$(grep '^epoch ' "$out/$name-train.log" | head -1 | awk '{for(i=1;i<=NF;i++) if($i=="s") print $(i-1)}')
  last=$(grep '^epoch ' "$out/$name-train.log" | tail -1 | awk '{for(i=1;i<=NF;i++) if($i=="s") print $(i-1)}')
  printf '%-10s %12s %14s %9s %8s %8s %10s %10s %10s\n' "$name" "$params" "$flops" "$size" "$dice" "$hd95" "$seg" "$first" "$last"
done
echo "(trained on the left hemisphere of Colin27 at 3 mm, scored on the right; $(grep -c '^epoch ' "$out/sauron-train.log") epochs, seed 42; logs in $out)"
