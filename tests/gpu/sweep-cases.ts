/**
 * Cases of the WebGPU engine's measureMany (src/gpu/sweep/, issue 17): lists of experiments measured at once,
 * each cell compared with the float64 ReferenceBackend's own init + steps + measured pass of that experiment
 * at the GPU conformance tolerance (cases.ts RTOL, compare.ts scales). Small shapes (depth 5, odd width 17,
 * batch 6) so a CPU Vulkan runs them in seconds; they cover every batched parameter (sw and init, sb, α, λ,
 * slope, knob, in_mean, in_std), both losses, each `need`, a mixed list whose trained and data-set cells run
 * on the engine's own path, chunking under a small memory budget, and `stopped`.
 */
import type { StatsNeed, StepResult } from '../../src/engine/backend';
import type { Experiment } from '../../src/engine/experiment';
import type { MatmulCore } from '../../src/gpu/kernels/kernel';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { experimentWith } from '../../src/state/schema';
import { compareRuns, type Comparison } from './compare';

/** One measureMany call to check. */
export interface SweepCase {
  readonly name: string;
  readonly experiments: readonly Partial<Experiment>[];
  readonly need: StatsNeed;
  /** The engine's memory budget in bytes (small: the group runs in several chunks). */
  readonly budget?: number;
  /** Stop once this many cells were reported (the rest must not be). */
  readonly stopAfter?: number;
}

const base: Partial<Experiment> = { depth: 5, width: 17, batch: 6, seed: 7, init: 'custom' };

/** σ_w × σ_b, as a sweep's grid lists them (row by row). */
function grid(over: Partial<Experiment>, sws: number[], sbs: number[]): Partial<Experiment>[] {
  return sbs.flatMap((sb) => sws.map((sw) => ({ ...base, ...over, sw, sb })));
}

const SW = [0.8, 1.4, 2];
const SB = [0, 0.3];

export const SWEEP_CASES: readonly SweepCase[] = [
  {
    name: 'elu probe σ_w × σ_b, α and inputs varied, gradients',
    experiments: [
      ...grid({ act: 'elu', loss: 'probe' }, SW, SB),
      { ...base, act: 'elu', loss: 'probe', sw: 1.4, sb: 0.3, alpha: 0.5 },
      { ...base, act: 'elu', loss: 'probe', sw: 1.4, sb: 0.1, alpha: 3, in_mean: 0.5, in_std: 2 },
    ],
    need: 'gradients',
  },
  {
    name: 'relu mse σ_w × σ_b, all statistics',
    experiments: grid({ act: 'relu', loss: 'mse' }, SW, SB),
    need: 'all',
  },
  {
    name: 'selu probe: λ, α, schemes, all statistics',
    experiments: [
      { ...base, act: 'selu', loss: 'probe', init: 'lecun' },
      { ...base, act: 'selu', loss: 'probe', init: 'he', sb: 0.2 },
      { ...base, act: 'selu', loss: 'probe', init: 'xavier', lambda: 1.2, alpha: 1.3 },
      { ...base, act: 'selu', loss: 'probe', sw: 0.9, in_std: 0.5 },
    ],
    need: 'all',
  },
  {
    name: 'hybrid mse knobs and leaky slopes (uniform), all statistics',
    experiments: [
      { ...base, act: 'hybrid', loss: 'mse', knob: 0 },
      { ...base, act: 'hybrid', loss: 'mse', knob: 0.4, alpha: 2 },
      { ...base, act: 'hybrid', loss: 'mse', knob: 1, sb: 0.5 },
      { ...base, act: 'leaky', loss: 'probe', dist: 'uniform', slope: 0.2, sw: 1.5 },
      { ...base, act: 'leaky', loss: 'probe', dist: 'uniform', slope: 0.01, sw: 1.1 },
    ],
    need: 'all',
  },
  {
    name: 'mixed: trained and data-set cells on their own path, orthogonal and non-negative groups',
    experiments: [
      { ...base, act: 'elu', loss: 'mse', sw: 1.2 },
      { ...base, act: 'elu', loss: 'mse', sw: 1.2, steps: 2, lr: 0.05 },
      { ...base, act: 'elu', loss: 'mse', sw: 1.7, sb: 0.2 },
      { ...base, act: 'silu', loss: 'mse', dist: 'orthogonal', sw: 1.3 },
      { ...base, act: 'silu', loss: 'mse', dist: 'orthogonal', sw: 2.1, sb: 0.1 },
      { ...base, act: 'relu', loss: 'probe', nonneg: 1, sw: 0.6 },
      { ...base, act: 'relu', loss: 'probe', nonneg: 1, sw: 0.3 },
      { ...base, act: 'elu', data: 'spiral', batch: 8, depth: 2 },
    ],
    need: 'all',
  },
  {
    name: 'forward only, in chunks of a small budget',
    experiments: grid({ act: 'elu', loss: 'mse', depth: 3 }, [0.5, 1, 1.5, 2, 2.5], [0, 0.5]),
    need: 'forward',
    budget: 120_000,
  },
  {
    name: 'stopped after the first chunk',
    experiments: grid({ act: 'elu', loss: 'probe', depth: 3 }, [0.5, 1, 1.5, 2, 2.5], [0, 0.5]),
    need: 'gradients',
    budget: 120_000,
    stopAfter: 1,
  },
];

/** The experiments of a case. */
export function caseExperiments(c: SweepCase): Experiment[] {
  return c.experiments.map((e) => experimentWith(e));
}

/** The reference's init + steps + measured pass of one experiment. */
export async function referencePass(exp: Experiment): Promise<StepResult> {
  const ref = new ReferenceBackend();
  try {
    await ref.init(exp);
    for (let i = 0; i < exp.steps; i++) await ref.step({ train: true });
    return await ref.step({ train: false });
  } finally {
    ref.dispose();
  }
}

/**
 * A measured pass against the reference's: statistics the need leaves out must be NaN on the GPU (batched
 * cells; a cell on the engine's own path may have them), and are not compared.
 */
export function comparePass(
  exp: Experiment,
  need: StatsNeed,
  gpu: StepResult,
  ref: StepResult,
  rtol: number,
): Comparison & { missing: string[] } {
  const missing: string[] = [];
  const strip = (r: StepResult, check: boolean): StepResult => ({
    loss: r.loss,
    layers: r.layers.map((l) => {
      const out = { ...l };
      if (need === 'forward') {
        if (check && !Number.isNaN(l.gradNorm) && exp.steps === 0) missing.push(`gradNorm ${l.layer}`);
        out.gradNorm = 0;
        if (l.knobGrad !== undefined) out.knobGrad = 0;
      }
      if (need !== 'all') {
        if (check && !Number.isNaN(l.weightGradNorm) && exp.steps === 0) missing.push(`∂W ${l.layer}`);
        out.weightGradNorm = 0;
      }
      return out;
    }),
  });
  const cmp = compareRuns(exp, [strip(gpu, true)], [strip(ref, false)], rtol);
  return { ...cmp, missing };
}

/** Marks the Deno entry's (deno/sweep-entry.ts) report line: SWEEP_PREFIX + JSON of a SweepReport. */
export const SWEEP_PREFIX = 'LOZ-SWEEP-REPORT ';

/** One case on one core. */
export interface SweepCaseReport {
  name: string;
  core: MatmulCore | null;
  /** Indices reported by onPass, in order (each once). */
  reported: number[];
  maxError: number | null;
  worst: string;
  problems: string[];
  ms: number;
}

export interface SweepReport {
  adapter: string;
  rtol: number;
  cases: SweepCaseReport[];
}
