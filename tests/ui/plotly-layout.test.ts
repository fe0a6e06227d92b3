/**
 * Log axes stay readable: when a log-scale chart spans less than 3 decades, plotly would label every digit
 * (1, 2, 3, … 9, crowded on a projector), so the layout asks for 1, 2 and 5 only; wider ranges keep plotly's
 * own choice (a label per decade).
 */
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/ui/charts/figures';
import { logDecades, toPlotlyLayout } from '../../src/ui/charts/plotly';

const line = (y: (number | null)[]) => ({
  name: 's',
  x: y.map((_, i) => i + 1),
  y,
  kind: 'line' as const,
  color: '#000',
});
const figure = (yLog: boolean, ...ys: (number | null)[][]): Figure => ({
  id: 'f',
  title: 'T',
  xTitle: 'layer',
  yLog,
  series: ys.map(line),
});

describe('log axis labels', () => {
  it('counts the decades of positive finite values only', () => {
    expect(logDecades(figure(true, [0.1, 0.2, null, -1, 0], [10]))).toBeCloseTo(2, 12);
    expect(logDecades(figure(true, [NaN, Infinity]))).toBe(0);
  });

  it('labels 1, 2, 5 on a narrow log range and leaves wider or linear ranges to plotly', () => {
    const yaxis = (f: Figure) => toPlotlyLayout(f).yaxis as { dtick?: unknown };
    expect(yaxis(figure(true, [0.14, 0.5, 1.05])).dtick).toBe('D2'); // 0.88 decades
    expect(yaxis(figure(true, [0.019, 0.5, 1])).dtick).toBe('D2'); // 1.7 decades: the default variance chart
    expect(yaxis(figure(true, [1e-3, 1, 10])).dtick).toBeUndefined(); // 4 decades
    expect(yaxis(figure(false, [0.14, 0.5, 1.05])).dtick).toBeUndefined();
  });
});
