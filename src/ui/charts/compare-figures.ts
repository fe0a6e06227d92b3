/**
 * The charts of compared runs (`vs`): every run on the same axes, one colour and one line style per run (so the
 * runs are told apart on a greyscale projector too), theory lines dotted in the run's colour. Only the
 * post-activation quantities and ‖∂L/∂h‖ are drawn per run (a chart of 3 × 7 lines is read by nobody); the
 * table view and "All numbers" list every statistic of every run.
 */
import type { RunResult } from '../../engine/experiment';
import type { TaskView, TracePoint } from '../../engine/protocol';
import type { TheoryPrediction } from '../../theory/report';
import type { MessageKey, Translate } from '../i18n';
import { PALETTE, finiteOrNull, predictedGradients, signalFrame, type Figure, type Series } from './figures';
import { accuracyPoints, hasAccuracy, trainingFrame } from './training-figures';

/** One run of a comparison as the charts take it. */
export interface ChartRun {
  readonly label: string;
  readonly result: RunResult;
  readonly theory?: TheoryPrediction;
  readonly trace: readonly TracePoint[];
  /** A data-set run's latest evaluation as the task panels draw it (decision boundary, digits' predictions). */
  readonly task?: TaskView;
}

/** Run i's colour (Okabe–Ito), line style and bar pattern; the main run is i = 0. */
export const RUN_STYLES: ReadonlyArray<{
  readonly color: string;
  readonly dash: NonNullable<Series['dash']>;
  readonly pattern: NonNullable<Series['pattern']>;
}> = [
  { color: PALETTE.blue, dash: 'solid', pattern: '' },
  { color: PALETTE.vermillion, dash: 'dash', pattern: '/' },
  { color: PALETTE.green, dash: 'dashdot', pattern: '.' },
  { color: PALETTE.purple, dash: 'longdash', pattern: 'x' },
];

/** Line widths: a run's measured series, and its theory (dotted) or secondary series (thin). */
const MEASURED_WIDTH = 3;
const THIN_WIDTH = 2;

/**
 * Run i's line: `measured` in the run's colour and line style, `theory` dotted in its colour (also a test
 * accuracy beside the measured training accuracy), `thin` in its style at the thin width (a secondary quantity
 * such as saturated units).
 */
function line(
  name: string,
  i: number,
  x: readonly number[],
  y: readonly (number | null)[],
  axis?: Series['axis'],
  style: 'measured' | 'theory' | 'thin' = 'measured',
): Series {
  const { color, dash } = RUN_STYLES[i % RUN_STYLES.length];
  const width = style === 'measured' ? MEASURED_WIDTH : THIN_WIDTH;
  return { name, x, y, kind: 'line', color, dash: style === 'theory' ? 'dot' : dash, width, axis };
}

const named = (run: ChartRun, t: Translate, key: MessageKey) => `${run.label} · ${t(key)}`;
const layers = (r: RunResult) => r.layers.map((l) => l.layer);

/** Run i's measured `key` per layer, named "<label> · <the statistic's name>". */
function measuredLine(
  t: Translate,
  run: ChartRun,
  i: number,
  key: 'postMean' | 'postVar' | 'gradNorm',
  axis?: Series['axis'],
): Series {
  const r = run.result;
  const y = r.layers.map((l) => finiteOrNull(l[key]));
  return line(named(run, t, `series.${key}`), i, layers(r), y, axis);
}

/** Run i's predicted `key` per layer (mean-field theory), or nothing without a prediction. */
function predictedLine(
  t: Translate,
  run: ChartRun,
  i: number,
  key: 'postMean' | 'postVar',
  axis?: Series['axis'],
): Series[] {
  const th = run.theory;
  if (!th) return [];
  const name = named(run, t, key === 'postMean' ? 'series.theoryPostMean' : 'series.theoryPostVar');
  const y = th.layers.map((l) => finiteOrNull(l[key]));
  return [
    line(
      name,
      i,
      th.layers.map((l) => l.layer),
      y,
      axis,
      'theory',
    ),
  ];
}

