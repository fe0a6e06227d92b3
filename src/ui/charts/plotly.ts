/**
 * plotly.js, loaded on first use (a custom bundle of the trace types drawn here: scatter, bar, heatmap;
 * plotly-bundle.ts), so the first paint never waits for it; and the conversion of a Figure into plotly traces
 * and layout. Types are plotly.js's own (lib/index.d.ts).
 */
import type Plotly from 'plotly.js';
import type { Config, Data, Layout } from 'plotly.js';
import type { Figure } from './figures';
import { extent, heatmapData, heatmapImageLayout } from './plotly-heatmap';
import { legendEntries } from './legend';

/** The parts of plotly the charts use. */
export type PlotlyApi = Pick<typeof Plotly, 'react' | 'relayout' | 'purge' | 'downloadImage'>;

let loading: Promise<PlotlyApi> | undefined;

/** Loads plotly once (a lazy chunk of its own). */
export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('./plotly-bundle').then((m): PlotlyApi => m.default);
  loading.catch(() => (loading = undefined));
  return loading;
}

/** A copy without the keys whose value is undefined (plotly treats a present-but-undefined key as set). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A Figure as plotly traces: heatmap first (underneath; not when it is drawn as an image, see toPlotlyLayout),
 * then series, then arrows. Series and arrows named in `hidden` (switched off in the chart's legend) are kept
 * but not drawn.
 */
export function toPlotlyData(figure: Figure, hidden: ReadonlySet<string> = NONE): Data[] {
  const data: Data[] = [];
  if (figure.heatmap && !figure.heatmap.image) data.push(heatmapData(figure.heatmap));
  data.push(...figure.series.map(seriesData));
  if (figure.arrows) data.push(arrowData(figure.arrows));
  return data.map((trace) =>
    trace.name !== undefined && hidden.has(trace.name) ? ({ ...trace, visible: false } as Data) : trace,
  );
}

const NONE: ReadonlySet<string> = new Set();

/** plotly's name of a series' y axis: the lower panel's is y3 (y2 is the right-hand axis over the plot). */
function plotlyAxis(axis: Figure['series'][number]['axis']): string | undefined {
  return axis === 'lower' ? 'y3' : axis;
}

function seriesData(s: Figure['series'][number]): Data {
  if (s.kind === 'points') {
    const symbol = s.symbol ?? 'circle';
    return defined({
      type: 'scatter',
      mode: 'markers',
      name: s.name,
      x: [...s.x],
      y: [...s.y],
      yaxis: plotlyAxis(s.axis),
      marker: {
        symbol: s.hollow ? `${symbol}-open` : symbol,
        size: 7,
        color: s.color,
        // Filled markers get a white rim, so neighbours and the map under them stay apart.
        line: s.hollow ? { color: s.color, width: 1.5 } : { color: '#ffffff', width: 0.75 },
      },
    }) as Data;
  }
  if (s.kind === 'bar') {
    return defined({
      type: 'bar',
      name: s.name,
      x: [...s.x],
      y: [...s.y],
      yaxis: plotlyAxis(s.axis),
      marker: { color: s.color, pattern: { shape: s.pattern ?? '', fgcolor: '#ffffff' } },
    }) as Data;
  }
  return defined({
    type: 'scatter',
    mode: s.symbol ? 'lines+markers' : 'lines',
    name: s.name,
    x: [...s.x],
    y: [...s.y],
    yaxis: plotlyAxis(s.axis),
    line: { color: s.color, dash: s.dash ?? 'solid', width: s.width ?? 2 },
    marker: s.symbol ? { symbol: s.symbol, size: 7 } : undefined,
  }) as Data;
}

/** One trace: segments separated by nulls, an arrowhead at each head pointing along its segment. */
function arrowData(a: NonNullable<Figure['arrows']>): Data {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  const size: number[] = [];
  a.x0.forEach((_, i) => {
    x.push(a.x0[i], a.x1[i], null);
    y.push(a.y0[i], a.y1[i], null);
    size.push(0, 9, 0);
  });
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name: a.name,
    x,
    y,
    line: { color: a.color, width: 1 },
    marker: { symbol: 'arrow', angleref: 'previous', size, color: a.color },
    hoverinfo: 'skip',
  } as Data;
}

