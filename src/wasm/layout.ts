/**
 * Where everything of one experiment lives in the kernel module's linear memory (byte offsets, 64-byte
 * aligned). n = width, B = batch, L = depth; all matrices row-major float32:
 *  - w[l]    W_{l+1}, [n, n] ([fan_in, fan_out], as src/engine/init.ts draws it)
 *  - bias[l] b_{l+1}, nPad floats (zero-padded to a multiple of NR), only when the experiment has biases
 *  - h[l]    h_l, [B, n], l = 0..L (h_0 = x): every layer's output is kept for ∂W = h_{l−1}ᵀ·δ_l
 *  - d[l]    φ′(z_{l+1}) written by the forward epilogue, overwritten in place by δ_{l+1} in the backward pass
 *  - k[l]    ∂φ/∂k(z_{l+1}), hybrid only
 *  - y       targets [B, n]
 *  - parts[p]: what each part of a pass needs for itself (the engine's own, then one per kernel thread, see
 *    shares.ts): packedA, packedB, partial, tile, stage: GEMM scratch; stats: L + 1 float64 blocks (STAT), one
 *    per layer and block 0 for the loss; alive, notSat: L blocks of nPad i32 (per layer, per unit); jobs: the
 *    part's list of jobs for one pass (L jobs)
 *  - sums: nPad floats for bias gradients.
 */
import type { Experiment } from '../engine/experiment';
import { JOB_BYTES } from './job';
import { STAT, type KernelExports } from './kernels';

/** Tile shape of the micro-kernel (src/wasm/assembly/shape.ts; WasmBackend.init checks they agree). */
export const MR = 6;
export const NR = 8;

/** What one part of a pass works in (one per thread, the engine's own first). */
export interface PartScratch {
  readonly packedA: number;
  readonly packedB: number;
  readonly partial: number;
  readonly tile: number;
  readonly stage: number;
  /** L + 1 blocks of STAT_BLOCK_BYTES: block l for layer l's product, block 0 for the loss kernel. */
  readonly stats: number;
  /** L blocks of nPad i32: block l − 1 for layer l (see maskOf). */
  readonly alive: number;
  readonly notSat: number;
  /** Room for L jobs (JOB_BYTES each): the part's list in one pass. */
  readonly jobs: number;
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
  readonly n: number;
  /** n rounded up to a multiple of NR: the units of a per-unit mask. */
  readonly nPad: number;
  readonly batch: number;
  readonly w: readonly number[];
  readonly bias: readonly number[];
  readonly h: readonly number[];
  readonly d: readonly number[];
  readonly k: readonly number[];
  readonly y: number;
  readonly parts: readonly PartScratch[];
  readonly sums: number;
  readonly bytes: number;
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
 * Plans the memory of `exp` after `heapBase`, for the kernel module's `blocking`, with scratch for `parts`
 * shares of every product (1 + the number of kernel threads).
 */
export function planLayout(exp: Experiment, heapBase: number, blocking: Blocking, parts = 1): Layout {
  const n = exp.width;
  const batch = exp.batch;
  const depth = exp.depth;
  const nPad = roundUp(n, NR);
  const act = batch * n * 4;
  const arena = new Arena(heapBase);
  const many = (count: number, bytes: number): number[] =>
    Array.from({ length: count }, () => arena.take(bytes));
  const w = many(depth, n * n * 4);
  const bias = exp.sb > 0 ? many(depth, nPad * 4) : [];
  const h = many(depth + 1, act);
  const d = many(depth, act);
  const k = exp.act === 'hybrid' ? many(depth, act) : [];
  const y = arena.take(act);
  // X·W and δ·Wᵀ are [B, n]·[n, n], cut into the parts' rows (the first part's are the most); hᵀ·δ is
  // [n, B]·[B, n], whole in one part.
  const rowsB = shareOf(batch, 0, parts).end;
  const s1 = gemmScratch(rowsB, n, n, blocking);
  const s2 = gemmScratch(n, n, batch, blocking);
  const scratch = Array.from({ length: parts }, (): PartScratch => ({
    packedA: arena.take(Math.max(s1.a, s2.a)),
    packedB: arena.take(Math.max(s1.b, s2.b)),
    partial: arena.take(Math.max(s1.partial, s2.partial)),
    tile: arena.take(MR * NR * 4),
    stage: arena.take(3 * MR * NR * 4),
    stats: arena.take((depth + 1) * STAT_BLOCK_BYTES),
    alive: arena.take(depth * nPad * 4),
    notSat: arena.take(depth * nPad * 4),
    jobs: arena.take(depth * JOB_BYTES),
  }));
  const sums = arena.take(nPad * 4);
  return {
    n,
    nPad,
    batch,
    w,
    bias,
    h,
    d,
    k,
    y,
    parts: scratch,
    sums,
    bytes: arena.end,
  };
}
