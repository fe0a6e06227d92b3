import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/engine/activations';
import { Rng } from '../../src/engine/random';
import {
  bivariateExpectation,
  chi1,
  chiC,
  cMap,
  cStar,
  depthScale,
  meanField,
  qMap,
  qMapSlope,
  qStar,
} from '../../src/theory/meanfield';
import { chi1AtFixedPoint, edgeOfChaos } from '../../src/theory/phase';
import { ALL_ACTS, paramsFor, simpsonGauss } from './helpers';

describe('variance map', () => {
  it('is σ_w²·E[φ(√q z)²] + σ_b² (independent quadrature)', () => {
    for (const kind of ALL_ACTS) {
      const p = paramsFor(kind);
      const a = makeActivation(p);
      for (const q of [0.3, 1, 4.5]) {
        const ref = 1.7 * simpsonGauss((z) => a.phi(z) ** 2, 0, Math.sqrt(q)) + 0.2;
        expect(qMap(p, q, 1.7, 0.2)).toBeCloseTo(ref, 10);
      }
    }
  });

  it('its slope σ_w²(E[φ′²] + E[φφ″]) matches a central difference of the map', () => {
    for (const kind of ALL_ACTS) {
      const p = paramsFor(kind);
      for (const q of [0.2, 1, 3]) {
        const h = 1e-6 * q;
        const num = (qMap(p, q + h, 1.5, 0.1) - qMap(p, q - h, 1.5, 0.1)) / (2 * h);
        expect(qMapSlope(p, q, 1.5)).toBeCloseTo(num, 7);
      }
    }
  });

  it('q* is a fixed point, and iterating the map from q0 converges to it', () => {
    for (const kind of ALL_ACTS) {
      const p = paramsFor(kind);
      for (const [sw2, sb2, q0] of [
        [1, 0.1, 1],
        [1.5, 0.3, 5],
        [0.8, 0.05, 0.01],
      ]) {
        const qs = qStar(p, sw2, sb2, q0);
        expect(qs).toBeGreaterThan(0);
        expect(Math.abs(qMap(p, qs, sw2, sb2) - qs)).toBeLessThan(1e-12 * qs);
        let q = q0;
        for (let i = 0; i < 3000; i++) q = qMap(p, q, sw2, sb2);
        expect(Math.abs(q - qs)).toBeLessThan(1e-8 * qs);
      }
    }
  });

  it('q* is 0 when the signal collapses and Infinity when it explodes', () => {
    const relu = paramsFor('relu');
    expect(qStar(relu, 1.5, 0)).toBe(0);
    expect(qStar(relu, 2.5, 0)).toBe(Infinity);
    expect(qStar(relu, 2, 0.05)).toBe(Infinity); // every layer adds σ_b²
    expect(qStar(relu, 2, 0, 3.7)).toBe(3.7); // critical: every q is a fixed point
    expect(qStar(paramsFor('elu'), 2, 0.05)).toBe(Infinity); // f(q) − q → α² + σ_b², below rounding of q
  });

  it('ξ_q describes the geometric approach of q_l to q*', () => {
    for (const kind of ['elu', 'selu', 'silu', 'leaky'] as const) {
      const p = paramsFor(kind);
      const sw2 = kind === 'selu' ? 1 : 1.3;
      const mf = meanField(p, sw2, 0.1);
      let q = mf.qStar * 1.001;
      const devs: number[] = [];
      for (let l = 0; l < 6; l++) {
        devs.push(q - mf.qStar);
        q = qMap(p, q, sw2, 0.1);
      }
      const ratio = devs[5] / devs[4];
      expect(ratio).toBeCloseTo(Math.exp(-1 / mf.xiQ), 4);
    }
  });
});

