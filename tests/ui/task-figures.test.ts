/**
 * The task panels as plain data: the decision boundary (the grid's probabilities as a heatmap drawn as an
 * image under the points, each class in its colour and shape, training filled and test hollow), the digits'
 * confusion matrix (every test image counted once) and image grid, and how plotly gets the boundary (an image
 * swap, not a recalculation of every marker; a real heatmap with its colour bar in a saved image).
 */
import { describe, expect, it } from 'vitest';
import type { BoundaryView, DigitsView } from '../../src/engine/protocol';
import { translator } from '../../src/ui/i18n';
import { figureTable } from '../../src/ui/charts/figure-table';
import { colourAt, DIVERGING, heatmapRange } from '../../src/ui/charts/heatmap-scale';
import { legendEntries } from '../../src/ui/charts/legend';
import { imageFrame, toPlotlyData, toPlotlyImageFigure, toPlotlyLayout } from '../../src/ui/charts/plotly';
import {
  CLASS_STYLES,
  boundaryFigure,
  confusionCounts,
  confusionFigure,
  digitCells,
} from '../../src/ui/charts/task-figures';

const t = translator('en');

/** A 3 × 2 grid (x: −1, 0, 1; y: −2, 2) and five points of each set. */
function boundaryView(p = [0, 0.25, 0.5, 0.75, 1, NaN]): BoundaryView {
  const points = (n: number) => ({
    x: Float64Array.from({ length: 2 * n }, (_, i) => i / 10),
    labels: Int32Array.from({ length: n }, (_, i) => i % 2),
  });
  return {
    kind: 'boundary',
    step: 7,
    x: Float64Array.of(-1, 0, 1),
    y: Float64Array.of(-2, 2),
    p: Float32Array.from(p),
    train: points(5),
    test: points(4),
  };
}

describe('the decision boundary', () => {
  it('is P(class 1) on the grid, row by row, with a diverging scale from 0 to 1 about 0.5', () => {
    const f = boundaryFigure(t, boundaryView());
    expect(f.heatmap?.x).toEqual([-1, 0, 1]);
    expect(f.heatmap?.y).toEqual([-2, 2]);
    expect(f.heatmap?.z).toEqual([
      [0, 0.25, 0.5],
      [0.75, 1, null],
    ]);
    expect(f.heatmap).toMatchObject({ zMid: 0.5, zRange: [0, 1], image: true });
    expect(f.square).toBe(true);
    expect(f.note).toContain('after 7 steps');
    // The table view lists the grid's probabilities.
    const table = figureTable(f);
    expect(table.rows.map((r) => r[0])).toEqual(['-2', '2']);
    expect(table.rows[1].slice(1)).toEqual(['0.750000', '1', '—']);
  });

  it('draws training points filled and test points hollow, each class in its colour and shape', () => {
    const f = boundaryFigure(t, boundaryView());
    expect(f.series.map((s) => [s.name, s.kind, s.color, s.symbol, s.hollow, s.x.length])).toEqual([
      ['class 0, training', 'points', CLASS_STYLES[0].color, 'circle', false, 3],
      ['class 1, training', 'points', CLASS_STYLES[1].color, 'triangle-up', false, 2],
      ['class 0, test', 'points', CLASS_STYLES[0].color, 'circle', true, 2],
      ['class 1, test', 'points', CLASS_STYLES[1].color, 'triangle-up', true, 2],
    ]);
    // Point 1 of the training set is class 1 at (0.2, 0.3).
    expect([f.series[1].x[0], f.series[1].y[0]]).toEqual([0.2, 0.3]);
    expect(legendEntries(f).map((e) => [e.kind, e.hollow])).toEqual([
      ['points', false],
      ['points', false],
      ['points', true],
      ['points', true],
    ]);
  });

  it('names the run when runs are compared, one panel id per run', () => {
    const f = boundaryFigure(t, boundaryView(), 'ReLU', 2);
    expect(f.id).toBe('boundary-2');
    expect(f.title).toBe('Decision boundary (ReLU)');
    expect(translator('zh')('chart.boundary.title')).toBe('决策边界');
  });

  it('is redrawn by plotly as an image swap: no heatmap trace, a data revision that follows the points only', () => {
    const a = boundaryFigure(t, boundaryView());
    const b = boundaryFigure(t, boundaryView([1, 1, 1, 0, 0, 0]));
    expect(a.dataRevision).toBe(b.dataRevision);
    const moved = boundaryView();
    moved.train.x[0] = 5;
    expect(boundaryFigure(t, moved).dataRevision).not.toBe(a.dataRevision);

    expect(toPlotlyData(a).map((d) => d.type)).toEqual(['scatter', 'scatter', 'scatter', 'scatter']);
    const hollow = toPlotlyData(a)[2] as { mode: string; marker: { symbol: string } };
    expect(hollow).toMatchObject({ mode: 'markers', marker: { symbol: 'circle-open' } });
    const layout = toPlotlyLayout(a, 'data:image/png;base64,AAAA') as unknown as Record<string, unknown> & {
      images: Record<string, unknown>[];
      xaxis: { range: number[] };
      yaxis: { range: number[]; scaleanchor?: string };
    };
    // The image covers the cells (half a cell beyond the first and last centres), and so do the axes.
    expect(layout.images).toEqual([
      expect.objectContaining({ source: 'data:image/png;base64,AAAA', x: -1.5, y: 4, sizex: 3, sizey: 8 }),
    ]);
    expect(layout.xaxis.range).toEqual([-1.5, 1.5]);
    expect(layout.yaxis.range).toEqual([-4, 4]);
    expect(layout.yaxis.scaleanchor).toBeUndefined(); // it would make every redraw a full one
    expect(layout.datarevision).toBe(a.dataRevision);
    // Without an image (none made yet) the layout has none.
    expect(toPlotlyLayout(a).images).toBeUndefined();
  });

  it('keeps its frame while only the probabilities change, so a redraw swaps the image alone', () => {
    const none = new Set<string>();
    const a = boundaryFigure(t, { ...boundaryView(), step: 1 });
    const b = boundaryFigure(t, { ...boundaryView([1, 1, 1, 0, 0, 0]), step: 2 });
    expect(imageFrame(a, none)).not.toBeNull();
    expect(imageFrame(b, none)).toBe(imageFrame(a, none)); // another step's note, the same frame
    expect(imageFrame(a, new Set(['class 0, test']))).not.toBe(imageFrame(a, none));
    const moved = boundaryView();
    moved.test.x[1] = 9;
    expect(imageFrame(boundaryFigure(t, moved), none)).not.toBe(imageFrame(a, none));
    expect(imageFrame(confusionFigure(t, digitsView()), none)).toBeNull();
  });

  it('is a heatmap trace with its colour bar in a saved image', () => {
    const { data, layout } = toPlotlyImageFigure(boundaryFigure(t, boundaryView()), new Set());
    expect(data[0]).toMatchObject({ type: 'heatmap', zmin: 0, zmax: 1, opacity: 0.55 });
    expect((data[0] as { colorscale: unknown }).colorscale).toEqual(DIVERGING);
    expect(layout.images).toBeUndefined();
  });
});

