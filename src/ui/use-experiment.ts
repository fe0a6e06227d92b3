/**
 * The experiment and page settings as React state, read once from the URL and written back to it (debounced
 * `replaceState`) after every change. Every change goes through parse(serialize(…)), the same restore path as
 * a link, so the state is always valid and clamped exactly as a link would be.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { defaultAlpha } from '../engine/activations';
import type { Experiment } from '../engine/experiment';
import { DEFAULT_EXPERIMENT, parse, serialize, type ParseWarning, type ViewSettings } from '../state';
import { stepPreset } from './lessons/presets';

/** Milliseconds between the last change and the URL update. */
export const URL_DEBOUNCE_MS = 250;

export interface ExperimentState {
  readonly experiment: Experiment;
  readonly view: ViewSettings;
  /** Problems of the link the page was opened with. */
  readonly warnings: readonly ParseWarning[];
  readonly updateExperiment: (change: Partial<Experiment>) => void;
  readonly updateView: (change: Partial<ViewSettings>) => void;
  /** Replaces the whole experiment (a lesson step's preset). */
  readonly replaceExperiment: (experiment: Experiment) => void;
}

/** The next experiment after a change. Switching activation keeps a custom α but moves a default one along. */
export function applyChange(
  current: Experiment,
  view: ViewSettings,
  change: Partial<Experiment>,
): Experiment {
  const next = { ...current, ...change };
  if (change.act && change.alpha === undefined && current.alpha === defaultAlpha(current.act)) {
    next.alpha = defaultAlpha(change.act);
  }
  return parse(serialize(next, view)).experiment;
}

/**
 * A link that opens a scene but names no experiment (`?lesson=selu`, typed by a teacher) starts from that
 * step's preset; a link that carries an experiment keeps it exactly.
 */
function withLessonPreset(experiment: Experiment, view: ViewSettings): Experiment {
  if (
    view.lesson === 'none' ||
    view.lesson === 'index' ||
    serialize(experiment) !== serialize(DEFAULT_EXPERIMENT)
  ) {
    return experiment;
  }
  return stepPreset(view.lesson, view.step) ?? experiment;
}

export function useExperimentState(search: string): ExperimentState {
  const initial = useMemo(() => parse(search), [search]);
  const [experiment, setExperiment] = useState(() => withLessonPreset(initial.experiment, initial.view));
  const [view, setView] = useState(initial.view);

  const updateExperiment = useCallback(
    (change: Partial<Experiment>) => setExperiment((current) => applyChange(current, view, change)),
    [view],
  );
  const updateView = useCallback(
    (change: Partial<ViewSettings>) =>
      setView((current) => parse(serialize(experiment, { ...current, ...change })).view),
    [experiment],
  );

  useEffect(() => {
    const timer = setTimeout(() => {
      const query = `?${serialize(experiment, view)}`;
      if (window.location.search !== query) window.history.replaceState(window.history.state, '', query);
    }, URL_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [experiment, view]);

  const replaceExperiment = useCallback(
    (next: Experiment) => setExperiment(parse(serialize(next)).experiment),
    [],
  );

  return { experiment, view, warnings: initial.warnings, updateExperiment, updateView, replaceExperiment };
}
