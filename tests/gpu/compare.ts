/**
 * Float32-vs-float64 comparison of StepResults (WebGPU engine against ReferenceBackend).
 *
 * Every statistic is compared as |gpu − ref| ≤ RTOL · scale, with a scale that is the natural magnitude of
 * the quantity, not the quantity itself (a mean near 0 is compared against its layer's spread):
 *   means        scale = |mean| + √var        (mean and std of the same tensor)
 *   variances    scale = var
 *   norms, loss  scale = |value|
 *   knob         scale = 1                   (k ∈ [0, 1])
 *   knobGrad     scale = |∂k| + α·‖g_l‖·√(batch·width)/… (Cauchy–Schwarz bound of Σ g·∂φ/∂k, see below)
 *   dead, saturated: equal.
 *   logits       scale = the largest |logit| of the set (compareCase)
 *   accuracy     equal, up to the points whose two largest reference logits lie within 2·rtol·scale (a tie in
 *                float32 may go either way): |Δaccuracy| ≤ such points / count.
 * Plus a tiny absolute floor (1e-30) so exact zeros compare equal.
 */
import type { StepResult } from '../../src/engine/backend';
import type { Experiment, LayerStats } from '../../src/engine/experiment';
import type { CaseOutput } from './cases';

/** One statistic outside tolerance. */
export interface Mismatch {
  step: number;
  layer: number;
  field: string;
  gpu: number;
  ref: number;
  /** |gpu − ref| / scale. */
  error: number;
}

/** The largest normalized error seen and every one above `rtol`. */
export interface Comparison {
  maxError: number;
  worst: string;
  mismatches: Mismatch[];
}

/**
 * Compares per-step results (same length) of the WebGPU engine and the reference.
 * knobGrad = Σ g·∂φ/∂k with |∂φ/∂k| = α·|e^z − 1| ≤ α·min(|z|, 1), so |knobGrad| ≤ α·‖g‖·‖min(|z|,1)‖ ≤
 * α·‖g‖·√(batch·width·min(E[z²], 1)): the error of a sum is relative to that, not to a cancelled result.
 */
export function compareRuns(exp: Experiment, gpu: StepResult[], ref: StepResult[], rtol: number): Comparison {
  const out: Comparison = { maxError: 0, worst: '', mismatches: [] };
  if (gpu.length !== ref.length) throw new Error(`steps: gpu ${gpu.length}, reference ${ref.length}`);
  const check = (step: number, layer: number, field: string, g: number, r: number, scale: number) => {
    const error = g === r ? 0 : Math.abs(g - r) / Math.max(scale, 1e-30);
    if (!(error <= out.maxError)) {
      out.maxError = error;
      out.worst = `step ${step} layer ${layer} ${field}: gpu ${g}, ref ${r}`;
    }
    if (!(error <= rtol)) out.mismatches.push({ step, layer, field, gpu: g, ref: r, error });
  };
  gpu.forEach((gs, step) => {
    const rs = ref[step];
    check(step, 0, 'loss', gs.loss, rs.loss, Math.abs(rs.loss));
    if (gs.layers.length !== rs.layers.length) throw new Error(`layers differ at step ${step}`);
    gs.layers.forEach((g: LayerStats, i) => {
      const r = rs.layers[i];
      const l = r.layer;
      check(step, l, 'layer', g.layer, r.layer, 0);
      check(step, l, 'preMean', g.preMean, r.preMean, Math.abs(r.preMean) + Math.sqrt(r.preVar));
      check(step, l, 'preVar', g.preVar, r.preVar, r.preVar);
      check(step, l, 'postMean', g.postMean, r.postMean, Math.abs(r.postMean) + Math.sqrt(r.postVar));
      check(step, l, 'postVar', g.postVar, r.postVar, r.postVar);
      check(step, l, 'gradNorm', g.gradNorm, r.gradNorm, r.gradNorm);
      check(step, l, 'weightGradNorm', g.weightGradNorm, r.weightGradNorm, r.weightGradNorm);
      check(step, l, 'dead', g.dead, r.dead, 0);
      check(step, l, 'saturated', g.saturated, r.saturated, 0);
      if (exp.act === 'hybrid') {
        check(step, l, 'knob', g.knob ?? NaN, r.knob ?? NaN, 1);
        const z2 = Math.min(r.preVar + r.preMean * r.preMean, 1);
        const bound = exp.alpha * r.gradNorm * Math.sqrt(exp.batch * exp.width * z2);
        check(step, l, 'knobGrad', g.knobGrad ?? NaN, r.knobGrad ?? NaN, Math.abs(r.knobGrad ?? 0) + bound);
      } else if (g.knob !== undefined || g.knobGrad !== undefined) {
        check(step, l, 'knob (absent)', 1, 0, 0);
      }
    });
  });
  return out;
}

/** The points of a set ([count, classes] logits) whose two largest logits are within `margin` of each other. */
function nearTies(logits: readonly number[], classes: number, margin: number): number {
  let ties = 0;
  for (let o = 0; o < logits.length; o += classes) {
    const row = logits.slice(o, o + classes).sort((a, b) => b - a);
    if (classes > 1 && row[0] - row[1] <= margin) ties++;
  }
  return ties;
}

/**
 * Compares whole case outputs (cases.ts): the statistics of every step (compareRuns), and with a data set the
 * logits of the training and test sets (element by element against the set's largest |logit|), their
 * accuracies (see the header) and whether logits() left the post-activations as they were.
 */
export function compareCase(exp: Experiment, gpu: CaseOutput, ref: CaseOutput, rtol: number): Comparison {
  const out = compareRuns(exp, gpu.results, ref.results, rtol);
  const step = ref.results.length - 1;
  const fail = (field: string, g: number, r: number, error: number) => {
    out.mismatches.push({ step, layer: 0, field, gpu: g, ref: r, error });
    if (!(error <= out.maxError)) [out.maxError, out.worst] = [error, `${field}: gpu ${g}, ref ${r}`];
  };
  if ((gpu.data === null) !== (ref.data === null)) {
    fail('data output (present)', gpu.data ? 1 : 0, ref.data ? 1 : 0, Infinity);
    return out;
  }
  if (!gpu.data || !ref.data) return out;
  const { classes } = ref.data;
  for (const set of ['train', 'test'] as const) {
    const g = gpu.data[set];
    const r = ref.data[set];
    if (g.length !== r.length) {
      fail(`${set} logits (length)`, g.length, r.length, Infinity);
      continue;
    }
    const scale = Math.max(1e-30, ...r.map(Math.abs));
    let worst = 0;
    for (let i = 1; i < r.length; i++) {
      if (!(Math.abs(g[i] - r[i]) <= Math.abs(g[worst] - r[worst]))) worst = i;
    }
    const error = Math.abs(g[worst] - r[worst]) / scale;
    const at = `${set} logits [${Math.floor(worst / classes)}, ${worst % classes}]`;
    if (!(error <= out.maxError))
      [out.maxError, out.worst] = [error, `${at}: gpu ${g[worst]}, ref ${r[worst]}`];
    if (!(error <= rtol))
      out.mismatches.push({ step, layer: 0, field: at, gpu: g[worst], ref: r[worst], error });
    const key = set === 'train' ? 'accuracy' : 'testAccuracy';
    const allowed = nearTies(r, classes, 2 * rtol * scale) / (r.length / classes);
    const delta = Math.abs(gpu.data[key] - ref.data[key]);
    if (!(delta <= allowed)) fail(key, gpu.data[key], ref.data[key], Infinity);
  }
  if (!gpu.data.activationsKept) fail('post-activations kept across logits()', 0, 1, Infinity);
  return out;
}
