import { describe, expect, it } from 'vitest';
import { erf, erfc, erfcx, expTimesNormCdf, normCdf, normPdf } from '../../src/theory/erf';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** erf by Kummer's series (2x/√π)·e^{−x²}·Σ (2x²)ⁿ/(1·3·…·(2n+1)): all terms positive, no cancellation. */
function erfKummer(x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
    if (term < 1e-18 * sum) break;
  }
  return ((2 * x) / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

/** erfc by the Laplace continued fraction e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))), x ≥ 2 (backward). */
function erfcContinuedFraction(x: number): number {
  let f = x;
  for (let k = 4000; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

describe('erf, erfc, erfcx', () => {
  it('matches the reference values given in the issue', () => {
    expect(rel(erf(0.5), 0.5204998778130465)).toBeLessThan(1e-15);
    expect(rel(erfc(5), 1.5374597944280349e-12)).toBeLessThan(1e-15);
    expect(rel(erfc(10), 2.088487583762545e-45)).toBeLessThan(1e-15);
  });

  it('erf matches Kummer’s series on [−2, 2] and 1 − (continued fraction) on 2 ≤ |x| ≤ 6', () => {
    // The series' own float64 rounding is up to ~1e-15 (checked against mpmath), hence 2e-15 there.
    for (let x = -2; x <= 2; x += 0.03125) {
      if (x === 0) continue;
      expect(rel(erf(x), erfKummer(x))).toBeLessThan(2e-15);
    }
    for (let x = 2; x <= 6; x += 0.0625) {
      expect(rel(erf(x), 1 - erfcContinuedFraction(x))).toBeLessThan(1e-15);
      expect(erf(-x)).toBe(-erf(x));
    }
    expect(erf(0)).toBe(0);
    expect(rel(erf(1e-10), (2 / Math.sqrt(Math.PI)) * 1e-10)).toBeLessThan(1e-15);
  });

  it('erfc matches the continued fraction to 1e-15 in the tail, up to x = 26.5', () => {
    // x = k/16 keeps x² exact, so the reference's e^{−x²} is correctly rounded.
    for (let k = 32; k <= 424; k += 3) {
      const x = k / 16;
      expect(rel(erfc(x), erfcContinuedFraction(x))).toBeLessThan(1e-15);
    }
  });

  it('erfc matches 1 − erf on the middle range (tolerance set by that subtraction, ≤ 1e-13)', () => {
    for (let x = -2; x <= 2; x += 0.0625) expect(rel(erfc(x), 1 - erfKummer(x))).toBeLessThan(1e-13);
  });

  it('erfcx = e^{x²}·erfc(x), finite far into the tail, with the 1/(x√π) asymptotics', () => {
    for (const x of [-3, -1, 0, 0.3, 1, 3, 5.5])
      expect(rel(erfcx(x), Math.exp(x * x) * erfc(x))).toBeLessThan(3e-15);
    for (const x of [30, 100, 1e4, 1e8, 1e200]) {
      // Asymptotic series 1/(x√π)·Σ(−1)ⁿ(2n−1)!!/(2x²)ⁿ, 6 terms: error < 1e-17 for x ≥ 30.
      let t = 1;
      let s = 1;
      for (let n = 1; n <= 6; n++) {
        t *= -(2 * n - 1) / (2 * x * x);
        s += t;
      }
      expect(rel(erfcx(x), s / (x * Math.sqrt(Math.PI)))).toBeLessThan(1e-15);
    }
    expect(erfcx(Infinity)).toBe(0);
    expect(erfcx(-30)).toBe(Infinity);
  });

  it('satisfies the symmetries', () => {
    for (const x of [0.1, 0.4, 0.5, 1.7, 3.9, 4.1, 8]) {
      expect(erf(-x)).toBe(-erf(x));
      expect(rel(erfc(-x), 2 - erfc(x))).toBeLessThan(1e-15);
    }
    expect(erfc(30)).toBe(0);
    expect(Number.isNaN(erf(NaN)) && Number.isNaN(erfc(NaN)) && Number.isNaN(erfcx(NaN))).toBe(true);
  });
});

describe('normal distribution', () => {
  it('Φ is ½erfc(−x/√2), sums to 1 with its mirror, and keeps relative accuracy in the lower tail', () => {
    for (const x of [-8, -2.5, -1, 0, 0.3, 1, 4]) {
      expect(normCdf(x) + normCdf(-x)).toBeCloseTo(1, 15);
    }
    expect(normCdf(0)).toBe(0.5);
    // Mills-ratio bounds x/(1+x²)·φ(x) < Φ(−x) < φ(x)/x pin the tail to ~1/x².
    for (const x of [10, 20, 37]) {
      const p = normCdf(-x);
      expect(p).toBeGreaterThan((x / (1 + x * x)) * normPdf(x));
      expect(p).toBeLessThan(normPdf(x) / x);
    }
  });

  it('the density integrates to 1 and has unit variance (Simpson, 1e-12)', () => {
    const n = 20000;
    const h = 24 / n;
    let s0 = 0;
    let s2 = 0;
    for (let i = 0; i <= n; i++) {
      const x = -12 + i * h;
      const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
      s0 += w * normPdf(x);
      s2 += w * x * x * normPdf(x);
    }
    expect(Math.abs((s0 * h) / 3 - 1)).toBeLessThan(1e-12);
    expect(Math.abs((s2 * h) / 3 - 1)).toBeLessThan(1e-12);
  });

  it('e^a·Φ(b) stays finite where e^a overflows and Φ(b) underflows', () => {
    for (const [a, b] of [
      [1, 0.5],
      [-2, -1],
      [3, -4],
    ]) {
      expect(rel(expTimesNormCdf(a, b), Math.exp(a) * normCdf(b))).toBeLessThan(1e-14);
    }
    // E[e^{2z}·1{z≤0}] for z ~ N(0, 30²) = e^{1800}·Φ(−60) ≈ 1/(2·60·√(2π)) (leading Mills term, 3e-4 accurate).
    const v = expTimesNormCdf(1800, -60);
    expect(Number.isFinite(v)).toBe(true);
    expect(rel(v, 1 / (60 * Math.sqrt(2 * Math.PI)))).toBeLessThan(3e-4);
  });
});
