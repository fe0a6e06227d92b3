import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/engine/activations';
import { Rng } from '../../src/engine/random';
import { gaussianMoment, gaussianMoments, siluD2 } from '../../src/theory/moments';
import type { MomentName } from '../../src/theory/moments';
import { gaussExpectation } from '../../src/theory/quadrature';
import { ALL_ACTS, paramsFor, simpsonGauss } from './helpers';

// (m, s): centred, shifted both ways, small and large s, deep in the negative region, very wide.
const CASES: [number, number][] = [
  [0, 1],
  [0.5, 0.3],
  [-0.7, 1.3],
  [2, 0.5],
  [-3, 2],
  [1, 10],
  [0, 30],
  [-20, 15],
  [-4, 1],
];

const BASIC: MomentName[] = ['phi', 'phi2', 'dphi', 'dphi2'];

function integrand(act: ReturnType<typeof makeActivation>, name: MomentName): (z: number) => number {
  switch (name) {
    case 'phi':
      return act.phi;
    case 'phi2':
      return (z) => act.phi(z) ** 2;
    case 'dphi':
      return act.dphi;
    case 'dphi2':
      return (z) => act.dphi(z) ** 2;
    default:
      throw new Error(name);
  }
}

describe('Gaussian moments: closed form (and SiLU quadrature) against independent Simpson quadrature', () => {
  for (const kind of ALL_ACTS) {
    it(`${kind}: E[φ], E[φ²], E[φ′], E[φ′²] to 1e-10`, () => {
      const p = paramsFor(kind);
      const a = makeActivation(p);
      for (const [m, s] of CASES) {
        const mo = gaussianMoments(p, m, s);
        for (const name of BASIC) {
          const f = integrand(a, name);
          const ref = simpsonGauss(f, m, s);
          // Scale by E[|f|] so a moment that cancels to ~0 (SELU's mean) is judged against its terms' size.
          const scale = simpsonGauss((z) => Math.abs(f(z)), m, s);
          expect(Math.abs(mo[name] - ref), `${kind} ${name} m=${m} s=${s}`).toBeLessThan(1e-10 * scale);
          expect(Math.abs(gaussianMoment(p, name, m, s) - mo[name])).toBeLessThanOrEqual(1e-14 * scale);
        }
      }
    });
  }

  it('the module quadrature agrees with Simpson for SiLU-type smooth and ReLU-type kinked integrands', () => {
    for (const [m, s] of CASES) {
      for (const f of [(z: number) => z * z * Math.exp(-Math.abs(z)), (z: number) => Math.max(z, 0) ** 2]) {
        const ref = simpsonGauss(f, m, s);
        expect(Math.abs(gaussExpectation(f, m, s) - ref)).toBeLessThan(1e-10 * Math.max(ref, 1e-300));
      }
    }
  });
});

describe('Gaussian moments against seeded Monte Carlo (5 standard errors)', () => {
  const n = 200_000;
  for (const kind of ALL_ACTS) {
    it(kind, () => {
      const p = paramsFor(kind);
      const a = makeActivation(p);
      // (−4, 1) is left out: with P(z > 0) = 3e-5 the sample holds ~6 positive draws and the estimated
      // standard error itself is unreliable (that case is covered by the quadrature comparison above).
      for (const [i, [m, s]] of CASES.filter(([m, s]) => m / s > -3).entries()) {
        const rng = new Rng(1234 + i);
        const sum = [0, 0, 0, 0];
        const sumSq = [0, 0, 0, 0];
        for (let k = 0; k < n; k++) {
          const z = m + s * rng.normal();
          const f = a.phi(z);
          const d = a.dphi(z);
          const v = [f, f * f, d, d * d];
          for (let j = 0; j < 4; j++) {
            sum[j] += v[j];
            sumSq[j] += v[j] * v[j];
          }
        }
        const mo = gaussianMoments(p, m, s);
        BASIC.forEach((name, j) => {
          const mean = sum[j] / n;
          const se = Math.sqrt(Math.max(sumSq[j] / n - mean * mean, 0) / n);
          expect(Math.abs(mo[name] - mean), `${kind} ${name} m=${m} s=${s}`).toBeLessThanOrEqual(
            5 * se + 1e-12,
          );
        });
      }
    });
  }
});