describe('heatmap colours', () => {
  it('runs through the scale linearly between its stops, clamped', () => {
    expect(colourAt(DIVERGING, 0)).toEqual([0x00, 0x72, 0xb2]);
    expect(colourAt(DIVERGING, 0.5)).toEqual([0xf7, 0xf7, 0xf7]);
    expect(colourAt(DIVERGING, 2)).toEqual([0xd5, 0x5e, 0x00]);
    expect(colourAt(DIVERGING, 0.25)).toEqual([124, 181, 213]);
  });

  it('spans zRange, else the values (about zMid when given), never an empty span', () => {
    const h = { x: [0, 1], y: [0], zTitle: '', z: [[2, 5]] };
    expect(heatmapRange(h)).toEqual([2, 5]);
    expect(heatmapRange({ ...h, zMid: 4 })).toEqual([2, 6]);
    expect(heatmapRange({ ...h, zRange: [0, 1] })).toEqual([0, 1]);
    expect(heatmapRange({ ...h, z: [[3, 3]] })).toEqual([3, 4]);
    expect(heatmapRange({ ...h, z: [[null, NaN]] })).toEqual([0, 1]);
  });
});

/** Ten test images, image i labelled i, predicted i except images 3 (as 8) and 7 (NaN outputs: −1). */
function digitsView(): DigitsView {
  const labels = Int32Array.from({ length: 360 }, (_, i) => i % 10);
  const predicted = labels.map((l, i) => (i === 3 ? 8 : i === 7 ? -1 : l));
  const images = Uint8Array.from({ length: 10 * 64 }, (_, i) => i % 17);
  return { kind: 'digits', step: 12, labels, predicted, images };
}

describe('the digits', () => {
  it('count every test image once in the confusion matrix, rows true, columns predicted', () => {
    const counts = confusionCounts(Int32Array.of(0, 1, 1, 2), Int32Array.of(0, 1, 2, -1), 3);
    expect(counts).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 0],
    ]);
    const view = digitsView();
    const f = confusionFigure(t, view);
    const z = f.heatmap!.z as number[][];
    expect(z.flat().reduce((a, b) => a + b, 0)).toBe(359); // the NaN prediction is in no cell
    expect(z[3][8]).toBe(1);
    expect(z[3][3]).toBe(35);
    expect(f.matrix).toBe(true);
    // Each non-empty cell has its count written in it.
    expect(f.labels).toContainEqual({ x: 8, y: 3, text: '1' });
    expect(f.labels?.length).toBe(11);
    // The table view: a row per true digit, a column per predicted one.
    const table = figureTable(f);
    expect(table.rows).toHaveLength(10);
    expect(table.rows[3][1 + 8]).toBe('1');
  });

  it('draw a matrix with every digit labelled and the first row at the top', () => {
    const layout = toPlotlyLayout(confusionFigure(t, digitsView())) as {
      xaxis: { dtick?: number };
      yaxis: { dtick?: number; autorange?: string };
    };
    expect(layout.xaxis.dtick).toBe(1);
    expect(layout.yaxis).toMatchObject({ dtick: 1, autorange: 'reversed' });
    const [trace] = toPlotlyData(confusionFigure(t, digitsView())) as { zmin: number; zmax: number }[];
    expect([trace.zmin, trace.zmax]).toEqual([0, 36]);
  });

  it('list the shown images with their label and prediction, mistakes flagged', () => {
    const cells = digitCells(digitsView());
    expect(cells).toHaveLength(10);
    expect(cells.filter((c) => !c.right).map((c) => [c.index, c.label, c.predicted])).toEqual([
      [3, 3, 8],
      [7, 7, -1],
    ]);
    expect(Array.from(cells[1].pixels)).toEqual(Array.from({ length: 64 }, (_, i) => (64 + i) % 17));
  });
});
