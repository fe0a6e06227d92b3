/**
 * The playground's charts as plain data (no DOM, no plotly): measured series from a run and theory series from
 * the mean-field report (the training trace's charts: training-figures.ts; a data set's: task-figures.ts).
 * Chart.tsx draws a Figure with plotly or as a table.
 */
import type { LayerStats, RunResult } from '../../engine/experiment';
import type { ActivationHistograms } from '../../engine/histogram';
import type { TheoryPrediction } from '../../theory/report';
import type { MessageKey, Translate } from '../i18n';

/** Okabe–Ito colours: distinguishable with every common colour-vision deficiency. */
export const PALETTE = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  green: '#009E73',
  purple: '#CC79A7',
  orange: '#E69F00',
  sky: '#56B4E9',
  black: '#000000',
} as const;

/**
 * One series. Per-layer charts draw measured series as solid lines and theory series as dashed ones; the two
 * quantities of a chart (pre / post activation, ‖∂h‖ / ‖∂W‖) differ by line weight as well as by colour.
 * Lines, not markers: plotly styles every marker point on every redraw (~0.1 ms each here, 120 points per α
 * step at the default depth and 50× that at depth 1000), the largest part of a redraw after the axes.
 */
export interface Series {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
  /** 'points': markers only (a data set's points), each drawn in `symbol`, filled or `hollow`. */
  readonly kind: 'line' | 'bar' | 'points';
  readonly color: string;
  readonly dash?: 'solid' | 'dash' | 'dot' | 'dashdot' | 'longdash';
  /** Line width in px (default 2). */
  readonly width?: number;
  /** Markers, for series of a few points (the SELU map's trajectory and fixed point) and for 'points'. */
  readonly symbol?: 'circle' | 'square' | 'diamond' | 'triangle-up';
  /** 'points': an outline in the colour instead of a filled marker. */
  readonly hollow?: boolean;
  /** Bar fill pattern, so bars differ by more than colour. */
  readonly pattern?: '' | '/' | '.' | 'x';
  /** 'y2': the right-hand axis over the same plot; 'lower': the figure's lower panel (Figure.lower). */
  readonly axis?: 'y' | 'y2' | 'lower';
}

/** A value over a grid, drawn as a heatmap with a diverging, colour-blind-safe scale centred on `zMid`. */
export interface Heatmap {
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** z[row][column], rows along y. */
  readonly z: readonly (readonly (number | null)[])[];
  readonly zTitle: string;
  /** Diverging scale centred here; without it a sequential scale (viridis) from the smallest value. */
  readonly zMid?: number;
  /** The values the colour scale spans (default: the data's, symmetric about zMid when given). */
  readonly zRange?: readonly [number, number];
  /** Without zMid: 'blues' runs from white (0) to blue (counts, mostly 0); the default is viridis. */
  readonly scale?: 'blues';
  /** Opacity of the colours (a paler map under points drawn over it). */
  readonly opacity?: number;
  /**
   * Drawn as an image under the plot (a layout image, not a trace): a redraw that changes only the values
   * then costs plotly an image swap, not a recalculation of every marker over it. The axes span the grid.
   */
  readonly image?: boolean;
}

/** Arrows from (x0, y0) to (x1, y1), e.g. one step of a map. */
export interface Arrows {
  readonly name: string;
  readonly x0: readonly number[];
  readonly y0: readonly number[];
  readonly x1: readonly number[];
  readonly y1: readonly number[];
  readonly color: string;
}

/** A chart. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle?: string;
  readonly y2Title?: string;
  readonly yLog?: boolean;
  readonly series: readonly Series[];
  /**
   * A second panel under the plot, on the same x axis, for the series whose axis is 'lower' (two quantities
   * against the same layers, drawn as one plot: one redraw instead of two).
   */
  readonly lower?: {
    readonly yTitle: string;
    readonly yLog?: boolean;
    /** A fixed range (accuracy: 0 to 1), still zoomable. */
    readonly range?: readonly [number, number];
  };
  readonly heatmap?: Heatmap;
  readonly arrows?: Arrows;
  /** A draggable marker (the current experiment), moved with the mouse; Chart reports where it lands. */
  readonly cursor?: { readonly x: number; readonly y: number };
  /** Text placed on the chart, so regions are named and not told apart by colour alone. */
  readonly labels?: readonly { readonly x: number; readonly y: number; readonly text: string }[];
  readonly note?: string;
  /**
   * Changes whenever the series' values do: plotly then compares this instead of every array, so a figure
   * whose series stay while its image heatmap changes is redrawn without recalculating the series.
   */
  readonly dataRevision?: string;
  /** A plane of two coordinates: a plot about as tall as it is wide (its axes' ranges the same length). */
  readonly square?: boolean;
  /** A matrix of whole-numbered rows and columns: each one labelled, the first row at the top. */
  readonly matrix?: boolean;
}

const layersOf = (r: RunResult) => r.layers.map((l) => l.layer);
const column = (r: RunResult, key: keyof LayerStats) => r.layers.map((l) => finiteOrNull(l[key] as number));

/** A value for a chart: finite numbers as they are, anything else a gap. */
export function finiteOrNull(x: number | null | undefined): number | null {
  if (x === null) return null;
  return x !== undefined && Number.isFinite(x) ? x : null;
}

/** Line weights of a per-layer chart's two quantities (px): a thin and a thick line, told apart without colour. */
const THIN = 2;
const THICK = 4;

function measured(t: Translate, r: RunResult, key: keyof LayerStats, color: string, width: number): Series {
  return {
    name: t(`series.${key}` as MessageKey),
    x: layersOf(r),
    y: column(r, key),
    kind: 'line',
    color,
    dash: 'solid',
    width,
  };
}

