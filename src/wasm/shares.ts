/**
 * The passes of a step cut into parts, one per CPU thread (the engine's own, then one per kernel thread; see
 * threads.ts), each part working through a whole list of products without meeting the others:
 *  - by rows: the forward pass and the chain g_{l−1} = δ_l·W_lᵀ take every example (a row of h, of δ) through
 *    all layers on its own, so part p takes its rows (shareOf) through every layer;
 *  - by layers: the products ∂W_l = h_{l−1}ᵀ·δ_l do not depend on each other, so each is computed whole by one
 *    part.
 * So the threads meet three times a step, not at every product. Each product's float64 statistics go into
 * the part's block for that layer (layout.ts) and are merged here in part order, so a given thread count always
 * gives the same numbers; the products themselves are the same float32 arithmetic per element whichever part
 * computes them.
 */
import { JOB, runJobList } from './job';
import { STAT, type KernelExports } from './kernels';
import { maskOf, shareOf, statsOf, type PartScratch } from './layout';
import type { KernelThreads } from './threads';

/** Forward statistics of one layer, before the backward pass fills in the gradients. */
export interface ForwardStats {
  preMean: number;
  preVar: number;
  postMean: number;
  postVar: number;
  dead: number;
  saturated: number;
}

/** Mean and population variance from sums shifted by c: Σ(x − c), Σ(x − c)² over `count` values. */
function moments(c: number, s1: number, s2: number, count: number): [number, number] {
  const m = s1 / count;
  return [c + m, Math.max(0, s2 / count - m * m)];
}

/** Shifted sums [Σ(x − c), Σ(x − c)²] of `count` values, re-expressed with the shift c′ instead of c. */
function reshift(s1: number, s2: number, count: number, c: number, to: number): [number, number] {
  const e = c - to;
  return [s1 + count * e, s2 + 2 * e * s1 + count * e * e];
}

/**
 * A job (job.ts): the epilogue's setter arguments and the gemm call, on `part`'s scratch, its statistics into
 * the float64 block at `stats`.
 */
export function shareJob(
  mode: number,
  part: PartScratch,
  stats: number,
  set: readonly number[],
  gemm: readonly number[],
  activation: readonly number[] = [],
): Float64Array {
  const job = new Float64Array(JOB.count);
  job[JOB.mode] = mode;
  job.set(activation, JOB.act);
  job.set(set, JOB.set);
  job.set([mode, ...gemm, part.packedA, part.packedB, part.partial, part.tile], JOB.gemm);
  job[JOB.buffers] = stats;
  job[JOB.buffers + 1] = part.stage;
  return job;
}

/** The parts of one experiment's memory, and the threads (if any) that run all but the first. */
export class Shares {
  constructor(
    private readonly k: KernelExports,
    readonly parts: readonly PartScratch[],
    private readonly threads: KernelThreads | undefined,
    /** Layers with weights (statistics blocks 1..layers, masks of each), and units of a per-unit mask (layout.ts nPad). */
    private readonly layers: number,
    private readonly nPad: number,
  ) {}

  /** Rows [start, end) of part p over m rows. */
  private rowsOf(m: number, p: number): { start: number; end: number } {
    return shareOf(m, p, this.parts.length);
  }

  /**
   * Every part's list for a pass by rows of a batch of m rows: `jobs(part, rows, start)` with the part's number
   * of rows and its first row (each layer's tensors have their own row length, so callers make the byte
   * offsets); an empty list for a part without rows.
   */
  byRows(
    m: number,
    jobs: (part: PartScratch, rows: number, start: number) => Float64Array[],
  ): Float64Array[][] {
    return this.parts.map((part, p) => {
      const { start, end } = this.rowsOf(m, p);
      return end > start ? jobs(part, end - start, start) : [];
    });
  }

  /** Statistics block `block` of part p (a view of the current memory). */
  stats(p: number, block: number): Float64Array {
    return new Float64Array(this.k.memory.buffer, statsOf(this.parts[p], block), STAT.count);
  }

  /** Zeroes every part's statistics blocks, and with `masks` its per-unit masks of every layer. */
  clear(masks: boolean): void {
    const buf = this.k.memory.buffer;
    for (const part of this.parts) {
      new Float64Array(buf, part.stats, (this.layers + 1) * STAT.count).fill(0);
      if (!masks) continue;
      new Int32Array(buf, part.alive, this.layers * this.nPad).fill(0);
      new Int32Array(buf, part.notSat, this.layers * this.nPad).fill(0);
    }
  }

  /**
   * Writes lists[p] into part p's job area and runs every part's list at once (the first here, the others on
   * the threads); returns when all have finished.
   */
  run(lists: readonly (readonly Float64Array[])[]): void {
    const buf = this.k.memory.buffer;
    const stored = this.parts.map((part, p) => {
      const jobs = lists[p] ?? [];
      const area = new Float64Array(buf, part.jobs, jobs.length * JOB.count);
      jobs.forEach((job, j) => area.set(job, j * JOB.count));
      return { at: part.jobs, count: jobs.length };
    });
    const own = () => runJobList(this.k, buf, stored[0].at, stored[0].count);
    if (this.threads) this.threads.run(stored.slice(1), own);
    else own();
  }

  /** The statistics `slots` of block `block` summed over the parts, in part order (blocks not run hold 0). */
  sum(block: number, slots: readonly number[]): number[] {
    const totals = slots.map(() => 0);
    this.parts.forEach((_, p) => {
      const s = this.stats(p, block);
      slots.forEach((slot, i) => (totals[i] += s[slot]));
    });
    return totals;
  }

  /**
   * Layer l's forward statistics over its m rows of n units (block l of every part that had rows): the parts'
   * sums (each shifted by its own first element) moved onto the first part's shifts and added; a unit is dead
   * (saturated) when it is in every part.
   */
  mergeForward(l: number, m: number, n: number): ForwardStats {
    const buf = this.k.memory.buffer;
    const first = this.stats(0, l);
    const cz = first[STAT.cz];
    const ch = first[STAT.ch];
    let z1 = 0,
      z2 = 0,
      h1 = 0,
      h2 = 0;
    const alive = new Int32Array(n);
    const notSat = new Int32Array(n);
    this.parts.forEach((part, p) => {
      const { start, end } = this.rowsOf(m, p);
      if (end <= start) return;
      const s = this.stats(p, l);
      const count = (end - start) * n;
      const [a1, a2] = reshift(s[STAT.z1], s[STAT.z2], count, s[STAT.cz], cz);
      const [b1, b2] = reshift(s[STAT.h1], s[STAT.h2], count, s[STAT.ch], ch);
      z1 += a1;
      z2 += a2;
      h1 += b1;
      h2 += b2;
      const partAlive = new Int32Array(buf, maskOf(part.alive, l, this.nPad), n);
      const partNotSat = new Int32Array(buf, maskOf(part.notSat, l, this.nPad), n);
      for (let j = 0; j < n; j++) {
        alive[j] |= partAlive[j];
        notSat[j] |= partNotSat[j];
      }
    });
    const count = m * n;
    const [preMean, preVar] = moments(cz, z1, z2, count);
    const [postMean, postVar] = moments(ch, h1, h2, count);
    let dead = 0;
    let saturated = 0;
    for (let j = 0; j < n; j++) {
      if (alive[j] === 0) dead++;
      if (notSat[j] === 0) saturated++;
    }
    return { preMean, preVar, postMean, postVar, dead, saturated };
  }
}
