/**
 * Sweeps in a link: `sx`, `sy`, `metric` read, mended with warnings, written back canonically, and the grid of
 * cell experiments, each exactly what its own link opens.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, serialize, sweepGrid, sweepKey, axisValues, DEFAULT_VIEW } from '../../src/state';
import { MAX_AXIS_POINTS, SWEEP_KEYS, SWEEP_METRICS } from '../../src/engine/sweep/types';

const messages = (q: string) => parse(q).warnings.map((w) => w.message);

describe('sx, sy and metric', () => {
  it('reads KEY:FROM:TO:N and KEY:FROM:TO:Nlog, with the metric, and no warnings', () => {
    const r = parse('act=relu&sx=sw:0.5:2.5:16&sy=lr:0.001:1:4log&metric=loss&steps=3');
    expect(r.warnings).toEqual([]);
    expect(r.sweep).toEqual({
      x: { key: 'sw', from: 0.5, to: 2.5, n: 16, log: false },
      y: { key: 'lr', from: 0.001, to: 1, n: 4, log: true },
      metric: 'loss',
    });
  });

  it('a link without sx has no sweep and reads exactly as before', () => {
    const q = 'act=selu&depth=30&vs=act:relu';
    expect(parse(q).sweep).toBeNull();
    expect(serialize(parse(q).experiment, DEFAULT_VIEW, parse(q).compare)).toBe(`v=1&${q}`);
  });

  it('writes the sweep back canonically (metric only when not chi), and reads it again without warnings', () => {
    const r = parse('sx=sb:0:1:5&sy=sw:1:2:3&metric=var&depth=7');
    const q = serialize(r.experiment, r.view, r.compare, r.sweep);
    expect(q).toBe('v=1&depth=7&sx=sb:0:1:5&sy=sw:1:2:3&metric=var');
    const again = parse(q);
    expect(again.warnings).toEqual([]);
    expect(again.sweep).toEqual(r.sweep);
    expect(
      serialize(parse('sx=sw:1:2:3&metric=chi').experiment, DEFAULT_VIEW, [], parse('sx=sw:1:2:3').sweep),
    ).toBe('v=1&sx=sw:1:2:3');
  });

  it('round-trips every readable sweep', () => {
    const key = fc.constantFrom(...SWEEP_KEYS);
    fc.assert(
      fc.property(
        key,
        key,
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        fc.constantFrom(...SWEEP_METRICS),
        (kx, ky, a, b, n, log, metric) => {
          const r = parse(
            `act=hybrid&data=spiral&steps=1&sx=${kx}:${a}:${b}:${n}${log ? 'log' : ''}&sy=${ky}:${b}:${a}:${n}&metric=${metric}`,
          );
          const q = serialize(r.experiment, r.view, r.compare, r.sweep);
          expect(parse(q).sweep).toEqual(r.sweep);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hostile and broken values are warnings, never a throw; the sweep is left out when sx cannot be read', () => {
    for (const bad of [
      'sw',
      'sw:1:2',
      'sw:1:2:3:4',
      'nope:1:2:3',
      'act:1:2:3',
      'v:1:2:3',
      'sw:a:2:3',
      'sw:1:2:x',
      'sw:1:2:',
      'sw:0:2:5log',
      '<script>:1:2:3',
      '%00:1:2:3',
    ]) {
      const r = parse(`sx=${encodeURIComponent(bad)}`);
      expect(r.sweep, bad).toBeNull();
      expect(r.warnings.length, bad).toBeGreaterThan(0);
      expect(
        r.warnings.every((w) => w.message.length < 300),
        bad,
      ).toBe(true);
    }
    expect(parse('sy=sw:1:2:3').sweep).toBeNull();
    expect(messages('sy=sw:1:2:3')[0]).toMatch(/needs a sweep axis sx/);
    expect(messages('metric=var')[0]).toMatch(/needs a sweep axis sx/);
  });

  it('clamps what it can: values to the key’s range, N to [1, 64], with warnings', () => {
    const r = parse('sx=depth:0:5000:100');
    expect(r.sweep?.x).toEqual({ key: 'depth', from: 1, to: 1000, n: MAX_AXIS_POINTS, log: false });
    expect(r.warnings.map((w) => w.kind)).toEqual(['clamped', 'clamped', 'clamped']);
    expect(parse('sx=sw:1:2:0').sweep?.x.n).toBe(1);
    expect(parse('sx=sw:1e999:2:3').sweep?.x.from).toBe(10);
  });

  it('a y axis over the x axis’s key, an unknown metric, accuracy without a data set: warned and mended', () => {
    expect(parse('sx=sw:1:2:3&sy=sw:0:1:2').sweep?.y).toBeNull();
    expect(parse('sx=sw:1:2:3&metric=banana').sweep?.metric).toBe('chi');
    expect(parse('sx=sw:1:2:3&metric=accuracy').sweep?.metric).toBe('chi');
    expect(messages('sx=sw:1:2:3&metric=accuracy')[0]).toMatch(/needs a data set/);
    expect(parse('data=circles&sx=sw:1:2:3&metric=accuracy').sweep?.metric).toBe('accuracy');
  });

  it('warns when the swept key changes nothing in the experiment', () => {
    expect(messages('act=relu&sx=alpha:0.5:2:4')[0]).toMatch(/act=relu has no alpha/);
    expect(messages('sx=lr:0.01:1:3')[0]).toMatch(/steps=0/);
    expect(messages('sx=noise:0:1:3')[0]).toMatch(/2-D data sets/);
    expect(messages('act=selu&sx=alpha:0.5:2:4')).toEqual([]);
  });
});

describe('the grid', () => {
  it('spaces values evenly or geometrically, ends exact, 12 significant digits', () => {
    expect(axisValues({ key: 'sw', from: 1, to: 2, n: 5, log: false })).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect(axisValues({ key: 'sw', from: 0.1, to: 0.7, n: 7, log: false })).toEqual([
      0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7,
    ]);
    expect(axisValues({ key: 'lr', from: 0.001, to: 1, n: 4, log: true })).toEqual([0.001, 0.01, 0.1, 1]);
    expect(axisValues({ key: 'sb', from: 2, to: 0, n: 3, log: false })).toEqual([2, 1, 0]);
    expect(axisValues({ key: 'sw', from: 3, to: 9, n: 1, log: false })).toEqual([3]);
  });

  it('rounds an int key’s values and keeps each once', () => {
    expect(axisValues({ key: 'depth', from: 1, to: 4, n: 7, log: false })).toEqual([1, 2, 3, 4]);
    expect(axisValues({ key: 'width', from: 8, to: 1024, n: 8, log: true })).toEqual([
      8, 16, 32, 64, 128, 256, 512, 1024,
    ]);
  });

  it('cell [r][c] is the main experiment with x = values[c], y = values[r]: the experiment of its own link', () => {
    const r = parse('act=selu&depth=12&width=31&sx=alpha:1:2:3&sy=depth:2:6:3&metric=var');
    const grid = sweepGrid(r.experiment, r.sweep!);
    expect(grid.x).toEqual({ key: 'alpha', values: [1, 1.5, 2] });
    expect(grid.y).toEqual({ key: 'depth', values: [2, 4, 6] });
    expect(grid.cells.length).toBe(3);
    for (const [row, yv] of grid.y!.values.entries())
      for (const [col, xv] of grid.x.values.entries()) {
        const cell = grid.cells[row][col];
        expect(cell).toEqual(parse(`act=selu&depth=${yv}&width=31&alpha=${xv}`).experiment);
      }
  });

  it('a one-axis sweep is one row; sweeping sw means init=custom', () => {
    const grid = sweepGrid(parse('act=relu').experiment, parse('sx=sw:1:2:3').sweep!);
    expect(grid.y).toBeNull();
    expect(grid.cells.length).toBe(1);
    expect(grid.cells[0].map((e) => [e.init, e.sw])).toEqual([
      ['custom', 1],
      ['custom', 1.5],
      ['custom', 2],
    ]);
  });
});

describe('sweepKey', () => {
  it('is equal exactly when the grids are: the swept keys of the main experiment do not count', () => {
    const spec = parse('sx=sw:1:2:3&sy=sb:0:1:2').sweep!;
    const variants = [
      'act=relu',
      'act=relu&sw=1.7&sb=0.4&init=he',
      'act=relu&depth=7',
      'act=elu',
      'act=relu&seed=3',
    ];
    for (const a of variants)
      for (const b of variants) {
        const [ea, eb] = [parse(a).experiment, parse(b).experiment];
        const sameGrid = JSON.stringify(sweepGrid(ea, spec)) === JSON.stringify(sweepGrid(eb, spec));
        expect(sweepKey(ea, spec) === sweepKey(eb, spec), `${a} vs ${b}`).toBe(sameGrid);
      }
    const e = parse('act=relu').experiment;
    expect(sweepKey(e, spec)).not.toBe(sweepKey(e, parse('sx=sw:1:2:4&sy=sb:0:1:2').sweep!));
    expect(sweepKey(e, spec)).not.toBe(sweepKey(e, { ...spec, metric: 'var' }));
  });
});