/**
 * What plotly draws of a figure whose heatmap is an image, less the image (the values): two figures with the
 * same frame differ in the image alone, which a relayout of its source redraws (~1 ms, where react() diffs
 * every trace, ~10–20 ms). Title and note are the page's, not plotly's. Null for other figures.
 */
export function imageFrame(figure: Figure, hidden: ReadonlySet<string>): string | null {
  const h = figure.heatmap;
  if (!h?.image) return null;
  const { title: _title, note: _note, ...drawn } = figure;
  return JSON.stringify([{ ...drawn, heatmap: { ...h, z: null } }, [...hidden]]);
}

/**
 * The layout of a Figure on the page: compact, log axis where asked, cursor and labels when given, the user's
 * zoom kept across redraws. The legend is the page's own (ChartLegend.tsx); tick labels are not measured
 * against the edge of the plot (`ticklabeloverflow: 'allow'`: plotly's check takes a bounding box per label
 * and redraw, and the margins already hold the labels).
 */
export function toPlotlyLayout(figure: Figure, heatmapImage?: string): Partial<Layout> {
  const lower = figure.lower;
  const h = figure.heatmap;
  const image = h?.image && heatmapImage !== undefined ? h : undefined;
  // The axes of a heatmap under points (an image, or its trace in a saved image) span its cells exactly
  // (plotly autoranges over traces only); a matrix labels every row and column and puts its first row on top.
  const cells = h && (h.image || figure.square) ? h : undefined;
  const xExtra = cells ? { range: extent(cells.x) } : figure.matrix ? { dtick: 1 } : {};
  const yExtra = cells
    ? { range: extent(cells.y), zeroline: false }
    : figure.matrix
      ? { dtick: 1, autorange: 'reversed' }
      : {};
  return defined({
    height: plotHeight(figure),
    margin: { l: 56, r: figure.y2Title ? 56 : 16, t: 8, b: 40 },
    showlegend: false,
    // A zoom or pan survives redraws: moving α while looking at layers 900–1000 keeps them in view (plotly
    // keeps what the user changed for as long as uirevision stays; a double click resets the axes).
    uirevision: figure.id,
    // With a lower panel the layer axis is drawn once, under it, and both panels zoom along it together.
    xaxis: defined({
      title: { text: figure.xTitle, standoff: 4 },
      zeroline: false,
      ticklabeloverflow: 'allow',
      anchor: lower ? 'y3' : undefined,
      ...xExtra,
    }),
    yaxis: defined({
      ...valueAxis(figure, 'upper', figure.yTitle ?? '', figure.yLog),
      domain: lower ? [LOWER_SHARE + PANEL_GAP, 1] : undefined,
      ...yExtra,
    }),
    yaxis3: lower
      ? defined({
          ...valueAxis(figure, 'lower', lower.yTitle, lower.yLog),
          domain: [0, LOWER_SHARE],
          anchor: 'x',
          range: lower.range ? [...lower.range] : undefined,
        })
      : undefined,
    yaxis2: figure.y2Title
      ? {
          title: { text: figure.y2Title },
          overlaying: 'y',
          side: 'right',
          rangemode: 'tozero',
          ticklabeloverflow: 'allow',
          // Its own round ticks (plotly 4 syncs an overlaying axis's ticks to the left axis's grid, labelling a
          // count 0.821), and no grid of its own over the left axis's.
          tickmode: 'auto',
          showgrid: false,
        }
      : undefined,
    shapes: figure.cursor ? [cursorShape(figure.cursor)] : undefined,
    images: image ? [heatmapImageLayout(image, heatmapImage!)] : undefined,
    datarevision: figure.dataRevision,
    annotations: figure.labels?.map((l) => ({
      x: l.x,
      y: l.y,
      text: l.text,
      showarrow: false,
      font: { size: 13 },
      bgcolor: 'rgba(255,255,255,0.85)',
    })),
    barmode: 'group',
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: 'system-ui, sans-serif', size: 12 },
  } as Partial<Layout>);
}

