/**
 * Runs the page's experiment in the engine Worker whenever it changes (the newest request cancels older ones),
 * and trains live while playing, accumulating the loss / dead-unit trace for the training charts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KernelProfile } from '../engine/backend';
import type { Experiment, ForwardLayerStats, RunResult } from '../engine/experiment';
import type { EngineChoice, RunUpdate, TracePoint } from '../engine/protocol';
import { serialize } from '../state';
import { EngineClient, StaleRunError, type PassProgress, type RunHandle } from './engine-client';

/** Time between two chart updates while training (10 refreshes a second when the page keeps up). */
export const LIVE_REPORT_MS = 100;
/**
 * The same with a data set: 12.5 refreshes a second, so the decision boundary keeps ≥ 10 a second when now
 * and then one is lost to a busy moment (the other charts redraw less often then: Charts' LIVE_SECONDARY_MS).
 */
export const LIVE_TASK_REPORT_MS = 80;

export type EngineStatus =
  | {
      readonly state: 'running';
      /** Training steps done of total (long runs). */
      readonly done?: number;
      readonly total?: number;
      /** How far the pass under way is, in passes that take seconds. */
      readonly pass?: PassProgress;
    }
  | { readonly state: 'cancelled' }
  | { readonly state: 'done' }
  | { readonly state: 'failed'; readonly message: string };

export interface EngineState {
  readonly status: EngineStatus;
  /** The latest measured pass (kept while a new run computes, so charts never blank). */
  readonly update: RunUpdate | null;
  /** The training trace of each run: the main run's first, then each compared run's. */
  readonly traces: readonly (readonly TracePoint[])[];
  /**
   * The measured pass's forward statistics, when they arrive before its full update: the previous update's
   * result with this experiment and these signal statistics (its gradients are still the previous ones).
   */
  readonly forward: ForwardPass | null;
  /** Stops the run in flight (the charts keep the last result). */
  readonly cancel: () => void;
  /** Per-kernel device times of one pass of the current experiment (WebGPU). */
  readonly profile: () => Promise<KernelProfile>;
}

/** A pass's early part: the main run's forward statistics, and the compared runs' results when known. */
export interface ForwardPass {
  /** The previous update's main result with this pass's experiment and forward statistics (withForward). */
  readonly result: RunResult;
  /** This pass's compared runs, when the Worker knew them all before the main run's backward pass. */
  readonly compare?: readonly RunResult[];
}

/**
 * `previous` with a newer pass's experiment and forward statistics (its gradients stay the previous ones), or
 * null when the depth changed (there is nothing to carry the gradients over from).
 */
export function withForward(
  previous: RunResult,
  experiment: Experiment,
  layers: readonly ForwardLayerStats[],
): RunResult | null {
  if (previous.layers.length !== layers.length) return null;
  return { ...previous, experiment, layers: layers.map((f, i) => ({ ...previous.layers[i], ...f })) };
}

/**
 * Each run's trace after an update: a new run's trace starts over, a live run's grows. `startsMain` and
 * `startsCompare`: whether this update is the first of the run for the main run and for the compared runs
 * (they can arrive in two messages: compareFollows). An update whose compared runs follow keeps their traces.
 */
function nextTraces(
  previous: readonly (readonly TracePoint[])[],
  update: RunUpdate,
  startsMain: boolean,
  startsCompare: boolean,
): (readonly TracePoint[])[] {
  const main = startsMain ? update.trace : [...(previous[0] ?? []), ...update.trace];
  if (update.compareFollows) return [main, ...previous.slice(1)];
  const compared = update.compare.map((c, i) =>
    startsCompare ? c.trace : [...(previous[i + 1] ?? []), ...c.trace],
  );
  return [main, ...compared];
}

/** The key of what a run computes: the engine asked for and every run's experiment. */
function runKey(backend: EngineChoice, experiments: readonly Experiment[]): string {
  return [backend, ...experiments.map((e) => serialize(e))].join('|');
}

/**
 * Runs `experiment` and its compared runs (`compare`) on one engine. When a live run is paused, the caller
 * records the step reached as the experiment's `steps`: the stats on screen are exactly those of that
 * experiment, so no re-run starts.
 */
