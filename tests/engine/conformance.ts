/**
 * The Backend conformance suite (not a test file): `describeConformance` defines vitest blocks that run a
 * fixed set of small experiments on a backend under test and on the float64 ReferenceBackend, and compare
 * the loss and every LayerStats field.
 *
 * Usage, from a `*.test.ts` file:
 *   describeConformance('wasm', () => createWasmBackend(), { rel: 1e-3, abs: 1e-5 });
 *
 * `makeBackend` is called once per experiment (each run gets a fresh backend, disposed afterwards), so it
 * should be cheap: share expensive things such as a GPU device behind it.
 *
 * The data-set cases (`dataConformanceCases`) also compare the training- and test-set accuracy; a backend
 * without `logits()` cannot run data sets (src/engine/backend.ts) and has them skipped.
 *
 * The experiments are chosen to be well conditioned in float32: depth ≤ 7, standard inits (or custom with
 * σ_w near 1), inputs of unit scale, a few SGD steps with moderate learning rates, so statistics agree to
 * about 1e-5 relative between float32 and float64 engines and 1e-3 leaves a wide margin.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/engine/backend';
import { runExperiment } from '../../src/engine/backend';
import { loadDataSet } from '../../src/engine/data/dataset';
import { ACTIVATIONS, INIT_SCHEMES, WEIGHT_DISTS } from '../../src/engine/experiment';
import type { Experiment, LayerStats, RunResult } from '../../src/engine/experiment';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { experimentWith } from '../../src/state/schema';

/** Mixed tolerance: a value a matches the reference b when |a − b| ≤ abs + rel·|b|. */
export interface Tolerance {
  readonly rel: number;
  readonly abs: number;
}

/**
 * Allowed difference of the `dead` and `saturated` counts per layer. A count can differ between engines only
 * if some unit's extreme |φ′(z)| over the batch lies within rounding of the threshold (0 for dead, 0.01 for
 * saturated); with continuous random data that is improbable, but a float32 engine may legitimately round one
 * unit across it, so one unit of slack is allowed. Anything more is a real disagreement.
 */
export const COUNT_SLACK = 1;

/** The real-valued LayerStats fields compared with the mixed tolerance. */
export const REAL_FIELDS = [
  'preMean',
  'preVar',
  'postMean',
  'postVar',
  'gradNorm',
  'weightGradNorm',
] as const;

/** Small base experiment: every case below overrides some of it. */
const BASE: Partial<Experiment> = { depth: 3, width: 17, batch: 5, seed: 11, in_mean: 0, in_std: 1 };

/** The experiments of the suite, each a partial experiment over BASE. */
export function conformanceCases(): Partial<Experiment>[] {
  const cases: Partial<Experiment>[] = [];
  // Every activation, both losses, with and without bias.
  ACTIVATIONS.forEach((act, i) => {
    cases.push({ act, loss: 'mse', sb: 0, knob: 0.5 });
    cases.push({ act, loss: 'probe', sb: 0.2, knob: 0.3, in_mean: 0.3, seed: 20 + i });
  });
  // Saturation in the ELU family: biases of std 3 push some units far left for every example.
  cases.push({ act: 'elu', sb: 3, seed: 5 });
  cases.push({ act: 'selu', sb: 3, seed: 6, loss: 'probe' });
  // Every init × dist.
  for (const init of INIT_SCHEMES) {
    for (const dist of WEIGHT_DISTS) cases.push({ act: 'elu', init, dist, sw: 1.2, width: 33, seed: 3 });
  }
  // Odd widths × batches.
  const acts = ['relu', 'selu', 'silu', 'leaky'] as const;
  [1, 3, 17, 33].forEach((width, i) => {
    for (const batch of [1, 5])
      cases.push({ act: acts[i], width, batch, init: 'he', seed: 30 + width + batch });
  });
  // Depths.
  for (const depth of [1, 3, 7]) {
    cases.push({ act: 'selu', depth, width: 9, batch: 4 });
    cases.push({ act: 'relu', depth, width: 9, batch: 4, init: 'he', sb: 0.1, loss: 'probe' });
  }
  // Training: a few SGD steps, then the measured pass.
  cases.push({ act: 'elu', steps: 3, lr: 0.05, sb: 0.1 });
  cases.push({ act: 'relu', steps: 3, lr: 0.05, init: 'he' });
  cases.push({ act: 'selu', steps: 2, lr: 0.02, loss: 'probe', width: 33, batch: 4 });
  cases.push({ act: 'silu', steps: 3, lr: 0.05, dist: 'orthogonal' });
  // Hybrid knob learning: the knob moves visibly but stays inside (0, 1), away from the clamp.
  cases.push({ act: 'hybrid', knob: 0.5, steps: 4, lr: 0.2, depth: 2, width: 8, batch: 6, in_mean: -0.5 });
  cases.push({ act: 'hybrid', knob: 0.2, alpha: 1.5, steps: 3, lr: 0.1, sb: 0.3, loss: 'probe' });
  return cases;
}

