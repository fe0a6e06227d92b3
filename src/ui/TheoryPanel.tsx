/**
 * The theory beside the measurement: the phase diagram (drag or click to set σ_w² and σ_b², written back to
 * the URL as a custom init) and, for SELU, the (μ, ν) plane. Computed in the theory Worker once opened.
 */
import { useState } from 'react';
import { activationOf } from '../engine/activations';
import type { Experiment, RunResult } from '../engine/experiment';
import type { SweepSpec } from '../engine/sweep/types';
import { sigmaW2 } from '../engine/init';
import { serialize } from '../state';
import { Chart } from './charts/Chart';
import { phaseFigure, seluFigure } from './charts/theory-figures';
import { useT } from './i18n';
import { useTheory } from './use-theory';

interface Props {
  readonly experiment: Experiment;
  readonly result: RunResult;
  readonly onExperiment: (change: Partial<Experiment>) => void;
  /** Opens the panel at first (the SELU scene). */
  readonly initiallyOpen?: boolean;
  /** "Measure this diagram": runs a σ_w × σ_b sweep over the diagram's range at the current activation. */
  readonly onMeasure?: (sweep: SweepSpec) => void;
}

/** Points per axis of the sweep that measures the phase diagram. */
const MEASURE_POINTS = 16;

/**
 * The sweep over the phase diagram's range: σ_w and σ_b (the sweep's axes are standard deviations; the diagram's
 * are variances) from the square roots of its ends, coloured by the measured χ.
 */
export function diagramSweep(sw2: readonly number[], sb2: readonly number[]): SweepSpec {
  const root = (v: number) => Number(Math.sqrt(Math.max(0, v)).toPrecision(3));
  const axis = (key: 'sw' | 'sb', values: readonly number[]) => ({
    key,
    from: root(values[0]),
    to: root(values[values.length - 1]),
    n: MEASURE_POINTS,
    log: false,
  });
  return { x: axis('sw', sw2), y: axis('sb', sb2), metric: 'chi' };
}

export function TheoryPanel({ experiment, result, onExperiment, initiallyOpen = false, onMeasure }: Props) {
  const t = useT();
  const [open, setOpen] = useState(initiallyOpen);
  const act = activationOf(experiment).params;
  const sw2 = sigmaW2(experiment.init, experiment.sw, experiment.width, experiment.width);
  const phase = useTheory<'phase'>(open ? { type: 'phase', act } : null, `${open}|${JSON.stringify(act)}`);
  const isSelu = experiment.act === 'selu';
  const selu = useTheory<'selu'>(
    open && isSelu ? { type: 'selu', alpha: experiment.alpha, lambda: experiment.lambda, tau: sw2 } : null,
    `${open}|${experiment.alpha}|${experiment.lambda}|${sw2}`,
  );
  const report = useTheory<'prediction'>(
    open && isSelu ? { type: 'prediction', experiment: { ...experiment, depth: 1 } } : null,
    `${open}|${serialize({ ...experiment, depth: 1 })}`,
  );
  const pick = (x: number, y: number) =>
    onExperiment({
      init: 'custom',
      sw: +Math.sqrt(Math.max(0, x)).toFixed(4),
      sb: +Math.sqrt(Math.max(0, y)).toFixed(4),
    });
  const fixedPoint = report.answer?.prediction.selu?.fixedPoint;

  return (
    <details
      className="theory-panel"
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary>{t('theory.title')}</summary>
      {open && (
        <div className="charts">
          {phase.error && <p role="alert">{t('theory.failed', { message: phase.error })}</p>}
          {phase.answer ? (
            <div>
              <Chart figure={phaseFigure(t, phase.answer.phase, sw2, experiment.sb ** 2)} onPick={pick} />
              {onMeasure && (
                <p>
                  <button
                    type="button"
                    data-testid="measure-diagram"
                    onClick={() => onMeasure(diagramSweep(phase.answer!.phase.sw2, phase.answer!.phase.sb2))}
                  >
                    {t('sweep.measureDiagram')}
                  </button>
                </p>
              )}
            </div>
          ) : (
            <p role="status">{t('theory.computing')}</p>
          )}
          {isSelu && selu.answer && fixedPoint && fixedPoint[0] !== null && fixedPoint[1] !== null && (
            <Chart figure={seluFigure(t, selu.answer.field, result, [fixedPoint[0], fixedPoint[1]])} />
          )}
        </div>
      )}
    </details>
  );
}
