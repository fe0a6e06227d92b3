/**
 * A layer product cut into shares of rows, one per part (the engine's own, then one per kernel thread; see
 * threads.ts), each with its own scratch and float64 statistics in layout.ts's `parts`; and the merge of the
 * shares' statistics, always in part order, so a given thread count always gives the same numbers.
 */
import { JOB, runJob } from './job';
import { STAT, type KernelExports } from './kernels';
import { shareOf, type PartScratch } from './layout';
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

/** The job of one share: its part's scratch and its rows [start, start + rows). */
export type ShareJob = (part: PartScratch, start: number, rows: number) => Float64Array;

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

/** A job (job.ts): the epilogue's setter arguments and the gemm call, on `part`'s scratch. */
export function shareJob(
  mode: number,
  part: PartScratch,
  set: readonly number[],
  gemm: readonly number[],
  activation: readonly number[] = [],
): Float64Array {
  const job = new Float64Array(JOB.count);
  job[JOB.mode] = mode;
  job.set(activation, JOB.act);
  job.set(set, JOB.set);
  job.set([mode, ...gemm, part.packedA, part.packedB, part.partial, part.tile], JOB.gemm);
  job[JOB.buffers] = part.stats;
  job[JOB.buffers + 1] = part.stage;
  return job;
}

/** The parts of one experiment's memory, and the threads (if any) that run all but the first. */
export class Shares {
  constructor(
    private readonly k: KernelExports,
    private readonly parts: readonly PartScratch[],
    private readonly threads: KernelThreads | undefined,
  ) {}

  statsOf(part: PartScratch): Float64Array {
    return new Float64Array(this.k.memory.buffer, part.stats, STAT.count);
  }

  /** Zeroes every part's statistics, and with `units` its per-unit masks (forward). */
  clear(units = 0): void {
    const buf = this.k.memory.buffer;
    for (const part of this.parts) {
      this.statsOf(part).fill(0);
      if (units === 0) continue;
      new Int32Array(buf, part.alive, units).fill(0);
      new Int32Array(buf, part.notSat, units).fill(0);
    }
  }

  /** Runs a product of m rows: the threads' shares there, the first here; which parts had rows. */
  run(m: number, job: ShareJob): readonly boolean[] {
    const jobs = this.parts.map((part, p) => {
      const { start, end } = shareOf(m, p, this.parts.length);
      return end > start ? job(part, start, end - start) : null;
    });
    const own = () => {
      if (jobs[0]) runJob(this.k, jobs[0]);
    };
    if (this.threads) this.threads.run(jobs.slice(1), own);
    else own();
    return jobs.map((j) => j !== null);
  }

  /** The statistics `slots` summed over the shares that ran, in part order. */
  sum(ran: readonly boolean[], slots: readonly number[]): number[] {
    const totals = slots.map(() => 0);
    this.parts.forEach((part, p) => {
      if (!ran[p]) return;
      const s = this.statsOf(part);
      slots.forEach((slot, i) => (totals[i] += s[slot]));
    });
    return totals;
  }

  /**
   * A forward product's statistics over its m rows of n units: the shares' sums (each shifted by its own
   * first element) moved onto the first share's shifts and added; a unit is dead (saturated) when it is in
   * every share.
   */
  mergeForward(ran: readonly boolean[], m: number, n: number): ForwardStats {
    const buf = this.k.memory.buffer;
    const first = this.statsOf(this.parts[0]);
    const cz = first[STAT.cz];
    const ch = first[STAT.ch];
    let z1 = 0,
      z2 = 0,
      h1 = 0,
      h2 = 0;
    const alive = new Int32Array(n);
    const notSat = new Int32Array(n);
    this.parts.forEach((part, p) => {
      if (!ran[p]) return;
      const s = this.statsOf(part);
      const { start, end } = shareOf(m, p, this.parts.length);
      const count = (end - start) * n;
      const [a1, a2] = reshift(s[STAT.z1], s[STAT.z2], count, s[STAT.cz], cz);
      const [b1, b2] = reshift(s[STAT.h1], s[STAT.h2], count, s[STAT.ch], ch);
      z1 += a1;
      z2 += a2;
      h1 += b1;
      h2 += b2;
      const partAlive = new Int32Array(buf, part.alive, n);
      const partNotSat = new Int32Array(buf, part.notSat, n);
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
