import { describe, expect, it } from 'vitest';
import {
  contrastActivations,
  jacobianEigenvalues,
  rollout,
  solverRuns,
  spectralRadius,
} from '../../src/lessons/models/pde';
import { activationParams } from '../../src/lessons/models/params';

const elu = activationParams('elu', { alpha: 1 });
const silu = activationParams('silu');

describe('jacobianEigenvalues', () => {
  it('matches the closed form 1 − 4·Δt·g·φ′(0)·sin²(πk/m)/h² (tolerance 1e-6, central differences)', () => {
    for (const [a, d0] of [
      [elu, 1],
      [silu, 0.5],
    ] as const)
      for (const [m, gain, h, dt] of [
        [32, 1, 1, 0.3],
        [17, 2, 0.5, 0.01],
      ]) {
        const { eigenvalues, circulantError } = jacobianEigenvalues({ activation: a, dt, m, gain, h });
        expect(circulantError).toBeLessThan(1e-9);
        expect(eigenvalues.length).toBe(m);
        eigenvalues.forEach((e, k) => {
          const closed = 1 - (4 * dt * gain * d0 * Math.sin((Math.PI * k) / m) ** 2) / h ** 2;
          expect(Math.abs(e.re - closed)).toBeLessThan(1e-6);
          expect(Math.abs(e.im)).toBeLessThan(1e-9);
        });
      }
  });

  it('the mean mode always has eigenvalue 1', () => {
    for (const dt of [0.1, 0.9])
      expect(jacobianEigenvalues({ activation: elu, dt }).eigenvalues[0].re).toBeCloseTo(1, 12);
  });
});

describe('stability (scene 7 key claim)', () => {
  const rho = (a: typeof elu, dt: number): number =>
    spectralRadius(jacobianEigenvalues({ activation: a, dt }).eigenvalues);

  it('ELU: stable iff Δt·g·4/h² ≤ 2, i.e. Δt ≤ 0.5 here; SiLU: the limit doubles to 1', () => {
    expect(rho(elu, 0.49)).toBeLessThanOrEqual(1 + 1e-9);
    expect(rho(elu, 0.51)).toBeGreaterThan(1.03);
    expect(rho(silu, 0.98)).toBeLessThanOrEqual(1 + 1e-9);
    expect(rho(silu, 1.02)).toBeGreaterThan(1.03);
  });

  it('the same Δt that is unstable for ELU is stable for SiLU', () => {
    expect(rho(elu, 0.75)).toBeGreaterThan(1.5); // closed form |1 − 4·0.75| = 2
    expect(rho(silu, 0.75)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('spectral radius > 1 ⇔ the rollout grows from a small start', () => {
    for (const a of [elu, silu, activationParams('selu')])
      for (const dt of [0.2, 0.4, 0.6, 0.75, 0.9, 1.2]) {
        const unstable = rho(a, dt) > 1 + 1e-6;
        const r = rollout({ activation: a, dt, steps: 300, seed: 2 });
        expect(r.growth > 1, `${a.act} Δt=${dt}`).toBe(unstable);
      }
  });

  it('a stable rollout decays and an unstable one runs away from the equilibrium', () => {
    const stable = rollout({ activation: silu, dt: 0.75, steps: 400, seed: 1 });
    expect(stable.growth).toBeLessThan(1e-3);
    const unstable = rollout({ activation: elu, dt: 0.75, steps: 400, seed: 1 });
    expect(unstable.growth).toBeGreaterThan(10);
    expect(unstable.maxNorm.length).toBe(401);
  });
});

describe('scene 7 side by side: ELU and SiLU at each step’s Δt (what the widget computes, seed 1)', () => {
  const side = (dt: number) => {
    const [e, s] = solverRuns(contrastActivations(elu), dt, 200, 1);
    const lowest = (r: typeof e) => Math.min(...r.spectrum.eigenvalues.map((v) => v.re));
    const real = (r: typeof e) => r.spectrum.eigenvalues.every((v) => Math.abs(v.im) < 1e-9);
    return { e, s, lowest, real };
  };

  it('draws ELU and SiLU whatever the experiment’s activation, plus that activation when it is neither', () => {
    expect(contrastActivations(elu).map((a) => a.act)).toEqual(['elu', 'silu']);
    expect(contrastActivations(silu).map((a) => a.act)).toEqual(['elu', 'silu']);
    expect(contrastActivations(silu)[0].alpha).toBe(1);
    const half = activationParams('elu', { alpha: 0.5 });
    expect(contrastActivations(half)[0]).toBe(half);
    expect(contrastActivations(activationParams('selu')).map((a) => a.act)).toEqual(['elu', 'silu', 'selu']);
  });

  it('step 1, Δt = 0.4: both inside the circle on the real axis (ELU down to −0.6, SiLU to 0.2), both decay', () => {
    const { e, s, lowest, real } = side(0.4);
    expect(e.activation.act).toBe('elu');
    expect(s.activation.act).toBe('silu');
    for (const r of [e, s]) {
      expect(real(r)).toBe(true);
      expect(r.radius).toBeLessThanOrEqual(1 + 1e-9);
      expect(r.rollout.growth).toBeLessThan(1);
    }
    expect(lowest(e)).toBeCloseTo(-0.6, 4);
    expect(lowest(s)).toBeCloseTo(0.2, 4);
  });

  it('step 2, Δt = 0.6: ELU radius about 1.4, grows to order 1 and stays there; SiLU decays. Δt = 1.1: ELU −3.4, SiLU −1.2, both unbounded', () => {
    const at06 = side(0.6);
    expect(at06.e.radius).toBeCloseTo(1.4, 4);
    expect(at06.e.rollout.growth).toBeGreaterThan(1);
    const final = at06.e.rollout.maxNorm[200];
    expect(final).toBeGreaterThan(0.1);
    expect(final).toBeLessThan(10);
    expect(Math.max(...at06.e.rollout.maxNorm)).toBeLessThan(10);
    expect(at06.s.radius).toBeLessThanOrEqual(1 + 1e-9);
    expect(at06.s.rollout.growth).toBeLessThan(1);
    const at11 = side(1.1);
    expect(at11.lowest(at11.e)).toBeCloseTo(-3.4, 4);
    expect(at11.lowest(at11.s)).toBeCloseTo(-1.2, 4);
    for (const r of [at11.e, at11.s]) expect(r.rollout.growth).toBeGreaterThan(1e6);
  });

  it('step 3, Δt = 0.75: ELU reaches −2 and grows; SiLU stays inside (down to −0.5) and decays', () => {
    const { e, s, lowest } = side(0.75);
    expect(lowest(e)).toBeCloseTo(-2, 4);
    expect(e.rollout.growth).toBeGreaterThan(1);
    expect(lowest(s)).toBeCloseTo(-0.5, 4);
    expect(s.radius).toBeLessThanOrEqual(1 + 1e-9);
    expect(s.rollout.growth).toBeLessThan(1);
  });
});
