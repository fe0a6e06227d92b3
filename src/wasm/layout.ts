/**
 * Where everything of one experiment lives in the kernel module's linear memory (byte offsets, 64-byte
 * aligned). B = batch, L = depth, `layers` = L (+ 1 read-out with a data set), widths as in
 * src/engine/data/shape.ts: widths[0] = the input's columns, widths[l] = fan-out of layer l (the hidden width
 * n for l = 1..L, the classes for the read-out). All matrices row-major float32:
 *  - w[l]    W_{l+1}, [widths[l], widths[l+1]] ([fan_in, fan_out], as src/engine/init.ts draws it)
 *  - bias[l] b_{l+1}, widths[l+1] floats zero-padded to a multiple of NR, only when the network has biases
 *  - h[l]    h_l, [B, widths[l]], l = 0..layers (h_0 = x; h_layers = the read-out's logits with a data set):
 *    every layer's output is kept for ∂W = h_{l−1}ᵀ·δ_l
 *  - d[l]    φ′(z_{l+1}) written by the forward epilogue, overwritten in place by δ_{l+1} in the backward pass
 *            ([B, widths[l+1]]; the read-out's φ′ is 1, so its δ is ∂loss/∂logits)
 *  - k[l]    ∂φ/∂k(z_{l+1}), hybrid only, hidden layers only
 * With activation checkpointing (`segment` < depth, issue 18; see checkpointSlots), h, d and k still name a
 * buffer per layer, but layers share buffers: h_l has a buffer of its own only at segment boundaries
 * (l a multiple of the segment), for h_0, h_depth and the read-out's logits; the other hidden layers' h go
 * to segment − 1 working buffers, their φ′/δ to segment + 1 and their ∂φ/∂k to segment (passes.ts explains
 * why these counts suffice).
 *  - y       targets [B, widths[layers]] (one-hot labels with a data set)
 *  - parts[p]: what each part of a pass needs for itself (the engine's own, then one per kernel thread, see
 *    shares.ts): packedA, packedB, partial, tile, stage: GEMM scratch; stats: layers + 1 float64 blocks
 *    (STAT), one per layer and block 0 for the loss; alive, notSat: `layers` blocks of nPad i32 (per layer,
 *    per unit); jobs: the part's list of jobs for one pass (`layers` jobs); logitStats, logitMask: what the
 *    forward epilogue writes during logits(), kept apart from the step's
 *  - sums: nPad floats for bias gradients
 *  - logits (data sets only): the inputs of a logits() chunk, two [LOGIT_ROWS, widest] buffers the chunk
 *    ping-pongs through and one for the φ′ it writes, so logits() leaves h_l, d_l and the step's statistics alone.
 */
import { networkShape } from '../engine/data/shape';
import type { Experiment } from '../engine/experiment';
import { JOB_BYTES } from './job';
import { STAT, type KernelExports } from './kernels';

/** Tile shape of the micro-kernel (src/wasm/assembly/shape.ts; WasmBackend.init checks they agree). */
export const MR = 6;
export const NR = 8;

/** Rows of inputs one logits() chunk takes through the network (cut into the parts like a batch). */
export const LOGIT_ROWS = 256;

/** What one part of a pass works in (one per thread, the engine's own first). */
export interface PartScratch {
  readonly packedA: number;
  readonly packedB: number;
  readonly partial: number;
  readonly tile: number;
  readonly stage: number;
  /** layers + 1 blocks of STAT_BLOCK_BYTES: block l for layer l's product, block 0 for the loss kernel. */
  readonly stats: number;
  /** `layers` blocks of nPad i32: block l − 1 for layer l (see maskOf). */
  readonly alive: number;
  readonly notSat: number;
  /** Room for `layers` jobs (JOB_BYTES each): the part's list in one pass. */
  readonly jobs: number;
  /** logits(): one statistics block and one mask of nPad i32 the forward epilogue may scribble on (0: none). */
  readonly logitStats: number;
  readonly logitMask: number;
}

/**
 * logits() buffers for chunks of `rows` inputs. Every layer's output in a, b and dump has the row stride `ld`
 * (the widest layer): the parts take disjoint rows of one buffer through layers of different widths at once,
 * and rows stay disjoint only when their stride does not change from layer to layer.
 */
