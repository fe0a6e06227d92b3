/**
 * Where everything of one network lives on the GPU, in bytes and floats, computed from the shape and the
 * device's alignment limits before anything is allocated (memory.ts checks it against the limits).
 *
 * Per hidden layer l: W_l [width, ld] (W_1 [inputs, ld]), b_l [ld], z_l and h_l [batch, ld] (one buffer each);
 * or, checkpointed in segments (checkpoint.ts), z/h pairs for the checkpoints and a working ring only.
 * Shared: x = h_0 [batch, ldIn] and targets y [batch, ldOut], δ ping-pong 2 × [batch, ld], one partials buffer
 * (a section per hidden layer, each kernel's part bound at an aligned offset, then the loss part, then with a
 * data set the read-out's weight-gradient part), one flags buffer [depth][flagStride] u32, one knobs buffer
 * [depth][knobStride] f32 (k at the start of each slot, bound as a uniform at slot offsets), and the stats
 * buffer [depth + 1][STATS_STRIDE] f32. With a data set also the read-out: W_out [width, ldOut], b_out
 * [ldOut], its outputs and δ_out [batch, ldOut]; and logits()'s buffers (logits.ts): inputs [logitsRows, ldIn],
 * two hidden tensors [logitsRows, ld] and outputs [logitsRows, ldOut].
 */
import { checkpointSchedule } from './checkpoint';
import { BACKWARD_PARTIAL, backwardGrid } from './kernels/backward';
import { STATS_STRIDE, type FinishLayout } from './kernels/finish';
import { FORWARD_PARTIAL, forwardGrid } from './kernels/forward';
import type { MatmulCore, NetShape } from './kernels/kernel';
import { LOSS_PARTIAL, lossGroups } from './kernels/loss';
import { WEIGHTGRAD_PARTIAL, weightgradGrid } from './kernels/weightgrad';
import { xentGroups } from './kernels/xent';

/** Alignment limits the layout depends on (GPUSupportedLimits has them). */
export interface AlignmentLimits {
  readonly minStorageBufferOffsetAlignment: number;
  readonly minUniformBufferOffsetAlignment: number;
}

/** Byte sizes and float offsets of one network's buffers. */
export interface NetLayout extends FinishLayout {
  /** Layers per activation segment (checkpoint.ts); the depth when every layer's z and h are kept. */
  readonly segment: number;
  /** z/h pairs allocated: the working ring (every layer's when not checkpointed) and the checkpoints. */
  readonly ringSlots: number;
  readonly checkpoints: number;
  /** Bytes of one [batch, ld] activation tensor (z_l, h_l, δ). */
  readonly activationBytes: number;
  /** Bytes of the inputs x [batch, ldIn] and of the targets y [batch, ldOut]. */
  readonly inputBytes: number;
  readonly targetBytes: number;
  /** Bytes of one W_l, l ≥ 2 ([width, ld]), and of W_1 ([inputs, ld]). */
  readonly weightBytes: number;
  readonly firstWeightBytes: number;
  readonly biasBytes: number;
  readonly partialsBytes: number;
  readonly flagsBytes: number;
  readonly knobsBytes: number;
  readonly statsBytes: number;
  /** Data sets: the read-out's weight-gradient partials (floats offset, workgroups); 0 without. */
  readonly readoutOffset: number;
  readonly readoutGroups: number;
  /** Data sets: bytes of W_out [width, ldOut], b_out [ldOut] and of its outputs and δ_out [batch, ldOut]. */
  readonly readoutWeightBytes: number;
  readonly readoutBiasBytes: number;
  readonly outputBytes: number;
  /** Data sets: rows per logits() chunk and its buffers' bytes ([rows, ldIn], [rows, ld], [rows, ldOut]). */
  readonly logitsRows: number;
  readonly logitsInputBytes: number;
  readonly logitsHiddenBytes: number;
  readonly logitsOutputBytes: number;
  /** Everything allocated for the network (readback ring included). */
  readonly totalBytes: number;
  /** The largest single buffer (each is bound whole or in one piece). */
  readonly largestBytes: number;
  readonly largestName: string;
}

/** Readback buffers in the ring (readback.ts). */
export const RING_SIZE = 3;

/** Most rows logits() runs at once (fewer where a [rows, width] tensor would pass LOGITS_TENSOR_BYTES). */
export const LOGITS_ROWS = 512;
/** Bytes one logits() hidden tensor may take: a few MiB, so wide networks evaluate in smaller chunks. */
export const LOGITS_TENSOR_BYTES = 4 * 1024 ** 2;

const F32 = 4;

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Rows per logits() chunk of a network whose hidden rows are `ld` floats. */
export function logitsRowsOf(ld: number): number {
  return Math.max(1, Math.min(LOGITS_ROWS, Math.floor(LOGITS_TENSOR_BYTES / (ld * F32))));
}

const groupsOf = ([x, y]: [number, number]): number => x * y;

/**
 * The layout of a network of shape `s` on a device with these limits, for the given matmul core, keeping
 * activations in segments of `segment` layers (checkpoint.ts; the default, the depth, keeps every layer's).
 */
