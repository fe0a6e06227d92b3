/**
 * A sweep as plotly traces and layout (pure: tests read them without a browser). Two axes: a heatmap of the
 * measured metric (cells not measured yet are gaps), the theory's edge of chaos (χ = 1) over it, the current
 * experiment as a ring. One axis: the measured metric against x, the theory's as a dashed line, the edge and the
 * current experiment as vertical lines.
 */
import type { Data, Layout } from 'plotly.js';
import type { CellValue, SweepAxis, SweepMetric } from '../../engine/sweep/types';
import { PALETTE } from '../charts/figures';
import { extent } from '../charts/plotly-heatmap';
import { contourLines, crossings } from './contour';
import { formatValue, sweepScale, toScale } from './scale';

/** The words the plot shows, in the page's language. */
export interface SweepPlotText {
  readonly xTitle: string;
  readonly yTitle: string;
  /** The metric's name ("χ (measured)"). */
  readonly metric: string;
  readonly measured: string;
  readonly theory: string;
  readonly edge: string;
  readonly current: string;
  /** A cell not measured yet, and one whose metric is undefined. */
  readonly pending: string;
  readonly undefinedValue: string;
}

export interface SweepPlotInput {
  readonly x: SweepAxis;
  readonly y: SweepAxis | null;
  readonly xLog: boolean;
  readonly yLog: boolean;
  readonly metric: SweepMetric;
  /** measured[r][c]: undefined while not measured, null where the metric is undefined. */
  readonly measured: readonly (readonly (CellValue | undefined)[])[];
  /** The theory's value of the metric per cell, or null when it has none. */
  readonly theory: readonly (readonly CellValue[])[] | null;
  /** The theory's χ per cell (the edge of chaos is where it is 1), or null. */
  readonly chi: readonly (readonly CellValue[])[] | null;
  /** The main experiment's place on the axes (null when it is not on them). */
  readonly current: { readonly x: number; readonly y: number | null } | null;
  readonly text: SweepPlotText;
}

/** The plot's height in px: a square-ish map, a shorter line chart. */
export const SWEEP_PLOT_HEIGHT = { map: 420, line: 320 } as const;

/** plotly's data and layout for the sweep. */
export function sweepPlot(input: SweepPlotInput): { data: Data[]; layout: Partial<Layout> } {
  return input.y ? mapPlot(input, input.y) : linePlot(input);
}

function mapPlot(input: SweepPlotInput, yAxis: SweepAxis): { data: Data[]; layout: Partial<Layout> } {
  const { x, measured, theory, text } = input;
  const scale = sweepScale(
    input.metric,
    measured.flat().filter((v) => v !== undefined),
  );
  const hover = measured.map((row, r) =>
    row.map((v, c) =>
      [
        `${text.xTitle} = ${formatValue(x.values[c])}, ${text.yTitle} = ${formatValue(yAxis.values[r])}`,
        `${text.measured}: ${describe(v, text)}`,
        theory ? `${text.theory}: ${describe(theory[r][c], text)}` : null,
      ]
        .filter(Boolean)
        .join('<br>'),
    ),
  );
  const data: Data[] = [
    {
      type: 'heatmap',
      name: text.measured,
      x: [...x.values],
      y: [...yAxis.values],
      z: measured.map((row) => row.map((v) => toScale(scale, v))),
      zmin: scale.zmin,
      zmax: scale.zmax,
      colorscale: scale.colorscale === 'Viridis' ? 'Viridis' : scale.colorscale.map(([p, c]) => [p, c]),
      colorbar: { title: { text: text.metric }, tickvals: scale.tickvals, ticktext: scale.ticktext },
      text: hover,
      hovertemplate: '%{text}<extra></extra>',
      hoverongaps: true,
      xgap: 1,
      ygap: 1,
    } as Data,
  ];
  if (input.chi) {
    const logChi = input.chi.map((row) => row.map((v) => (v !== null && v > 0 ? Math.log(v) : null)));
    const to = (log: boolean) => (v: number | null) => (v === null ? null : log ? 10 ** v : v);
    const from = (log: boolean, values: readonly number[]) => (log ? values.map(Math.log10) : values);
    const lines = contourLines(from(input.xLog, x.values), from(input.yLog, yAxis.values), logChi, 0);
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: text.edge,
      x: lines.x.map(to(input.xLog)),
      y: lines.y.map(to(input.yLog)),
      line: { color: PALETTE.black, width: 3 },
      hoverinfo: 'skip',
    } as Data);
  }
  if (input.current && input.current.y !== null) {
    data.push(currentRing(input.current.x, input.current.y, text.current));
  }
  const layout = baseLayout(input, SWEEP_PLOT_HEIGHT.map);
  layout.yaxis = {
    title: { text: text.yTitle },
    type: input.yLog ? 'log' : 'linear',
    range: axisRange(yAxis.values, input.yLog),
    zeroline: false,
  };
  return { data, layout };
}