export interface LogitScratch {
  readonly rows: number;
  /** The chunk's inputs, [rows, widths[0]]. */
  readonly x: number;
  /** Ping-pong activations [rows, ld]: layer 1 writes a, layer 2 b, layer 3 a, … */
  readonly a: number;
  readonly b: number;
  /** φ′ the forward epilogue stores, [rows, ld], unused. */
  readonly dump: number;
  readonly ld: number;
}

/** Bytes of one float64 statistics block (STAT.count slots). */
export const STAT_BLOCK_BYTES = STAT.count * 8;

/** Byte offset of statistics block `block` of a part. */
export function statsOf(part: PartScratch, block: number): number {
  return part.stats + block * STAT_BLOCK_BYTES;
}

/** Byte offset of layer l's per-unit mask in `masks` (a part's alive or notSat) for nPad units. */
export function maskOf(masks: number, l: number, nPad: number): number {
  return masks + (l - 1) * nPad * 4;
}

/** The offsets of one experiment's buffers, and the total bytes. */
export interface Layout {
  /** widths[0] = input columns, widths[l] = fan-out of layer l, l = 1..layers. */
  readonly widths: readonly number[];
  /** Hidden layers (φ, statistics). */
  readonly depth: number;
  /** Layers with weights: depth, + 1 read-out with a data set. */
  readonly layers: number;
  /** Hidden width. */
  readonly n: number;
  /** The widest layer's fan-out rounded up to a multiple of NR: the units of a per-unit mask. */
  readonly nPad: number;
  readonly batch: number;
  readonly w: readonly number[];
  readonly bias: readonly number[];
  readonly h: readonly number[];
  readonly d: readonly number[];
  readonly k: readonly number[];
  readonly y: number;
  readonly parts: readonly PartScratch[];
  /** The part that computes ∂W_l whole, at index l − 1 (weightOwners). */
  readonly owners: readonly number[];
  readonly sums: number;
  readonly logits: LogitScratch | null;
  /**
   * Hidden layers per checkpointed segment (checkpointSlots): depth when every layer's activations are kept
   * (no recompute), fewer with activation checkpointing.
   */
  readonly segment: number;
  readonly bytes: number;
}

/** True when `lay` keeps only checkpoints of h (segment < depth): the backward pass recomputes segments. */
export function checkpointed(lay: Pick<Layout, 'segment' | 'depth'>): boolean {
  return lay.segment < lay.depth;
}

/** Hidden layers first..last of segment j (0-based, from the bottom; the top one may be shorter). */
export function segmentLayers(lay: Pick<Layout, 'segment' | 'depth'>, j: number): [number, number] {
  return [j * lay.segment + 1, Math.min((j + 1) * lay.segment, lay.depth)];
}

/** Segments of `lay` (1 without checkpointing). */
export function segmentCount(lay: Pick<Layout, 'segment' | 'depth'>): number {
  return Math.ceil(lay.depth / lay.segment);
}

/**
 * Which buffer layer l's tensors use under activation checkpointing with segments of s hidden layers
 * (0-based indices into the kinds of buffer; l = 1..depth):
 *  - h_l: 'checkpoint' i = l/s − 1 when l is a multiple of s below the depth (the input of the next
 *    segment), 'top' for h_depth, else 'work' i = (l mod s) − 1. Consecutive layers never share one, so
 *    each layer reads its input from another buffer than it writes.
 *  - φ′_l (then δ_l): slot l mod (s + 1). A segment's s layers leave out exactly one residue: the slot of the
 *    bottom δ of the segment above it, which its recomputation must not overwrite.
 *  - ∂φ/∂k_l: slot l mod s.
 */
export function checkpointSlots(
  l: number,
  s: number,
  depth: number,
): { h: ['checkpoint' | 'top' | 'work', number]; d: number; k: number } {
  const h: ['checkpoint' | 'top' | 'work', number] =
    l === depth ? ['top', 0] : l % s === 0 ? ['checkpoint', l / s - 1] : ['work', (l % s) - 1];
  return { h, d: l % (s + 1), k: l % s };
}

/** Rows [start, end) of part `p` of `parts` over m rows: equal shares, cut at multiples of MR. */
export function shareOf(m: number, p: number, parts: number): { start: number; end: number } {
  const chunk = roundUp(Math.ceil(m / parts), MR);
  return { start: Math.min(m, p * chunk), end: Math.min(m, (p + 1) * chunk) };
}

