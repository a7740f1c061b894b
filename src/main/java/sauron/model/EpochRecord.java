package sauron.model;

import java.util.Map;

/**
 * One epoch of a model's training history, as sauron.json keeps it.
 *
 * @param trainingLoss mean loss of the epoch's steps, Sauron's weighted regulariser included
 * @param regularizer mean of Sauron's regulariser R (unweighted) over the epoch; NaN when lambda is 0
 * @param validationLoss NaN without a validation split
 * @param validationDice mean foreground Dice on the validation patches; NaN without a validation split
 * @param widths filters per prunable layer at the end of the epoch
 * @param thresholds Sauron's per-layer pruning threshold tau (empty when not pruning)
 * @param rounds Sauron's pruning rounds done by the end of the epoch, counted from the start of the run
 * @param runEpochs the run's length in epochs as planned at the end of this epoch: the settings' epochs, more once a
 *          time budget lengthened the recovery phase (0 in models saved before it was recorded)
 */
public record EpochRecord(int epoch, double trainingLoss, double regularizer, double validationLoss, double validationDice, double seconds,
		long parameters, double flopsPerVoxel, Map<String, Integer> widths, Map<String, Double> thresholds, int rounds, int runEpochs) {}
