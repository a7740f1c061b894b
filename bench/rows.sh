# shellcheck shell=bash
# The rows of Sauron's benchmarks, in one place: sourced by bench/evidence.sh and bench/sauron-vs-baseline.sh.
# ROW_OPTS: a row's `bin/sauron train` options on top of the script's own (data, network, epochs, steps);
# ROW_DESC: one line saying what the row is (for an ablation: what it switches off or changes).
# scratch and l1 have no options here: they depend on other rows' models (see the scripts).
# Every ablation is Sauron's defaults (docs/SAURON.md sections 8-9) with ONE element switched off or changed;
# row_options merges its options over a script's Sauron options (the row's value wins).

declare -A ROW_OPTS=(
  [baseline]="--lambda 0 --no-prune"
  [sauron]="--lambda 0.5"
  [lambda0]="--lambda 0"
  [paper]="--schedule PAPER"
  [no-comp]="--compensation NONE"
  [ref-comp]="--compensation REFERENCE"
  [tau03]="--tau-max 0.3"
  [no-recovery]="--recovery 0"
  [no-warmup]="--warmup 0"
  [one-batch]="--criterion-batches 1"
  [no-floor]="--min-filters 1"
  [no-cap]="--max-prune-share 1"
  [plateau]="--tau-rise PLATEAU"
  [epoch-rounds]="--prune-every 0"
  [reg-recovery]="--regularise-recovery"
  [steps-budget]="--budget STEPS"
  [warmup-reg]="--regularise-warmup"
  [late-rounds]="--warmup 0.2 --recovery 0.4"
)
declare -A ROW_DESC=(
  [baseline]="the plain nnU-Net: no regulariser, no pruning"
  [sauron]="Sauron with its defaults (lambda 0.5, the budget schedule)"
  [lambda0]="Sauron's thresholds and pruning without the regulariser"
  [scratch]="a network of sauron's final widths trained from scratch (--widths-from), for as many epochs as fit in sauron's training time"
  [l1]="the trained baseline pruned by kernel L1 norm to sauron's widths, then fine-tuned"
  [paper]="the whole budget schedule off: the paper's method exactly (rounds at epoch ends, plateau thresholds, one batch, no floor, cap or compensation)"
  [no-comp]="compensation off: a removed filter's contribution is dropped, as in the paper"
  [ref-comp]="compensation fitted on the reference map alone (a scale and an offset) instead of every kept map"
  [tau03]="tau_max at the paper's 0.3 instead of 0.6"
  [no-recovery]="recovery phase off: pruning goes on to the last step"
  [no-warmup]="warm-up off: pruning rounds from the first steps"
  [one-batch]="averaged criterion off: delta_prune from one batch per round"
  [no-floor]="floor off: a layer may go down to 1 filter"
  [no-cap]="cap off: a round may remove any share of a layer"
  [plateau]="clock off: thresholds rise on loss plateaus (the paper's rule, in rounds)"
  [epoch-rounds]="step rounds off: one pruning round per epoch end"
  [reg-recovery]="plain recovery off: the regulariser stays in the loss after the last round, as in the paper"
  [steps-budget]="time budget off: exactly the given epochs, so the run ends sooner than the unpruned network's"
  [warmup-reg]="plain warm-up off: the regulariser in the loss from the first step, as in the paper"
  [late-rounds]="early rounds off: the pruning phase at 20-60 % of the planned steps (the defaults before 2026-12-08) instead of 10-35 %"
)
# The ablations of the budget schedule's elements, in the order the scripts run them.
ABLATION_ROWS="paper no-comp ref-comp steps-budget warmup-reg late-rounds no-recovery reg-recovery no-warmup one-batch no-floor no-cap plateau epoch-rounds"

# row_options ROW BASE_OPTIONS...: prints BASE_OPTIONS without the options that ROW sets, then ROW's options (picocli
# takes each option once, so an ablation of e.g. --prune-every must replace the script's own --prune-every).
row_options() {
  local row="$1"; shift
  [ -n "${ROW_OPTS[$row]+x}" ] || { echo "unknown row: $row (known: ${!ROW_OPTS[*]})" >&2; return 1; }
  local own=" ${ROW_OPTS[$row]} " out=() skip=0 a
  for a in "$@"; do
    if [ "$skip" = 1 ]; then
      skip=0
      [[ "$a" == --* ]] || continue  # the dropped option's value
    fi
    if [[ "$a" == --* ]] && [[ "$own" == *" $a "* ]]; then skip=1; continue; fi
    out+=("$a")
  done
  echo "${out[*]} ${ROW_OPTS[$row]}" | sed 's/^ *//; s/ *$//'
}