const roundUp = (x: number, m: number): number => Math.ceil(x / m) * m;

/** What layout needs from the kernel module: its blocking. */
export type Blocking = Pick<KernelExports, 'blockCols' | 'KC'>;

/** Scratch bytes for C = op(A)[m,k]·op(B)[k,n]: packed A panels, one packed block of B, partial tiles. */
export function gemmScratch(
  m: number,
  n: number,
  k: number,
  blocking: Blocking,
): { a: number; b: number; partial: number } {
  const kc = Math.min(k, blocking.KC.value as number);
  const cols = Math.min(blocking.blockCols(kc), roundUp(n, NR));
  return {
    a: roundUp(m, MR) * k * 4,
    b: kc * cols * 4,
    partial: k > kc ? roundUp(m, MR) * cols * 4 : 0,
  };
}

/** A bump allocator over [start, ∞). */
export class Arena {
  private next: number;
  constructor(start: number) {
    this.next = roundUp(start, 64);
  }
  /** Reserves `bytes` (64-byte aligned) and returns its offset. */
  take(bytes: number): number {
    const at = this.next;
    this.next = roundUp(at + Math.max(bytes, 0), 64);
    return at;
  }
  get end(): number {
    return this.next;
  }
}

/**
 * Which part computes each ∂W_l = h_{l−1}ᵀ·δ_l (index l − 1): the largest products first, each to the part
 * with the least work so far (the lowest-numbered on a tie). Layers of equal size (no data set) are dealt out
 * in turn, layer l to part (l − 1) mod parts; a data set's small layer 1 and read-out fill in beside the
 * hidden layers. Which part computes a product changes no number (each is computed whole).
 */
export function weightOwners(widths: readonly number[], parts: number): number[] {
  const layers = widths.length - 1;
  const cost = (l: number): number => widths[l - 1] * widths[l];
  const order = Array.from({ length: layers }, (_, i) => i + 1).sort((a, b) => cost(b) - cost(a));
  const load = new Array<number>(parts).fill(0);
  const owners = new Array<number>(layers).fill(0);
  for (const l of order) {
    const p = load.indexOf(Math.min(...load));
    owners[l - 1] = p;
    load[p] += cost(l);
  }
  return owners;
}

/** The widths [inputs, n × depth, (classes)] of `exp`'s network. */
export function layerWidths(exp: Experiment): number[] {
  const shape = networkShape(exp);
  const widths = [shape.inputs];
  for (let l = 1; l <= shape.depth; l++) widths.push(shape.width);
  if (shape.readout) widths.push(shape.outputs);
  return widths;
}

/**
 * Plans the memory of `exp` after `heapBase`, for the kernel module's `blocking`, with scratch for `parts`
 * shares of every product (1 + the number of kernel threads). `segment` < depth: activation checkpointing
 * with segments of that many hidden layers (checkpointSlots); depth or more: every layer's tensors kept.
 */