describe('derivative moments through the Gaussian identities', () => {
  // ∂E[φ]/∂m = E[φ′], ∂E[φ²]/∂m = 2E[φφ′], ∂E[φ]/∂(s²) = ½E[φ″], ∂E[φ²]/∂(s²) = E[φ′²] + E[φφ″]:
  // central differences (step 1e-5, error ~1e-9) against the moments that the SELU Jacobian and ξ_q use.
  for (const kind of ALL_ACTS) {
    it(kind, () => {
      const p = paramsFor(kind);
      for (const [m, s] of [
        [0, 1],
        [0.4, 0.8],
        [-1.2, 2],
        [0.1, 0.2],
      ]) {
        const h = 1e-5;
        const mo = gaussianMoments(p, m, s);
        const dm = (g: (x: ReturnType<typeof gaussianMoments>) => number): number =>
          (g(gaussianMoments(p, m + h, s)) - g(gaussianMoments(p, m - h, s))) / (2 * h);
        const dv = (g: (x: ReturnType<typeof gaussianMoments>) => number): number =>
          (g(gaussianMoments(p, m, Math.sqrt(s * s + h))) - g(gaussianMoments(p, m, Math.sqrt(s * s - h)))) /
          (2 * h);
        const tol = 1e-7;
        expect(dm((x) => x.phi)).toBeCloseTo(mo.dphi, 7);
        expect(Math.abs(dm((x) => x.phi2) - 2 * mo.phiDphi)).toBeLessThan(tol * (1 + Math.abs(mo.phiDphi)));
        expect(Math.abs(dv((x) => x.phi) - 0.5 * mo.d2phi)).toBeLessThan(tol * (1 + Math.abs(mo.d2phi)));
        expect(Math.abs(dv((x) => x.phi2) - (mo.dphi2 + mo.phiD2phi))).toBeLessThan(tol * (1 + mo.dphi2));
      }
    });
  }

  it('SiLU″ is the derivative of activations.ts’s SiLU′', () => {
    const a = makeActivation(paramsFor('silu'));
    for (const z of [-30, -3, -0.5, 0, 0.7, 4, 25]) {
      const h = 1e-5;
      expect(siluD2(z)).toBeCloseTo((a.dphi(z + h) - a.dphi(z - h)) / (2 * h), 9);
    }
  });
});

describe('degenerate and extreme arguments', () => {
  it('s = 0 evaluates at m (left branch at 0) and is the limit of small s away from 0', () => {
    for (const kind of ALL_ACTS) {
      const p = paramsFor(kind);
      const a = makeActivation(p);
      for (const m of [-1.5, -0.2, 0, 0.6]) {
        const mo = gaussianMoments(p, m, 0);
        expect(mo.phi).toBe(a.phi(m));
        expect(mo.phi2).toBe(a.phi(m) ** 2);
        expect(mo.dphi).toBe(a.dphi(m));
        expect(mo.dphi2).toBe(a.dphi(m) ** 2);
        if (m !== 0) {
          const near = gaussianMoments(p, m, 1e-6);
          for (const name of BASIC) expect(near[name]).toBeCloseTo(mo[name], 9);
        }
      }
    }
  });

  it('small s keeps relative accuracy (ELU’s negative part ≈ α²s²/2 is not lost to cancellation)', () => {
    const p = paramsFor('elu');
    const a = makeActivation(p);
    for (const s of [1e-3, 1e-6]) {
      const ref = simpsonGauss((z) => a.phi(z) ** 2, 0, s);
      expect(Math.abs(gaussianMoments(p, 0, s).phi2 / ref - 1)).toBeLessThan(1e-10);
      expect(ref / (s * s)).toBeCloseTo((1 + 1.3 * 1.3) / 2, 2);
    }
  });

  it('huge s or |m| gives finite values with the right asymptotics (no Inf·0)', () => {
    for (const kind of ['elu', 'selu', 'hybrid', 'leaky', 'relu'] as const) {
      const p = paramsFor(kind);
      const pos = makeActivation(p).dphi(1);
      for (const s of [1e3, 1e6, 1e100]) {
        const mo = gaussianMoments(p, 0, s);
        for (const v of Object.values(mo)) expect(Number.isFinite(v)).toBe(true);
        // E[φ²] → p²·s²/2 (+ the negative branch: b²s²/2 for leaky, bounded for the ELU family).
        const neg = kind === 'leaky' ? 0.01 : 0;
        expect(mo.phi2 / (s * s)).toBeCloseTo((pos * pos) / 2 + neg / 2, 5);
      }
      const deep = gaussianMoments(p, -200, 1);
      expect(deep.phi).toBeCloseTo(makeActivation(p).phi(-200), 12);
      expect(Number.isFinite(gaussianMoments(p, 700, 5).phi2)).toBe(true);
    }
  });
});
