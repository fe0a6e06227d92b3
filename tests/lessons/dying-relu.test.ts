/**
 * Scene 1's numbers, as its text states them, measured on the reference engine at each step's query (seed 1),
 * every compared run included: ReLU vs ELU vs the hybrid side by side.
 */
import { describe, expect, it } from 'vitest';
import { queryRuns, stepQuery, stepRuns, totalDead, at } from './scene-runs';

// Three (or six) networks of 6 × 64 units trained 200 steps on the float64 engine.
const SLOW = 300_000;

describe('dying-relu', () => {
  // The task: the spiral, 16 × 32, lr 0.1, 500 steps, on both engines (float32 and float64 differ in the details
  // of a long chaotic training run, so the text quotes rounded numbers and this checks them with their margins).
  it.each(['reference', 'wasm'] as const)(
    'step 1 (%s): on the spiral ReLU loses about 75 of 512 units, mostly deep, and gets about two thirds of the test points; ELU none and 83 to 90 percent',
    async (engine) => {
      const [relu, elu] = await stepRuns('dying-relu', 1, engine);
      expect([relu.label, elu.label]).toEqual(['ReLU', 'ELU']);
      expect(relu.result.experiment).toMatchObject({
        data: 'spiral',
        depth: 16,
        width: 32,
        lr: 0.1,
        steps: 500,
      });
      const dead = relu.result.layers.map((l) => l.dead);
      const total = dead.reduce((s, d) => s + d, 0);
      expect(total).toBeGreaterThanOrEqual(60); // "about 75 … one in seven" (512 / 7 ≈ 73)
      expect(total).toBeLessThanOrEqual(90);
      const deepHalf = dead.slice(8).reduce((s, d) => s + d, 0);
      expect(deepHalf).toBeGreaterThan(total / 2); // "most of them in the deeper half"
      expect(relu.result.testAccuracy!).toBeGreaterThanOrEqual(0.6); // "about two thirds"
      expect(relu.result.testAccuracy!).toBeLessThanOrEqual(0.72);
      expect(totalDead(elu.result)).toBe(0);
      expect(elu.result.testAccuracy!).toBeGreaterThanOrEqual(0.83); // "83% to 90%"
      expect(elu.result.testAccuracy!).toBeLessThanOrEqual(0.9);
      expect(elu.result.testAccuracy! - relu.result.testAccuracy!).toBeGreaterThanOrEqual(0.15);
    },
    SLOW,
  );

  // The page runs the WASM engine (float32): the claims hold there as well as on the float64 reference.
  it.each(['reference', 'wasm'] as const)(
    'step 2 (%s): at lr 0.05 ReLU loses 23 of 384 units (8 in layer 3), ELU none, the hybrid at most 1 (k back to about 0 in layer 5)',
    async (engine) => {
      const [relu, elu, hybrid] = await stepRuns('dying-relu', 2, engine);
      expect([relu.label, elu.label, hybrid.label]).toEqual(['ReLU', 'ELU', 'hybrid']);
      expect(relu.result.experiment.lr).toBe(0.05);
      expect(relu.result.experiment.width * relu.result.layers.length).toBe(384);
      expect(totalDead(relu.result)).toBe(23);
      expect(at(relu.result, 3, 'dead')).toBe(8);
      expect(totalDead(elu.result)).toBe(0);
      expect(totalDead(hybrid.result)).toBeLessThanOrEqual(1);
      // The hybrid starts as a ReLU (k = 0) and learns k: about 0 again in layer 5, roughly 0.3–0.9 elsewhere.
      expect(hybrid.result.experiment.knob).toBe(0);
      const knobs = hybrid.result.layers.map((l) => l.knob!);
      expect(knobs[4]).toBeLessThan(0.05);
      const others = knobs.filter((_, i) => i !== 4);
      expect(Math.min(...others)).toBeGreaterThanOrEqual(0.25); // "roughly 0.3"
      expect(Math.max(...others)).toBeLessThanOrEqual(0.95);
      // Losses, as quoted: near 26.5, 17.5–18 and 6.8.
      expect(relu.result.loss).toBeCloseTo(26.5, 1);
      expect(hybrid.result.loss).toBeGreaterThanOrEqual(17.45);
      expect(hybrid.result.loss).toBeLessThanOrEqual(18.05);
      expect(elu.result.loss).toBeCloseTo(6.8, 1);
    },
    SLOW,
  );

  it.each(['reference', 'wasm'] as const)(
    'step 3 (%s): ReLU loses 2–4, 23 and more than 50 units at lr 0.01, 0.05, 0.1; switched to ELU, 0, 0 and a diverged run',
    async (engine) => {
      const query = stepQuery('dying-relu', 3);
      const relu = await queryRuns(query, engine);
      expect(relu.map((r) => r.label)).toEqual(['ReLU · lr 0.01', 'ReLU · lr 0.05', 'ReLU · lr 0.1']);
      const dead = relu.map((r) => totalDead(r.result));
      expect(dead[0]).toBeGreaterThanOrEqual(2);
      expect(dead[0]).toBeLessThanOrEqual(4);
      expect(dead[1]).toBe(23);
      expect(dead[2]).toBeGreaterThan(50);
      // "Switch the activation to ELU: the three runs follow" (the compared runs override lr only).
      expect(query).toContain('act=relu');
      const elu = await queryRuns(query.replace('act=relu', 'act=elu'), engine);
      expect(elu.map((r) => r.result.experiment.act)).toEqual(['elu', 'elu', 'elu']);
      expect(elu.slice(0, 2).map((r) => totalDead(r.result))).toEqual([0, 0]);
      // "the float64 engine counts 180 units … in float32 the numbers become NaN"
      if (engine === 'reference') expect(totalDead(elu[2].result)).toBe(180);
      // At 0.1 the weights blew up: the signal overflows (non-finite or astronomically large variance).
      const blown = elu[2].result.layers.some((l) => !Number.isFinite(l.postVar) || l.postVar > 1e10);
      expect(blown).toBe(true);
      expect(elu[0].result.layers.every((l) => Number.isFinite(l.postVar) && l.postVar < 10)).toBe(true);
    },
    SLOW,
  );

  it('step 4: ∂L/∂k is exactly 0 in every layer only with non-negative weights and input mean 3', async () => {
    const [positive, centred, signed] = await stepRuns('dying-relu', 4);
    expect(positive.result.experiment).toMatchObject({ act: 'hybrid', nonneg: 1, in_mean: 3 });
    expect(centred.result.experiment).toMatchObject({ nonneg: 1, in_mean: 0 });
    expect(signed.result.experiment).toMatchObject({ nonneg: 0, in_mean: 3 });
    for (const l of positive.result.layers) expect(l.knobGrad).toBe(0);
    for (const l of centred.result.layers) expect(l.knobGrad).not.toBe(0);
    for (const l of signed.result.layers) expect(l.knobGrad).not.toBe(0);
  });
});