export function planLayout(
  exp: Experiment,
  heapBase: number,
  blocking: Blocking,
  parts = 1,
  segment = exp.depth,
): Layout {
  const shape = networkShape(exp);
  const widths = layerWidths(exp);
  const layers = widths.length - 1;
  const batch = exp.batch;
  const depth = exp.depth;
  const s = Math.max(1, Math.min(depth, Math.floor(segment)));
  const widest = Math.max(...widths.slice(1));
  const nPad = roundUp(widest, NR);
  const arena = new Arena(heapBase);
  const perLayer = (count: number, bytes: (l: number) => number): number[] =>
    Array.from({ length: count }, (_, l) => arena.take(bytes(l)));
  const w = perLayer(layers, (l) => widths[l] * widths[l + 1] * 4);
  const bias = shape.bias ? perLayer(layers, (l) => roundUp(widths[l + 1], NR) * 4) : [];
  const { h, d, k } =
    s < depth
      ? checkpointBuffers(arena, widths, depth, batch, s, exp.act === 'hybrid')
      : {
          h: perLayer(layers + 1, (l) => batch * widths[l] * 4),
          d: perLayer(layers, (l) => batch * widths[l + 1] * 4),
          k: exp.act === 'hybrid' ? perLayer(depth, (l) => batch * widths[l + 1] * 4) : [],
        };
  const y = arena.take(batch * widths[layers] * 4);
  // Per layer: X·W is [B, fan_in]·[fan_in, fan_out] and δ·Wᵀ [B, fan_out]·[fan_out, fan_in], cut into the
  // parts' rows (the first part's are the most); hᵀ·δ is [fan_in, B]·[B, fan_out], whole in one part;
  // logits() runs X·W on LOGIT_ROWS-row chunks cut like the batch.
  const rowsB = shareOf(batch, 0, parts).end;
  const logitRows = shape.readout ? shareOf(LOGIT_ROWS, 0, parts).end : 0;
  const shapes: [number, number, number][] = [];
  for (let l = 1; l <= layers; l++) {
    const [fanIn, fanOut] = [widths[l - 1], widths[l]];
    shapes.push([rowsB, fanOut, fanIn], [rowsB, fanIn, fanOut], [fanIn, fanOut, batch]);
    if (logitRows > 0) shapes.push([logitRows, fanOut, fanIn]);
  }
  const need = shapes.map(([m, n, kk]) => gemmScratch(m, n, kk, blocking));
  const most = (key: 'a' | 'b' | 'partial'): number => Math.max(...need.map((s) => s[key]));
  const scratch = Array.from({ length: parts }, (): PartScratch => ({
    packedA: arena.take(most('a')),
    packedB: arena.take(most('b')),
    partial: arena.take(most('partial')),
    tile: arena.take(MR * NR * 4),
    stage: arena.take(3 * MR * NR * 4),
    stats: arena.take((layers + 1) * STAT_BLOCK_BYTES),
    alive: arena.take(layers * nPad * 4),
    notSat: arena.take(layers * nPad * 4),
    // A checkpointed segment's pass by rows: its recomputation (s jobs) and its chain of g (s + 1).
    jobs: arena.take(Math.max(layers, s < depth ? 2 * s + 1 : 0) * JOB_BYTES),
    logitStats: shape.readout ? arena.take(STAT_BLOCK_BYTES) : 0,
    logitMask: shape.readout ? arena.take(nPad * 4) : 0,
  }));
  const sums = arena.take(nPad * 4);
  const logits = shape.readout
    ? {
        rows: LOGIT_ROWS,
        x: arena.take(LOGIT_ROWS * widths[0] * 4),
        a: arena.take(LOGIT_ROWS * widest * 4),
        b: arena.take(LOGIT_ROWS * widest * 4),
        dump: arena.take(LOGIT_ROWS * widest * 4),
        ld: widest,
      }
    : null;
  return {
    widths,
    depth,
    layers,
    n: exp.width,
    nPad,
    batch,
    w,
    bias,
    h,
    d,
    k,
    y,
    parts: scratch,
    owners: weightOwners(widths, parts),
    sums,
    logits,
    segment: s,
    bytes: arena.end,
  };
}

/**
 * h, d and k of a checkpointed layout (checkpointSlots): h_0, the checkpoints h_s, h_2s, …, h_depth, the
 * working buffers, and the read-out's logits; the φ′/δ slots and the read-out's δ; the ∂φ/∂k slots (hybrid).
 * [B, n] each, except h_0 ([B, widths[0]]) and the read-out's ([B, classes]).
 */
function checkpointBuffers(
  arena: Arena,
  widths: readonly number[],
  depth: number,
  batch: number,
  s: number,
  hybrid: boolean,
): { h: number[]; d: number[]; k: number[] } {
  const layers = widths.length - 1;
  const tensor = batch * widths[1] * 4;
  const take = (count: number): number[] => Array.from({ length: count }, () => arena.take(tensor));
  const input = arena.take(batch * widths[0] * 4);
  const own = { checkpoint: take(Math.ceil(depth / s) - 1), top: take(1), work: take(s - 1) };
  const logits = layers > depth ? arena.take(batch * widths[layers] * 4) : 0;
  const dSlots = take(s + 1);
  const readoutDelta = layers > depth ? arena.take(batch * widths[layers] * 4) : 0;
  const kSlots = hybrid ? take(s) : [];
  const hidden = Array.from({ length: depth }, (_, i) => checkpointSlots(i + 1, s, depth));
  const h = [input, ...hidden.map(({ h: [kind, i] }) => own[kind][i])];
  const d = hidden.map((slot) => dSlots[slot.d]);
  if (layers > depth) {
    h.push(logits);
    d.push(readoutDelta);
  }
  return { h, d, k: hybrid ? hidden.map((slot) => kSlots[slot.k]) : [] };
}
