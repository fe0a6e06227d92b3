/**
 * Sweeps (`sx`, `sy`, `metric`; docs/experiment.md "Sweeps"): a grid of experiments that differ only in one or
 * two numeric keys, each cell coloured by one number measured on its network. The types live in the engine
 * (like the experiment's) so the state layer parses them and every engine, the CLI and the page share them.
 */
import type { Experiment } from '../experiment';

/**
 * What a cell shows, measured on the experiment's measured pass:
 * - `chi`: (‖∂loss/∂h₁‖ / ‖∂loss/∂h_L‖)^(2/(L−1)), the geometric mean over layers of the ratio of squared gradient
 *   norms from one layer to the one below: the measured χ₁ (with `loss=probe`, the theory's quantity). Null at
 *   depth 1.
 * - `var`: the last hidden layer's post-activation variance.
 * - `dead`: the fraction of hidden units that are dead (φ′ = 0 for every example), over all layers.
 * - `loss`: the measured pass's loss (after `steps` updates).
 * - `accuracy`, `test_accuracy`: with a data set, the fraction of the training set / the test set classified
 *   right.
 */
export const SWEEP_METRICS = ['chi', 'var', 'dead', 'loss', 'accuracy', 'test_accuracy'] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];

/** Experiment keys a sweep may vary: the numeric ones that are not switches. */
export const SWEEP_KEYS = [
  'alpha',
  'lambda',
  'slope',
  'knob',
  'depth',
  'width',
  'batch',
  'sw',
  'sb',
  'in_mean',
  'in_std',
  'seed',
  'lr',
  'steps',
  'noise',
] as const satisfies readonly (keyof Experiment)[];
export type SweepKey = (typeof SWEEP_KEYS)[number];

/** Most values on one axis. */
export const MAX_AXIS_POINTS = 64;

/** One axis as the link writes it: `KEY:FROM:TO:N` (linear) or `KEY:FROM:TO:Nlog` (geometric). */
export interface SweepAxisSpec {
  readonly key: SweepKey;
  readonly from: number;
  readonly to: number;
  /** Points, 1..MAX_AXIS_POINTS. */
  readonly n: number;
  readonly log: boolean;
}

/** A sweep as the link writes it: one or two axes and the metric. */
export interface SweepSpec {
  readonly x: SweepAxisSpec;
  readonly y: SweepAxisSpec | null;
  readonly metric: SweepMetric;
}

/** An axis's key and its values in order (int keys rounded, repeats dropped). */
export interface SweepAxis {
  readonly key: SweepKey;
  readonly values: readonly number[];
}

/**
 * The grid of a sweep: `cells[r][c]` is the experiment at x = x.values[c], y = y.values[r] (one row when there
 * is no y axis). Every cell is the main experiment with those keys replaced, read as a link would be.
 */
export interface SweepGrid {
  readonly x: SweepAxis;
  readonly y: SweepAxis | null;
  readonly metric: SweepMetric;
  readonly cells: readonly (readonly Experiment[])[];
}

/** A measured cell value; null where the metric is undefined or not finite (JSON has no NaN). */
export type CellValue = number | null;

/**
 * What `loz sweep --json` prints and `window.loz.sweep` returns: the axes, the metric, the measured values
 * (`cells[r][c]`, row per y value) and the mean-field theory's value of the metric where it gives one.
 */
export interface SweepOutput {
  readonly backend: string;
  readonly x: SweepAxis;
  readonly y: SweepAxis | null;
  readonly metric: SweepMetric;
  readonly cells: CellValue[][];
  readonly theory: CellValue[][] | null;
  readonly ms: number;
}

/** A measured cell, as a sweep hands it on while it goes: row r (y value), column c (x value). */
export interface SweepCell {
  readonly row: number;
  readonly column: number;
  readonly value: CellValue;
}
