/**
 * The training charts as plain data: loss and dead units over steps (with a data set, the training and test
 * accuracy in a lower panel on the same step axis), the hybrid's k over steps, and the thinning of long traces
 * for drawing.
 */
import type { TracePoint } from '../../engine/protocol';
import type { MessageKey, Translate } from '../i18n';
import { PALETTE, finiteOrNull, type Figure, type Series } from './figures';

/** Line widths of the training and test accuracy (px): told apart by weight and dash, not colour alone. */
const TRAIN_WIDTH = 3;
const TEST_WIDTH = 2;

/**
 * Loss (left axis) and dead units over all layers (right axis) against training steps; with a data set (trace
 * points with accuracy), the training and test accuracy in a lower panel on the same step axis, so the step
 * where units die and learning stalls lines up across both.
 */
export function trainingFigure(t: Translate, trace: readonly TracePoint[]): Figure {
  const x = trace.map((p) => p.step);
  const series: Series[] = [
    {
      name: t('series.loss'),
      x,
      y: trace.map((p) => finiteOrNull(p.loss)),
      kind: 'line',
      color: PALETTE.blue,
      dash: 'solid',
    },
    {
      name: t('series.deadTotal'),
      x,
      y: trace.map((p) => p.dead),
      kind: 'line',
      color: PALETTE.black,
      dash: 'dot',
      axis: 'y2',
    },
  ];
  if (!hasAccuracy(trace)) return { ...trainingFrame(t), series };
  const accuracy = (key: 'accuracy' | 'testAccuracy', dash: Series['dash'], width: number): Series => ({
    ...accuracyPoints(trace, key),
    name: t(key === 'accuracy' ? 'series.accuracy' : 'series.testAccuracy'),
    kind: 'line',
    color: PALETTE.green,
    dash,
    width,
    axis: 'lower',
  });
  series.push(accuracy('accuracy', 'solid', TRAIN_WIDTH), accuracy('testAccuracy', 'dash', TEST_WIDTH));
  return { ...trainingFrame(t, true), series };
}

/** Most points of a trace the training charts draw (a data set trains hundreds of steps a second). */
export const TRACE_POINTS = 800;

/**
 * The points of a trace a chart draws: all of them up to `max`; beyond, every 2^k-th (k as small as keeps at
 * most `max`, so the kept points stay the same while the trace grows until the next k), the last one, and the
 * evaluated points (accuracy) thinned the same way among themselves. Plotly's cost grows with every point of
 * every redraw; a curve of 800 points looks the same as one of 20,000.
 */
export function thinTrace(trace: readonly TracePoint[], max = TRACE_POINTS): readonly TracePoint[] {
  if (trace.length <= max) return trace;
  const strideFor = (n: number) => (n <= max ? 1 : 2 ** Math.ceil(Math.log2(n / max)));
  const stride = strideFor(trace.length);
  const evaluatedStride = strideFor(trace.filter((p) => p.accuracy !== undefined).length);
  let evaluated = 0;
  return trace.filter((p, i) => {
    const keepEvaluated = p.accuracy !== undefined && evaluated++ % evaluatedStride === 0;
    return i % stride === 0 || i === trace.length - 1 || keepEvaluated;
  });
}

/** Whether a trace holds accuracy points (a data-set run). */
export function hasAccuracy(trace: readonly TracePoint[]): boolean {
  return trace.some((p) => p.accuracy !== undefined);
}

/**
 * The steps of a trace where the run was evaluated, and its training (`accuracy`) or test accuracy there; with
 * fewer than 3 such points each is marked (a line through one point would not show).
 */
export function accuracyPoints(
  trace: readonly TracePoint[],
  key: 'accuracy' | 'testAccuracy',
): Pick<Series, 'x' | 'y' | 'symbol'> {
  const points = trace.filter((p) => p[key] !== undefined);
  return {
    x: points.map((p) => p.step),
    y: points.map((p) => finiteOrNull(p[key])),
    ...(points.length < 3 ? { symbol: 'circle' as const } : {}),
  };
}

/**
 * The training chart's frame: loss on the left axis, dead units over all layers on the right, by step; with
 * `accuracy`, a lower panel for the accuracy (0 to 1).
 */
export function trainingFrame(t: Translate, accuracy = false): Omit<Figure, 'series'> {
  return {
    id: 'training',
    title: t(accuracy ? 'chart.train.titleAccuracy' : 'chart.train.title'),
    xTitle: t('chart.step'),
    yTitle: t('series.loss'),
    y2Title: t('series.deadTotal'),
    ...(accuracy ? { lower: { yTitle: t('chart.accuracy'), range: [0, 1] as const } } : {}),
  };
}

/** The hybrid's k over training steps: mean over layers, and the smallest and largest layer's k. */
export function knobFigure(t: Translate, trace: readonly TracePoint[]): Figure {
  const points = trace.filter((p) => p.knob !== undefined);
  const x = points.map((p) => p.step);
  const line = (key: 'mean' | 'min' | 'max', name: MessageKey, dash: Series['dash']): Series => ({
    name: t(name),
    x,
    y: points.map((p) => p.knob![key]),
    kind: 'line',
    color: PALETTE.purple,
    dash,
  });
  return {
    id: 'knob',
    title: t('chart.knob.title'),
    xTitle: t('chart.step'),
    series: [
      line('mean', 'series.knobMean', 'solid'),
      line('min', 'series.knobMin', 'dot'),
      line('max', 'series.knobMax', 'dash'),
    ],
  };
}
