/**
 * fdlibm.ts: log, sin and cos are bit-identical (Object.is) to Node 20's Math.log / Math.sin / Math.cos
 * (V8's fdlibm port) over ≥ 1M seeded Box–Muller arguments (u ∈ (0, 1) from Rng.uniform(), θ = 2π·u), over
 * arbitrary bit patterns of the supported domain, and at the edge cases; a digest of the 1M results and the
 * first normals of Rng(1, 1, 1) are pinned as literals, so a change of the draws fails on any engine.
 */
import { describe, expect, it } from 'vitest';
import { cos, log, sin } from '../../src/engine/fdlibm';
import { Rng } from '../../src/engine/random';

/**
 * Math.* is only a reference where the engine implements it with fdlibm: V8 up to Node 20. Newer V8 may use
 * other libraries for some functions (which is why fdlibm.ts exists), so there the comparison is skipped;
 * the pinned literals below still hold on every engine.
 */
const MATH_IS_FDLIBM = process.versions.node.split('.')[0] === '20';

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** The float64 with 64-bit pattern hi·2³² + lo. */
const fromBits = (hi: number, lo: number): number => {
  U32[HI] = hi >>> 0;
  U32[LO] = lo >>> 0;
  return F64[0]!;
};

/** x moved by k units in the last place (k may be negative), for finite x > 0. */
const ulps = (x: number, k: number): number => {
  F64[0] = x;
  const lo = U32[LO]! + k;
  const carry = Math.floor(lo / 2 ** 32);
  return fromBits(U32[HI]! + carry, lo - carry * 2 ** 32);
};

/** Arguments for which f(x) and ref(x) are not the same float64 (Object.is: −0 ≠ 0, NaN = NaN). */
const mismatches = (f: (x: number) => number, ref: (x: number) => number, xs: number[]): number[] =>
  xs.filter((x) => !Object.is(f(x), ref(x)));

/** The Box–Muller arguments: count pairs (u, θ = 2π·u′) from several seeds and streams. */
function boxMullerArguments(count: number): { u: Float64Array; theta: Float64Array } {
  const u = new Float64Array(count);
  const theta = new Float64Array(count);
  const perRng = count / 8;
  for (let g = 0; g < 8; g++) {
    const rng = new Rng(1000 + g, g % 5, g);
    for (let i = g * perRng; i < (g + 1) * perRng; i++) {
      u[i] = rng.uniform();
      theta[i] = 2 * Math.PI * rng.uniform();
    }
  }
  return { u, theta };
}

/** An order-dependent 32-bit digest of the bit patterns of xs. */
function digest(xs: Float64Array): number {
  const bits = new Uint32Array(xs.buffer, xs.byteOffset, xs.length * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < bits.length; i++) h = Math.imul(h ^ bits[i]!, 0x01000193);
  return h >>> 0;
}

const N = 1 << 20; // 1 048 576 pairs
const { u, theta } = boxMullerArguments(N);

