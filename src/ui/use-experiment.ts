/**
 * The experiment and page settings as React state, read once from the URL and written back to it (debounced
 * `replaceState`) after every change. Every change goes through parse(serialize(…)), the same restore path as
 * a link, so the state is always valid and clamped exactly as a link would be.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { defaultAlpha } from '../engine/activations';
import type { Experiment } from '../engine/experiment';
import type { SweepSpec } from '../engine/sweep/types';
import {
  DEFAULT_EXPERIMENT,
  DEFAULT_VIEW,
  experimentWith,
  parse,
  serialize,
  type Overrides,
  type ParseWarning,
  type ViewSettings,
} from '../state';
import { stepPreset, type Preset } from './lessons/presets';
import { networkForTask } from './task-network';

/** Milliseconds between the last change and the URL update. */
export const URL_DEBOUNCE_MS = 250;

export interface ExperimentState {
  readonly experiment: Experiment;
  /** The compared runs (`vs`), as overrides of `experiment`: they follow every key they do not override. */
  readonly compare: readonly Overrides[];
  readonly view: ViewSettings;
  /** The sweep (`sx`, `sy`, `metric`) the sweep view shows, or null when it is closed. */
  readonly sweep: SweepSpec | null;
  /** Problems of the link the page was opened with. */
  readonly warnings: readonly ParseWarning[];
  readonly updateExperiment: (change: Partial<Experiment>) => void;
  readonly updateView: (change: Partial<ViewSettings>) => void;
  /** Replaces the compared runs. */
  readonly updateCompare: (compare: readonly Overrides[]) => void;
  /** Replaces the experiment, its compared runs and the sweep (a lesson step's preset). */
  readonly replaceRuns: (preset: Preset) => void;
  /** Opens the sweep view on a sweep, or closes it (null). */
  readonly updateSweep: (sweep: SweepSpec | null) => void;
}

/**
 * The next experiment after a change. Switching activation keeps a custom α but moves a default one along;
 * switching the task (data set) does the same with the loss, and sets the network suited to the task when the
 * network was still the default size or the previous task's (task-network.ts).
 */
export function applyChange(
  current: Experiment,
  view: ViewSettings,
  change: Partial<Experiment>,
): Experiment {
  const next = { ...current, ...change };
  if (change.act && change.alpha === undefined && current.alpha === defaultAlpha(current.act)) {
    next.alpha = defaultAlpha(change.act);
  }
  if (change.data !== undefined && change.data !== current.data) {
    if (change.loss === undefined && current.loss === experimentWith({ data: current.data }).loss)
      next.loss = experimentWith({ data: change.data }).loss;
    const size = networkForTask(current, change.data);
    if (size)
      for (const key of NETWORK_KEYS)
        if (change[key] === undefined && size[key] !== undefined) next[key] = size[key];
  }
  return parse(serialize(next, view)).experiment;
}

const NETWORK_KEYS = ['depth', 'width', 'batch', 'lr'] as const;

/**
 * A link that opens a scene but names no experiment (`?lesson=selu`, typed by a teacher) starts from that
 * step's preset, compared runs included; a link that carries an experiment or compared runs keeps them exactly.
 */
function withLessonPreset(runs: Preset, view: ViewSettings): Preset {
  if (
    view.lesson === 'none' ||
    view.lesson === 'index' ||
    runs.compare.length > 0 ||
    runs.sweep !== null ||
    serialize(runs.experiment) !== serialize(DEFAULT_EXPERIMENT)
  ) {
    return runs;
  }
  return stepPreset(view.lesson, view.step) ?? runs;
}

export function useExperimentState(search: string): ExperimentState {
  const initial = useMemo(() => parse(search), [search]);
  const [start] = useState(() => withLessonPreset(initial, initial.view));
  const [experiment, setExperiment] = useState(start.experiment);
  const [compare, setCompare] = useState(start.compare);
  const [sweep, setSweep] = useState(start.sweep);
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
      const query = `?${serialize(experiment, view, compare, sweep)}`;
      if (window.location.search !== query) window.history.replaceState(window.history.state, '', query);
    }, URL_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [experiment, view, compare, sweep]);

  // Through the link's restore path, as every change: the runs are always what their link would read as.
  const replaceRuns = useCallback((next: Preset) => {
    const read = parse(serialize(next.experiment, DEFAULT_VIEW, next.compare, next.sweep));
    setExperiment(read.experiment);
    setCompare(read.compare);
    setSweep(read.sweep);
  }, []);
  // A sweep comes from the form (read by parse already), a lesson or the phase diagram: kept as given.
  const updateSweep = useCallback((next: SweepSpec | null) => setSweep(next), []);
  const updateCompare = useCallback(
    (next: readonly Overrides[]) =>
      setCompare(parse(serialize(DEFAULT_EXPERIMENT, DEFAULT_VIEW, next)).compare),
    [],
  );

  return {
    experiment,
    compare,
    view,
    sweep,
    warnings: initial.warnings,
    updateExperiment,
    updateView,
    updateCompare,
    replaceRuns,
    updateSweep,
  };
}
