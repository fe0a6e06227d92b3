import { describe, expect, it } from 'vitest';
import { jacobianEigenvalues, rollout, spectralRadius } from '../../src/lessons/models/pde';
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
