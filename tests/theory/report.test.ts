import { describe, expect, it } from 'vitest';
import { activationOf } from '../../src/engine/activations';
import { sigmaW2 } from '../../src/engine/init';
import { experimentWith } from '../../src/state/schema';
import { meanField } from '../../src/theory/meanfield';
import { gaussianMoments } from '../../src/theory/moments';
import { finiteOrNull, theoryPrediction, theoryReport } from '../../src/theory/report';

describe('theoryReport', () => {
  it('has exactly the documented shape, and selu only for SELU', () => {
    const r = theoryReport(experimentWith({ act: 'elu', depth: 4 }));
    expect(Object.keys(r).sort()).toEqual(['layers', 'xi_c', 'xi_q']);
    expect(r.layers.map((l) => l.layer)).toEqual([1, 2, 3, 4]);
    for (const l of r.layers)
      expect(Object.keys(l).sort()).toEqual(['chi', 'layer', 'postMean', 'postVar', 'preVar']);
    const s = theoryReport(experimentWith({ act: 'selu', depth: 2 }));
    expect(Object.keys(s).sort()).toEqual(['layers', 'selu', 'xi_c', 'xi_q']);
    expect(Object.keys(s.selu!).sort()).toEqual(['fixedPoint', 'jacobian', 'spectralNorm']);
  });

  it('is the page’s prediction (same numbers, same shape) plus the depth scales, which the page does not draw', () => {
    for (const act of ['relu', 'leaky', 'elu', 'selu', 'silu', 'hybrid'] as const) {
      const exp = experimentWith({ act, depth: 5, knob: 0.4, alpha: 1.3 });
      const { xi_q, xi_c, ...prediction } = theoryReport(exp);
      expect(theoryPrediction(exp)).toEqual(prediction);
      expect(Object.keys(theoryPrediction(exp))).not.toContain('xi_c');
      expect([xi_q, xi_c].every((x) => x === null || Number.isFinite(x))).toBe(true);
    }
  });

  it('follows the documented recursion from q_1 = σ_w²(in_mean² + in_std²) + σ_b²', () => {
    const exp = experimentWith({
      act: 'hybrid',
      knob: 0.3,
      alpha: 1.5,
      init: 'custom',
      sw: 1.2,
      sb: 0.4,
      in_mean: 0.5,
      in_std: 2,
      depth: 6,
    });
    const r = theoryReport(exp);
    const sw2 = 1.44;
    const sb2 = 0.16;
    expect(r.layers[0].preVar).toBeCloseTo(sw2 * (0.25 + 4) + sb2, 14);
    const act = activationOf(exp).params;
    for (let i = 0; i < r.layers.length; i++) {
      const l = r.layers[i];
      const m = gaussianMoments(act, 0, Math.sqrt(l.preVar!));
      expect(l.postMean).toBe(m.phi);
      expect(l.postVar).toBeCloseTo(m.phi2 - m.phi * m.phi, 14);
      expect(l.chi).toBeCloseTo(sw2 * m.dphi2, 14);
      if (i + 1 < r.layers.length) {
        expect(r.layers[i + 1].preVar).toBeCloseTo(sw2 * (l.postVar! + l.postMean! ** 2) + sb2, 12);
      }
    }
    const mf = meanField(act, sw2, sb2, r.layers[0].preVar!);
    expect(r.xi_q).toBe(mf.xiQ);
    expect(r.xi_c).toBe(mf.xiC);
  });

  it('hybrid uses exp.knob: k = 0 is ReLU, k = 1 is ELU_α', () => {
    const base = { depth: 3, init: 'he' as const, sb: 0.1 };
    const h0 = theoryReport(experimentWith({ ...base, act: 'hybrid', knob: 0 }));
    const relu = theoryReport(experimentWith({ ...base, act: 'relu' }));
    const h1 = theoryReport(experimentWith({ ...base, act: 'hybrid', knob: 1, alpha: 1.7 }));
    const elu = theoryReport(experimentWith({ ...base, act: 'elu', alpha: 1.7 }));
    for (let i = 0; i < 3; i++) {
      expect(h0.layers[i].postVar).toBeCloseTo(relu.layers[i].postVar!, 14);
      expect(h1.layers[i].postVar).toBeCloseTo(elu.layers[i].postVar!, 14);
    }
  });

  it('ReLU with He init keeps q and has χ = 1 at every layer; both ξ are infinite, reported as null', () => {
    const r = theoryReport(experimentWith({ act: 'relu', init: 'he', depth: 5 }));
    for (const l of r.layers) {
      expect(l.preVar).toBeCloseTo(2, 13);
      expect(l.chi).toBeCloseTo(1, 14);
      expect(l.postMean).toBeCloseTo(Math.sqrt(2 / (2 * Math.PI)), 14);
    }
    expect(r.xi_q).toBeNull();
    expect(r.xi_c).toBeNull();
  });

  it('SELU with LeCun init: every layer at (0, 1), and the published Jacobian', () => {
    const r = theoryReport(experimentWith({ act: 'selu', init: 'lecun', depth: 8 }));
    for (const l of r.layers) {
      expect(l.preVar).toBeCloseTo(1, 14);
      expect(l.postMean).toBeCloseTo(0, 14);
      expect(l.postVar).toBeCloseTo(1, 14);
    }
    const s = r.selu!;
    expect(s.fixedPoint[0]).toBeCloseTo(0, 14);
    expect(s.fixedPoint[1]).toBeCloseTo(1, 13);
    // Klambauer et al. 2017: J(0,1) = [[0.0, 0.088834], [0.0, 0.782648]], spectral norm 0.7877.
    expect(s.jacobian[0][1]).toBeCloseTo(0.088834, 5);
    expect(s.jacobian[1][1]).toBeCloseTo(0.782648, 5);
    expect(s.spectralNorm).toBeCloseTo(0.7877, 4);
    expect(r.xi_q).toBeGreaterThan(0);
  });

  it('the default experiment (ELU α = 1, LeCun, no bias) is critical for q: ξ_q and ξ_c are null', () => {
    const r = theoryReport(experimentWith({}));
    expect(r.xi_q).toBeNull();
    expect(r.xi_c).toBeNull();
    expect(r.layers).toHaveLength(20);
    // q decays, but only as a power law (q-map slope → 1 as q → 0).
    expect(r.layers[19].preVar!).toBeLessThan(r.layers[0].preVar!);
    expect(r.layers[19].preVar!).toBeGreaterThan(0.01);
  });

  it('uses sigmaW2 for every scheme (xavier at width = fan_in = fan_out is 1)', () => {
    for (const init of ['he', 'lecun', 'xavier', 'custom'] as const) {
      const exp = experimentWith({ act: 'relu', init, sw: 0.7, depth: 1, width: 64 });
      expect(theoryReport(exp).layers[0].preVar).toBeCloseTo(sigmaW2(init, 0.7, 64, 64), 14);
    }
  });

  it('turns non-finite numbers into null, so JSON round-trips', () => {
    const r = theoryReport(experimentWith({ act: 'relu', init: 'custom', sw: 10, depth: 400 }));
    expect(r.layers[0].preVar).toBe(100);
    expect(r.layers[399].preVar).toBeNull(); // 50^400 overflows
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(finiteOrNull(Infinity)).toBeNull();
    expect(finiteOrNull(NaN)).toBeNull();
    expect(finiteOrNull(-2.5)).toBe(-2.5);
    const selu = theoryReport(experimentWith({ act: 'selu', alpha: 1, lambda: 1, depth: 2 }));
    expect(JSON.parse(JSON.stringify(selu))).toEqual(selu);
  });
});
