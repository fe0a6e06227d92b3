/**
 * How many cells of a group one chunk holds, and where everything of a chunk lives (bytes, floats), from the
 * shape, what the caller needs, the device's limits and the memory budget: a group larger than a chunk runs
 * as several chunks through the same buffers and pipelines.
 *
 * Per chunk of `capacity` cells (each cell BP rows, src/gpu/sweep/kernels.ts), tensors of [capacity·BP, ld]
 * float32: z_l for every layer when gradients are needed (the backward pass reads φ′(z_{l−1})), else two in
 * turn; h_l for every layer when ∂W is needed (h_{l−1}ᵀ·δ_l), else two in turn (h_0 = x in the first); δ in
 * turn (two). Shared by the group: Ẑ_l [width, ld] per layer (one with tied weights), b̂_l [ld], y [batch, ld].
 */
import type { StatsNeed } from '../../engine/backend';
import type { Experiment } from '../../engine/experiment';
import { STATS_STRIDE } from '../kernels/finish';
import { TILE, type MatmulCore } from '../kernels/kernel';
import { weightgradGrid } from '../kernels/weightgrad';
import { shapeOf } from '../kernels/kernel';
import type { MemoryLimits } from '../memory';
import {
  CELL_FLOATS,
  SWEEP_ROWS,
  lossGroupsPerCell,
  rowsPerCell,
  type SweepFinishLayout,
  type SweepShape,
} from './kernels';
import { workOf } from './group';

/**
 * Bytes one chunk's tensors may take beyond the shared weights: chunks this size already keep a GPU's cores
 * busy (thousands of rows per product), and smaller ones report their cells sooner.
 */
export const CHUNK_BYTES = 256 * 1024 ** 2;

/** A chunk's layout; `capacity` 0 when not even one cell fits (the group then runs cell by cell). */
export interface ChunkPlan extends SweepFinishLayout {
  readonly shape: SweepShape;
  readonly capacity: number;
  /** Tensors of [capacity·BP, ld] float32 allocated: z, h (with h_0) and δ. */
  readonly zTensors: number;
  readonly hTensors: number;
  readonly tensorBytes: number;
  /** Partials buffers' floats: forward and backward [depth][section], loss [capacity·NL·4], ∂W. */
  readonly forwardFloats: number;
  readonly backwardFloats: number;
  readonly lossFloats: number;
  readonly weightgradFloats: number;
  readonly flagsBytes: number;
  readonly statsBytes: number;
  readonly cellsBytes: number;
  /** Shared by the group: Ẑ buffers (count and bytes each), b̂ and y. */
  readonly weightBuffers: number;
  readonly weightBytes: number;
  readonly totalBytes: number;
  /** Why capacity is 0 ('' otherwise). */
  readonly reason: string;
}

const F = 4;
const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

/** The chunk plan of a group like `e`, at most `cells` cells, for `need`. */
export function planChunk(
  e: Experiment,
  cells: number,
  need: StatsNeed,
  core: MatmulCore,
  limits: MemoryLimits,
  budget: number,
): ChunkPlan {
  const { grads, weights } = workOf(need);
  const net = shapeOf(e);
  const { width, ld, depth, batch } = net;
  const bp = rowsPerCell(batch, core);
  const align = limits.minStorageBufferOffsetAlignment / F;
  const flagStride = alignUp(width, align);
  const nx = Math.ceil(width / TILE[core]);
  const tilesPerCell = nx * (bp / TILE[core]);
  const weightgradGroups = weights ? weightgradGrid(net, core, 'hidden').reduce((a, b) => a * b) : 0;
  const weightgradSection = weights ? alignUp(weightgradGroups, align) : 0;
  const zTensors = grads ? depth : 2;
  const hTensors = weights ? depth + 1 : 2;
  const weightBuffers = e.tied ? 1 : depth;
  const weightBytes = width * ld * F;
  const shared = weightBuffers * weightBytes + depth * ld * F + batch * ld * F + (weights ? weightBytes : 0);
  const rowBytes = bp * ld * F;
  const perCell =
    (zTensors + hTensors + 2) * rowBytes +
    depth * tilesPerCell * (8 + (grads ? 2 : 0)) * F +
    lossGroupsPerCell({ batch, width } as SweepShape) * 4 * F +
    depth * (weightgradSection + flagStride) * F +
    2 * (depth + 1) * STATS_STRIDE * F +
    CELL_FLOATS * F;
  const bindLimit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const rowsLimit = Math.floor(limits.maxComputeWorkgroupsPerDimension / (bp / TILE[core]));
  let capacity = Math.min(
    cells,
    Math.floor((budget - shared) / perCell),
    Math.max(1, Math.floor(CHUNK_BYTES / perCell)),
    Math.floor(bindLimit / rowBytes),
    rowsLimit,
    limits.maxComputeWorkgroupsPerDimension,
    Math.floor(SWEEP_ROWS / bp),
  );
  let reason = '';
  if (weightBytes > bindLimit) reason = 'a weight matrix exceeds the binding limit';
  else if (depth + 1 > limits.maxComputeWorkgroupsPerDimension) reason = 'too deep for one finish pass';
  else if (capacity < 1) reason = 'one cell does not fit the budget or the binding limit';
  if (reason) capacity = 0;
  const shape: SweepShape = {
    act: e.act,
    batch,
    width,
    ld,
    depth,
    bp,
    capacity: Math.max(capacity, 1),
    flagStride,
    probe: e.loss === 'probe',
  };
  const forwardSection = alignUp(capacity * tilesPerCell * 8, align);
  const backwardSection = grads ? alignUp(capacity * tilesPerCell * 2, align) : 0;
  const lossFloats = capacity * lossGroupsPerCell(shape) * 4;
  const weightgradFloats = depth * capacity * weightgradSection;
  const tensorBytes = capacity * rowBytes;
  const statsBytes = capacity * (depth + 1) * STATS_STRIDE * F;
  return {
    shape,
    capacity,
    tilesPerCell,
    forwardSection,
    backwardSection,
    weightgradGroups,
    weightgradSection,
    grads,
    weights,
    zTensors,
    hTensors,
    tensorBytes,
    forwardFloats: depth * forwardSection,
    backwardFloats: depth * backwardSection,
    lossFloats,
    weightgradFloats,
    flagsBytes: depth * capacity * flagStride * F,
    statsBytes,
    cellsBytes: capacity * CELL_FLOATS * F,
    weightBuffers,
    weightBytes,
    totalBytes: shared + capacity * perCell,
    reason,
  };
}

/** Cells of a group's first chunk: its first cells reach the caller after a short pass, whatever the device. */
export const FIRST_CHUNK = 4;
/**
 * Milliseconds a chunk should take: chunks grow (up to the plan's capacity) or shrink towards it, so a slow
 * device still reports cells and checks `stopped` about this often, and a fast one runs whole chunks.
 */
export const CHUNK_MS = 500;

/** The next chunk's cells after `cells` took `ms`: towards CHUNK_MS, at most 4× more, within 1..capacity. */
export function nextChunk(cells: number, ms: number, capacity: number): number {
  const aimed = Math.floor((cells * CHUNK_MS) / Math.max(ms, 1));
  return Math.max(1, Math.min(capacity, 4 * cells, aimed));
}
