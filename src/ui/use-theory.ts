/**
 * The theory, computed in its own Worker: `useTheory(kind, request)` returns the latest answer for the latest
 * request of that kind (older answers are ignored), or an error message.
 */
import { useEffect, useState } from 'react';
import type { Experiment } from '../engine/experiment';
import type { RunUpdate } from '../engine/protocol';
import { serialize } from '../state';
import type { TheoryPrediction } from '../theory/report';
import type { TheoryRequest, TheoryResponse } from '../theory/protocol';

type Kind = TheoryRequest['type'];
type Answer<K extends Kind> = Extract<TheoryResponse, { type: K }>;
type Listener = (response: TheoryResponse) => void;

let worker: Worker | undefined;
const listeners = new Map<number, Listener>();
let nextId = 1;

function theoryWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('../theory/worker.ts', import.meta.url), { type: 'module', name: 'theory' });
    worker.onmessage = (event: MessageEvent<TheoryResponse>) => {
      listeners.get(event.data.id)?.(event.data);
      listeners.delete(event.data.id);
    };
  }
  return worker;
}

/** Distributes Omit over a union. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** An answer, or the error, and the key of the request it answers. */
export interface TheoryAnswer<K extends Kind> {
  readonly answer: Answer<K> | null;
  readonly error: string | null;
  readonly key: string | null;
}

/** Asks the theory Worker once, outside React (the console API); rejects with the Worker's error. */
export function askTheory<K extends Kind>(
  request: WithoutId<Extract<TheoryRequest, { type: K }>>,
): Promise<Answer<K>> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    listeners.set(id, (response) =>
      response.type === 'error' ? reject(new Error(response.message)) : resolve(response as Answer<K>),
    );
    theoryWorker().postMessage({ ...request, id });
  });
}

/** The answer to `request` (null while computing or when `request` is null); `key` says when to recompute. */
export function useTheory<K extends Kind>(
  request: WithoutId<Extract<TheoryRequest, { type: K }>> | null,
  key: string,
): TheoryAnswer<K> {
  const [state, setState] = useState<TheoryAnswer<K>>({ answer: null, error: null, key: null });
  useEffect(() => {
    if (!request) return;
    const id = nextId++;
    let live = true;
    listeners.set(id, (response) => {
      if (!live) return;
      if (response.type === 'error') setState({ answer: null, error: response.message, key });
      else setState({ answer: response as Answer<K>, error: null, key });
    });
    theoryWorker().postMessage({ ...request, id });
    return () => {
      live = false;
    };
    // `key` identifies the request; the request object itself is rebuilt on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

/** The experiment the theory describes: at initialization (training steps and the seed do not change it). */
export function atInit(experiment: Experiment): Experiment {
  return { ...experiment, steps: 0, seed: 1 };
}

/** The theory request's key for an experiment. */
export function theoryKey(experiment: Experiment): string {
  return serialize(atInit(experiment));
}

/** The theory request's key for a list of runs. */
export function theoryListKey(experiments: readonly Experiment[]): string {
  return experiments.map(theoryKey).join('|');
}

/** The experiments of an update's runs: the main run's first. */
export function updateExperiments(update: RunUpdate): Experiment[] {
  return [update.result.experiment, ...update.compare.map((c) => c.result.experiment)];
}

/**
 * The theory's prediction of each run on screen, paired run by run: a run's prediction changes only when the
 * report answers that run's experiment, so a new α redraws the charts once (result and prediction together),
 * not twice, and a main run drawn ahead of its compared runs (compareFollows) gets its own new prediction while
 * the compared runs keep theirs. Undefined for a run whose report failed.
 */
export function usePairedTheory(
  update: RunUpdate | null,
  theory: TheoryAnswer<'predictions'>,
): readonly (TheoryPrediction | undefined)[] | undefined {
  const [paired, setPaired] = useState<readonly (TheoryPrediction | undefined)[]>([]);
  if (!update) return undefined;
  const keys = theory.key?.split('|') ?? [];
  const answered = theory.answer !== null || theory.error !== null;
  const next = updateExperiments(update).map((e, i) =>
    answered && keys[i] === theoryKey(e) ? theory.answer?.predictions[i] : paired[i],
  );
  const same = next.length === paired.length && next.every((p, i) => p === paired[i]);
  // Adjusting state while rendering (React's pattern for derived state): no effect, no extra commit.
  if (!same) setPaired(next);
  return same ? paired : next;
}
