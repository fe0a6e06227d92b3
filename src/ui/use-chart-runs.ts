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
import { updateExperiments } from './use-theory';

/** Null until the first update; the same array while the update, traces and theories stay the same. */
export function useChartRuns(
  update: RunUpdate | null,
  traces: readonly (readonly TracePoint[])[],
  theories: readonly TheoryPrediction[] | undefined,
): readonly ChartRun[] | null {
  return useMemo(() => {
    if (!update) return null;
    const labels = runLabels(updateExperiments(update));
    const results = [update.result, ...update.compare.map((c) => c.result)];
    // A theory answer for another number of runs (a run was just added or removed) is not drawn.
    const theory = theories?.length === results.length ? theories : undefined;
    return results.map((result, i) => ({
      label: labels[i],
      result,
      theory: theory?.[i],
      trace: traces[i] ?? [],
    }));
  }, [update, traces, theories]);
}
