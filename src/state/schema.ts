/**
 * URL schema v1 as one declarative table (after TensorFlow Playground's state.ts): each key's type, range and
 * default. `parse()` and `serialize()` are driven by it; nothing else lists the keys.
 * URL strings map to enum strings, never to engine objects.
 */
import { defaultAlpha } from '../engine/activations';
import { SELU_LAMBDA } from '../engine/activations';
import { ACTIVATIONS, DATA_SETS, INIT_SCHEMES, LOSSES, WEIGHT_DISTS } from '../engine/experiment';
import type { Experiment } from '../engine/experiment';

/** The newest schema version; a link without `v` is read as this version. */
export const SCHEMA_VERSION = 1;

/** One URL key. Numeric ranges are inclusive unless `minExclusive`; out-of-range values are clamped. */
export type FieldSpec<K extends string = keyof Experiment> =
  | {
      readonly key: K;
      readonly kind: 'float';
      readonly min: number;
      readonly max: number;
      /** The range is (min, max]: values ≤ min are clamped up to `min + EXCLUSIVE_FLOOR`. */
      readonly minExclusive?: boolean;
      readonly default: number;
    }
  | {
      readonly key: K;
      readonly kind: 'int';
      readonly min: number;
      readonly max: number;
      readonly default: number;
    }
  | { readonly key: K; readonly kind: 'enum'; readonly values: readonly string[]; readonly default: string };

/** Where a value at or below an exclusive minimum is clamped to, above that minimum. */
export const EXCLUSIVE_FLOOR = 1e-6;

/** Largest magnitude accepted for the unbounded floats (in_mean, in_std): keeps every draw finite in float32. */
export const UNBOUNDED_FLOAT_LIMIT = 1e6;

/** Largest `steps`; a step at the default size is milliseconds, so this bounds a run's time, not its meaning. */
export const MAX_STEPS = 100_000;

/**
 * The schema, in canonical order (the order of `serialize()`). `alpha`'s default depends on `act`, `loss`'s on
 * `data` (xent with a data set).
 */
export const SCHEMA: readonly FieldSpec[] = [
  { key: 'v', kind: 'int', min: 1, max: SCHEMA_VERSION, default: SCHEMA_VERSION },
  { key: 'act', kind: 'enum', values: ACTIVATIONS, default: 'elu' },
  { key: 'alpha', kind: 'float', min: 0, max: 10, default: 1 },
  { key: 'lambda', kind: 'float', min: 0, max: 10, minExclusive: true, default: SELU_LAMBDA },
  { key: 'slope', kind: 'float', min: 0, max: 1, default: 0.01 },
  { key: 'knob', kind: 'float', min: 0, max: 1, default: 0 },
  { key: 'depth', kind: 'int', min: 1, max: 1000, default: 20 },
  { key: 'width', kind: 'int', min: 1, max: 4096, default: 256 },
  { key: 'batch', kind: 'int', min: 1, max: 8192, default: 256 },
  { key: 'init', kind: 'enum', values: INIT_SCHEMES, default: 'lecun' },
  { key: 'dist', kind: 'enum', values: WEIGHT_DISTS, default: 'normal' },
  { key: 'sw', kind: 'float', min: 0, max: 10, default: 1 },
  { key: 'sb', kind: 'float', min: 0, max: 10, default: 0 },
  { key: 'in_mean', kind: 'float', min: -UNBOUNDED_FLOAT_LIMIT, max: UNBOUNDED_FLOAT_LIMIT, default: 0 },
  { key: 'in_std', kind: 'float', min: 0, max: UNBOUNDED_FLOAT_LIMIT, default: 1 },
  { key: 'seed', kind: 'int', min: 0, max: 0xffffffff, default: 1 },
  { key: 'lr', kind: 'float', min: 0, max: 10, default: 0.01 },
  { key: 'steps', kind: 'int', min: 0, max: MAX_STEPS, default: 0 },
  { key: 'loss', kind: 'enum', values: LOSSES, default: 'mse' },
  { key: 'tied', kind: 'int', min: 0, max: 1, default: 0 },
  { key: 'nonneg', kind: 'int', min: 0, max: 1, default: 0 },
  { key: 'data', kind: 'enum', values: DATA_SETS, default: 'none' },
  { key: 'noise', kind: 'float', min: 0, max: 1, default: 0.1 },
];

/** The keys other keys' defaults depend on, read first. */
export type DefaultContext = Pick<Experiment, 'act' | 'data'>;

/** The default of `key` given the keys defaults depend on: `alpha` on `act`, `loss` on `data`. */
export function defaultOf(spec: FieldSpec<string>, context: DefaultContext): number | string {
  if (spec.key === 'alpha') return defaultAlpha(context.act);
  if (spec.key === 'loss') return context.data === 'none' ? 'mse' : 'xent';
  return spec.default;
}

/** The default experiment (what an empty query opens). */
export const DEFAULT_EXPERIMENT: Experiment = Object.freeze(
  Object.fromEntries(SCHEMA.map((f) => [f.key, f.default])) as unknown as Experiment,
);

/**
 * A complete experiment from a partial one, for code and tests (no validation: use `parse()` for input).
 * `alpha` defaults to SELU's α₀₁ when `act` is `selu`, `loss` to `xent` with a data set.
 */
export function experimentWith(partial: Partial<Experiment>): Experiment {
  const act = partial.act ?? DEFAULT_EXPERIMENT.act;
  const data = partial.data ?? DEFAULT_EXPERIMENT.data;
  return Object.freeze({
    ...DEFAULT_EXPERIMENT,
    alpha: defaultAlpha(act),
    loss: data === 'none' ? 'mse' : 'xent',
    ...partial,
  });
}
