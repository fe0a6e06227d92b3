/**
 * The panels of data-set runs, first in the chart grid: the decision boundary of every run of a 2-D set (one
 * panel each, side by side, titled with the run's label when runs are compared); for the digits, the first
 * run's test images with its predictions, and each run's confusion matrix.
 */
import type { Translate } from '../i18n';
import type { ChartRun } from './compare-figures';
import type { Figure } from './figures';
import { boundaryFigure, confusionFigure } from './task-figures';
import type { DigitsView } from '../../engine/protocol';

/** One panel: a chart, or the digits' image grid. */
export type TaskPanel =
  | { readonly kind: 'chart'; readonly figure: Figure }
  | { readonly kind: 'digits'; readonly view: DigitsView; readonly title: string };

/** The task panels of `runs` (none when no run has a data set); `comparing` names each by its run's label. */
export function taskPanels(t: Translate, runs: readonly ChartRun[], comparing: boolean): TaskPanel[] {
  const panels: TaskPanel[] = [];
  const label = (run: ChartRun) => (comparing ? run.label : undefined);
  runs.forEach((run, i) => {
    if (run.task?.kind === 'boundary')
      panels.push({ kind: 'chart', figure: boundaryFigure(t, run.task, label(run), i) });
  });
  const digits = runs.find((r) => r.task?.kind === 'digits');
  if (digits?.task?.kind === 'digits') {
    const title = t('digits.title');
    panels.push({
      kind: 'digits',
      view: digits.task,
      title: comparing ? t('chart.mainRun', { title, label: digits.label }) : title,
    });
  }
  runs.forEach((run, i) => {
    if (run.task?.kind === 'digits')
      panels.push({ kind: 'chart', figure: confusionFigure(t, run.task, label(run), i) });
  });
  return panels;
}
