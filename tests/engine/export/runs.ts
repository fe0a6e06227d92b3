/**
 * Comparing an exported script's run with the reference engine's (`runExperiment`), for the PyTorch export
 * tests: real torch (TORCH_PYTHON) or the numpy stand-in (FAKE_TORCH), several scripts per interpreter process.
 */
import { expect } from 'vitest';
import { runExperiment } from '../../../src/engine/backend';
import type { Experiment, RunResult } from '../../../src/engine/experiment';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { runScripts } from './python';

/** What a script prints (run()'s dict): accuracies only with a data set. */
export interface ScriptOutput {
  readonly layers: Record<string, number>[];
  readonly loss: number;
  readonly accuracy?: number;
  readonly testAccuracy?: number;
}

/**
 * Allowed difference between the script's numbers and the reference's: 1e-9·max(1, |reference|), relative
 * above 1 and absolute below (a mean near 0 has no meaningful relative error). Both run in float64 with the
 * same draws and formulas, so they differ only by summation order (BLAS blocking, torch's reductions): about
 * 1e-15 relative on the tests' cases after 20 SGD steps. 1e-9 leaves six orders of magnitude for other CPUs
 * and BLAS builds, while a wrong formula, draw or minibatch moves the numbers by far more.
 */
export const TOLERANCE = 1e-9;

/** The reference engine's whole run of `e`. */
export async function referenceRun(e: Experiment): Promise<RunResult> {
  const backend = new ReferenceBackend();
  try {
    return await runExperiment(backend, e);
  } finally {
    backend.dispose();
  }
}

/**
 * Expects `out` to be `ours`: the same keys (accuracy and testAccuracy only with a data set), every statistic of
 * the first `layers` layers and the loss within TOLERANCE, the accuracies equal. Returns the largest relative
 * difference |a − b|/|b| over the numbers compared (b ≠ 0).
 */
export function expectSameRun(out: ScriptOutput, ours: RunResult, layers: number): number {
  const data = ours.experiment.data !== 'none';
  expect(Object.keys(out)).toEqual(
    data ? ['layers', 'loss', 'accuracy', 'testAccuracy'] : ['layers', 'loss'],
  );
  expect(out.layers.length).toBe(ours.experiment.depth);
  let worst = 0;
  const check = (got: number, want: number, what: string): void => {
    expect(Math.abs(got - want), what).toBeLessThanOrEqual(TOLERANCE * Math.max(1, Math.abs(want)));
    if (want !== 0) worst = Math.max(worst, Math.abs(got - want) / Math.abs(want));
  };
  for (let l = 0; l < layers; l++) {
    const ref = ours.layers[l] as unknown as Record<string, number>;
    expect(Object.keys(out.layers[l])).toEqual(Object.keys(ref));
    for (const key of Object.keys(ref)) check(out.layers[l][key], ref[key], `${key} of layer ${l + 1}`);
  }
  check(out.loss, ours.loss, 'loss');
  if (data) {
    expect(out.accuracy, 'accuracy').toBe(ours.accuracy);
    expect(out.testAccuracy, 'testAccuracy').toBe(ours.testAccuracy);
  }
  return worst;
}

/**
 * The outputs of `scripts()` run by `interpreter` (with `env`), all in one process on the first call, then
 * cached: each test asks for its own (and fails with its own script's traceback), and torch is imported once.
 */
export function batchedRuns(
  scripts: () => string[],
  interpreter: string,
  env?: Record<string, string>,
): (index: number) => ScriptOutput {
  let results: ReturnType<typeof runScripts> | null = null;
  return (index) => {
    results ??= runScripts(scripts(), env, interpreter);
    const result = results[index];
    if ('error' in result) throw new Error(result.error);
    return JSON.parse(result.stdout) as ScriptOutput;
  };
}
