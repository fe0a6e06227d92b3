/**
 * The runs on screen as the charts and tables take them: each measured run with its label, its theory and its
 * training trace. Labels are those of the runs the engine measured (not of the controls' newest state), so a
 * chart never names a run by another one's label while a newer run computes.
 */
import { useMemo } from 'react';
import type { TracePoint } from '../engine/protocol';
import type { RunUpdate } from '../engine/protocol';
import { runLabels } from '../state';
import type { TheoryPrediction } from '../theory/report';
import type { ChartRun } from './charts/compare-figures';
import type { Experiment } from '../engine/experiment';
import type { ForwardPass } from './use-engine';
import { theoryListKey, updateExperiments, type TheoryAnswer } from './use-theory';

/** Null until the first update; the same array while the update, traces and theories stay the same. */
export function useChartRuns(
  update: RunUpdate | null,
  traces: readonly (readonly TracePoint[])[],
  theories: readonly (TheoryPrediction | undefined)[] | undefined,
): readonly ChartRun[] | null {
  return useMemo(() => {
    if (!update) return null;
    const labels = runLabels(updateExperiments(update));
    const results = [update.result, ...update.compare.map((c) => c.result)];
    const tasks = [update.task, ...update.compare.map((c) => c.task)];
    return results.map((result, i) => ({
      label: labels[i],
      result,
      theory: theories?.[i],
      trace: traces[i] ?? [],
      task: tasks[i],
    }));
  }, [update, traces, theories]);
}

/**
 * The runs as a pass still running backward shows them: the main run's forward statistics (its gradients still
 * the previous ones), and the compared runs' results of this pass when the Worker knew them all, else their
 * previous ones. Only once the pass's own theory is there (else the signal charts would be drawn twice: with
 * the old prediction, then the new one); undefined otherwise.
 */
export function useEarlyRuns(
  forward: ForwardPass | null,
  runs: readonly ChartRun[] | null,
  theory: TheoryAnswer<'predictions'>,
  compared: readonly Experiment[],
): readonly ChartRun[] | undefined {
  const ready =
    forward !== null &&
    runs !== null &&
    theory.key === theoryListKey([forward.result.experiment, ...compared]) &&
    (theory.answer !== null || theory.error !== null);
  const predictions = theory.answer?.predictions;
  return useMemo(() => {
    if (!ready) return undefined;
    const known = forward.compare?.length === runs.length - 1 ? forward.compare : undefined;
    const results = [forward.result, ...runs.slice(1).map((r, i) => known?.[i] ?? r.result)];
    const labels = runLabels(results.map((r) => r.experiment));
    return results.map((result, i) => ({
      label: labels[i],
      result,
      theory: i === 0 || known ? predictions?.[i] : runs[i].theory,
      trace: runs[i].trace,
      task: runs[i].task,
    }));
  }, [ready, forward, runs, predictions]);
}
