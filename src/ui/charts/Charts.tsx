/**
 * The grid of charts for one run: signal, gradient, dead units, the activation distribution (when the engine
 * reads activations back) and, once trained, the training curves.
 */
import { memo, useId, useMemo, useState } from 'react';
import type { RunResult } from '../../engine/experiment';
import type { ActivationHistograms } from '../../engine/histogram';
import type { TracePoint } from '../../engine/protocol';
import type { TheoryPrediction } from '../../theory/report';
import { useT } from '../i18n';
import { Chart } from './Chart';
import {
  deadFigure,
  distributionFigure,
  gradientFigure,
  knobFigure,
  layerHistogramFigure,
  signalFigure,
  trainingFigure,
} from './figures';

interface Props {
  readonly result: RunResult;
  /**
   * A newer pass's forward statistics (and their theory), drawn in the signal chart (mean and variance) and the
   * dead units ahead of `result`; the gradient chart waits for the whole pass.
   */
  readonly early?: { readonly result: RunResult; readonly theory?: TheoryPrediction };
  readonly trace: readonly TracePoint[];
  readonly theory?: TheoryPrediction;
  readonly histograms?: ActivationHistograms;
}

/** Memoized: moving a control re-renders the page, but the charts only when their data changed. */
export const Charts = memo(function Charts({ result, trace, theory, histograms, early }: Props) {
  const t = useT();
  const inputId = useId();
  const depth = result.layers.length;
  const [chosen, setChosen] = useState(1);
  const layer = Math.min(Math.max(1, chosen), depth);
  const figures = useMemo(() => {
    const signal = early ?? { result, theory };
    const list = [
      signalFigure(t, signal.result, signal.theory),
      gradientFigure(t, result, theory),
      deadFigure(t, signal.result),
    ];
    if (trace.length > 1) list.push(trainingFigure(t, trace));
    if (trace.length > 1 && result.experiment.act === 'hybrid') list.push(knobFigure(t, trace));
    if (histograms) list.push(distributionFigure(t, histograms));
    return list;
  }, [t, result, trace, theory, histograms, early]);
  const histogram = useMemo(
    () => (histograms ? layerHistogramFigure(t, histograms, layer) : null),
    [t, histograms, layer],
  );
  return (
    <div className="charts">
      {figures.map((f) => (
        <Chart key={f.id} figure={f} />
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
          <Chart figure={histogram} />
        </div>
      )}
    </div>
  );
});