describe('fdlibm log / sin / cos', () => {
  it.skipIf(!MATH_IS_FDLIBM)(
    'equal Math.log / Math.sin / Math.cos bit for bit on 2^20 seeded Box–Muller arguments',
    () => {
      let bad = 0;
      const first: string[] = [];
      for (let i = 0; i < N; i++) {
        const x = u[i]!;
        const t = theta[i]!;
        for (const [name, f, ref, a] of [
          ['log', log, Math.log, x],
          ['sin', sin, Math.sin, t],
          ['cos', cos, Math.cos, t],
        ] as const) {
          if (!Object.is(f(a), ref(a)) && bad++ < 5) first.push(`${name}(${a})`);
        }
      }
      expect(first).toEqual([]);
      expect(bad).toBe(0);
    },
  );

  it('give the pinned digest of the 2^20 Box–Muller arguments (engine-independent)', () => {
    // Computed once with Node 20, where they equal Math.log / Math.sin / Math.cos (test above).
    expect(digest(u.map(log))).toBe(2146890255);
    expect(digest(theta.map(sin))).toBe(3566064046);
    expect(digest(theta.map(cos))).toBe(4232787201);
  });

  it.skipIf(!MATH_IS_FDLIBM)(
    'equal Math.* bit for bit on random bit patterns of the whole supported domain',
    () => {
      let s = 0x2545f491;
      const next = (): number => (s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6a09e667) >>> 0;
      const any: number[] = []; // every float64: negative, subnormal, ∞ and NaN included
      const medium: number[] = []; // |x| < 2^20·π/2, where sin and cos are supported
      const limit = 2 ** 20 * (Math.PI / 2);
      for (let i = 0; i < 200_000; i++) {
        any.push(fromBits(next(), next()));
        medium.push((next() / 2 ** 31 - 1) * limit * 2 ** -(next() % 40));
      }
      expect(mismatches(log, Math.log, any)).toEqual([]);
      expect(mismatches(sin, Math.sin, medium)).toEqual([]);
      expect(mismatches(cos, Math.cos, medium)).toEqual([]);
    },
  );

  it.skipIf(!MATH_IS_FDLIBM)('equal Math.log at the edge cases', () => {
    const xs = [1, 2 ** -54, 2 ** -53, 0.5 / 2 ** 53, 1 - 2 ** -53, 0.5, Math.SQRT1_2, Math.SQRT2, 2, 10];
    for (let k = -3; k <= 3; k++) xs.push(ulps(1, k), ulps(Math.SQRT1_2, k), ulps(0.5, k));
    for (let k = 1; k <= 40; k++) xs.push(1 - k * 2 ** -30, 1 - k * 2 ** -21, 1 - k * 2 ** -20); // f ≈ ±2⁻²⁰
    // Around the √2/2 normalization boundary (mantissa high word 0x6A09C) and the f ≈ ±2⁻²⁰ branch.
    for (const hi of [0x3fe6a09b, 0x3fe6a09c, 0x3fe6a09d, 0x3feffffe, 0x3fefffff, 0x3ff00000, 0x3ff00001]) {
      for (const lo of [0, 1, 0x7fffffff, 0x80000000, 0xffffffff]) xs.push(fromBits(hi, lo));
    }
    // Denormals and the normal/subnormal boundary.
    xs.push(Number.MIN_VALUE, 2 * Number.MIN_VALUE, 3 * Number.MIN_VALUE, 2 ** -1060, 2 ** -1023);
    xs.push(2 ** -1022, ulps(2 ** -1022, -1), ulps(2 ** -1022, 1), 1.2345e-310, Number.MAX_VALUE);
    for (let k = 0; k < 1000; k++) xs.push(fromBits(k * 1021, k * 0x9e3779b9)); // spread over subnormals
    xs.push(0, -0, -1, -Number.MIN_VALUE, Infinity, -Infinity, NaN);
    expect(mismatches(log, Math.log, xs)).toEqual([]);
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
  });

  it.skipIf(!MATH_IS_FDLIBM)('equal Math.sin / Math.cos at the edge cases', () => {
    const xs = [0, -0, 2 ** -1074, 2 ** -60, 2 ** -27, 2 ** -26, 0.3, 0.78125, 1, 2 * Math.PI];
    const largest = 2 * Math.PI * (1 - 2 ** -54); // θ for the largest Rng.uniform()
    const smallest = 2 * Math.PI * (0.5 / 2 ** 53); // θ for the smallest
    xs.push(largest, smallest, ulps(2 * Math.PI, -1), ulps(2 * Math.PI, 1));
    for (let n = 0; n <= 40; n++) {
      // near multiples of π/4 (the branch points of the reduction), within a few ulp and a little further
      const m = (n * Math.PI) / 4;
      if (m === 0) continue;
      for (let k = -4; k <= 4; k++) xs.push(ulps(m, k));
      xs.push(m * (1 + 2 ** -30), m * (1 - 2 ** -30), m * (1 + 2 ** -45), m * (1 - 2 ** -45));
    }
    xs.push(2 ** 20 * (Math.PI / 2), 1e6, 123456.789, Infinity, -Infinity, NaN);
    const all = [...xs, ...xs.map((x) => -x)];
    expect(mismatches(sin, Math.sin, all)).toEqual([]);
    expect(mismatches(cos, Math.cos, all)).toEqual([]);
  });

  it('sin and cos are exact at 0 and throw a RangeError beyond the medium reduction range', () => {
    expect(Object.is(sin(0), 0)).toBe(true);
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(cos(0)).toBe(1);
    expect(sin(Infinity)).toBeNaN();
    expect(cos(NaN)).toBeNaN();
    expect(() => sin(2 ** 21 * Math.PI)).toThrow(RangeError);
    expect(() => cos(-1e300)).toThrow(RangeError);
  });
});

describe('Rng.normal()', () => {
  it('gives the pinned first five values of new Rng(1, 1, 1)', () => {
    // THE CONTRACT OF SHARED LINKS: a link's numbers are a function of these draws. These literals were
    // computed once with the Math.log/sin/cos implementation of random.ts, before fdlibm.ts replaced it, and
    // must never change. If this test fails, the draws changed and every shared link gives other weights:
    // fix the change, do not update the numbers.
    const rng = new Rng(1, 1, 1);
    const first = Array.from({ length: 5 }, () => rng.normal());
    expect(first).toEqual([
      0.6859918945055086, 0.2943067990843519, -0.27595104604705456, 1.0175354260465816, 1.696201218020095,
    ]);
  });
});