function theory(name: string, x: number[], y: (number | null)[], color: string, width: number): Series {
  return { name, x, y, kind: 'line', color, dash: 'dash', width };
}

/**
 * The signal through the layers: the mean per layer (pre and post activation, with the theory's post-activation
 * mean) above, the variance per layer on a log axis (with the theory's pre- and post-activation variance)
 * below, on one layer axis.
 */
export function signalFigure(t: Translate, r: RunResult, th?: TheoryPrediction): Figure {
  const lower = (s: Series): Series => ({ ...s, axis: 'lower' });
  const series = [
    measured(t, r, 'preMean', PALETTE.blue, THIN),
    measured(t, r, 'postMean', PALETTE.vermillion, THICK),
  ];
  if (th)
    series.push(
      theory(
        t('series.theoryPostMean'),
        th.layers.map((l) => l.layer),
        th.layers.map((l) => finiteOrNull(l.postMean)),
        PALETTE.vermillion,
        THICK,
      ),
    );
  series.push(
    lower(measured(t, r, 'preVar', PALETTE.blue, THIN)),
    lower(measured(t, r, 'postVar', PALETTE.vermillion, THICK)),
  );
  if (th) {
    const x = th.layers.map((l) => l.layer);
    series.push(
      lower(
        theory(
          t('series.theoryPreVar'),
          x,
          th.layers.map((l) => finiteOrNull(l.preVar)),
          PALETTE.blue,
          THIN,
        ),
      ),
      lower(
        theory(
          t('series.theoryPostVar'),
          x,
          th.layers.map((l) => finiteOrNull(l.postVar)),
          PALETTE.vermillion,
          THICK,
        ),
      ),
    );
  }
  return { ...signalFrame(t), series };
}

/** The signal chart's frame: mean above, variance (log axis) below, on one layer axis. */
export function signalFrame(t: Translate): Omit<Figure, 'series'> {
  return {
    id: 'signal',
    title: t('chart.signal.title'),
    xTitle: t('chart.layer'),
    yTitle: t('chart.signal.mean'),
    lower: { yTitle: t('chart.signal.variance'), yLog: true },
  };
}

/**
 * Gradient flow on a log axis. The theory line starts at the measured top layer and steps down with
 * ‖g_l‖² ≈ χ₁(l+1)·‖g_{l+1}‖² (Schoenholz et al. 2017).
 */
export function gradientFigure(t: Translate, r: RunResult, th?: TheoryPrediction): Figure {
  const series = [
    measured(t, r, 'gradNorm', PALETTE.green, THICK),
    measured(t, r, 'weightGradNorm', PALETTE.purple, THIN),
  ];
  const predicted = th ? predictedGradients(r, th) : null;
  if (predicted) series.push(theory(t('series.theoryGrad'), layersOf(r), predicted, PALETTE.green, THICK));
  const note = r.experiment.loss === 'mse' ? t('chart.grad.note') : undefined;
  return { id: 'gradient', title: t('chart.grad.title'), xTitle: t('chart.layer'), yLog: true, series, note };
}

/**
 * ‖∂L/∂h_l‖ as the theory predicts it from the measured top layer, or null when there is no such line (no
 * measured top layer, or a prediction for another depth).
 */
export function predictedGradients(r: RunResult, th: TheoryPrediction): (number | null)[] | null {
  const top = r.layers.at(-1)?.gradNorm;
  if (top === undefined || !Number.isFinite(top) || th.layers.length !== r.layers.length) return null;
  const predicted = new Array<number>(th.layers.length);
  predicted[predicted.length - 1] = top;
  for (let i = predicted.length - 2; i >= 0; i--)
    predicted[i] = predicted[i + 1] * Math.sqrt(th.layers[i + 1].chi ?? NaN);
  return predicted.map(finiteOrNull);
}

/** Dead and saturated units per layer, as patterned bars. */
export function deadFigure(t: Translate, r: RunResult): Figure {
  const x = layersOf(r);
  return {
    id: 'dead',
    title: t('chart.dead.title'),
    xTitle: t('chart.layer'),
    series: [
      { name: t('series.dead'), x, y: column(r, 'dead'), kind: 'bar', color: PALETTE.black, pattern: '' },
      {
        name: t('series.saturated'),
        x,
        y: column(r, 'saturated'),
        kind: 'bar',
        color: PALETTE.orange,
        pattern: '/',
      },
    ],
  };
}

/** Bin centres of a histogram's edges. */
function centres(edges: readonly number[]): number[] {
  return edges.slice(1).map((e, i) => (e + edges[i]) / 2);
}

/** The activation distribution of every layer: layer × value, coloured by the share of values in each bin. */
export function distributionFigure(t: Translate, h: ActivationHistograms): Figure {
  return {
    id: 'distribution',
    title: t('chart.dist.title'),
    xTitle: t('chart.value'),
    yTitle: t('chart.layer'),
    series: [],
    heatmap: {
      x: centres(h.edges),
      y: h.fractions.map((_, i) => i + 1),
      z: h.fractions,
      zTitle: t('chart.share'),
    },
  };
}

/** The histogram of one layer's post-activations. */
export function layerHistogramFigure(t: Translate, h: ActivationHistograms, layer: number): Figure {
  return {
    id: 'histogram',
    title: t('chart.hist.title', { layer }),
    xTitle: t('chart.value'),
    yTitle: t('chart.share'),
    series: [
      {
        name: t('series.share', { layer }),
        x: centres(h.edges),
        y: h.fractions[layer - 1] ?? [],
        kind: 'bar',
        color: PALETTE.blue,
        pattern: '',
      },
    ],
  };
}
