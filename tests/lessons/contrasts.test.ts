/**
 * Scenes 2 and 3: the numbers each step's text states, measured on the reference engine at the step's query
 * (seed 1) for every run it compares. "About x" claims are checked to the precision they are written in.
 */
import { describe, expect, it } from 'vitest';
import { runSweep } from '../../src/engine/sweep/run';
import { parse, sweepGrid } from '../../src/state';
import { sweepTheory } from '../../src/theory/sweep';
import { WasmBackend } from '../../src/wasm/backend';
import '../wasm/relaxed-simd';
import { at, firstToLast, stepQuery, stepRuns } from './scene-runs';

/** The power of ten a positive number is "about" (10⁻⁴ for 1.1·10⁻⁴, 10⁻¹⁰ for 2.6·10⁻¹⁰). */
const decade = (x: number): number => Math.round(Math.log10(x));

describe('gradients-through-time: ReLU vs ELU vs SELU, SiLU, He vs LeCun', () => {
  it('step 1 (LeCun): ReLU about 10⁻⁴ (≈ 0.7 per step), ELU about a fifth, SELU about twice', async () => {
    const [relu, elu, selu] = await stepRuns('gradients-through-time', 1);
    expect([relu.label, elu.label, selu.label]).toEqual(['ReLU', 'ELU', 'SELU']);
    expect(relu.result.layers.length).toBe(30);
    expect(decade(firstToLast(relu.result))).toBe(-4);
    expect(firstToLast(relu.result) ** (1 / 29)).toBeCloseTo(0.7, 1);
    expect(firstToLast(elu.result)).toBeGreaterThan(0.15);
    expect(firstToLast(elu.result)).toBeLessThan(0.25);
    expect(firstToLast(selu.result)).toBeGreaterThan(1.5);
    expect(firstToLast(selu.result)).toBeLessThan(2.5);
    // "does not fade at all": never below 0.9 of its size at the output.
    const last = selu.result.layers[29].gradNorm;
    for (const l of selu.result.layers) expect(l.gradNorm / last).toBeGreaterThan(0.9);
  });

  it('step 2: SiLU (same average slope ½) falls below 10⁻⁸, ReLU stays about 10⁻⁴', async () => {
    const [silu, relu] = await stepRuns('gradients-through-time', 2);
    expect([silu.label, relu.label]).toEqual(['SiLU', 'ReLU']);
    expect(firstToLast(silu.result)).toBeLessThan(1e-8);
    expect(decade(firstToLast(relu.result))).toBe(-4);
  });

  it('step 3: ReLU with He init about 2.5 times its output value, with LeCun about 10⁻⁴', async () => {
    const [he, lecun] = await stepRuns('gradients-through-time', 3);
    expect([he.label, lecun.label]).toEqual(['ReLU · He', 'ReLU · LeCun']);
    expect(Math.abs(firstToLast(he.result) - 2.5)).toBeLessThan(0.25);
    expect(decade(firstToLast(lecun.result))).toBe(-4);
  });

  it('step 4 (He): ReLU about 2.5, ELU about 12, SELU about 75 times', async () => {
    const [relu, elu, selu] = await stepRuns('gradients-through-time', 4);
    expect([relu.label, elu.label, selu.label]).toEqual(['ReLU', 'ELU', 'SELU']);
    expect(relu.result.experiment.init).toBe('he');
    expect(Math.abs(firstToLast(relu.result) - 2.5)).toBeLessThan(0.25);
    expect(Math.round(firstToLast(elu.result))).toBe(12);
    expect(Math.abs(firstToLast(selu.result) - 75)).toBeLessThan(2.5);
  });
});