describe('correlation map and χ', () => {
  it('ReLU: the bivariate expectations equal the arc-cosine kernel (Cho & Saul 2009)', () => {
    const p = paramsFor('relu');
    for (const q of [0.5, 2]) {
      for (const c of [-0.9, -0.3, 0, 0.4, 0.95, 1]) {
        const th = Math.acos(c);
        const k1 = (q * (Math.sin(th) + (Math.PI - th) * c)) / (2 * Math.PI);
        const k0 = (Math.PI - th) / (2 * Math.PI);
        expect(bivariateExpectation(p, 'phi', q, c)).toBeCloseTo(k1, 11);
        expect(bivariateExpectation(p, 'dphi', q, c)).toBeCloseTo(k0, 11);
      }
    }
  });

  it('bivariate expectations match a seeded 2-D Monte Carlo (5 standard errors)', () => {
    const n = 200_000;
    for (const kind of ['elu', 'silu', 'selu', 'leaky'] as const) {
      const p = paramsFor(kind);
      const a = makeActivation(p);
      const q = 1.7;
      const c = 0.6;
      const rng = new Rng(99);
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const z1 = rng.normal();
        const z2 = rng.normal();
        const u1 = Math.sqrt(q) * z1;
        const u2 = Math.sqrt(q) * (c * z1 + Math.sqrt(1 - c * c) * z2);
        const v = a.phi(u1) * a.phi(u2);
        s1 += v;
        s2 += v * v;
      }
      const mean = s1 / n;
      const se = Math.sqrt((s2 / n - mean * mean) / n);
      expect(Math.abs(bivariateExpectation(p, 'phi', q, c) - mean)).toBeLessThan(5 * se);
    }
  });

  it('c = 1 is fixed, and χ₁ is the slope of the correlation map there', () => {
    for (const kind of ALL_ACTS) {
      const p = paramsFor(kind);
      const qs = qStar(p, 1.4, 0.1);
      expect(cMap(p, 1, qs, 1.4, 0.1)).toBeCloseTo(1, 11);
      expect(chiC(p, 1, qs, 1.4)).toBeCloseTo(chi1(p, qs, 1.4), 11);
      // One-sided difference; the kinked activations have a √(1−c) correction, hence h = 1e-8 and 2e-3.
      const h = 1e-8;
      const slope = (1 - cMap(p, 1 - h, qs, 1.4, 0.1)) / h;
      expect(Math.abs(slope / chi1(p, qs, 1.4) - 1)).toBeLessThan(2e-3);
    }
  });

  it('chaotic phase: c* < 1 is a fixed point with χ_c < 1, and ξ_c = −1/log χ_c', () => {
    const p = paramsFor('elu');
    const sw2 = 1.9; // < 2, so q* is finite; > the edge of chaos at σ_b² = 0.01
    const sb2 = 0.01;
    const mf = meanField(p, sw2, sb2);
    expect(mf.chi1).toBeGreaterThan(1);
    expect(mf.cStar).toBeLessThan(1);
    expect(cMap(p, mf.cStar, mf.qStar, sw2, sb2)).toBeCloseTo(mf.cStar, 10);
    expect(mf.chiC).toBeLessThan(1);
    expect(mf.xiC).toBeCloseTo(-1 / Math.log(mf.chiC), 12);
    expect(cStar(p, mf.qStar, sw2, sb2)).toBe(mf.cStar);
    // Iterating the correlation map from c = 0.2 converges to c*.
    let c = 0.2;
    for (let i = 0; i < 300; i++) c = cMap(p, c, mf.qStar, sw2, sb2);
    expect(c).toBeCloseTo(mf.cStar, 6); // converges like χ_c^300
  });

  it('ordered phase: c* = 1, χ_c = χ₁ and ξ_c = −1/log χ₁', () => {
    const mf = meanField(paramsFor('silu'), 1, 0.05);
    expect(mf.cStar).toBe(1);
    expect(mf.chiC).toBe(mf.chi1);
    expect(mf.xiC).toBeCloseTo(-1 / Math.log(mf.chi1), 12);
  });

  it('depthScale is −1/log x, Infinity at x ≥ 1', () => {
    expect(depthScale(Math.exp(-0.25))).toBeCloseTo(4, 12);
    expect(depthScale(1)).toBe(Infinity);
    expect(depthScale(1 - 4e-16)).toBe(Infinity); // rounding of a critical slope
    expect(depthScale(1 - 1e-6)).toBeCloseTo(1e6, -1);
    // ELU α = 1, σ_w² = 1, σ_b = 0 (the default experiment): q-map slope 1 at q* = 0, so ξ_q = ξ_c = ∞.
    const mf = meanField({ ...paramsFor('elu'), alpha: 1 }, 1, 0);
    expect(mf.qStar).toBe(0);
    expect(mf.xiQ).toBe(Infinity);
    expect(mf.xiC).toBe(Infinity);
    expect(depthScale(0)).toBe(0);
    expect(depthScale(NaN)).toBeNaN();
  });
});

