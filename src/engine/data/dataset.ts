/**
 * A data-set experiment's data: the training and test sets, standardised per feature with the training set's
 * mean and population standard deviation (a feature whose deviation is 0, such as a digits corner pixel that is
 * always blank, is only centred), and the standardisation itself so a caller can map other points (the
 * decision-boundary grid) the same way. Loaded once per (data, seed, noise) and cached.
 */
import type { Experiment } from '../experiment';
import { DIGITS_PIXELS, loadDigitsImages, splitDigits } from './digits';
import { DATA_DIMENSIONS } from './shape';
import { TWO_D_TEST, TWO_D_TRAIN, twoDPoints, type PointSet, type TwoDKind } from './two-d';

/** The data of one experiment. `x` arrays are row-major [count, features], already standardised. */
export interface DataSet {
  readonly kind: Exclude<Experiment['data'], 'none'>;
  readonly features: number;
  readonly classes: number;
  readonly train: PointSet;
  readonly test: PointSet;
  /** Raw (unstandardised) test points, for drawing (2-D coordinates, digits pixel counts). */
  readonly rawTest: PointSet;
  readonly rawTrain: PointSet;
  /** Per feature: the training set's mean and the divisor used (its standard deviation, or 1 where that is 0). */
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

const cache = new Map<string, Promise<DataSet>>();
const CACHE_ENTRIES = 8;

/** The data of `exp` (which must have a data set), standardised. */
export function loadDataSet(exp: Experiment): Promise<DataSet> {
  if (exp.data === 'none') throw new Error('loadDataSet: the experiment has no data set (data=none)');
  const kind = exp.data;
  const key = kind === 'digits' ? kind : `${kind}|${exp.seed}|${exp.noise}`;
  let hit = cache.get(key);
  if (hit) {
    cache.delete(key);
  } else {
    hit = build(kind, exp.seed, exp.noise);
    hit.catch(() => cache.delete(key));
  }
  cache.set(key, hit);
  for (const oldKey of cache.keys()) {
    if (cache.size <= CACHE_ENTRIES) break;
    cache.delete(oldKey);
  }
  return hit;
}

async function build(kind: DataSet['kind'], seed: number, noise: number): Promise<DataSet> {
  const { features, classes } = DATA_DIMENSIONS[kind];
  let rawTrain: PointSet;
  let rawTest: PointSet;
  if (kind === 'digits') {
    ({ train: rawTrain, test: rawTest } = splitDigits(await loadDigitsImages()));
  } else {
    rawTrain = twoDPoints(kind as TwoDKind, seed, noise, 0, TWO_D_TRAIN);
    rawTest = twoDPoints(kind as TwoDKind, seed, noise, 1, TWO_D_TEST);
  }
  const { mean, scale } = standardisation(rawTrain, features);
  return {
    kind,
    features,
    classes,
    train: standardise(rawTrain, features, mean, scale),
    test: standardise(rawTest, features, mean, scale),
    rawTrain,
    rawTest,
    mean,
    scale,
  };
}

/** Per-feature mean and population standard deviation of `set` (two passes, float64); 1 where that is 0. */
export function standardisation(
  set: PointSet,
  features: number,
): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(features);
  const scale = new Float64Array(features);
  for (let f = 0; f < features; f++) {
    let sum = 0;
    for (let i = 0; i < set.count; i++) sum += set.x[i * features + f];
    const m = sum / set.count;
    let sq = 0;
    for (let i = 0; i < set.count; i++) {
      const d = set.x[i * features + f] - m;
      sq += d * d;
    }
    const sd = Math.sqrt(sq / set.count);
    mean[f] = m;
    scale[f] = sd > 0 ? sd : 1;
  }
  return { mean, scale };
}

/** `(x − mean) / scale` per feature, as a new point set. */
export function standardise(
  set: PointSet,
  features: number,
  mean: Float64Array,
  scale: Float64Array,
): PointSet {
  const x = new Float64Array(set.x.length);
  for (let i = 0; i < set.count; i++)
    for (let f = 0; f < features; f++) x[i * features + f] = (set.x[i * features + f] - mean[f]) / scale[f];
  return { x, labels: set.labels, count: set.count };
}

/** Pixels per digits image (re-exported for the page's image grid). */
export { DIGITS_PIXELS };
