/**
 * The 2-D data sets: seeded (same seed, same points; another seed, other points), exactly balanced, the
 * geometry each set promises (spiral radius, circle radii, xor quadrants, gauss centres), and noise honoured
 * (the spread around the clean shape grows with `noise`, and noise 0 gives the clean shape exactly).
 */
import { describe, expect, it } from 'vitest';
import { TWO_D_TEST, TWO_D_TRAIN, twoDPoints, type TwoDKind } from '../../../src/engine/data/two-d';

const KINDS: TwoDKind[] = ['spiral', 'circles', 'xor', 'gauss'];

describe('2-D data sets', () => {
  for (const kind of KINDS) {
    it(`${kind}: seeded, balanced, train and test drawn apart`, () => {
      const a = twoDPoints(kind, 7, 0.1, 0, TWO_D_TRAIN);
      expect(a.count).toBe(400);
      expect(Array.from(twoDPoints(kind, 7, 0.1, 0, TWO_D_TRAIN).x)).toEqual(Array.from(a.x));
      expect(Array.from(twoDPoints(kind, 8, 0.1, 0, TWO_D_TRAIN).x)).not.toEqual(Array.from(a.x));
      const test = twoDPoints(kind, 7, 0.1, 1, TWO_D_TEST);
      expect(test.count).toBe(200);
      expect(Array.from(test.x.subarray(0, 20))).not.toEqual(Array.from(a.x.subarray(0, 20)));
      for (const set of [a, test]) {
        const ones = set.labels.reduce((s, c) => s + c, 0);
        expect(ones).toBe(set.count / 2);
        expect(set.x.every(Number.isFinite)).toBe(true);
      }
    });
  }

  it('noise 0 gives the clean shapes exactly', () => {
    const radius = (x: Float64Array, i: number) => Math.hypot(x[2 * i], x[2 * i + 1]);
    const spiral = twoDPoints('spiral', 3, 0, 0, 400);
    const circles = twoDPoints('circles', 3, 0, 0, 400);
    const xor = twoDPoints('xor', 3, 0, 0, 400);
    for (let i = 0; i < 400; i++) {
      expect(radius(spiral.x, i)).toBeLessThanOrEqual(5);
      // Spiral: the angle turns with the radius, the second arm half a turn behind: t = 2π·frac(1.75·r/5 + c/2).
      const r = radius(spiral.x, i);
      const t = Math.atan2(spiral.x[2 * i], spiral.x[2 * i + 1]);
      const expected = 2 * Math.PI * ((1.75 * (r / 5) + 0.5 * spiral.labels[i]) % 1);
      const dt = Math.abs(((t - expected + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
      if (r > 0.01) expect(dt).toBeLessThan(1e-9);
      const rc = radius(circles.x, i);
      if (circles.labels[i] === 0) expect(rc).toBeLessThan(2);
      else expect(rc > 3 && rc < 5).toBe(true);
      const [a, b] = [xor.x[2 * i], xor.x[2 * i + 1]];
      expect(Math.min(Math.abs(a), Math.abs(b))).toBeGreaterThan(0.3);
      expect(a * b > 0 ? 0 : 1).toBe(xor.labels[i]);
    }
  });

  it('noise moves the points by about `noise` per coordinate', () => {
    for (const kind of KINDS) {
      const clean = twoDPoints(kind, 5, 0, 0, 400);
      for (const noise of [0.1, 0.5, 1]) {
        // The same draws, in the same order, plus noise·normal() per coordinate: the difference is the noise.
        const noisy = twoDPoints(kind, 5, noise, 0, 400);
        let sq = 0;
        for (let i = 0; i < noisy.x.length; i++) {
          expect(noisy.labels[i >> 1]).toBe(clean.labels[i >> 1]);
          sq += (noisy.x[i] - clean.x[i]) ** 2;
        }
        const std = Math.sqrt(sq / noisy.x.length);
        // 800 normal draws: the sample std is within ±10% of `noise` with overwhelming probability.
        expect(std / noise).toBeGreaterThan(0.9);
        expect(std / noise).toBeLessThan(1.1);
      }
    }
  });

  it('gauss: the classes sit around (2, 2) and (−2, −2)', () => {
    const g = twoDPoints('gauss', 11, 0.1, 0, 400);
    const mean = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) {
      const c = g.labels[i];
      mean[2 * c] += g.x[2 * i] / 200;
      mean[2 * c + 1] += g.x[2 * i + 1] / 200;
    }
    for (const m of mean.slice(0, 2)) expect(Math.abs(m - 2)).toBeLessThan(0.3);
    for (const m of mean.slice(2)) expect(Math.abs(m + 2)).toBeLessThan(0.3);
  });
});