/**
 * Data-set experiments (the network inputs → depth hidden layers → linear read-out to the classes, every
 * layer with a trained bias, a minibatch per step): every data set, hidden widths 1, 3, 9, 17 and 64, batch 1
 * and a batch larger than the training set (it spans two epochs), the digits' 64 inputs and 10 classes, xent
 * and mse, depth 1 (layer 1 feeds the read-out), hybrid knob learning through the read-out, random initial
 * biases, and 3–5 SGD steps at lr 0.05–0.1 before the measured pass. Each is a partial experiment over the
 * suite's base (conformanceExperiment).
 */
export function dataConformanceCases(): Partial<Experiment>[] {
  return [
    { data: 'spiral', act: 'elu', depth: 3, width: 17, batch: 8, steps: 4, lr: 0.1 },
    {
      data: 'circles',
      act: 'relu',
      init: 'he',
      depth: 2,
      width: 64,
      batch: 33,
      steps: 3,
      lr: 0.1,
      loss: 'mse',
    },
    { data: 'xor', act: 'selu', depth: 1, width: 3, batch: 1, steps: 5, lr: 0.05 },
    { data: 'gauss', act: 'silu', noise: 0.3, depth: 4, width: 1, batch: 5, steps: 3, lr: 0.1, loss: 'mse' },
    { data: 'digits', act: 'elu', depth: 2, width: 64, batch: 10, steps: 3, lr: 0.1 },
    { data: 'digits', act: 'leaky', depth: 3, width: 1, batch: 1, steps: 3, lr: 0.05, loss: 'mse', sb: 0.2 },
    {
      data: 'digits',
      act: 'hybrid',
      knob: 0.5,
      depth: 2,
      width: 3,
      batch: 6,
      steps: 4,
      lr: 0.1,
      sb: 0.3,
    },
    { data: 'spiral', act: 'silu', depth: 2, width: 9, batch: 500, steps: 3, lr: 0.1, sb: 0.3, noise: 0 },
  ];
}

/** The full experiment of a case (the case over the suite's small base experiment). */
export function conformanceExperiment(partial: Partial<Experiment>): Experiment {
  return experimentWith({ ...BASE, ...partial });
}

/** A short, stable label of a case: its keys as a query string. */
export function caseLabel(partial: Partial<Experiment>): string {
  return Object.entries(partial)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
}

function close(actual: number, expected: number, tol: Tolerance): boolean {
  return Math.abs(actual - expected) <= tol.abs + tol.rel * Math.abs(expected);
}

function expectClose(
  actual: number | undefined,
  expected: number | undefined,
  tol: Tolerance,
  what: string,
): void {
  expect(actual, `${what} missing`).toBeTypeOf('number');
  expect(expected, `${what} missing in reference`).toBeTypeOf('number');
  const ok = close(actual as number, expected as number, tol);
  expect(ok, `${what}: got ${actual}, reference ${expected} (tol abs ${tol.abs}, rel ${tol.rel})`).toBe(true);
}

/** Compares one run's layers and loss with the reference's, field by field. */
export function expectStatsMatch(
  layers: readonly LayerStats[],
  loss: number,
  ref: { layers: readonly LayerStats[]; loss: number },
  exp: Experiment,
  tol: Tolerance,
): void {
  expect(layers.length).toBe(exp.depth);
  expectClose(loss, ref.loss, tol, 'loss');
  layers.forEach((got, i) => {
    const want = ref.layers[i];
    const at = `layer ${i + 1}`;
    expect(got.layer, `${at}: layer number`).toBe(i + 1);
    for (const f of REAL_FIELDS) expectClose(got[f], want[f], tol, `${at} ${f}`);
    for (const f of ['dead', 'saturated'] as const) {
      expect(Number.isInteger(got[f]), `${at} ${f} is an integer`).toBe(true);
      expect(
        Math.abs(got[f] - want[f]),
        `${at} ${f}: got ${got[f]}, reference ${want[f]}`,
      ).toBeLessThanOrEqual(COUNT_SLACK);
    }
    if (exp.act === 'hybrid') {
      expectClose(got.knob, want.knob, tol, `${at} knob`);
      expectClose(got.knobGrad, want.knobGrad, tol, `${at} knobGrad`);
    } else {
      expect(got.knob, `${at}: knob only for hybrid`).toBeUndefined();
      expect(got.knobGrad, `${at}: knobGrad only for hybrid`).toBeUndefined();
    }
  });
}

