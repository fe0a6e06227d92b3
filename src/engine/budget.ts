/**
 * Budgets: before an experiment runs, the memory it needs on the CPU engines is estimated and an experiment
 * that would not fit is refused with a specific message (never a hung or crashed tab). The estimate counts
 * what the engines allocate: the parameters and their gradients, and per layer the pre-activations, the
 * activations and their gradients, in the engine's number format.
 */
import type { BackendKind } from './backend';
import { networkShape } from './data/shape';
import type { Experiment } from './experiment';

/** Bytes an engine may use for one experiment. The browser engines share a tab with the page. */
export const MEMORY_LIMIT: Readonly<Record<BackendKind, number>> = {
  reference: 1.5 * 1024 ** 3,
  wasm: 2 * 1024 ** 3,
  webgpu: 2 * 1024 ** 3,
};

const BYTES: Readonly<Record<BackendKind, number>> = { reference: 8, wasm: 4, webgpu: 4 };

/** Entries of every weight matrix (a tied network's shared one once), from the network's layer widths. */
function weightEntries(e: Experiment): number {
  const s = networkShape(e);
  if (e.tied) return s.width * s.width;
  return s.inputs * s.width + (s.depth - 1) * s.width * s.width + (s.readout ? s.width * s.outputs : 0);
}

/** Estimated bytes of `experiment` on `kind` (weights, gradients, per-layer tensors, inputs, targets). */
export function estimateBytes(kind: BackendKind, e: Experiment): number {
  const s = networkShape(e);
  const widest = Math.max(s.inputs, s.width, s.outputs);
  const parameters = weightEntries(e) * 2; // W and ∂W
  // z, h, g per layer; x, y, δ, scratch
  const tensors = (3 * s.depth * s.width + (s.readout ? 3 * s.outputs : 0) + 4 * widest) * e.batch;
  return (parameters + tensors) * BYTES[kind];
}

/** Seeded numbers drawn on the CPU before the first step (weights, biases, inputs and targets or data points). */
export function drawnNumbers(e: Experiment): number {
  const s = networkShape(e);
  const biases = s.bias ? s.depth * s.width : 0;
  return weightEntries(e) + biases + (e.data === 'none' ? 2 * e.batch * e.width : 0);
}

/** Floating-point operations of one step: three products per layer (X·W, δ·Wᵀ, Xᵀ·δ). */
export function flopsPerStep(e: Experiment): number {
  const s = networkShape(e);
  const macs = s.inputs * s.width + (s.depth - 1) * s.width * s.width + (s.readout ? s.width * s.outputs : 0);
  return 6 * e.batch * macs;
}

/** "1.3 GiB", "640 MiB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.ceil(bytes / 1024 ** 2)} MiB`;
}

/** Why `kind` cannot hold `e`, with the numbers and what to reduce; null when it fits. */
export function memoryRefusal(kind: BackendKind, e: Experiment): string | null {
  const need = estimateBytes(kind, e);
  if (need <= MEMORY_LIMIT[kind]) return null;
  const biggest = e.batch * e.width >= e.width * e.width ? 'batch or width' : 'width';
  return (
    `This experiment needs about ${formatBytes(need)} (depth ${e.depth} × batch ${e.batch} × width ${e.width}), ` +
    `more than the ${formatBytes(MEMORY_LIMIT[kind])} the ${kind} engine may use here: reduce the depth, ${biggest}`
  );
}

/**
 * Why `kind` cannot hold the runs of one view side by side (the page keeps an engine per run: the main run and
 * each compared one), or null when they fit: each run on its own, and all of them together.
 */
export function runsMemoryRefusal(kind: BackendKind, runs: readonly Experiment[]): string | null {
  for (const e of runs) {
    const refusal = memoryRefusal(kind, e);
    if (refusal) return runs.length > 1 ? `${refusal} (in one of the compared runs)` : refusal;
  }
  const need = runs.reduce((sum, e) => sum + estimateBytes(kind, e), 0);
  if (need <= MEMORY_LIMIT[kind]) return null;
  return (
    `These ${runs.length} runs together need about ${formatBytes(need)}, more than the ` +
    `${formatBytes(MEMORY_LIMIT[kind])} the ${kind} engine may use here: remove a compared run, or reduce the ` +
    `depth, batch or width`
  );
}
