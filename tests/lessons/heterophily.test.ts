import { describe, expect, it } from 'vitest';
import {
  heterophilySweep,
  meanMessages,
  signedGraph,
  signedInformation,
} from '../../src/lessons/models/heterophily';
import { activationParams } from '../../src/lessons/models/params';

const base = { nodes: 400, seed: 1, noise: 0.5 };

describe('signedGraph', () => {
  it('draws the requested share of cross-class neighbours and never a self-loop', () => {
    for (const h of [0, 0.3, 0.8, 1]) {
      const g = signedGraph({ ...base, heterophily: h });
      // 3200 Bernoulli(h) slots: std ≤ 0.009, so 0.04 is > 4 standard deviations.
      expect(Math.abs(g.measuredHeterophily - h)).toBeLessThan(0.04);
      let cross = 0;
      for (let i = 0; i < g.labels.length; i++)
        for (let j = 0; j < g.degree; j++) {
          const nb = g.neighbours[i * g.degree + j];
          expect(nb).not.toBe(i);
          if (g.labels[nb] !== g.labels[i]) cross++;
        }
      expect(cross / g.neighbours.length).toBe(g.measuredHeterophily);
    }
  });

  it('messages are the neighbour means, with sign s_i·(1 − 2h) on average', () => {
    const g = signedGraph({ ...base, heterophily: 0.9, noise: 0 });
    const m = meanMessages(g);
    let acc = 0;
    for (let i = 0; i < m.length; i++) acc += (g.labels[i] === 0 ? 1 : -1) * m[i];
    // E[s_i·m_i] = 1 − 2h = −0.8; 3200 slots of ±1 give a std of about 0.01 on this mean.
    expect(acc / m.length).toBeCloseTo(-0.8, 1);
  });
});

describe('signedInformation (scene 4 key claim)', () => {
  const relu = signedInformation({ ...base, activation: activationParams('relu'), heterophily: 0.8 });
  const elu = signedInformation({ ...base, activation: activationParams('elu'), heterophily: 0.8 });

  it('ReLU erases the sign of every negative message, ELU keeps every one', () => {
    expect(relu.negativeFraction).toBeGreaterThan(0.3);
    expect(relu.signPreserved).toBe(0);
    expect(elu.signPreserved).toBe(1);
    expect(relu.negativeFraction).toBe(elu.negativeFraction); // same graph, same messages
  });

  it('the sign read-out is more accurate after ELU than after ReLU at high heterophily', () => {
    // ELU keeps every sign, so it matches the read-out of the raw message exactly.
    expect(elu.accuracy).toBe(elu.accuracyOfMessage);
    expect(elu.accuracy).toBeGreaterThan(0.9);
    // ReLU: negative messages become 0, a coin flip: accuracy ≈ 1 − negativeFraction/2 at best.
    expect(relu.accuracy).toBeLessThanOrEqual(1 - relu.negativeFraction / 2 + 1e-12);
    expect(elu.accuracy - relu.accuracy).toBeGreaterThan(0.15);
    expect(elu.informationKept).toBeGreaterThan(relu.informationKept);
  });

  it('heterophily ½ leaves no class information in the sign, for any activation', () => {
    for (const act of ['relu', 'elu'] as const) {
      const r = signedInformation({ ...base, activation: activationParams(act), heterophily: 0.5 });
      expect(Math.abs(r.accuracy - 0.5)).toBeLessThan(0.08);
    }
  });

  it('the sweep reuses the graph seed and reports each h', () => {
    const pts = heterophilySweep({ ...base, activation: activationParams('elu') }, [0, 0.5, 1]);
    expect(pts.map((p) => p.heterophily)).toEqual([0, 0.5, 1]);
    expect(pts[0].accuracy).toBeGreaterThan(pts[1].accuracy);
    expect(pts[2].accuracy).toBeGreaterThan(pts[1].accuracy);
  });
});
