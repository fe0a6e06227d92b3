/**
 * The sweep view: a grid of experiments that differ in one or two keys (`sx`, `sy`), each coloured by one
 * measured number (`metric`), with the theory's edge of chaos over it and the current experiment as a ring.
 * Cells fill in as the sweep Worker measures them; clicking one opens its experiment in the rest of the page.
 * A sweep the page is asked to run (a link, a lesson step, "Measure this diagram", Run) runs at once; moving the
 * page's other settings afterwards does not rerun it (a sweep takes seconds): the view says its grid is out of
 * date and offers Run.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Experiment } from '../../engine/experiment';
import { sigmaW2 } from '../../engine/init';
import type { EngineChoice } from '../../engine/protocol';
import type { SweepGrid, SweepKey, SweepSpec } from '../../engine/sweep/types';
import { axisValues, serializeSweep, sweepGrid, sweepKey } from '../../state';
import { sweepHasTheory } from '../../theory/sweep';
import { engineReason } from '../EngineStatusPanel';
import { useT, type MessageKey, type Translate } from '../i18n';
import { theoryListKey, useTheory } from '../use-theory';
import { formatValue } from './scale';
import { summarise } from './summary';
import { SweepForm } from './SweepForm';
import { SweepPlot } from './SweepPlot';
import type { SweepPlotInput } from './sweep-plot';
import { chiGrid, theoryExperiments, theoryGrid } from './theory-grid';
import { useSweep } from './use-sweep';

interface Props {
  readonly experiment: Experiment;
  readonly spec: SweepSpec;
  readonly backend: EngineChoice;
  /** Changes whenever the page asks for the sweep to run (0: not yet asked). */
  readonly runRequest: number;
  /** The form's Run: the new sweep (the page puts it in the URL and asks for a run). */
  readonly onRun: (spec: SweepSpec) => void;
  /** Opens a cell's experiment in the page: the keys where it differs from the current one. */
  readonly onExperiment: (change: Partial<Experiment>) => void;
  readonly onClose: () => void;
}

/** The section's element id (the controls' and the phase diagram's buttons scroll to it). */
export const SWEEP_SECTION_ID = 'sweep';

