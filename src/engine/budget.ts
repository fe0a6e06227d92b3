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

/** Tensors of [batch, width] an engine keeps per layer for the backward pass (z or φ′, h, g). */
const PER_LAYER = 3;

/**
 * Per layer on `kind`: the WASM engine keeps h and φ′ (δ overwrites φ′ in place) and the hybrid's ∂φ/∂k
 * (src/wasm/layout.ts); the WebGPU engine z and h (δ is a shared pair, src/gpu/layout.ts); the reference
 * PER_LAYER.
 */
function perLayer(kind: BackendKind, e: Experiment): number {
  if (kind === 'wasm') return e.act === 'hybrid' ? 3 : 2;
  if (kind === 'webgpu') return 2;
  return PER_LAYER;
}

/** Tensors a checkpoint keeps: h, and on WebGPU z too (the backward pass of the layer above needs φ′(z)). */
function checkpointTensors(kind: BackendKind): number {
  return kind === 'webgpu' ? 2 : 1;
}

/**
 * Copies of the weights: W and ∂W on the reference; once on the WASM and WebGPU engines, whose SGD update is
 * fused into the ∂W product.
 */
function weightCopies(kind: BackendKind): number {
  return kind === 'reference' ? 2 : 1;
}

/**
 * How an engine keeps the activations the backward pass needs. `segment` = depth: every layer's (no recompute).
 * Fewer: activation checkpointing — only h at the first layer of each segment of `segment` layers is kept from
 * the forward pass, and each segment's forward pass is run again, from its checkpoint, just before its backward
 * pass (issue 18): memory grows like depth/segment + segment instead of depth.
 */
export interface CheckpointPlan {
  readonly segment: number;
  /** Estimated bytes with this plan. */
  readonly bytes: number;
}

/** Bytes that do not depend on the plan: parameters and their gradients, and the few tensors beside the layers. */
function fixedBytes(kind: BackendKind, e: Experiment): number {
  const s = networkShape(e);
  const widest = Math.max(s.inputs, s.width, s.outputs);
  const readout = s.readout ? 3 * s.outputs * e.batch : 0;
  // W (and ∂W); the read-out's tensors; x, y, δ, scratch. The WASM engine stores a tied network's W per layer.
  const weights = weightEntries(kind === 'wasm' ? { ...e, tied: 0 } : e) * weightCopies(kind);
  return (weights + readout + 4 * widest * e.batch) * BYTES[kind];
}

/** Estimated bytes of `e` on `kind` when activations are kept in segments of `segment` layers. */
export function bytesWithSegment(kind: BackendKind, e: Experiment, segment: number): number {
  const tensor = e.batch * e.width * BYTES[kind];
  const checkpoints = segment >= e.depth ? 0 : Math.ceil(e.depth / segment) * checkpointTensors(kind);
  return fixedBytes(kind, e) + tensor * (checkpoints + perLayer(kind, e) * Math.min(segment, e.depth));
}

/** Estimated bytes of `experiment` on `kind` with every layer's activations kept (weights, gradients, tensors). */
export function estimateBytes(kind: BackendKind, e: Experiment): number {
  return bytesWithSegment(kind, e, e.depth);
}

/**
 * The plan an engine of `kind` uses for `e`: every layer kept when that fits in MEMORY_LIMIT[kind] (nothing
 * changes, no recompute); else, where the engine checkpoints (CHECKPOINTING), the segment length with the least
 * memory (about √(depth/3); √(depth/2) on the WASM engine, which keeps 2 tensors a layer); null when even that
 * does not fit. `forced` (tests, benchmarks) asks for that segment length whatever fits.
 */
export function checkpointPlan(kind: BackendKind, e: Experiment, forced?: number): CheckpointPlan | null {
  if (forced !== undefined) {
    const segment = Math.max(1, Math.min(e.depth, Math.floor(forced)));
    return { segment, bytes: bytesWithSegment(kind, e, segment) };
  }
  const full = estimateBytes(kind, e);
  if (full <= MEMORY_LIMIT[kind]) return { segment: e.depth, bytes: full };
  if (!CHECKPOINTING.has(kind) || e.tied) return null;
  let best: CheckpointPlan = { segment: e.depth, bytes: full };
  for (let segment = 1; segment < e.depth; segment++) {
    const bytes = bytesWithSegment(kind, e, segment);
    if (bytes < best.bytes) best = { segment, bytes };
  }
  return best.bytes <= MEMORY_LIMIT[kind] ? best : null;
}

/**
 * Engines that checkpoint activations when a network does not fit otherwise. The reference engine keeps
 * everything (it is the oracle, and float64 doubles its footprint). Tied weights (an unrolled RNN) are never
 * checkpointed: their summed gradient runs on the reference engine only.
 */
export const CHECKPOINTING: ReadonlySet<BackendKind> = new Set<BackendKind>(['wasm', 'webgpu']);

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

/** Why `kind` cannot hold `e`, with the numbers and what to reduce; null when it fits (checkpointed or not). */
export function memoryRefusal(kind: BackendKind, e: Experiment): string | null {
  const plan = checkpointPlan(kind, e);
  if (plan) return null;
  const need = CHECKPOINTING.has(kind) && !e.tied ? minimalBytes(kind, e) : estimateBytes(kind, e);
  const biggest = e.batch * e.width >= e.width * e.width ? 'batch or width' : 'width';
  const depth = largestDepth(kind, e);
  const hint = depth > 0 ? ` (at this width and batch, depth ${depth} fits)` : '';
  return (
    `This experiment needs about ${formatBytes(need)} (depth ${e.depth} × batch ${e.batch} × width ${e.width}), ` +
    `more than the ${formatBytes(MEMORY_LIMIT[kind])} the ${kind} engine may use here: reduce the depth, ${biggest}${hint}`
  );
}

/** The least memory any plan needs for `e` on `kind` (checkpointing where the engine does). */
function minimalBytes(kind: BackendKind, e: Experiment): number {
  let least = estimateBytes(kind, e);
  for (let segment = 1; segment < e.depth; segment++)
    least = Math.min(least, bytesWithSegment(kind, e, segment));
  return least;
}

/** The largest depth (≤ e.depth) that `kind` can hold at e's width and batch, 0 when none. */
function largestDepth(kind: BackendKind, e: Experiment): number {
  let lo = 0;
  let hi = e.depth;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (checkpointPlan(kind, { ...e, depth: mid })) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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
  // Each run as its engine holds it: checkpointed where that is what fits (memoryRefusal passed: a plan exists).
  const need = runs.reduce((sum, e) => sum + (checkpointPlan(kind, e)?.bytes ?? estimateBytes(kind, e)), 0);
  if (need <= MEMORY_LIMIT[kind]) return null;
  return (
    `These ${runs.length} runs together need about ${formatBytes(need)}, more than the ` +
    `${formatBytes(MEMORY_LIMIT[kind])} the ${kind} engine may use here: remove a compared run, or reduce the ` +
    `depth, batch or width`
  );
}
