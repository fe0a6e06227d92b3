/**
 * The grid of charts for one run or several compared runs: signal, gradient, dead units, the activation
 * distribution (when the engine reads activations back) and, once trained, the training curves; with a data
 * set, the task's panels first (decision boundary, or the digits' predictions and confusion matrix) and the
 * training curves right after them.
 */
import { memo, useId, useMemo, useState } from 'react';
import type { ActivationHistograms } from '../../engine/histogram';
import type { Translate } from '../i18n';
import { useT } from '../i18n';
import { Chart } from './Chart';
import { DigitsGrid } from './DigitsGrid';
import { taskPanels } from './task-panels';
import {
  deadCompareFigure,
  gradientCompareFigure,
  knobCompareFigure,
  signalCompareFigure,
  trainingCompareFigure,
  type ChartRun,
} from './compare-figures';
import {
  deadFigure,
  distributionFigure,
  gradientFigure,
  layerHistogramFigure,
  signalFigure,
  type Figure,
} from './figures';
import { knobFigure, thinTrace, trainingFigure } from './training-figures';

interface Props {
  /** The runs to draw: the main run first, then the compared runs (`vs`), each with its theory and trace. */
  readonly runs: readonly ChartRun[];
  /**
   * The runs as a newer pass shows them before its backward pass ends (the main run's forward statistics, the
   * compared runs' results when known): drawn in the signal chart (mean and variance) and the dead units ahead
   * of `runs`; the gradient chart waits for the whole pass.
   */
  readonly early?: readonly ChartRun[];
  /** Whether the view compares runs (drawn as a comparison even while only the main run is measured yet). */
  readonly comparing: boolean;
  /** The main run's activation histograms. */
  readonly histograms?: ActivationHistograms;
  /** Whether the runs are training live (the page refreshes ~10 times a second). */
  readonly live?: boolean;
}

/**
 * While a data set trains live, the charts other than the task's panels redraw at most this often (ms): the
 * decision boundary is what moves, and plotly's redraws of every chart at each refresh would fill the main
 * thread (the boundary then refreshes a few times a second instead of ten).
 */
export const LIVE_SECONDARY_MS = 500;

/** Memoized: moving a control re-renders the page, but the charts only when their data changed. */
export const Charts = memo(function Charts({ runs, histograms, early, comparing, live = false }: Props) {
  const t = useT();
  const inputId = useId();
  const [main] = runs;
  const { result, trace, theory } = main;
  const signalRuns = early && early.length === runs.length ? early : runs;
  const depth = result.layers.length;
  const [chosen, setChosen] = useState(1);
  const layer = Math.min(Math.max(1, chosen), depth);
  const figures = useMemo(() => {
    const signal = signalRuns[0];
    if (runs.length > 1 || comparing) {
      const list = compareFigures(t, runs, signalRuns);
      if (histograms) list.push(ofMainRun(t, distributionFigure(t, histograms), main.label));
      return list;
    }
    const list = [
      signalFigure(t, signal.result, signal.theory),
      gradientFigure(t, result, theory),
      deadFigure(t, signal.result),
    ];
    if (trace.length > 1) list.push(trainingFigure(t, thinTrace(trace)));
    if (trace.length > 1 && result.experiment.act === 'hybrid') list.push(knobFigure(t, thinTrace(trace)));
    if (histograms) list.push(distributionFigure(t, histograms));
    return list;
  }, [t, runs, comparing, main.label, result, trace, theory, histograms, signalRuns]);
  const tasks = useMemo(() => taskPanels(t, runs, runs.length > 1 || comparing), [t, runs, comparing]);
  // With a data set the training curves (loss, accuracy, dead units) come right after the task's panels.
  const dataSet = runs.some((r) => r.result.experiment.data !== 'none');
  const ordered = useMemo(
    () =>
      dataSet
        ? [...figures.filter((f) => f.id === 'training'), ...figures.filter((f) => f.id !== 'training')]
        : figures,
    [dataSet, figures],
  );
  const secondary = live && dataSet ? LIVE_SECONDARY_MS : 0;
  const histogram = useMemo(() => {
    if (!histograms) return null;
    const figure = layerHistogramFigure(t, histograms, layer);
    return runs.length > 1 || comparing ? ofMainRun(t, figure, main.label) : figure;
  }, [t, histograms, layer, runs.length, comparing, main.label]);
  return (
    <div className="charts">
      {tasks.map((panel) =>
        panel.kind === 'digits' ? (
          <DigitsGrid key="digits" view={panel.view} title={panel.title} />
        ) : (
          <Chart key={panel.figure.id} figure={panel.figure} />
        ),
      )}
      {ordered.map((f) => (
        <Chart key={f.id} figure={f} minIntervalMs={secondary} />
      ))}
      {histogram && (
        <div className="chart-with-control">
          <label htmlFor={inputId}>{t('chart.histLayer')}</label>{' '}
          <input
            id={inputId}
            type="number"
            min={1}
            max={depth}
            value={layer}
            onChange={(e) => e.target.value !== '' && setChosen(Number(e.target.value))}
          />
          <Chart figure={histogram} minIntervalMs={secondary} />
        </div>
      )}
    </div>
  );
});

/**
 * The charts of compared runs: every run on each per-layer and training chart (the main run's forward
 * statistics ahead of its gradients, as for one run); the activation distribution is the main run's.
 */
function compareFigures(t: Translate, runs: readonly ChartRun[], early: readonly ChartRun[]): Figure[] {
  const list = [signalCompareFigure(t, early), gradientCompareFigure(t, runs), deadCompareFigure(t, early)];
  const thinned = runs.map((r) => ({ ...r, trace: thinTrace(r.trace) }));
  if (runs.some((r) => r.trace.length > 1)) list.push(trainingCompareFigure(t, thinned));
  if (runs.some((r) => r.trace.length > 1 && r.result.experiment.act === 'hybrid'))
    list.push(knobCompareFigure(t, thinned));
  return list;
}

/** A figure of the main run only, titled so when runs are compared. */
function ofMainRun(t: Translate, figure: Figure, label: string): Figure {
  return { ...figure, title: t('chart.mainRun', { title: figure.title, label }) };
}