/**
 * The left-hand value axis of a panel: linear or log, on a narrow log range labels 1, 2 and 5 only, and on a
 * linear axis that should start at 0 (startsAtZero) plotly's `rangemode: 'tozero'`: it autoranges an all-zero
 * axis to [0, 1] (not [−1, 1]). A range mode, not a fixed range: the axis still autoranges when the values
 * change, and a zoom or pan of the user's (kept by `uirevision`) still wins over it.
 */
function valueAxis(figure: Figure, panel: 'upper' | 'lower', title: string, log?: boolean): object {
  return defined({
    title: { text: title },
    type: log ? 'log' : 'linear',
    rangemode: !log && startsAtZero(figure, panel) ? 'tozero' : undefined,
    exponentformat: 'power',
    ticklabeloverflow: 'allow',
    dtick: log && logDecades(figure, panel) < NARROW_LOG_DECADES ? 'D2' : undefined,
  });
}

/**
 * Whether a panel's left axis starts at 0: every finite value on it is 0 (the dead units of an ELU network:
 * plotly would centre a flat line or empty bars in −1…1, as if negative counts were possible), or the axis
 * holds only bars of values ≥ 0 (counts and shares; also when a legend switch hides every non-zero bar).
 */
export function startsAtZero(figure: Figure, panel: 'upper' | 'lower' = 'upper'): boolean {
  const series = figure.series.filter((s) => onPanel(s, panel));
  const values = panelValues(figure, panel);
  if (values.length === 0) return false;
  if (values.every((v) => v === 0)) return true;
  return series.length > 0 && series.every((s) => s.kind === 'bar') && values.every((v) => v >= 0);
}

/** Whether a series is drawn on a panel's left axis (not the right-hand y2). */
function onPanel(s: Figure['series'][number], panel: 'upper' | 'lower'): boolean {
  return s.axis !== 'y2' && (s.axis === 'lower') === (panel === 'lower');
}