describe('selu: SELU vs ELU vs ReLU with LeCun init', () => {
  it('step 1 (input variance 0.1): SELU climbs to about 0.9 by layer 20; ELU drains to about 0.004, ReLU halves to about 10⁻¹⁰', async () => {
    const [selu, elu, relu] = await stepRuns('selu', 1);
    expect([selu.label, elu.label, relu.label]).toEqual(['SELU', 'ELU', 'ReLU']);
    for (const r of [selu, elu, relu]) expect(r.result.experiment.init).toBe('lecun');
    expect(at(selu.result, 20, 'postVar')).toBeCloseTo(0.9, 1);
    for (const l of selu.result.layers) expect(Math.abs(l.postMean)).toBeLessThan(0.1);
    for (let l = 2; l <= 20; l++)
      expect(at(selu.result, l, 'postVar')).toBeGreaterThan(at(selu.result, 1, 'postVar'));
    expect(at(elu.result, 30, 'postVar')).toBeCloseTo(0.004, 3);
    expect(at(elu.result, 30, 'postVar')).toBeLessThan(at(elu.result, 1, 'postVar'));
    expect(decade(at(relu.result, 30, 'postVar'))).toBe(-10);
    // Roughly halves per layer: the geometric mean of the 29 ratios is ½ within 0.1.
    const perLayer = (at(relu.result, 30, 'postVar') / at(relu.result, 1, 'postVar')) ** (1 / 29);
    expect(Math.abs(perLayer - 0.5)).toBeLessThan(0.1);
  });

  it('step 2 (input variance 10): SELU about 6, 1.2 by layer 10, close to 1 from layer 20; ELU and ReLU fall to about 0.008 and 10⁻⁸', async () => {
    const [selu, elu, relu] = await stepRuns('selu', 2);
    expect([selu.label, elu.label, relu.label]).toEqual(['SELU', 'ELU', 'ReLU']);
    expect(Math.round(at(selu.result, 1, 'postVar'))).toBe(6);
    expect(at(selu.result, 10, 'postVar')).toBeCloseTo(1.2, 1);
    for (let l = 20; l <= 30; l++) expect(Math.abs(at(selu.result, l, 'postVar') - 1)).toBeLessThan(0.15);
    for (const r of [elu, relu]) {
      expect(at(r.result, 1, 'postVar')).toBeLessThan(at(selu.result, 1, 'postVar'));
      expect(at(r.result, 10, 'postVar')).toBeLessThan(at(r.result, 1, 'postVar'));
      expect(at(r.result, 30, 'postVar')).toBeLessThan(at(r.result, 10, 'postVar'));
    }
    expect(at(elu.result, 30, 'postVar')).toBeCloseTo(0.008, 3);
    expect(decade(at(relu.result, 30, 'postVar'))).toBe(-8);
  });

  it('step 3: at layer 30 LeCun SELU about 0.93, He init hundreds, α = 1 about 0.03', async () => {
    const [selu, he, alpha1] = await stepRuns('selu', 3);
    expect(he.result.experiment.init).toBe('he');
    expect(alpha1.result.experiment).toMatchObject({ act: 'selu', alpha: 1, init: 'lecun' });
    expect(at(selu.result, 30, 'postVar')).toBeCloseTo(0.93, 2);
    expect(at(he.result, 30, 'postVar')).toBeGreaterThanOrEqual(100);
    expect(at(he.result, 30, 'postVar')).toBeLessThan(1000);
    expect(at(he.result, 30, 'postVar')).toBeGreaterThan(at(he.result, 10, 'postVar'));
    expect(at(he.result, 10, 'postVar')).toBeGreaterThan(at(he.result, 1, 'postVar'));
    expect(at(alpha1.result, 30, 'postVar')).toBeCloseTo(0.03, 2);
    expect(at(alpha1.result, 30, 'postVar')).toBeLessThan(at(alpha1.result, 10, 'postVar'));
  });

  it('step 4 (a sweep of σ_w × input std): at σ_w = 1 the last variance 0.92–0.93 at every input scale; 0.9 about 0.44, 1.1 about 1.8, 1.3 between 13 and 17; the theory’s edge left of σ_w = 1, from about 0.8 to 0.96; χ ≈ 1.07 at the fixed point', async () => {
    const { experiment, sweep, warnings } = parse(stepQuery('selu', 4));
    expect(warnings).toEqual([]);
    const grid = sweepGrid(experiment, sweep!);
    expect(grid.cells.flat().length).toBe(55);
    const backend = new WasmBackend({ variant: 'simd' });
    const { cells } = await runSweep(backend, grid);
    backend.dispose();
    const column = (sw: number) => cells.map((row) => row[grid.x.values.indexOf(sw)] as number);
    // "0.92 to 0.93": to the two decimals written.
    for (const v of column(1)) expect([0.92, 0.93]).toContain(Number(v.toFixed(2)));
    for (const v of column(0.9)) expect(Math.abs(v - 0.44)).toBeLessThan(0.03);
    for (const v of column(1.1)) expect(Math.abs(v - 1.8)).toBeLessThan(0.1);
    for (const v of column(1.3)) expect(v > 12.5 && v < 17.5).toBe(true);
    // The theory's χ = 1 edge: at or left of σ_w = 0.8 for the smallest inputs (χ > 1 from the grid's first
    // column), ≈ 0.8 at the next scale, about 0.96 at input std 3; at the fixed point (input std ≈ 1, σ_w = 1)
    // χ ≈ 1.07.
    const chi = sweepGrid(experiment, { ...sweep!, metric: 'chi' });
    const theory = sweepTheory(chi)! as number[][];
    const edge = (row: number) => {
      const values = theory[row];
      const i = values.findIndex((c) => c > 1);
      if (i <= 0) return i === 0 ? -Infinity : Infinity;
      const [x0, x1] = [grid.x.values[i - 1], grid.x.values[i]];
      return x0 + ((1 - values[i - 1]) / (values[i] - values[i - 1])) * (x1 - x0);
    };
    expect(edge(0)).toBe(-Infinity);
    expect(edge(1)).toBeCloseTo(0.8, 1);
    expect(edge(grid.y!.values.length - 1)).toBeCloseTo(0.96, 1);
    const unitInputs = grid.y!.values.findIndex((v) => Math.abs(v - 1) < 0.1);
    expect(theory[unitInputs][grid.x.values.indexOf(1)]).toBeCloseTo(1.07, 2);
  });
});