function linePlot(input: SweepPlotInput): { data: Data[]; layout: Partial<Layout> } {
  const { x, text } = input;
  const values = input.measured[0] ?? [];
  const log = input.metric === 'chi' || input.metric === 'var';
  const show = (v: CellValue | undefined) => (v === undefined || v === null || (log && !(v > 0)) ? null : v);
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: text.measured,
      x: [...x.values],
      y: values.map(show),
      line: { color: PALETTE.vermillion, width: 2 },
      marker: { size: 8, color: PALETTE.vermillion },
      text: values.map(
        (v, c) => `${text.xTitle} = ${formatValue(x.values[c])}<br>${text.measured}: ${describe(v, text)}`,
      ),
      hovertemplate: '%{text}<extra></extra>',
    } as Data,
  ];
  if (input.theory) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: text.theory,
      x: [...x.values],
      y: input.theory[0].map(show),
      line: { color: PALETTE.blue, width: 2, dash: 'dash' },
      hoverinfo: 'skip',
    } as Data);
  }
  const shapes: Partial<NonNullable<Layout['shapes']>[number]>[] = [];
  if (input.chi) {
    const logChi = input.chi[0].map((v) => (v !== null && v > 0 ? Math.log(v) : null));
    const xs = input.xLog ? x.values.map(Math.log10) : x.values;
    for (const at of crossings(xs, logChi, 0))
      shapes.push(verticalLine(input.xLog ? 10 ** at : at, PALETTE.black, 'solid'));
  }
  if (input.current) shapes.push(verticalLine(input.current.x, PALETTE.green, 'dot'));
  // The shapes' names, for the legend the page draws and for tests (plotly shapes carry no legend entry).
  if (input.chi) data.push(legendOnly(text.edge, PALETTE.black, 'solid'));
  if (input.current) data.push(legendOnly(text.current, PALETTE.green, 'dot'));
  const layout = baseLayout(input, SWEEP_PLOT_HEIGHT.line);
  layout.yaxis = {
    title: { text: text.metric },
    type: log ? 'log' : 'linear',
    exponentformat: 'power',
  };
  layout.shapes = shapes;
  layout.showlegend = true;
  layout.legend = { orientation: 'h', x: 0, y: -0.22, yanchor: 'top' };
  return { data, layout };
}

/** How a cell's value reads in its hover text. */
function describe(v: CellValue | undefined, text: SweepPlotText): string {
  if (v === undefined) return text.pending;
  if (v === null) return text.undefinedValue;
  return formatValue(v);
}

function currentRing(x: number, y: number, name: string): Data {
  return {
    type: 'scatter',
    mode: 'markers',
    name,
    x: [x],
    y: [y],
    marker: {
      symbol: 'circle-open',
      size: 20,
      color: PALETTE.black,
      line: { width: 3, color: PALETTE.black },
    },
    hovertemplate: `${name}<extra></extra>`,
  } as Data;
}

function legendOnly(name: string, color: string, dash: string): Data {
  return {
    type: 'scatter',
    mode: 'lines',
    name,
    x: [null],
    y: [null],
    line: { color, width: 2, dash },
    hoverinfo: 'skip',
  } as Data;
}

function verticalLine(
  x: number,
  color: string,
  dash: string,
): Partial<NonNullable<Layout['shapes']>[number]> {
  return {
    type: 'line',
    xref: 'x',
    yref: 'paper',
    x0: x,
    x1: x,
    y0: 0,
    y1: 1,
    line: { color, width: 2, dash: dash as 'solid' },
  };
}

/** The x axis's range: half a cell beyond the ends (in log10 on a log axis, as plotly takes a log range). */
function axisRange(values: readonly number[], log: boolean): [number, number] {
  if (!log) return extent(values);
  const [lo, hi] = extent(values.map(Math.log10));
  return [lo, hi];
}

function baseLayout(input: SweepPlotInput, height: number): Partial<Layout> {
  return {
    height,
    margin: { l: 56, r: 16, t: 8, b: 48 },
    showlegend: false,
    uirevision: 'sweep',
    xaxis: {
      title: { text: input.text.xTitle },
      type: input.xLog ? 'log' : 'linear',
      range: axisRange(input.x.values, input.xLog),
      zeroline: false,
    },
    hovermode: 'closest',
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: 'system-ui, sans-serif', size: 12 },
  } as Partial<Layout>;
}
