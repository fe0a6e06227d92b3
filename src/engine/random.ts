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
export const STREAM = { weights: 1, bias: 2, input: 3, target: 4 } as const;

/** splitmix32 step: a well-mixed 32-bit hash of its input. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
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

  /** Fills `out` with N(mean, std²) draws. */
  fillNormal(out: Float64Array, mean = 0, std = 1): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
