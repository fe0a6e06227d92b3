/**
 * activations.ts: φ′ and ∂φ/∂k against central finite differences, the SELU constants against their defining
 * fixed point, and the conventions EXPERIMENT.md fixes (φ′ computed as itself, left branch at 0).
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_CODE,
  SELU_ALPHA,
  SELU_LAMBDA,
  activationOf,
  makeActivation,
  sigmoid,
} from '../../src/engine/activations';
import type { ActivationParams } from '../../src/engine/activations';
import { ACTIVATIONS } from '../../src/engine/experiment';
import { DEFAULT_EXPERIMENT, experimentWith } from '../../src/state/schema';

const P = { alpha: 1, lambda: SELU_LAMBDA, slope: 0.01, knob: 0 };
const VARIANTS: ActivationParams[] = [
  { ...P, act: 'relu' },
  { ...P, act: 'leaky', slope: 0.01 },
  { ...P, act: 'leaky', slope: 0.3 },
  { ...P, act: 'elu', alpha: 1 },
  { ...P, act: 'elu', alpha: 0.5 },
  { ...P, act: 'elu', alpha: 2.5 },
  { ...P, act: 'selu', alpha: SELU_ALPHA },
  { ...P, act: 'silu' },
  { ...P, act: 'hybrid', knob: 0 },
  { ...P, act: 'hybrid', knob: 0.3, alpha: 1.7 },
  { ...P, act: 'hybrid', knob: 1 },
];

/** 1601 points on [−8, 8] plus a few far left, minus |z| < 1e-3 around the kink at 0. */
const POINTS = [
  ...Array.from({ length: 1601 }, (_, i) => -8 + i * 0.01).filter((z) => Math.abs(z) >= 1e-3),
  -12.5,
  -20,
  -30.25,
];

/**
 * Central difference with h = 1e-6: truncation error h²/6·|φ‴| ≲ 1e-12·max|φ‴|, rounding about
 * 1e-16·|φ|/h ≲ 1e-9 on this range; tolerance 1e-7·(1 + |derivative|).
 */
const H = 1e-6;
const tol = (d: number): number => 1e-7 * (1 + Math.abs(d));

