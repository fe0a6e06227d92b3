/**
 * The engine Worker: every experiment runs here, off the UI thread. It keeps one engine per requested
 * choice alive between runs (a WebGPU device or a WASM instance is costly to create) and drops stale work: a
 * run yields between steps and stops as soon as a newer request has arrived.
 */
/// <reference lib="webworker" />
import { createBackend, errorMessage, type BackendSelection } from './create-backend';
import { ENGINE_LOADERS } from './engines';
import type { RunResult } from './experiment';
import type { EngineChoice, WorkerRequest, WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const selections = new Map<EngineChoice, Promise<BackendSelection>>();
let latest = 0;

class Cancelled extends Error {}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  latest = Math.max(latest, request.id);
  if (request.type === 'run') void handleRun(request);
};

async function handleRun(request: Extract<WorkerRequest, { type: 'run' }>): Promise<void> {
  const { id, experiment, backend: choice } = request;
  try {
    const selection = await selectionFor(choice);
    const start = performance.now();
    const backend = selection.backend;
    await checkpoint(id);
    await backend.init(experiment);
    for (let i = 0; i < experiment.steps; i++) {
      await checkpoint(id);
      await backend.step({ train: true });
    }
    await checkpoint(id);
    const { layers, loss } = await backend.step({ train: false });
    const result: RunResult = {
      backend: backend.kind,
      experiment,
      layers,
      loss,
      ms: performance.now() - start,
    };
    post({ type: 'result', id, result, engine: { kind: selection.kind, reason: selection.reason } });
  } catch (error) {
    if (error instanceof Cancelled) post({ type: 'cancelled', id });
    else post({ type: 'error', id, message: errorMessage(error) });
  }
}

function selectionFor(choice: EngineChoice): Promise<BackendSelection> {
  let selection = selections.get(choice);
  if (!selection) {
    selection = createBackend(choice, ENGINE_LOADERS);
    selection.catch(() => selections.delete(choice));
    selections.set(choice, selection);
  }
  return selection;
}

/** Lets queued messages in, then stops this run if a newer request has arrived. */
async function checkpoint(id: number): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (latest > id) throw new Cancelled();
}

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}
