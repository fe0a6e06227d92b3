/**
 * A sweep's cells on the CPU engines: each cell's value is the metric of its own run (what `loz run` of the
 * cell's link prints), the metrics' definitions on hand-made statistics, and the theory's value in closed form.
 */
import '../../wasm/relaxed-simd';
import { describe, expect, it } from 'vitest';
import { runExperiment, type Backend } from '../../../src/engine/backend';
import type { LayerStats } from '../../../src/engine/experiment';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { measuredChi, metricOf } from '../../../src/engine/sweep/metric';
import { runSweep } from '../../../src/engine/sweep/run';
import { SWEEP_METRICS } from '../../../src/engine/sweep/types';
import { parse, sweepGrid } from '../../../src/state';
import { theoryMetric } from '../../../src/theory/sweep';
import { WasmBackend } from '../../../src/wasm/backend';

function layer(l: number, gradNorm: number, dead = 0, postVar = 1): LayerStats {
  return {
    layer: l,
    preMean: 0,
    preVar: 1,
    postMean: 0,
    postVar,
    dead,
    saturated: 0,
    gradNorm,
    weightGradNorm: 1,
  } as LayerStats;
}

describe('the metrics', () => {
  it('chi is (‖g₁‖/‖g_L‖)^(2/(L−1)): the mean ratio of squared gradient norms per layer', () => {
    // Norms growing by √2 per layer towards the input: squared norms double, χ = 2.
    const layers = [0, 1, 2, 3].map((i) => layer(i + 1, Math.SQRT2 ** (3 - i)));
    expect(measuredChi(layers)).toBeCloseTo(2, 12);
    expect(measuredChi([layer(1, 3)])).toBeNull();
    expect(measuredChi([layer(1, 0), layer(2, 1)])).toBeNull();
    // 1000 layers from 1e-200 at the top to 1e200 at the input: the ratio overflows float64, the mean does not.
    const deep = Array.from({ length: 1000 }, (_, i) => layer(i + 1, 10 ** (200 - (400 * i) / 999)));
    expect(measuredChi(deep)).toBeCloseTo(10 ** (800 / 999), 9);
  });

  it('var is the last layer’s post-activation variance, dead the dead fraction of all units', () => {
    const e = parse('depth=2&width=10').experiment;
    const result = {
      experiment: e,
      layers: [layer(1, 1, 3, 0.5), layer(2, 1, 2, 0.25)],
      loss: 0.7,
      accuracy: null,
      testAccuracy: null,
    };
    expect(metricOf(result, 'var')).toBe(0.25);
    expect(metricOf(result, 'dead')).toBe(5 / 20);
    expect(metricOf(result, 'loss')).toBe(0.7);
    expect(metricOf(result, 'accuracy')).toBeNull();
    expect(metricOf({ ...result, loss: NaN }, 'loss')).toBeNull();
  });
});

describe('the theory’s value', () => {
  it('ReLU: χ = σ_w²/2 at any σ_b and depth (E[φ′²] = 1/2), so the edge is σ_w² = 2', () => {
    for (const [sw, sb] of [
      [1, 0],
      [1.4, 0.3],
      [2, 1],
    ])
      expect(
        theoryMetric(parse(`act=relu&init=custom&sw=${sw}&sb=${sb}&depth=9`).experiment, 'chi'),
      ).toBeCloseTo((sw * sw) / 2, 12);
  });

  it('SELU at its fixed point: var of the last layer near 1; no theory after training or for dead, loss', () => {
    expect(theoryMetric(parse('act=selu&depth=40').experiment, 'var')).toBeCloseTo(1, 2);
    expect(theoryMetric(parse('act=selu&depth=40&steps=2').experiment, 'var')).toBeNull();
    expect(theoryMetric(parse('act=selu').experiment, 'dead')).toBeNull();
    expect(theoryMetric(parse('act=selu&depth=1').experiment, 'chi')).toBeNull();
  });
});

/** Runs the sweep and checks every cell against a run of the cell's own experiment on a fresh engine. */
async function expectCellsEqualOwnRuns(make: () => Backend, query: string): Promise<void> {
  const r = parse(query);
  const grid = sweepGrid(r.experiment, r.sweep!);
  const sweeper = make();
  const seen: string[] = [];
  const run = await runSweep(sweeper, grid, {
    onCell: ({ row, column }) => void seen.push(`${row},${column}`),
  });
  sweeper.dispose();
  expect(run.complete).toBe(true);
  expect(seen.length).toBe(grid.cells.flat().length);
  const own = make();
  try {
    for (const [row, cells] of grid.cells.entries())
      for (const [column, experiment] of cells.entries()) {
        const expected = metricOf(await runExperiment(own, experiment), grid.metric);
        expect(run.cells[row][column], `${query} cell ${row},${column}`).toBe(expected);
      }
  } finally {
    own.dispose();
  }
}

