/** The grid of charts for one run: signal, gradient, dead units, and (once trained) the training curves. */
import { useMemo } from 'react';
import type { RunResult } from '../../engine/experiment';
import type { TracePoint } from '../../engine/protocol';
import type { TheoryReport } from '../../theory/report';
import { useT } from '../i18n';
import { Chart } from './Chart';
import {
  deadFigure,
  gradientFigure,
  knobFigure,
  meanFigure,
  trainingFigure,
  varianceFigure,
} from './figures';

interface Props {
  readonly result: RunResult;
  readonly trace: readonly TracePoint[];
  readonly theory?: TheoryReport;
}

export function Charts({ result, trace, theory }: Props) {
  const t = useT();
  const figures = useMemo(() => {
    const list = [
      meanFigure(t, result, theory),
      varianceFigure(t, result, theory),
      gradientFigure(t, result, theory),
      deadFigure(t, result),
    ];
    if (trace.length > 1) list.push(trainingFigure(t, trace));
    if (trace.length > 1 && result.experiment.act === 'hybrid') list.push(knobFigure(t, trace));
    return list;
  }, [t, result, trace, theory]);
  return (
    <div className="charts">
      {figures.map((f) => (
        <Chart key={f.id} figure={f} />
      ))}
    </div>
  );
}
