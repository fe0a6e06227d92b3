/**
 * The engine Worker: every experiment runs here, off the UI thread. It keeps one engine per requested choice
 * alive between runs (a WebGPU device or a WASM instance is costly to create), drops stale work (a run yields
 * between steps and stops as soon as a newer request has arrived), and recovers from a failing engine: the
 * run is repeated on the next engine of the fallback order, and the reason says why.
 */
/// <reference lib="webworker" />
import type { Backend, BackendKind, StepResult } from './backend';
import { memoryRefusal } from './budget';
import { unsupportedReason } from './capabilities';
import { createBackend, errorMessage, type BackendSelection, type EngineLoaders } from './create-backend';
import { ENGINE_LOADERS } from './engines';
import type { ForwardLayerStats, RunResult } from './experiment';
import { activationHistograms, type ActivationHistograms } from './histogram';
import type { EngineChoice, EngineInfo, TracePoint, WorkerRequest, WorkerResponse } from './protocol';
import { nextTask } from './next-task';
import { tracePoint } from './trace';
import { installWasmDraws } from '../wasm/draws';

type RunRequest = Extract<WorkerRequest, { type: 'run' }>;

// Weights, inputs and targets are drawn by the bit-identical WebAssembly Rng.fillNormal (several times faster
// than the JavaScript loop); without WebAssembly the JavaScript loop stays.
installWasmDraws();

const scope = self as unknown as DedicatedWorkerGlobalScope;
const selections = new Map<EngineChoice, Promise<BackendSelection>>();
/** Engines that failed while running, with the error: createBackend() passes over them from then on. */
const broken = new Map<BackendKind, string>();
let latest = 0;

/** Least time between two progress messages of a long run, in ms. */
const PROGRESS_MS = 250;
/** Wait between a finished run's statistics and its histograms, in ms (see runOn). */
const HISTOGRAM_AFTER_MS = 150;
/** Largest network (depth × batch × width values) whose activations are read back for the histograms. */
const HISTOGRAM_LIMIT = 32 * 2 ** 20;

class Cancelled extends Error {}
/** The experiment itself cannot run (too large): another engine would not help. */
class Refused extends Error {}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'profile') return void handleProfile(request);
  latest = Math.max(latest, request.id);
  if (request.type === 'run') void handleRun(request);
};

async function handleRun(request: RunRequest): Promise<void> {
  for (;;) {
    let kind: BackendKind | undefined;
    try {
      const { selection, engine } = await chooseEngine(request);
      kind = selection.kind;
      await runOn(selection.backend, engine, request);
      return;
    } catch (error) {
      if (error instanceof Cancelled) return post({ type: 'cancelled', id: request.id });
      if (error instanceof Refused || kind === undefined || kind === 'reference') {
        return post({ type: 'error', id: request.id, message: errorMessage(error) });
      }
      // The engine failed mid-run (a lost device that could not be recreated, a crashed module): drop it and
      // run the experiment again on the next engine.
      broken.set(kind, errorMessage(error));
      for (const [choice, selection] of selections) {
        if ((await selection.catch(() => null))?.kind === kind) selections.delete(choice);
      }
    }
  }
}

async function handleProfile(request: Extract<WorkerRequest, { type: 'profile' }>): Promise<void> {
  try {
    const { backend } = await selectionFor(request.backend);
    if (!backend.profileKernels) throw new Error(`the ${backend.kind} engine has no per-kernel timings`);
    post({ type: 'profile', id: request.id, profile: await backend.profileKernels() });
  } catch (error) {
    post({ type: 'error', id: request.id, message: errorMessage(error) });
  }
}