const QUERIES = [
  'act=elu&depth=4&width=17&batch=5&loss=probe&sx=sw:0.6:1.8:3&sy=sb:0:0.4:2',
  'act=selu&depth=3&width=9&batch=3&sx=alpha:1:2:3&sy=depth:1:3:2&metric=var',
  'act=relu&depth=3&width=13&batch=4&sx=width:3:15:3&metric=dead',
  'act=leaky&depth=2&width=7&batch=6&steps=3&sx=lr:0.01:1:3log&metric=loss',
  'act=elu&depth=2&width=5&batch=8&data=circles&steps=2&lr=0.1&sx=seed:1:3:3&metric=test_accuracy',
];

describe('every cell equals its own run', () => {
  it.each(QUERIES)('on the reference engine: %s', async (query) => {
    await expectCellsEqualOwnRuns(() => new ReferenceBackend(), query);
  });

  it.each(QUERIES)('on the WASM engine: %s', async (query) => {
    await expectCellsEqualOwnRuns(() => new WasmBackend({ variant: 'simd' }), query);
  });

  it('every metric can be swept', () => {
    expect(SWEEP_METRICS.length).toBe(6);
  });

  it('stops before its next cell when asked, keeping what it measured', async () => {
    const r = parse('depth=2&width=4&batch=2&sx=sw:1:2:5');
    const backend = new ReferenceBackend();
    let done = 0;
    const run = await runSweep(backend, sweepGrid(r.experiment, r.sweep!), {
      onCell: () => void done++,
      stopped: () => done >= 2,
    });
    expect(run.complete).toBe(false);
    expect(run.cells[0].map((v) => v !== null)).toEqual([true, true, false, false, false]);
  });
});

describe('the measured χ follows the theory', () => {
  it('ReLU, width 512, depth 30, probe loss: χ crosses 1 within one grid step of σ_w² = 2 (WASM)', async () => {
    const r = parse('act=relu&depth=30&width=512&batch=64&loss=probe&sx=sw:1.2:1.6:9');
    const grid = sweepGrid(r.experiment, r.sweep!);
    const backend = new WasmBackend({ variant: 'simd' });
    const run = await runSweep(backend, grid);
    backend.dispose();
    const chi = run.cells[0] as number[];
    const sw = grid.x.values;
    // Where the measured χ first exceeds 1: the grid step [sw[i−1], sw[i]] must be next to √2's.
    const crossing = chi.findIndex((c) => c > 1);
    expect(crossing).toBeGreaterThan(0);
    const theoryStep = sw.findIndex((s) => s > Math.SQRT2);
    expect(Math.abs(crossing - theoryStep)).toBeLessThanOrEqual(1);
    // And every cell within 10% of the theory's σ_w²/2.
    for (const [i, c] of chi.entries()) expect(Math.abs(c / ((sw[i] * sw[i]) / 2) - 1)).toBeLessThan(0.1);
  });
});

describe('a measured pass that skips what the metric does not need (WASM)', () => {
  it.each(['gradients', 'forward'] as const)(
    'need=%s: the statistics it gives are the full pass’s, to the bit',
    async (need) => {
      const e = parse('act=elu&depth=5&width=23&batch=7&loss=probe&sb=0.2').experiment;
      const backend = new WasmBackend({ variant: 'simd' });
      await backend.init(e);
      const full = await backend.step({ train: false });
      await backend.init(e);
      const part = await backend.step({ train: false, need });
      backend.dispose();
      expect(part.loss).toBe(full.loss);
      for (const [i, layer] of part.layers.entries()) {
        const { gradNorm, weightGradNorm, ...forward } = layer;
        const { gradNorm: fullGrad, weightGradNorm: _w, ...fullForward } = full.layers[i];
        expect(forward).toEqual(fullForward);
        expect(weightGradNorm).toBeNaN();
        if (need === 'gradients') expect(gradNorm).toBe(fullGrad);
        else expect(gradNorm).toBeNaN();
      }
    },
  );
});
