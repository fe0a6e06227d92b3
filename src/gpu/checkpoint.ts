/**
 * Activation checkpointing of the WebGPU engine (issue 18): where each hidden layer's z_l and h_l live, and the
 * order of a step's layer work. Pure arithmetic on (depth, segment); network.ts turns it into buffers and
 * dispatches, layout.ts into bytes.
 *
 * Every layer kept (segment ≥ depth): z_l and h_l in buffers of their own, and a step is
 *
 *   forward 1..L · (loss or read-out) · for l = L..1: backward(l) (l > 1), weightgrad(l), bias(l)
 *
 * Checkpointed in segments of k < L layers (segment j holds layers jk + 1 … min((j + 1)k, L)): the last layer
 * of every segment but the last, l = jk, is a checkpoint: its z_l and h_l are kept in buffers of their own
 * (h_l is the next segment's input; z_l is what backward(l + 1) needs, φ′(z_l)). Every other layer writes
 * into a working ring of z/h pairs, slot (l − 1) mod k. A step is
 *
 *   forward 1..L (statistics, exactly as with every layer kept) · (loss or read-out) ·
 *   for each segment j from the top: recompute the ring layers of segment j from its checkpoint (not for the
 *   last segment: the first forward pass left them in the ring), then for l = last..first of segment j:
 *   backward(l) (l > 1), weightgrad(l), bias(l)
 *
 * A recompute is the forward kernel on the same inputs (the weights of segment j are updated only after its
 * recompute), specialized without its statistics epilogue (forward.wgsl STATS = 0: the same code computes z and
 * h), so z_l and h_l come out bit for bit as in the first pass and the statistics are the first pass's.
 * Memory: 2(⌈L/k⌉ − 1) checkpoint tensors + 2·max(k − 1, last segment's length) ring tensors instead of 2L.
 */

/** Where z_l and h_l of one layer live: a buffer pair of its own, a ring slot, or a checkpoint pair. */
export interface Place {
  readonly kind: 'layer' | 'ring' | 'checkpoint';
  /** Layer index (l − 1), ring slot, or checkpoint index (l / k − 1). */
  readonly index: number;
}

/** How one network keeps its activations. */
export interface CheckpointSchedule {
  readonly depth: number;
  /** Layers per segment; the depth when every layer's activations are kept. */
  readonly segment: number;
  /** Whether the network checkpoints (segment < depth). */
  readonly checkpointed: boolean;
  /** The segments in order, each [first, last] layer (1-based, inclusive); one segment when not checkpointed. */
  readonly segments: readonly (readonly [number, number])[];
  /** z/h pairs of the working ring (checkpointed), or of every layer (not checkpointed). */
  readonly ringSlots: number;
  /** Checkpoint z/h pairs (0 when not checkpointed). */
  readonly checkpoints: number;
}

/** The schedule of a `depth`-layer network in segments of `segment` layers (≥ depth: every layer kept). */
export function checkpointSchedule(depth: number, segment: number): CheckpointSchedule {
  const k = Math.max(1, Math.min(depth, Math.floor(segment)));
  const segments: [number, number][] = [];
  for (let first = 1; first <= depth; first += k) segments.push([first, Math.min(first + k - 1, depth)]);
  const checkpointed = k < depth;
  const checkpoints = checkpointed ? segments.length - 1 : 0;
  return {
    depth,
    segment: k,
    checkpointed,
    segments,
    ringSlots: pairsOf(depth, k) - checkpoints,
    checkpoints,
  };
}

/** z/h pairs a `depth`-layer network allocates in segments of `segment` layers (ring and checkpoints). */
export function pairsOf(depth: number, segment: number): number {
  const k = Math.max(1, Math.min(depth, Math.floor(segment)));
  if (k >= depth) return depth;
  const count = Math.ceil(depth / k);
  return Math.max(k - 1, depth - (count - 1) * k) + count - 1;
}

/** Whether layer l's z and h are kept in a checkpoint pair (the last layer of a segment below the top one). */
export function isCheckpoint(s: CheckpointSchedule, l: number): boolean {
  return s.checkpointed && l % s.segment === 0 && l < s.depth;
}

/** Where layer l's (1-based) z_l and h_l live. */
export function placeOf(s: CheckpointSchedule, l: number): Place {
  if (!s.checkpointed) return { kind: 'layer', index: l - 1 };
  if (isCheckpoint(s, l)) return { kind: 'checkpoint', index: l / s.segment - 1 };
  return { kind: 'ring', index: (l - 1) % s.segment };
}

/** The segment (0-based) holding layer l. */
export function segmentOf(s: CheckpointSchedule, l: number): number {
  return Math.floor((l - 1) / s.segment);
}

/** The layers of segment j that live in the ring (every one but its checkpoint), in forward order. */
export function ringLayers(s: CheckpointSchedule, j: number): number[] {
  const [first, last] = s.segments[j];
  const out: number[] = [];
  for (let l = first; l <= last; l++) if (!isCheckpoint(s, l)) out.push(l);
  return out;
}

/** One unit of a step's layer work (network.ts maps it to dispatches). */
export type StepOp =
  | { readonly op: 'forward' | 'recompute' | 'backward' | 'weightgrad' | 'bias'; readonly layer: number }
  | { readonly op: 'head' | 'finish' };

/**
 * The order of a step's work (see the file comment). `head` is the loss, or the read-out with its loss,
 * backward, weight gradient and bias; `backward` is listed for l > 1 only; `bias` for every layer (the network
 * drops it when there is nothing to update).
 */
export function stepOps(s: CheckpointSchedule): StepOp[] {
  const ops: StepOp[] = [];
  for (let l = 1; l <= s.depth; l++) ops.push({ op: 'forward', layer: l });
  ops.push({ op: 'head' });
  for (let j = s.segments.length - 1; j >= 0; j--) {
    // The top segment's ring layers are still there from the first pass.
    if (j < s.segments.length - 1) for (const l of ringLayers(s, j)) ops.push({ op: 'recompute', layer: l });
    const [first, last] = s.segments[j];
    for (let l = last; l >= first; l--) {
      if (l > 1) ops.push({ op: 'backward', layer: l });
      ops.push({ op: 'weightgrad', layer: l }, { op: 'bias', layer: l });
    }
  }
  ops.push({ op: 'finish' });
  return ops;
}

/**
 * Which layer each ring slot holds after a step (0: none), i.e. whose h_l is still there for the histograms:
 * the last writer of each slot in stepOps order. Not checkpointed: slot l − 1 holds layer l.
 */
export function ringAfterStep(s: CheckpointSchedule): number[] {
  const held = new Array<number>(s.ringSlots).fill(0);
  for (const o of stepOps(s)) {
    if ((o.op === 'forward' || o.op === 'recompute') && !isCheckpoint(s, o.layer))
      held[placeOf(s, o.layer).index] = o.layer;
  }
  return held;
}