/** Post-activation mean (above) and variance (below, log axis) of every run, with each run's theory. */
export function signalCompareFigure(t: Translate, runs: readonly ChartRun[]): Figure {
  const upper = runs.flatMap((run, i) => [
    measuredLine(t, run, i, 'postMean'),
    ...predictedLine(t, run, i, 'postMean'),
  ]);
  const lower = runs.flatMap((run, i) => [
    measuredLine(t, run, i, 'postVar', 'lower'),
    ...predictedLine(t, run, i, 'postVar', 'lower'),
  ]);
  return { ...signalFrame(t), series: [...upper, ...lower], note: t('chart.compare.note') };
}

/** ‖∂L/∂h‖ per layer of every run, with each run's χ₁ prediction. */
export function gradientCompareFigure(t: Translate, runs: readonly ChartRun[]): Figure {
  const series: Series[] = [];
  runs.forEach((run, i) => {
    const r = run.result;
    series.push(measuredLine(t, run, i, 'gradNorm'));
    const predicted = run.theory ? predictedGradients(r, run.theory) : null;
    if (predicted)
      series.push(line(named(run, t, 'series.theoryGrad'), i, layers(r), predicted, undefined, 'theory'));
  });
  const note = runs.some((r) => r.result.experiment.loss === 'mse') ? t('chart.grad.note') : undefined;
  return { id: 'gradient', title: t('chart.grad.title'), xTitle: t('chart.layer'), yLog: true, series, note };
}

/** Dead units per layer of every run as bars (colour and pattern per run), saturated units as lines. */
export function deadCompareFigure(t: Translate, runs: readonly ChartRun[]): Figure {
  const series: Series[] = [];
  runs.forEach((run, i) => {
    const { color, pattern } = RUN_STYLES[i % RUN_STYLES.length];
    const r = run.result;
    series.push({
      name: named(run, t, 'series.dead'),
      x: layers(r),
      y: r.layers.map((l) => l.dead),
      kind: 'bar',
      color,
      pattern,
    });
  });
  runs.forEach((run, i) => {
    const r = run.result;
    const y = r.layers.map((l) => l.saturated);
    series.push(line(named(run, t, 'series.saturated'), i, layers(r), y, undefined, 'thin'));
  });
  return { id: 'dead', title: t('chart.dead.title'), xTitle: t('chart.layer'), series };
}

/**
 * Loss (left axis) and dead units over all layers (right axis, thin) of every run against training steps; with
 * data sets, each run's training accuracy (its line style) and test accuracy (dotted) in a lower panel.
 */
export function trainingCompareFigure(t: Translate, runs: readonly ChartRun[]): Figure {
  const series: Series[] = [];
  runs.forEach((run, i) => {
    const x = run.trace.map((p) => p.step);
    series.push(
      line(
        named(run, t, 'series.loss'),
        i,
        x,
        run.trace.map((p) => finiteOrNull(p.loss)),
      ),
    );
  });
  runs.forEach((run, i) => {
    const x = run.trace.map((p) => p.step);
    const y = run.trace.map((p) => p.dead);
    series.push(line(named(run, t, 'series.deadTotal'), i, x, y, 'y2', 'thin'));
  });
  const accuracy = runs.some((r) => hasAccuracy(r.trace));
  runs.forEach((run, i) => {
    if (!hasAccuracy(run.trace)) return;
    for (const key of ['accuracy', 'testAccuracy'] as const) {
      const { x, y, symbol } = accuracyPoints(run.trace, key);
      const name = named(run, t, key === 'accuracy' ? 'series.accuracy' : 'series.testAccuracy');
      const style = key === 'accuracy' ? 'measured' : 'theory';
      series.push({ ...line(name, i, x, y, 'lower', style), ...(symbol ? { symbol } : {}) });
    }
  });
  return { ...trainingFrame(t, accuracy), series };
}

/** The mean k over the layers of every hybrid run against training steps. */
export function knobCompareFigure(t: Translate, runs: readonly ChartRun[]): Figure {
  const series: Series[] = [];
  runs.forEach((run, i) => {
    const points = run.trace.filter((p) => p.knob !== undefined);
    if (points.length === 0) return;
    series.push(
      line(
        named(run, t, 'series.knobMean'),
        i,
        points.map((p) => p.step),
        points.map((p) => p.knob!.mean),
      ),
    );
  });
  return { id: 'knob', title: t('chart.knob.title'), xTitle: t('chart.step'), series };
}