export function SweepSection({ experiment, spec, backend, runRequest, onRun, onExperiment, onClose }: Props) {
  const t = useT();
  const headingId = useId();
  const summaryId = useId();
  const { run, start, cancel } = useSweep();
  const sectionRef = useRef<HTMLElement>(null);
  // What identifies the grid the experiment and spec make, without making it (up to 4,096 cells, each read
  // through parse(): the grid is built only when a sweep starts).
  const currentKey = useMemo(() => sweepKey(experiment, spec), [experiment, spec]);

  // The newest request runs the sweep of the experiment and spec of that render.
  const latest = useRef({ experiment, spec, backend, currentKey });
  useEffect(() => {
    latest.current = { experiment, spec, backend, currentKey };
  });
  const [measuredKey, setMeasuredKey] = useState<string | null>(null);
  useEffect(() => {
    const { experiment, spec, backend, currentKey } = latest.current;
    if (runRequest === 0) return;
    setMeasuredKey(currentKey);
    start(sweepGrid(experiment, spec), spec, backend);
  }, [runRequest, start]);

  const grid = run.grid;
  const stale = grid !== null && measuredKey !== currentKey;

  const theoryCells = useMemo(() => (grid ? theoryExperiments(grid) : []), [grid]);
  const theoryKey = useMemo(() => theoryListKey(theoryCells), [theoryCells]);
  const theory = useTheory<'predictions'>(
    grid ? { type: 'predictions', experiments: theoryCells } : null,
    `sweep|${theoryKey}`,
  );
  const predictions = theory.key === `sweep|${theoryKey}` ? theory.answer?.predictions : undefined;
  const hasTheory = grid !== null && sweepHasTheory(grid);
  const theoryValues = useMemo(
    () => (grid && predictions && hasTheory ? theoryGrid(grid, predictions, grid.metric) : null),
    [grid, predictions, hasTheory],
  );
  const chi = useMemo(() => (grid && predictions ? chiGrid(grid, predictions) : null), [grid, predictions]);

  const position = grid ? place(experiment, grid) : null;
  const text = useMemo(
    () => ({
      xTitle: grid ? axisName(t, grid.x.key) : '',
      yTitle: grid?.y ? axisName(t, grid.y.key) : '',
      metric: grid ? t(`sweep.metric.${grid.metric}`) : '',
      measured: t('sweep.measured'),
      theory: t('sweep.theory'),
      edge: t('sweep.edge'),
      current: t('sweep.current'),
      pending: t('sweep.pending'),
      undefinedValue: t('sweep.undefined'),
    }),
    [t, grid],
  );
  const input: SweepPlotInput | null = useMemo(
    () =>
      grid && {
        x: grid.x,
        y: grid.y,
        xLog: run.spec?.x.log ?? false,
        yLog: run.spec?.y?.log ?? false,
        metric: grid.metric,
        measured: run.values,
        theory: theoryValues,
        chi,
        current: position,
        text,
      },
    // `position` is compared by value (a new object every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [grid, run.values, run.spec, theoryValues, chi, position?.x, position?.y, text],
  );
  const revision = `${run.startedAt}|${run.done}|${theoryValues !== null}|${chi !== null}|${position?.x}|${position?.y}|${t('sweep.measured')}`;

  // When the first complete row was drawn, in ms after the sweep started (a measure for the page's speed).
  const [firstRow, setFirstRow] = useState<{ startedAt: number; ms: number } | null>(null);
  const firstRowMs = firstRow?.startedAt === run.startedAt ? firstRow.ms : null;
  const onDrawn = (drawn: SweepPlotInput) => {
    if (firstRowMs !== null || drawn.measured !== run.values) return;
    if (drawn.measured.some((row) => row.length > 0 && row.every((v) => v !== undefined))) {
      setFirstRow({ startedAt: run.startedAt, ms: performance.now() - run.startedAt });
    }
  };

  const aboutOne = grid?.metric === 'chi' || grid?.metric === 'var';
  const summary = grid ? summarise(grid.x.values, run.values, theoryValues, aboutOne) : null;
  const openCell = (row: number, column: number) => {
    const cell = grid?.cells[row]?.[column];
    if (!cell) return;
    const change: Partial<Record<keyof Experiment, unknown>> = {};
    for (const key of Object.keys(cell) as (keyof Experiment)[])
      if (cell[key] !== experiment[key]) change[key] = cell[key];
    onExperiment(change as Partial<Experiment>);
  };

  return (
    <section
      ref={sectionRef}
      id={SWEEP_SECTION_ID}
      className="sweep"
      aria-labelledby={headingId}
      data-state={run.status}
      data-done={run.done}
      data-total={run.total}
      data-ms={run.ms ?? undefined}
      data-wall-ms={run.wallMs ?? undefined}
      data-first-row-ms={firstRowMs ?? undefined}
      data-engine={run.engine?.kind}
      tabIndex={-1}
    >
      <div className="chart-header">
        <h2 id={headingId}>{t('sweep.title')}</h2>
        <button type="button" onClick={onClose}>
          {t('sweep.close')}
        </button>
      </div>
      <p className="note">{t('sweep.intro')}</p>
      <SweepForm
        key={serializeSweep(spec)}
        experiment={experiment}
        spec={spec}
        running={run.status === 'running'}
        onRun={onRun}
        onCancel={cancel}
      />
      {spec.metric === 'chi' && experiment.loss !== 'probe' && experiment.data === 'none' && (
        <p className="note" data-testid="sweep-probe-hint">
          {t('sweep.probeHint')}{' '}
          <button type="button" onClick={() => onExperiment({ loss: 'probe' })}>
            {t('sweep.useProbe')}
          </button>
        </p>
      )}
      <div className="sweep-status" aria-live="polite">
        {run.status === 'running' && (
          <p>
            <label>
              {t('sweep.progress', { done: run.done, total: run.total })}{' '}
              <progress max={run.total} value={run.done} />
            </label>
          </p>
        )}
        {run.engine && (
          <p data-testid="sweep-engine">
            {t('sweep.engine', {
              kind: t(`backend.${run.engine.kind}`),
              reason: engineReason(t, run.engine),
            })}
          </p>
        )}
        {run.status === 'done' && run.ms !== null && (
          <p role="status">
            {/* The page's clock for both figures (the Worker's own time, run.ms, starts after it has started). */}
            {t('sweep.finished', { total: run.total, seconds: ((run.wallMs ?? run.ms) / 1000).toFixed(1) })}
            {firstRowMs !== null && ` ${t('sweep.firstRow', { seconds: (firstRowMs / 1000).toFixed(1) })}`}
          </p>
        )}
        {run.status === 'cancelled' && (
          <p role="status">{t('sweep.cancelled', { done: run.done, total: run.total })}</p>
        )}
        {run.status === 'failed' && (
          <p role="alert" className="error">
            {t('sweep.failed', { message: run.message ?? '' })}
          </p>
        )}
        {stale && run.status !== 'running' && (
          <p data-testid="sweep-stale">
            {t('sweep.stale')}{' '}
            <button type="button" onClick={() => onRun(spec)}>
              {t('sweep.runAgain')}
            </button>
          </p>
        )}
        {run.status === 'idle' && (
          <p>
            {t('sweep.ready', {
              total: axisValues(spec.x).length * (spec.y ? axisValues(spec.y).length : 1),
            })}
          </p>
        )}
      </div>
      {grid && input && (
        <>
          <SweepPlot
            input={input}
            revision={revision}
            describedBy={summaryId}
            label={t('sweep.plotLabel', { metric: text.metric, x: text.xTitle, y: text.yTitle || '–' })}
            onCell={openCell}
            onDrawn={onDrawn}
          />
          <p id={summaryId} className="note" data-testid="sweep-summary">
            {summaryText(t, text.metric, text.xTitle, summary)}{' '}
            {t(!grid.y ? 'sweep.howToLine' : aboutOne ? 'sweep.howToMap' : 'sweep.howToMapOther')}
            {!hasTheory && ` ${t('sweep.noTheory')}`}
          </p>
        </>
      )}
    </section>
  );
}