/** The engine for this request, and what the page should say about it. */
async function chooseEngine(
  request: RunRequest,
): Promise<{ selection: BackendSelection; engine: EngineInfo }> {
  const { experiment, live } = request;
  let selection = await selectionFor(request.backend);
  const unsupported = unsupportedReason(selection.kind, experiment, live ? Infinity : experiment.steps);
  if (unsupported) selection = await selectionFor('reference');
  const refusal = memoryRefusal(selection.kind, experiment);
  if (refusal) throw new Refused(refusal);
  const reason = unsupported ? `${unsupported}; using the float64 reference` : selection.reason;
  const engine: EngineInfo = unsupported
    ? { kind: selection.kind, reason, fallbacks: [], unsupported }
    : { kind: selection.kind, reason, fallbacks: selection.fallbacks };
  return { selection, engine };
}

/** Init, the experiment's training steps, the measured pass, then (live) training until cancelled. */
async function runOn(backend: Backend, chosen: EngineInfo, request: RunRequest): Promise<void> {
  const { id, experiment, live, reportMs } = request;
  let engine = chosen;
  const start = performance.now();
  await checkpoint(id);
  await backend.init(experiment);
  if ((backend.threadCount ?? 1) > 1) engine = { ...engine, threads: backend.threadCount };
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
  // A finished (not live) run sends the forward statistics as soon as they exist: the page draws the signal
  // charts while the backward pass runs.
  const onForward = live
    ? undefined
    : (layers: ForwardLayerStats[]) => post({ type: 'forward', id, experiment, layers });
  let pass = await backend.step({ train: live, onForward });
  trace.push(tracePoint(experiment.steps, pass));
  // The result of step n is what the link `steps=n` measures: the weights after n updates.
  const snapshot = (step: number, { layers, loss }: StepResult): RunResult => ({
    backend: backend.kind,
    experiment: { ...experiment, steps: step },
    layers,
    loss,
    ms: performance.now() - start,
  });
  const result = snapshot(experiment.steps, pass);
  const step = experiment.steps;
  if (!live) {
    // The statistics first (the charts a moved slider changes), then the histograms (~7 ms of this thread for
    // the default network), once the page has had HISTOGRAM_AFTER_MS to draw the statistics and unless a
    // newer request has come meanwhile: while a slider moves, the histograms of passes already superseded are
    // never computed, and the page's own drawing does not share the machine's cores with them.
    post({ type: 'result', id, engine, result, step, trace, final: false, histogramsFollow: true });
    await new Promise((resolve) => setTimeout(resolve, HISTOGRAM_AFTER_MS));
    await checkpoint(id);
    const histograms = await histogramsOf(backend, pass);
    post({ type: 'result', id, engine, result, step, trace: [], final: true, histograms });
    return;
  }
  post({
    type: 'result',
    id,
    engine,
    result,
    step,
    trace,
    final: false,
    histograms: await histogramsOf(backend, pass),
  });

  let lastPost = performance.now();
  trace = [];
  for (let step = experiment.steps + 1; ; step++) {
    await checkpoint(id);
    pass = await backend.step({ train: true });
    trace.push(tracePoint(step, pass));
    if (performance.now() - lastPost >= reportMs) {
      const result = snapshot(step, pass);
      const histograms = await histogramsOf(backend, pass);
      post({ type: 'result', id, engine, result, step, trace, final: false, histograms });
      trace = [];
      lastPost = performance.now();
    }
  }
}

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

/** The loaders, with engines that failed earlier reported as unavailable (and why). */
function loaders(): EngineLoaders {
  const wrapped = { ...ENGINE_LOADERS };
  for (const [kind, message] of broken) {
    wrapped[kind] = async () => ({ ok: false, reason: `it failed while running (${message})` });
  }
  return wrapped;
}

function selectionFor(choice: EngineChoice): Promise<BackendSelection> {
  let selection = selections.get(choice);
  if (!selection) {
    selection = createBackend(choice, loaders());
    selection.catch(() => selections.delete(choice));
    selections.set(choice, selection);
  }
  return selection;
}

/** Yields to the event loop (nextTask), then stops a superseded run. */
async function checkpoint(id: number): Promise<void> {
  await nextTask();
  if (latest > id) throw new Cancelled();
}

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}