/** The finite values on a panel's left axis: its series', and on the upper panel the heatmap's and arrows'. */
function panelValues(figure: Figure, panel: 'upper' | 'lower'): number[] {
  const values: (number | null)[] = figure.series.filter((s) => onPanel(s, panel)).flatMap((s) => s.y);
  if (panel === 'upper') {
    if (figure.heatmap) values.push(...figure.heatmap.y);
    if (figure.arrows) values.push(...figure.arrows.y0, ...figure.arrows.y1);
  }
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

/** The plot's height on the page, in px (the legend is below it, in HTML). */
export const PLOT_HEIGHT = 280;
/**
 * A square figure's plot height: its plot area about as tall as a chart column is wide. Not plotly's
 * `scaleanchor`, which makes every redraw recalculate the whole plot (~10× an image swap's cost).
 */
const SQUARE_PLOT_HEIGHT = 370;

/** What a lower panel adds to the plot's height, in px, and its share of the plot area (Figure.lower). */
const LOWER_PANEL_HEIGHT = 220;
const LOWER_SHARE = 0.46;
const PANEL_GAP = 0.08;

/** The size of a saved image of a figure, in px (a lower panel makes it taller). */
export function imageSize(figure: Figure): { width: number; height: number } {
  if (figure.square) return { width: 800, height: 720 };
  return { width: 900, height: figure.lower ? 720 : 500 };
}

/** A figure's plot height on the page, in px. */
export function plotHeight(figure: Figure): number {
  if (figure.lower) return PLOT_HEIGHT + LOWER_PANEL_HEIGHT;
  return figure.square ? SQUARE_PLOT_HEIGHT : PLOT_HEIGHT;
}

/**
 * A Figure as a saved image: plotly draws the legend below the plot (the image has no page around it), and the
 * series hidden on the page stay hidden.
 */
export function toPlotlyImageFigure(
  shown: Figure,
  hidden: ReadonlySet<string>,
  zoom: PlotZoom = {},
): { data: Data[]; layout: Partial<Layout>; config: Partial<Config> } {
  // A heatmap drawn as an image on the page is a heatmap trace in a saved image, with its colour bar.
  const figure = shown.heatmap?.image ? { ...shown, heatmap: { ...shown.heatmap, image: false } } : shown;
  // The image's size is the download's (Chart.tsx), not the page's.
  const { height: _pageHeight, ...layout } = toPlotlyLayout(figure) as Partial<Layout> &
    Record<ZoomAxis, object | undefined>;
  for (const axis of ZOOM_AXES) {
    const range = zoom[axis];
    if (range && layout[axis]) layout[axis] = { ...layout[axis], range: [...range], autorange: false };
  }
  return {
    data: toPlotlyData(figure, hidden),
    layout: {
      ...layout,
      showlegend: legendEntries(figure).length > 0,
      legend: { orientation: 'h', x: 0, y: -0.18, yanchor: 'top' },
    },
    config: plotlyConfig(figure),
  };
}

const ZOOM_AXES = ['xaxis', 'yaxis', 'yaxis2', 'yaxis3'] as const;
type ZoomAxis = (typeof ZOOM_AXES)[number];

/** Axis ranges the user zoomed or panned to on the page (plotly's units: log10 on a log axis). */
export type PlotZoom = Partial<Record<ZoomAxis, readonly [number, number]>>;

/** The zoom of a plot on the page: the range of every axis plotly no longer autoranges. */
export function zoomOf(
  layout: Partial<Record<ZoomAxis, { range?: unknown; autorange?: unknown }>>,
): PlotZoom {
  const zoom: PlotZoom = {};
  for (const axis of ZOOM_AXES) {
    const a = layout[axis];
    const range = a?.range;
    if (a?.autorange === false && Array.isArray(range) && range.length === 2 && range.every(Number.isFinite))
      zoom[axis] = [range[0] as number, range[1] as number];
  }
  return zoom;
}

/**
 * Below this many decades a plot 280 px tall gets every digit of its log axis labelled by plotly (1, 2, 3, … 9:
 * unreadable on a projector; the default experiment's variance spans 1.7 decades); 'D2' labels 1, 2 and 5 of
 * each decade instead.
 */
const NARROW_LOG_DECADES = 3;

/**
 * Decades spanned by the positive values of a figure's series on the left axis of its upper panel (the plot)
 * or of its lower panel (0 when there are none).
 */
export function logDecades(figure: Figure, panel: 'upper' | 'lower' = 'upper'): number {
  let lo = Infinity;
  let hi = 0;
  for (const s of figure.series) {
    if (!onPanel(s, panel)) continue;
    for (const y of s.y) {
      if (y === null || !(y > 0) || !Number.isFinite(y)) continue;
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  }
  return hi > 0 ? Math.log10(hi / lo) : 0;
}

/** A ring of fixed pixel size anchored at the cursor's data position (draggable with `edits.shapePosition`). */
function cursorShape(c: { x: number; y: number }): Partial<NonNullable<Layout['shapes']>[number]> {
  return {
    type: 'circle',
    xref: 'x',
    yref: 'y',
    xsizemode: 'pixel',
    ysizemode: 'pixel',
    xanchor: c.x,
    yanchor: c.y,
    x0: -9,
    x1: 9,
    y0: -9,
    y1: 9,
    line: { color: '#000000', width: 3 },
    fillcolor: 'rgba(255,255,255,0.5)',
  };
}

/** Plotly options: responsive; the mode bar keeps PNG export and drops what a classroom does not need. */
export function plotlyConfig(figure: Figure): Partial<Config> {
  return {
    responsive: true,
    displaylogo: false,
    // Saving an image is the chart's own PNG / SVG buttons (they include the legend).
    modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines', 'toImage'],
    edits: figure.cursor ? { shapePosition: true } : {},
  };
}