describe('edge of chaos', () => {
  it('ReLU: χ₁ = σ_w²/2 at every q, so the critical point at σ_b = 0 is σ_w² = 2 (He et al. 2015)', () => {
    const p = paramsFor('relu');
    for (const q of [0, 0.01, 1, 100, Infinity]) expect(chi1(p, q, 2)).toBeCloseTo(1, 14);
    const [pt] = edgeOfChaos(p, [0]);
    expect(pt.sw2).toBeCloseTo(2, 10);
    const mf = meanField(p, 2, 0);
    expect(mf.chi1).toBeCloseTo(1, 14);
    expect(mf.xiC).toBe(Infinity);
  });

  it('ELU at σ_b² = 0: χ₁ crosses 1 where σ_w²(1 + α²)/2 = 1 (q* → 0 there), checked directly', () => {
    // Near q = 0, ELU′ is 1 on one half and α on the other: the q-map's slope and χ₁ are both σ_w²(1+α²)/2,
    // so below that point q* = 0 and χ₁ = σ_w²(1+α²)/2 < 1.
    for (const alpha of [1, 2, 0.5]) {
      const p = { ...paramsFor('elu'), alpha };
      const [pt] = edgeOfChaos(p, [0]);
      expect(pt.sw2).toBeCloseTo(2 / (1 + alpha * alpha), 6);
      expect(chi1AtFixedPoint(p, pt.sw2 * 0.99, 0)).toBeLessThan(1);
      expect(chi1AtFixedPoint(p, pt.sw2 * 1.01, 0)).toBeGreaterThan(1);
    }
  });

  it('with bias noise the curve moves right, and χ₁(q*) = 1 on it (direct evaluation)', () => {
    for (const kind of ['elu', 'hybrid', 'leaky'] as const) {
      const p = paramsFor(kind);
      const pts = edgeOfChaos(p, [0.02, 0.1, 0.3]);
      for (const { sb2, sw2, crossing } of pts) {
        expect(crossing).toBe('root');
        expect(chi1AtFixedPoint(p, sw2, sb2)).toBeCloseTo(1, 8);
        expect(chi1AtFixedPoint(p, sw2 * 0.98, sb2)).toBeLessThan(1);
        expect(chi1AtFixedPoint(p, sw2 * 1.02, sb2)).toBeGreaterThan(1);
      }
      if (kind === 'leaky') {
        // Piecewise linear: χ₁ = σ_w²(1 + slope²)/2 whatever q*, so the curve is vertical.
        for (const pt of pts) expect(pt.sw2).toBeCloseTo(2 / (1 + 0.1 * 0.1), 10);
      } else {
        expect(pts[1].sw2).toBeGreaterThan(pts[0].sw2);
        expect(pts[2].sw2).toBeGreaterThan(pts[1].sw2);
      }
    }
  });

  it('SiLU: χ₁(q*) stays below 1 on the finite branch and jumps above where q* explodes', () => {
    const p = paramsFor('silu');
    for (const { sb2, sw2, crossing } of edgeOfChaos(p, [0.02, 0.3])) {
      expect(crossing).toBe('jump');
      expect(chi1AtFixedPoint(p, sw2 * (1 - 1e-6), sb2)).toBeLessThan(1);
      expect(qStar(p, sw2 * (1 + 1e-6), sb2)).toBe(Infinity);
      expect(chi1AtFixedPoint(p, sw2 * (1 + 1e-6), sb2)).toBeCloseTo((sw2 * (1 + 1e-6)) / 2, 12);
    }
  });
});
