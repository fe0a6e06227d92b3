/**
 * The engine Worker: every experiment runs here, off the UI thread. It keeps one engine per requested choice
 * alive between runs (a WebGPU device or a WASM instance is costly to create) and drops stale work: a run
 * yields between steps and stops as soon as a newer request has arrived.
 */
/// <reference lib="webworker" />
import type { Backend, StepResult } from './backend';
import { activationHistograms, type ActivationHistograms } from './histogram';
import type { RunResult } from './experiment';
import { memoryRefusal } from './budget';
import { unsupportedReason } from './capabilities';
import { createBackend, errorMessage, type BackendSelection } from './create-backend';
import { ENGINE_LOADERS } from './engines';
import type { EngineChoice, TracePoint, WorkerRequest, WorkerResponse } from './protocol';
import { tracePoint } from './trace';

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
  const { id, experiment, live, reportMs } = request;
  try {
    let selection = await selectionFor(request.backend);
    const unsupported = unsupportedReason(selection.kind, experiment, live ? Infinity : experiment.steps);
    if (unsupported) selection = await selectionFor('reference');
    const engine = {
      kind: selection.kind,
      reason: unsupported ? `${unsupported}; using the float64 reference` : selection.reason,
    };
    const refusal = memoryRefusal(selection.kind, experiment);
    if (refusal) throw new Error(refusal);
    const backend = selection.backend;
    const start = performance.now();
    await checkpoint(id);
    await backend.init(experiment);
    let trace: TracePoint[] = [];
    let lastProgress = performance.now();
    for (let step = 0; step < experiment.steps; step++) {
      await checkpoint(id);
      trace.push(tracePoint(step, await backend.step({ train: true })));
      if (performance.now() - lastProgress >= PROGRESS_MS) {
        post({ type: 'progress', id, done: step + 1, total: experiment.steps });
        lastProgress = performance.now();
      }
    }
    await checkpoint(id);
    let pass = await backend.step({ train: live });
    trace.push(tracePoint(experiment.steps, pass));
    // The result of step n is what the link `steps=n` measures: the weights after n updates.
    const snapshot = (step: number, { layers, loss }: StepResult): RunResult => ({
      backend: backend.kind,
      experiment: { ...experiment, steps: step },
      layers,
      loss,
      ms: performance.now() - start,
    });
    post({
      type: 'result',
      id,
      engine,
      result: snapshot(experiment.steps, pass),
      step: experiment.steps,
      trace,
      final: !live,
      histograms: await histogramsOf(backend, pass),
    });
    if (!live) return;

    let lastPost = performance.now();
    trace = [];
    for (let step = experiment.steps + 1; ; step++) {
      await checkpoint(id);
      pass = await backend.step({ train: true });
      trace.push(tracePoint(step, pass));
      if (performance.now() - lastPost >= reportMs) {
        const histograms = await histogramsOf(backend, pass);
        post({
          type: 'result',
          id,
          engine,
          result: snapshot(step, pass),
          step,
          trace,
          final: false,
          histograms,
        });
        trace = [];
        lastPost = performance.now();
      }
    }
  } catch (error) {
    if (error instanceof Cancelled) post({ type: 'cancelled', id });
    else post({ type: 'error', id, message: errorMessage(error) });
  }
}

/** Least time between two progress messages of a long run, in ms. */
const PROGRESS_MS = 250;

/** Largest network (depth × batch × width values) whose activations are read back for the histograms. */
const HISTOGRAM_LIMIT = 32 * 2 ** 20;

/** Histograms of the last pass's post-activations, when the engine offers them and the network is not huge. */
async function histogramsOf(backend: Backend, pass: StepResult): Promise<ActivationHistograms | undefined> {
  const read = backend.postActivations?.bind(backend);
  const first = pass.layers[0];
  if (!read || !first) return undefined;
  const values = [];
  for (const layer of pass.layers) {
    const h = await read(layer.layer);
    if (h.length * pass.layers.length > HISTOGRAM_LIMIT) return undefined;
    values.push(h);
  }
  return activationHistograms(values, pass.layers);
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

/** Yields to the event loop (a MessageChannel hop: no 4 ms timer clamp), then stops a superseded run. */
async function checkpoint(id: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
  if (latest > id) throw new Cancelled();
}

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}