export function useEngine(
  experiment: Experiment,
  compare: readonly Experiment[],
  backend: EngineChoice,
  playing: boolean,
): EngineState {
  const clientRef = useRef<EngineClient | null>(null);
  const shownKey = useRef<string>('');
  const [state, setState] = useState<Omit<EngineState, 'cancel' | 'profile'>>({
    status: { state: 'running' },
    update: null,
    traces: [],
    forward: null,
  });
  const handleRef = useRef<RunHandle | null>(null);
  const cancelled = useRef(false);
  const compareKey = compare.map((e) => serialize(e)).join('|');

  useEffect(() => {
    const client = new EngineClient();
    clientRef.current = client;
    return () => {
      client.dispose();
      clientRef.current = null;
    };
  }, []);

  useEffect(() => {
    const client = clientRef.current;
    if (!client) return;
    const key = runKey(backend, [experiment, ...compare]);
    // Pausing writes the step reached into the experiment; the stats on screen already belong to it.
    if (!playing && key === shownKey.current) {
      setState((s) => (s.status.state === 'running' ? { ...s, status: { state: 'done' } } : s));
      return;
    }
    setState((s) => ({ ...s, status: { state: 'running' } }));
    let first = true;
    let firstCompare = true;
    // Messages of a run this effect has stopped are dropped: a live update already on its way when Pause is
    // pressed would otherwise show a later step than the experiment now records (and say "running" forever).
    let active = true;
    const handle = client.start(experiment, backend, {
      compare,
      live: playing,
      reportMs: experiment.data === 'none' ? LIVE_REPORT_MS : LIVE_TASK_REPORT_MS,
      views: true,
      onProgress: (done, total, pass) => {
        if (active) setState((s) => ({ ...s, status: { state: 'running', done, total, pass } }));
      },
      onForward: (exp, layers, compared) => {
        if (!active) return;
        setState((s) => {
          const result = s.update ? withForward(s.update.result, exp, layers) : null;
          return result ? { ...s, forward: { result, compare: compared } } : s;
        });
      },
      onUpdate: (update) => {
        if (!active) return;
        shownKey.current = runKey(backend, [
          update.result.experiment,
          ...update.compare.map((c) => c.result.experiment),
        ]);
        // Read now: React calls the updater below later, after `first` has changed (it used to, and every α
        // step appended its pass to the previous experiments' trace: a "training" chart of points at step 0).
        const startsMain = first;
        first = false;
        const startsCompare = firstCompare && !update.compareFollows;
        if (!update.compareFollows) firstCompare = false;
        setState((s) => {
          // The main run's pass ahead of its compared runs: drawn beside the compared runs' previous results; on
          // the first pass alone (nothing to keep yet: the page's first chart waits for one run, not all); when
          // a run was just added or removed (the kept ones would be the wrong runs), the full update is awaited.
          const kept = s.update ? s.update.compare : [];
          if (update.compareFollows && s.update && kept.length !== compare.length) return s;
          let shown = update.compareFollows ? { ...update, compare: kept } : update;
          // Until this pass's histograms arrive, the distribution charts keep the previous ones (no flicker).
          if (update.histogramsFollow) shown = { ...shown, histograms: s.update?.histograms };
          return {
            forward: null,
            status: update.final ? { state: 'done' } : { state: 'running' },
            update: shown,
            traces: nextTraces(s.traces, update, startsMain, startsCompare),
          };
        });
      },
    });
    handleRef.current = handle;
    cancelled.current = false;
    handle.done.catch((error: Error) => {
      if (!(error instanceof StaleRunError)) {
        setState((s) => ({ ...s, status: { state: 'failed', message: error.message } }));
      } else if (cancelled.current) setState((s) => ({ ...s, status: { state: 'cancelled' } }));
    });
    return () => {
      active = false;
      handle.stop();
    };
    // `compareKey` stands for `compare`, whose array is rebuilt whenever the main experiment changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [experiment, compareKey, backend, playing]);

  const cancel = useCallback(() => {
    cancelled.current = true;
    handleRef.current?.stop();
  }, []);

  const profile = useCallback(() => {
    const client = clientRef.current;
    return client ? client.profile(backend) : Promise.reject(new Error('the engine is not running'));
  }, [backend]);
  return { ...state, cancel, profile };
}