/** An axis's name: σ_w and σ_b as in the formulas, every other key by its control's label. */
function axisName(t: Translate, key: SweepKey): string {
  if (key === 'sw') return 'σ_w';
  if (key === 'sb') return 'σ_b';
  return t(`field.${key}` as MessageKey);
}

/** The current experiment's place on the grid's axes (σ_w as its weights have it, whatever the scheme). */
function place(e: Experiment, grid: SweepGrid): { x: number; y: number | null } {
  const value = (key: SweepKey) =>
    key === 'sw' ? Math.sqrt(sigmaW2(e.init, e.sw, e.width, e.width)) : (e[key] as number);
  return { x: value(grid.x.key), y: grid.y ? value(grid.y.key) : null };
}

function summaryText(
  t: Translate,
  metric: string,
  x: string,
  s: ReturnType<typeof summarise> | null,
): string {
  if (!s || s.min === null || s.max === null) return t('sweep.summary.none');
  const parts = [
    t('sweep.summary.range', { metric, count: s.count, min: formatValue(s.min), max: formatValue(s.max) }),
  ];
  const span = (r: readonly [number, number]) =>
    r[0] === r[1] ? formatValue(r[0]) : `${formatValue(r[0])}–${formatValue(r[1])}`;
  if (s.measuredCrossing) parts.push(t('sweep.summary.cross', { metric, x, at: span(s.measuredCrossing) }));
  if (s.theoryCrossing) parts.push(t('sweep.summary.theoryCross', { metric, x, at: span(s.theoryCrossing) }));
  return parts.join(' ');
}
