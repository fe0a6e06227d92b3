/** Constrained training runs of scene 5, computed in the lessons' Worker (≈ ¼ s each). */
import { useEffect, useState } from 'react';
import type { LessonRequest, LessonResponse } from '../../../lessons/worker';
import type { MonotoneTraining, MonotoneTrainingParams } from '../../../lessons/models/monotone';

let worker: Worker | undefined;
let nextId = 1;

/** The runs' results (null while computing), and an error message if they failed. */
export function useMonotoneTraining(runs: readonly MonotoneTrainingParams[]): {
  results: MonotoneTraining[] | null;
  error: string | null;
} {
  const key = JSON.stringify(runs);
  const [state, setState] = useState<{
    key: string;
    results: MonotoneTraining[] | null;
    error: string | null;
  }>({
    key: '',
    results: null,
    error: null,
  });
  useEffect(() => {
    worker ??= new Worker(new URL('../../../lessons/worker.ts', import.meta.url), {
      type: 'module',
      name: 'lessons',
    });
    const id = nextId++;
    const w = worker;
    const listener = (event: MessageEvent<LessonResponse>) => {
      if (event.data.id !== id) return;
      w.removeEventListener('message', listener);
      const data = event.data;
      setState(
        data.type === 'error'
          ? { key, results: null, error: data.message }
          : { key, results: data.runs, error: null },
      );
    };
    w.addEventListener('message', listener);
    const request: LessonRequest = {
      id,
      type: 'monotone-training',
      runs: JSON.parse(key) as MonotoneTrainingParams[],
    };
    w.postMessage(request);
    return () => w.removeEventListener('message', listener);
  }, [key]);
  return state.key === key ? state : { results: null, error: null };
}
