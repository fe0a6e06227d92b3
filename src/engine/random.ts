/**
 * Seeded, backend-independent randomness. Every number an experiment draws (weights, biases, inputs,
 * targets) comes from here, on the CPU, in float64, so every backend starts from the same values.
 *
 * Each quantity has its own stream, keyed by (seed, stream, index): changing the depth does not change the
 * inputs, and layer 3's weights do not depend on the width of layer 2's draws.
 * Generator: xoshiro128** seeded through splitmix32 (both public-domain, 32-bit integer arithmetic only, so
 * the sequence is identical in every JavaScript engine).
 */
import { cos, log, sin } from './fdlibm';

/** Stream identifiers. Never renumber: a shared link's numbers depend on them. */
export const STREAM = {
  weights: 1,
  bias: 2,
  input: 3,
  target: 4,
  /** 2-D data sets: index 0 the training points, 1 the test points. */
  data: 5,
  /** Minibatch order: index e is the permutation of the training set in epoch e. */
  minibatch: 6,
  /** Data sets: the read-out layer's weights (index 0; its bias starts at 0). */
  readout: 7,
  /** The fixed train/test split of the digits (seed 0, index 0): the same for every experiment. */
  split: 8,
} as const;

/** splitmix32 step: a well-mixed 32-bit hash of its input. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The generator's whole state, as an accelerated filler reads and updates it: the xoshiro128** words s0..s3
 * (32-bit patterns; int32 or uint32 numbers are the same state) and the spare normal of Box–Muller (NaN: none).
 */
export interface RngState {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
  spare: number;
}

/**
 * A faster implementation of Rng.fillNormal: fills `out` with `mean + std * normal()`, continuing from
 * `state` and updating it in place. It must give the same doubles, bit for bit, and the same final state as
 * the JavaScript loop (shared links depend on the exact draws). src/wasm/draws.ts installs a WebAssembly one
 * in the engine Worker and the CLI.
 */
export type NormalFiller = (state: RngState, out: Float64Array, mean: number, std: number) => void;

let normalFiller: NormalFiller | null = null;

/**
 * Makes every Rng.fillNormal in this realm (this Worker, this process) use `filler`, or the JavaScript loop
 * again with `null`. Returns the previous filler.
 */
export function setNormalFiller(filler: NormalFiller | null): NormalFiller | null {
  const previous = normalFiller;
  normalFiller = filler;
  return previous;
}

/** A xoshiro128** generator with uniform and normal draws. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = NaN;

  /** A generator for stream `stream`, item `index` (e.g. the layer) of experiment seed `seed`. */
  constructor(seed: number, stream = 0, index = 0) {
    let h = splitmix32(seed >>> 0);
    h = splitmix32(h ^ Math.imul(stream + 1, 0x27d4eb2d));
    h = splitmix32(h ^ Math.imul(index + 1, 0x165667b1));
    this.s0 = h = splitmix32(h);
    this.s1 = h = splitmix32(h);
    this.s2 = h = splitmix32(h);
    this.s3 = splitmix32(h);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next uint32. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on the open interval (0, 1), 53-bit resolution. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  }

  /** Standard normal by the Box–Muller transform (both values of each pair are used, in order). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    const r = Math.sqrt(-2 * log(this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spare = r * sin(theta);
    return r * cos(theta);
  }

  /**
   * Fills `out` with N(mean, std²) draws: out[i] = mean + std·normal(), in order. With an installed filler
   * (setNormalFiller) the same numbers come from it, and the generator continues from where it stopped.
   */
  fillNormal(out: Float64Array, mean = 0, std = 1): Float64Array {
    if (normalFiller !== null && out.length > 0) {
      const state: RngState = { s0: this.s0, s1: this.s1, s2: this.s2, s3: this.s3, spare: this.spare };
      normalFiller(state, out, mean, std);
      ({ s0: this.s0, s1: this.s1, s2: this.s2, s3: this.s3, spare: this.spare } = state);
      return out;
    }
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
