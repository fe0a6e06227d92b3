/**
 * The charts' legend is the page's own (HTML, ChartLegend.tsx); plotly draws none on the page, hides the series
 * switched off in it, and draws its own legend only in saved images, which also keep the page's zoom.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/engine/experiment';
import type { TheoryPrediction } from '../../src/theory/report';
import type { Figure, Series } from '../../src/ui/charts/figures';
import { gradientFigure, signalFigure } from '../../src/ui/charts/figures';
import { translator } from '../../src/ui/i18n';
import { legendEntries } from '../../src/ui/charts/legend';
import { toPlotlyData, toPlotlyImageFigure, toPlotlyLayout, zoomOf } from '../../src/ui/charts/plotly';

const series = (name: string, extra: Partial<Series> = {}): Series => ({
  name,
  x: [1, 2],
  y: [0.5, 1],
  kind: 'line',
  color: '#0072B2',
  ...extra,
});
const figure = (s: Series[], extra: Partial<Figure> = {}): Figure => ({
  id: 'f',
  title: 'T',
  xTitle: 'layer',
  series: s,
  ...extra,
});

describe('legend entries', () => {
  it('lists every series with how it is drawn, in drawing order', () => {
    const f = figure([
      series('measured', { symbol: 'square' }),
      series('theory', { dash: 'dash', color: '#D55E00', width: 3.5 }),
      series('dead', { kind: 'bar', pattern: '/' }),
    ]);
    expect(legendEntries(f)).toEqual([
      {
        name: 'measured',
        color: '#0072B2',
        kind: 'line',
        dash: 'solid',
        width: 2,
        symbol: 'square',
        pattern: undefined,
      },
      {
        name: 'theory',
        color: '#D55E00',
        kind: 'line',
        dash: 'dash',
        width: 3.5,
        symbol: undefined,
        pattern: undefined,
      },
      {
        name: 'dead',
        color: '#0072B2',
        kind: 'bar',
        dash: 'solid',
        width: 2,
        symbol: undefined,
        pattern: '/',
      },
    ]);
  });

  it('has no legend for a single series (the title names it) but always names arrows', () => {
    expect(legendEntries(figure([series('loss')]))).toEqual([]);
    const arrows = { name: 'one step', x0: [0], y0: [0], x1: [1], y1: [1], color: '#000000' };
    expect(legendEntries(figure([], { arrows })).map((e) => [e.name, e.kind])).toEqual([
      ['one step', 'arrow'],
    ]);
  });
});

describe('plotly figures', () => {
  const f = figure([series('a', { symbol: 'circle' }), series('b', { dash: 'dash' })]);

  it('draws no plotly legend on the page and does not measure tick labels against the edge', () => {
    const layout = toPlotlyLayout(f) as Record<string, { ticklabeloverflow?: string } | unknown>;
    expect(layout.showlegend).toBe(false);
    expect((layout.xaxis as { ticklabeloverflow: string }).ticklabeloverflow).toBe('allow');
    expect((layout.yaxis as { ticklabeloverflow: string }).ticklabeloverflow).toBe('allow');
  });

  it('keeps a hidden series as an invisible trace and draws the others', () => {
    const data = toPlotlyData(f, new Set(['b'])) as { name: string; visible?: boolean; y: number[] }[];
    expect(data.map((d) => [d.name, d.visible])).toEqual([
      ['a', undefined],
      ['b', false],
    ]);
    expect(data[1].y).toEqual([0.5, 1]);
    expect((toPlotlyData(f) as { visible?: boolean }[]).every((d) => d.visible === undefined)).toBe(true);
  });

  it('saves images with plotly’s legend, the page’s hidden series hidden and the download’s size', () => {
    const image = toPlotlyImageFigure(f, new Set(['a']));
    expect(image.layout.showlegend).toBe(true);
    expect(image.layout.height).toBeUndefined();
    expect((image.data as { visible?: boolean }[]).map((d) => d.visible)).toEqual([false, undefined]);
    expect(toPlotlyImageFigure(figure([series('only')]), new Set()).layout.showlegend).toBe(false);
  });
});

describe('saved images of a zoomed chart', () => {
  it('reads the zoom as the ranges plotly no longer autoranges', () => {
    expect(
      zoomOf({
        xaxis: { range: [2.5, 4.5], autorange: false },
        yaxis: { range: [-1, 0], autorange: true },
        yaxis2: { range: [NaN, 1], autorange: false },
      }),
    ).toEqual({ xaxis: [2.5, 4.5] });
    expect(zoomOf({})).toEqual({});
  });

  it('draws the zoomed ranges, and the figure’s own axes everywhere else', () => {
    const f = figure([series('a'), series('b')], { yLog: true });
    const { layout } = toPlotlyImageFigure(f, new Set(), { xaxis: [2, 3], yaxis: [-2, 0] });
    expect(layout.xaxis).toMatchObject({ range: [2, 3], autorange: false, title: { text: 'layer' } });
    expect(layout.yaxis).toMatchObject({ range: [-2, 0], autorange: false, type: 'log' });
    expect(layout.yaxis2).toBeUndefined();
    expect(toPlotlyImageFigure(f, new Set()).layout.xaxis).not.toHaveProperty('range');
  });
});

describe('per-layer charts', () => {
  const layers = [1, 2, 3].map((layer) => ({
    layer,
    preMean: 0.1 * layer,
    preVar: 1 / layer,
    postMean: 0.2,
    postVar: 0.5 / layer,
    dead: 0,
    saturated: 0,
    gradNorm: layer,
    weightGradNorm: 2 * layer,
  }));
  const result = { layers, experiment: { loss: 'mse' } } as unknown as RunResult;
  const theory: TheoryPrediction = {
    layers: layers.map(({ layer }) => ({ layer, preVar: 1, postMean: 0.2, postVar: 0.5, chi: 1 })),
  };
  const t = translator('en');

  it('draw lines without markers, told apart by weight and dash as well as colour', () => {
    for (const f of [signalFigure, gradientFigure].map((of) => of(t, result, theory))) {
      const entries = legendEntries(f);
      expect(entries).toHaveLength(f.series.length);
      expect(entries.every((e) => e.symbol === undefined)).toBe(true);
      // No two lines of one panel look the same in a grey-scale print: (weight, dash) differ pairwise.
      for (const lower of [false, true]) {
        const looks = entries
          .filter((_, i) => (f.series[i].axis === 'lower') === lower)
          .map((e) => `${e.width}/${e.dash}`);
        expect(new Set(looks).size).toBe(looks.length);
      }
      expect((toPlotlyData(f) as { mode: string }[]).every((d) => d.mode === 'lines')).toBe(true);
    }
  });

  it('the signal chart puts the mean above and the variance below, on one layer axis', () => {
    const f = signalFigure(t, result, theory);
    const upper = f.series.filter((s) => s.axis !== 'lower').map((s) => s.name);
    const lower = f.series.filter((s) => s.axis === 'lower').map((s) => s.name);
    expect(upper.every((name) => /mean/.test(name))).toBe(true);
    expect(lower.every((name) => /variance/.test(name))).toBe(true);
    expect([upper.length, lower.length]).toEqual([3, 4]);
    expect(f.lower).toEqual({ yTitle: 'variance', yLog: true });
  });
});
