/**
 * Which experiments of a list run batched, in which groups, and what each cell of a group contributes: the
 * scale of its weights relative to the group's shared unit draw, its bias scale, activation parameters and
 * inputs. Pure CPU code over src/engine/init.ts: every number is the one a single run of the cell would
 * upload, up to the float32 rounding of a product (s_c·Ẑ instead of the rounded s_c·Z).
 */
import type { StatsNeed } from '../../engine/backend';
import type { Experiment } from '../../engine/experiment';
import { initBias, initWeights, makeInputs, makeTargets, sigmaW2 } from '../../engine/init';
import { CELL_FLOATS } from './kernels';

/**
 * Whether an experiment can run in a batched group: untrained (one measured pass on its initial weights) and
 * without a data set. Every activation, scheme, distribution, tied or non-negative weights qualify.
 */
export function batchable(e: Experiment): boolean {
  return e.steps === 0 && e.data === 'none' && e.loss !== 'xent';
}

/**
 * What cells of one group share: everything that decides the unit draws, the network's shape and the
 * kernels. They may differ in init/sw (the weight scale), sb, alpha, lambda, slope, knob, in_mean, in_std
 * (and lr, which an untrained cell does not use).
 */
export function groupKey(e: Experiment): string {
  return [e.act, e.depth, e.width, e.batch, e.seed, e.dist, e.loss, e.tied, e.nonneg].join('|');
}

/** A piece of a measureMany list: experiment indices run as one batched group, or one run on its own. */
export interface Piece {
  readonly indices: readonly number[];
  readonly batched: boolean;
}

/**
 * The list in pieces, in the order of their first member: batchable experiments gathered by groupKey (a
 * group of one runs on its own), the others one by one.
 */
export function piecesOf(experiments: readonly Experiment[]): Piece[] {
  const pieces: { indices: number[]; batched: boolean }[] = [];
  const groups = new Map<string, { indices: number[]; batched: boolean }>();
  experiments.forEach((e, i) => {
    if (!batchable(e)) {
      pieces.push({ indices: [i], batched: false });
      return;
    }
    const key = groupKey(e);
    const group = groups.get(key);
    if (group) group.indices.push(i);
    else {
      const piece = { indices: [i], batched: true };
      groups.set(key, piece);
      pieces.push(piece);
    }
  });
  for (const p of pieces) if (p.indices.length === 1) p.batched = false;
  return pieces;
}

/**
 * The factor init.ts multiplies a unit draw by for hidden-layer weights (fan_in = fan_out = width):
 * √variance (normal), √(3·variance) (uniform), √(variance·width) (orthogonal), variance = σ_w²/width.
 */
function weightFactor(e: Experiment): number {
  const w = e.width;
  const variance = sigmaW2(e.init, e.sw, w, w) / w;
  if (e.dist === 'normal') return Math.sqrt(variance);
  if (e.dist === 'uniform') return Math.sqrt(3 * variance);
  return Math.sqrt(variance * w);
}

/** The group's unit experiment: a custom scheme whose factor is 1, so its weights are the unit draw itself. */
function unitExperiment(e: Experiment): Experiment {
  const w = e.width;
  const sw = e.dist === 'normal' ? Math.sqrt(w) : e.dist === 'uniform' ? Math.sqrt(w / 3) : 1;
  return { ...e, init: 'custom', sw, sb: 1, in_mean: 0, in_std: 1 };
}

/** What a group's cells share, float64, row-major without padding. */
export interface GroupDraws {
  /** Ẑ_l per layer (1-based at index l − 1), [width, width]: |Z| with nonneg (|s·Z| = s·|Z|, s ≥ 0). */
  readonly weights: (layer: number) => Float64Array;
  /** b̂_l, [width]. */
  readonly bias: (layer: number) => Float64Array;
  /** x̂ [batch, width]: the inputs at in_mean 0, in_std 1. */
  readonly inputs: Float64Array;
  /** y [batch, width]. */
  readonly targets: Float64Array;
  /** Scale of the uploaded Ẑ relative to the unit factor (s_c divides by it). */
  readonly unitFactor: number;
}

/** The shared draws of the group of `e` (drawn on demand per layer: init.ts caches them). */
export function groupDraws(e: Experiment): GroupDraws {
  const unit = unitExperiment(e);
  return {
    weights: (layer) => initWeights(unit, layer),
    bias: (layer) => initBias(unit, layer),
    inputs: makeInputs(unit),
    targets: makeTargets(e),
    unitFactor: weightFactor(unit),
  };
}

/** The cells buffer of `cells` (CELL_FLOATS each: scale, σ_b, α, λ, slope, knob, 0, 0). */
export function cellParams(cells: readonly Experiment[], draws: GroupDraws): Float32Array {
  const out = new Float32Array(cells.length * CELL_FLOATS);
  cells.forEach((e, i) => {
    const scale = weightFactor(e) / draws.unitFactor;
    out.set([scale, e.sb, e.alpha, e.lambda, e.slope, e.knob], i * CELL_FLOATS);
  });
  return out;
}

/**
 * The inputs of `cells` stacked, [cells·bp, ld] float32: cell i's rows i·bp … i·bp + batch − 1 are
 * in_mean + in_std·x̂ (what makeInputs draws for it), the rest zero.
 */
export function stackedInputs(
  cells: readonly Experiment[],
  draws: GroupDraws,
  batch: number,
  width: number,
  bp: number,
  ld: number,
): Float32Array {
  const out = new Float32Array(cells.length * bp * ld);
  const x = draws.inputs;
  cells.forEach((e, i) => {
    for (let r = 0; r < batch; r++) {
      const row = (i * bp + r) * ld;
      for (let c = 0; c < width; c++) out[row + c] = e.in_mean + e.in_std * x[r * width + c];
    }
  });
  return out;
}

/** Which statistics a group computes for a need: δ and the backward pass, and the per-cell ∂W products. */
export function workOf(need: StatsNeed): { grads: boolean; weights: boolean } {
  return { grads: need !== 'forward', weights: need === 'all' };
}
