/**
 * random.ts: determinism, sensitivity to seed / stream / index, the ranges and the first two moments of the
 * uniform and normal draws (tolerance 5 standard errors of the estimate, stated per check).
 */
import { describe, expect, it } from 'vitest';
import { Rng, STREAM } from '../../src/engine/random';

const draw = (rng: Rng, n: number, f: (r: Rng) => number): number[] =>
  Array.from({ length: n }, () => f(rng));

describe('Rng', () => {
  it('gives the same sequence for the same (seed, stream, index)', () => {
    const u = (r: Rng): number => r.nextU32();
    expect(draw(new Rng(7, 3, 2), 100, u)).toEqual(draw(new Rng(7, 3, 2), 100, u));
    const n = (r: Rng): number => r.normal();
    expect(draw(new Rng(7, 3, 2), 101, n)).toEqual(draw(new Rng(7, 3, 2), 101, n));
  });

  it('changes the sequence when the seed, the stream or the index changes', () => {
    const first = (seed: number, stream: number, index: number): number[] =>
      draw(new Rng(seed, stream, index), 8, (r) => r.nextU32());
    const base = first(1, STREAM.weights, 1);
    for (const other of [
      first(2, STREAM.weights, 1),
      first(1, STREAM.bias, 1),
      first(1, STREAM.weights, 2),
    ]) {
      expect(other).not.toEqual(base);
    }
    // Seeds are uint32: 2³² + 1 is the same seed as 1, −1 the same as 2³² − 1.
    expect(first(2 ** 32 + 1, 1, 1)).toEqual(base);
    expect(first(-1, 1, 1)).toEqual(first(0xffffffff, 1, 1));
    expect(new Set(Object.values(STREAM)).size).toBe(Object.values(STREAM).length);
  });

  it('nextU32 returns uint32 integers, with every bit balanced (5σ)', () => {
    const N = 20000;
    const bits = new Array(32).fill(0);
    const rng = new Rng(3);
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const v = rng.nextU32();
      if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 32)) bad++;
      for (let b = 0; b < 32; b++) bits[b] += (v >>> b) & 1;
    }
    expect(bad).toBe(0);
    // Each bit count ~ Binomial(N, ½): σ = √N/2.
    for (const c of bits) expect(Math.abs(c - N / 2)).toBeLessThan((5 * Math.sqrt(N)) / 2);
  });

  it('uniform() is on the open interval (0, 1) with mean ½ and variance 1/12 (5σ)', () => {
    const N = 100000;
    const xs = draw(new Rng(11, 4), N, (r) => r.uniform());
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / N;
    const m2 = xs.reduce((s, x) => s + (x - 0.5) ** 2, 0) / N;
    // σ(mean) = √(1/12/N); σ(m2) = √((1/80 − 1/144)/N).
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(m2 - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
  });

  it('normal() has mean 0, variance 1, no skew and kurtosis 3 (5σ), and fillNormal shifts and scales', () => {
    const N = 100000;
    const xs = draw(new Rng(12, 4), N, (r) => r.normal());
    const m = (k: number): number => xs.reduce((s, x) => s + x ** k, 0) / N;
    // σ of the k-th sample moment of N(0,1): √((E[x^2k] − E[x^k]²)/N) = √(1, 2, 15, 96)/√N for k = 1..4.
    expect(Math.abs(m(1))).toBeLessThan(5 * Math.sqrt(1 / N));
    expect(Math.abs(m(2) - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(m(3))).toBeLessThan(5 * Math.sqrt(15 / N));
    expect(Math.abs(m(4) - 3)).toBeLessThan(5 * Math.sqrt(96 / N));
    const a = new Rng(5).fillNormal(new Float64Array(50), 3, 2);
    const b = new Rng(5).fillNormal(new Float64Array(50));
    a.forEach((v, i) => expect(v).toBeCloseTo(3 + 2 * b[i], 12));
  });
});
