/**
 * The theory, computed in its own Worker: `useTheory(kind, request)` returns the latest answer for the latest
 * request of that kind (older answers are ignored), or an error message.
 */
import { useEffect, useState } from 'react';
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

/** The answer to `request` (null while computing or when `request` is null); `key` says when to recompute. */
export function useTheory<K extends Kind>(
  request: WithoutId<Extract<TheoryRequest, { type: K }>> | null,
  key: string,
): { answer: Answer<K> | null; error: string | null } {
  const [state, setState] = useState<{ answer: Answer<K> | null; error: string | null }>({
    answer: null,
    error: null,
  });
  useEffect(() => {
    if (!request) return;
    const id = nextId++;
    let live = true;
    listeners.set(id, (response) => {
      if (!live) return;
      if (response.type === 'error') setState({ answer: null, error: response.message });
      else setState({ answer: response as Answer<K>, error: null });
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
