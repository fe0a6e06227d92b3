/**
 * Where everything of one network lives on the GPU, in bytes and floats, computed from the shape and the
 * device's alignment limits before anything is allocated (memory.ts checks it against the limits).
 *
 * Per layer l: W_l [width, ld], b_l [ld], z_l and h_l [batch, ld] (one buffer each). Shared: x = h_0 and
 * targets y [batch, ld], δ ping-pong 2 × [batch, ld], one partials buffer (a section per layer, each kernel's
 * part bound at an aligned offset, then the loss part), one flags buffer [depth][flagStride] u32, one knobs
 * buffer [depth][knobStride] f32 (k at the start of each slot, bound as a uniform at slot offsets), and the
 * stats buffer [depth + 1][STATS_STRIDE] f32.
 */
import { BACKWARD_PARTIAL, backwardGrid } from './kernels/backward';
import { STATS_STRIDE, type FinishLayout } from './kernels/finish';
import { FORWARD_PARTIAL, forwardGrid } from './kernels/forward';
import type { MatmulCore, NetShape } from './kernels/kernel';
import { LOSS_PARTIAL, lossGroups } from './kernels/loss';
import { WEIGHTGRAD_PARTIAL, weightgradGrid } from './kernels/weightgrad';

/** Alignment limits the layout depends on (GPUSupportedLimits has them). */
export interface AlignmentLimits {
  readonly minStorageBufferOffsetAlignment: number;
  readonly minUniformBufferOffsetAlignment: number;
}

/** Byte sizes and float offsets of one network's buffers. */
export interface NetLayout extends FinishLayout {
  /** Bytes of one [batch, ld] activation tensor (z_l, h_l, x, y, δ). */
  readonly activationBytes: number;
  /** Bytes of one W_l. */
  readonly weightBytes: number;
  readonly biasBytes: number;
  readonly partialsBytes: number;
  readonly flagsBytes: number;
  readonly knobsBytes: number;
  readonly statsBytes: number;
  /** Everything allocated for the network (readback ring included). */
  readonly totalBytes: number;
  /** The largest single buffer (each is bound whole or in one piece). */
  readonly largestBytes: number;
  readonly largestName: string;
}

/** Readback buffers in the ring (readback.ts). */
export const RING_SIZE = 3;

const F32 = 4;

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** The layout of a network of shape `s` on a device with these limits, for the given matmul core. */
export function planLayout(s: NetShape, limits: AlignmentLimits, core: MatmulCore = 'tiled'): NetLayout {
  const storageAlign = limits.minStorageBufferOffsetAlignment / F32;
  const [fx, fy] = forwardGrid(s, core);
  const [bx, by] = backwardGrid(s, core);
  const [wx, wy] = weightgradGrid(s, core);
  const forwardGroups = fx * fy;
  const backwardGroups = bx * by;
  const weightgradGroups = wx * wy;
  const losses = lossGroups(s);
  const backwardOffset = alignUp(forwardGroups * FORWARD_PARTIAL, storageAlign);
  const weightgradOffset = backwardOffset + alignUp(backwardGroups * BACKWARD_PARTIAL, storageAlign);
  const section = weightgradOffset + alignUp(weightgradGroups * WEIGHTGRAD_PARTIAL, storageAlign);
  const lossOffset = section * s.depth;
  const partialsFloats = lossOffset + losses * LOSS_PARTIAL;
  const flagStride = alignUp(s.width, storageAlign);
  const knobStride = Math.max(limits.minUniformBufferOffsetAlignment, 16) / F32;

  const activationBytes = s.batch * s.ld * F32;
  const weightBytes = s.width * s.ld * F32;
  const biasBytes = s.ld * F32;
  const partialsBytes = partialsFloats * F32;
  const flagsBytes = s.depth * flagStride * F32;
  const knobsBytes = s.depth * knobStride * F32;
  const statsBytes = (s.depth + 1) * STATS_STRIDE * F32;
  const sizes: [string, number][] = [
    ['an activation tensor [batch, width]', activationBytes],
    ['a weight matrix [width, width]', weightBytes],
    ['the statistics partials', partialsBytes],
    ['the dead/saturated flags', flagsBytes],
    ['the knobs', knobsBytes],
  ];
  let [largestName, largestBytes] = sizes[0];
  for (const [name, bytes] of sizes) if (bytes > largestBytes) [largestName, largestBytes] = [name, bytes];
  const totalBytes =
    s.depth * (weightBytes + biasBytes + 2 * activationBytes) +
    4 * activationBytes +
    partialsBytes +
    flagsBytes +
    knobsBytes +
    statsBytes * (1 + RING_SIZE);
  return {
    forwardGroups,
    backwardGroups,
    weightgradGroups,
    lossGroups: losses,
    section,
    backwardOffset,
    weightgradOffset,
    lossOffset,
    flagStride,
    knobStride,
    activationBytes,
    weightBytes,
    biasBytes,
    partialsBytes,
    flagsBytes,
    knobsBytes,
    statsBytes,
    totalBytes,
    largestBytes,
    largestName,
  };
}

/** Copies a row-major [rows, cols] float64 matrix into a zero-padded [rows, ld] float32 array. */
export function padRows(src: Float64Array, rows: number, cols: number, ld: number): Float32Array {
  const out = new Float32Array(rows * ld);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * ld + c] = src[r * cols + c];
  return out;
}