/**
 * Compares a run's `accuracy` and `testAccuracy` with the reference's: null both without a data set; with one,
 * within one point of each set (1/count): a float32 engine may round one borderline example's largest output
 * the other way.
 */
export async function expectScoresMatch(
  got: Pick<RunResult, 'accuracy' | 'testAccuracy'>,
  want: Pick<RunResult, 'accuracy' | 'testAccuracy'>,
  exp: Experiment,
): Promise<void> {
  if (exp.data === 'none') {
    expect(got.accuracy, 'accuracy without a data set').toBeNull();
    expect(got.testAccuracy, 'testAccuracy without a data set').toBeNull();
    return;
  }
  const { train, test } = await loadDataSet(exp);
  const pairs = [
    ['accuracy', got.accuracy, want.accuracy, train.count],
    ['testAccuracy', got.testAccuracy, want.testAccuracy, test.count],
  ] as const;
  for (const [what, a, b, count] of pairs) {
    expect(a, `${what} missing`).toBeTypeOf('number');
    expect(b, `${what} missing in reference`).toBeTypeOf('number');
    const diff = Math.abs((a as number) - (b as number));
    expect(diff, `${what}: got ${a}, reference ${b} (${count} points)`).toBeLessThanOrEqual(
      1 / count + 1e-12,
    );
  }
}

async function withBackend<T>(
  make: () => Backend | Promise<Backend>,
  body: (backend: Backend) => Promise<T>,
): Promise<T> {
  const backend = await make();
  try {
    return await body(backend);
  } finally {
    backend.dispose();
  }
}

/** Runs `exp` on a fresh ReferenceBackend. */
export async function referenceRun(exp: Experiment): Promise<RunResult> {
  return withBackend(
    () => new ReferenceBackend(),
    (b) => runExperiment(b, exp),
  );
}

/**
 * Defines the conformance suite for one backend: every case of `conformanceCases()` and
 * `dataConformanceCases()` through runExperiment, compared with the reference within `tol` (counts within
 * COUNT_SLACK, accuracies within one point of their set), plus the step contract (statistics of a training
 * step describe the pass before its update; with a data set, a measured pass does not use up a minibatch).
 * Data-set cases are skipped for a backend without `logits()`.
 */
export function describeConformance(
  name: string,
  makeBackend: () => Backend | Promise<Backend>,
  tol: Tolerance,
): void {
  describe(`${name}: conformance with the float64 reference`, () => {
    for (const partial of [...conformanceCases(), ...dataConformanceCases()]) {
      it(caseLabel(partial), async (ctx) => {
        const exp = conformanceExperiment(partial);
        const want = await referenceRun(exp);
        const got = await withBackend(makeBackend, (b) => {
          if (exp.data !== 'none' && !b.logits) ctx.skip('this backend has no logits(): no data sets');
          return runExperiment(b, exp);
        });
        expect(got.backend).not.toBe('');
        expect(got.experiment).toEqual(exp);
        expectStatsMatch(got.layers, got.loss, want, exp, tol);
        await expectScoresMatch(got, want, exp);
      });
    }

    const contract: [string, Partial<Experiment>][] = [
      ['', { act: 'hybrid', knob: 0.4, lr: 0.1, sb: 0.1, in_mean: -0.3 }],
      [' (data set: the measured pass uses the next minibatch and keeps it)', dataContractCase],
    ];
    for (const [label, partial] of contract) {
      it(`a training step reports the pass before its update; a non-training step changes nothing${label}`, async (ctx) => {
        const exp = experimentWith({ ...BASE, ...partial });
        const before = await referenceRun(exp);
        const after = await referenceRun({ ...exp, steps: 1 });
        await withBackend(makeBackend, async (b) => {
          if (exp.data !== 'none' && !b.logits) ctx.skip('this backend has no logits(): no data sets');
          await b.init(exp);
          const first = await b.step({ train: false });
          expectStatsMatch(first.layers, first.loss, before, exp, tol);
          const again = await b.step({ train: false });
          expectStatsMatch(again.layers, again.loss, before, exp, tol);
          const train = await b.step({ train: true });
          expectStatsMatch(train.layers, train.loss, before, exp, tol);
          const next = await b.step({ train: false });
          expectStatsMatch(next.layers, next.loss, after, exp, tol);
        });
      });
    }
  });
}

/** The step-contract case with a data set: a small batch, so consecutive minibatches differ visibly. */
const dataContractCase: Partial<Experiment> = {
  data: 'circles',
  act: 'elu',
  depth: 2,
  width: 8,
  batch: 4,
  lr: 0.1,
  sb: 0.1,
};