export function planLayout(
  s: NetShape,
  limits: AlignmentLimits,
  core: MatmulCore = 'tiled',
  segment: number = s.depth,
): NetLayout {
  const plan = checkpointSchedule(s.depth, segment);
  const storageAlign = limits.minStorageBufferOffsetAlignment / F32;
  const forwardGroups = groupsOf(forwardGrid(s, core));
  const backwardGroups = groupsOf(backwardGrid(s, core));
  // Layer 1's weight gradient is [inputs, width]: its section holds the larger of the two counts (the parts a
  // layer does not write stay 0).
  const hiddenGroups = groupsOf(weightgradGrid(s, core, 'hidden'));
  const firstGroups = groupsOf(weightgradGrid(s, core, 'first'));
  const weightgradGroups = s.depth > 1 ? Math.max(hiddenGroups, firstGroups) : firstGroups;
  const losses = s.readout ? xentGroups(s) : lossGroups(s);
  const backwardOffset = alignUp(forwardGroups * FORWARD_PARTIAL, storageAlign);
  const weightgradOffset = backwardOffset + alignUp(backwardGroups * BACKWARD_PARTIAL, storageAlign);
  const section = weightgradOffset + alignUp(weightgradGroups * WEIGHTGRAD_PARTIAL, storageAlign);
  const lossOffset = section * s.depth;
  const readoutGroups = s.readout ? groupsOf(weightgradGrid(s, core, 'readout')) : 0;
  const readoutOffset = s.readout ? alignUp(lossOffset + losses * LOSS_PARTIAL, storageAlign) : 0;
  const partialsFloats = s.readout
    ? readoutOffset + readoutGroups * WEIGHTGRAD_PARTIAL
    : lossOffset + losses * LOSS_PARTIAL;
  const flagStride = alignUp(s.width, storageAlign);
  const knobStride = Math.max(limits.minUniformBufferOffsetAlignment, 16) / F32;

  const activationBytes = s.batch * s.ld * F32;
  const inputBytes = s.batch * s.ldIn * F32;
  const targetBytes = s.batch * s.ldOut * F32;
  const weightBytes = s.width * s.ld * F32;
  const firstWeightBytes = s.inputs * s.ld * F32;
  const biasBytes = s.ld * F32;
  const partialsBytes = partialsFloats * F32;
  const flagsBytes = s.depth * flagStride * F32;
  const knobsBytes = s.depth * knobStride * F32;
  const statsBytes = (s.depth + 1) * STATS_STRIDE * F32;
  const logitsRows = s.readout ? logitsRowsOf(s.ld) : 0;
  const readout = {
    readoutWeightBytes: s.readout ? s.width * s.ldOut * F32 : 0,
    readoutBiasBytes: s.readout ? s.ldOut * F32 : 0,
    outputBytes: s.readout ? s.batch * s.ldOut * F32 : 0,
    logitsRows,
    logitsInputBytes: logitsRows * s.ldIn * F32,
    logitsHiddenBytes: logitsRows * s.ld * F32,
    logitsOutputBytes: logitsRows * s.ldOut * F32,
  };
  const sizes: [string, number][] = [
    ['an activation tensor [batch, width]', activationBytes],
    ['a weight matrix [width, width]', weightBytes],
    ['the statistics partials', partialsBytes],
    ['the dead/saturated flags', flagsBytes],
    ['the knobs', knobsBytes],
  ];
  if (s.readout) {
    sizes.push(
      ['the inputs [batch, features]', inputBytes],
      ['the first weight matrix [features, width]', firstWeightBytes],
      ['the read-out weights [width, classes]', readout.readoutWeightBytes],
      ['the outputs [batch, classes]', readout.outputBytes],
      ['a logits() tensor [rows, width]', readout.logitsHiddenBytes],
    );
  }
  let [largestName, largestBytes] = sizes[0];
  for (const [name, bytes] of sizes) if (bytes > largestBytes) [largestName, largestBytes] = [name, bytes];
  const readoutBytes = s.readout
    ? readout.readoutWeightBytes +
      readout.readoutBiasBytes +
      2 * readout.outputBytes +
      readout.logitsInputBytes +
      2 * readout.logitsHiddenBytes +
      readout.logitsOutputBytes
    : 0;
  const totalBytes =
    firstWeightBytes +
    (s.depth - 1) * weightBytes +
    s.depth * biasBytes +
    2 * (plan.ringSlots + plan.checkpoints) * activationBytes +
    inputBytes +
    targetBytes +
    2 * activationBytes +
    partialsBytes +
    flagsBytes +
    knobsBytes +
    statsBytes * (1 + RING_SIZE) +
    readoutBytes;
  return {
    segment: plan.segment,
    ringSlots: plan.ringSlots,
    checkpoints: plan.checkpoints,
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
    inputBytes,
    targetBytes,
    weightBytes,
    firstWeightBytes,
    biasBytes,
    partialsBytes,
    flagsBytes,
    knobsBytes,
    statsBytes,
    readoutOffset,
    readoutGroups,
    ...readout,
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