describe('activations', () => {
  for (const p of VARIANTS) {
    const label = `${p.act} (α ${p.alpha}, slope ${p.slope}, k ${p.knob})`;
    it(`${label}: φ′ matches central differences of φ`, () => {
      const a = makeActivation(p);
      for (const z of POINTS) {
        const fd = (a.phi(z + H) - a.phi(z - H)) / (2 * H);
        expect(Math.abs(fd - a.dphi(z)), `z = ${z}`).toBeLessThanOrEqual(tol(fd));
      }
    });

    it(`${label}: ∂φ/∂k matches central differences in k (0 unless hybrid)`, () => {
      const a = makeActivation(p);
      const up = makeActivation({ ...p, knob: p.knob + H });
      const down = makeActivation({ ...p, knob: p.knob - H });
      for (const z of POINTS) {
        const fd = (up.phi(z) - down.phi(z)) / (2 * H);
        expect(Math.abs(fd - a.dphiDknob(z)), `z = ${z}`).toBeLessThanOrEqual(tol(fd));
        if (p.act !== 'hybrid') expect(a.dphiDknob(z)).toBe(0);
      }
    });

    it(`${label}: φ is continuous at 0 and φ′(0) takes the left branch`, () => {
      const a = makeActivation(p);
      expect(a.phi(0)).toBe(0);
      expect(Math.abs(a.phi(1e-12))).toBeLessThan(1e-11);
      expect(Math.abs(a.phi(-1e-12))).toBeLessThan(1e-11);
      if (p.act !== 'silu') expect(a.dphi(0)).toBe(a.dphi(-1e-300));
    });
  }

  it('ReLU′(0) = 0, leaky′(0) = slope, ELU′(0) = α, SELU′(0) = λα, hybrid′(0) = kα, SiLU′(0) = ½', () => {
    expect(makeActivation({ ...P, act: 'relu' }).dphi(0)).toBe(0);
    expect(makeActivation({ ...P, act: 'leaky', slope: 0.2 }).dphi(0)).toBe(0.2);
    expect(makeActivation({ ...P, act: 'elu', alpha: 1.5 }).dphi(0)).toBe(1.5);
    expect(makeActivation({ ...P, act: 'selu', alpha: SELU_ALPHA }).dphi(0)).toBe(SELU_LAMBDA * SELU_ALPHA);
    expect(makeActivation({ ...P, act: 'hybrid', alpha: 2, knob: 0.25 }).dphi(0)).toBe(0.5);
    expect(makeActivation({ ...P, act: 'silu' }).dphi(0)).toBe(0.5);
  });

  it('computes φ′ of the ELU family as α·e^z: positive at z = −50 (where φ + α rounds to 0) and −700', () => {
    for (const p of [VARIANTS[3], VARIANTS[5], VARIANTS[6], VARIANTS[9]]) {
      const a = makeActivation(p);
      const scale = p.act === 'selu' ? p.lambda * p.alpha : p.act === 'hybrid' ? p.knob * p.alpha : p.alpha;
      for (const z of [-50, -700]) {
        expect(a.dphi(z)).toBeGreaterThan(0);
        expect(Math.abs(a.dphi(z) / (scale * Math.exp(z)) - 1)).toBeLessThan(1e-15);
      }
      // The shortcut φ′ = φ + α (for ELU) would already be exactly 0 at z = −50 in float64.
      if (p.act === 'elu') expect(a.phi(-50) + p.alpha).toBe(0);
    }
  });

  it('SELU constants are the fixed point: E[selu(z)] = 0 and E[selu(z)²] = 1 for z ~ N(0, 1)', () => {
    // Composite Simpson on [−40, 0] and [0, 40] separately (the integrand is smooth on each); error ≪ 1e-12.
    const a = makeActivation({ ...P, act: 'selu', alpha: SELU_ALPHA });
    const gauss = (z: number): number => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
    const simpson = (f: (z: number) => number, lo: number, hi: number, n: number): number => {
      const h = (hi - lo) / n;
      let s = f(lo) + f(hi);
      for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
      return (s * h) / 3;
    };
    const moment = (k: number): number =>
      simpson((z) => a.phi(z) ** k * gauss(z), -40, 0, 40000) +
      simpson((z) => a.phi(z) ** k * gauss(z), 0, 40, 40000);
    expect(Math.abs(moment(1))).toBeLessThan(1e-12);
    expect(Math.abs(moment(2) - 1)).toBeLessThan(1e-12);
    expect(experimentWith({ act: 'selu' }).alpha).toBe(SELU_ALPHA);
    expect(DEFAULT_EXPERIMENT.lambda).toBe(SELU_LAMBDA);
  });

  it('sigmoid and SiLU stay finite for huge |z|', () => {
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    const silu = makeActivation({ ...P, act: 'silu' });
    for (const z of [-800, -1e6, 800, 1e6]) {
      expect(Number.isFinite(silu.phi(z))).toBe(true);
      expect(Number.isFinite(silu.dphi(z))).toBe(true);
    }
  });

  it('activationOf uses the experiment’s parameters, with a per-layer k', () => {
    const exp = experimentWith({ act: 'hybrid', alpha: 2, knob: 0.5 });
    expect(activationOf(exp).phi(-1)).toBe(0.5 * 2 * Math.expm1(-1));
    expect(activationOf(exp, 0.25).phi(-1)).toBe(0.25 * 2 * Math.expm1(-1));
  });

  it('has one distinct kernel code per activation', () => {
    const codes = ACTIVATIONS.map((a) => ACTIVATION_CODE[a]);
    expect(new Set(codes).size).toBe(ACTIVATIONS.length);
  });
});
