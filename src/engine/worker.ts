/**
 * The engine Worker: every experiment runs here, off the UI thread. It keeps one engine per requested choice
 * alive between runs (a WebGPU device or a WASM instance is costly to create), drops stale work (a run yields
 * between steps, and within passes that take seconds (run-progress.ts), and stops as soon as a newer request
 * has arrived), and recovers from a failing engine: the run is repeated on the next engine of the fallback
 * order, and the reason says why.
 */
/// <reference lib="webworker" />
import type { Backend, BackendKind, StepResult } from './backend';
import { EngineRefusal, chooseEngine } from './choose-engine';
import { EngineSelections, errorMessage, type BackendSelection, type EngineLoaders } from './create-backend';
import { ENGINE_LOADERS } from './engines';
import type { Experiment, ForwardLayerStats, RunResult } from './experiment';
import { activationHistograms, type ActivationHistograms } from './histogram';
import { numbersKey } from './numbers-key';
import type {
  ComparedUpdate,
  EngineChoice,
  EngineInfo,
  TracePoint,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import { nextTask } from './next-task';
import { RunProgress } from './run-progress';
import { EvaluationBudget, evaluate, scoresOf, taskOf, tracePoint, type EvaluatedRun } from './trace';
import { installWasmDraws } from '../wasm/draws';

type RunRequest = Extract<WorkerRequest, { type: 'run' }>;

// Weights, inputs and targets are drawn by the bit-identical WebAssembly Rng.fillNormal (several times faster
// than the JavaScript loop); without WebAssembly the JavaScript loop stays.
installWasmDraws();

const scope = self as unknown as DedicatedWorkerGlobalScope;
const selections = new EngineSelections(loaders);
/** Engines that failed while running, with the error: createBackend() passes over them from then on. */
const broken = new Map<BackendKind, string>();
let latest = 0;

/** Wait between a finished run's statistics and its histograms, in ms (see runOn). */
const HISTOGRAM_AFTER_MS = 150;
/** Largest network (depth × batch × width values) whose activations are read back for the histograms. */
const HISTOGRAM_LIMIT = 32 * 2 ** 20;

class Cancelled extends Error {}

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
      // Every run on the same engine (each on its own instance, held together): when one cannot run on the
      // chosen engine, all run on the reference.
      const { selection, engine } = await chooseEngine(
        {
          choice: request.backend,
          experiments: [request.experiment, ...request.compare],
          holding: 'together',
          live: request.live,
        },
        selectionFor,
      );
      kind = selection.kind;
      await runOn(selection, engine, request);
      return;
    } catch (error) {
      if (error instanceof Cancelled) return post({ type: 'cancelled', id: request.id });
      if (error instanceof EngineRefusal || kind === undefined || kind === 'reference') {
        return post({ type: 'error', id: request.id, message: errorMessage(error) });
      }
      // The engine failed mid-run (a lost device that could not be recreated, a crashed module): drop it and
      // run the experiment again on the next engine.
      broken.set(kind, errorMessage(error));
      for (const chosen of await selections.forget(kind))
        for (const companion of companions.get(chosen.backend) ?? []) companion.dispose();
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

/** One run of the request on its own engine: its experiment, weights and trace since the last message. */
interface Member extends EvaluatedRun {
  readonly experiment: Experiment;
  readonly backend: Backend;
  trace: TracePoint[];
  pass?: StepResult;
}

/**
 * Init, the experiment's training steps, the measured pass, the same for each compared run (on engines of the
 * same kind, one per run), then (live) training all of them side by side until cancelled.
 */
async function runOn(selection: BackendSelection, chosen: EngineInfo, request: RunRequest): Promise<void> {
  const { id, experiment, compare, live, reportMs } = request;
  const views = request.views === true;
  const backend = selection.backend;
  let engine = chosen;
  const start = performance.now();
  const progress = new RunProgress(id, experiment.steps * (1 + compare.length), post, () => {
    if (latest > id) throw new Cancelled();
  });
  await checkpoint(id);
  await backend.init(experiment);
  if ((backend.threadCount ?? 1) > 1) engine = { ...engine, threads: backend.threadCount };
  const main: Member = { experiment, backend, trace: [] };
  await train(main, id, progress);
  // Init may take seconds (a 2 GiB network): a newer request meanwhile cancels before the measured pass.
  await checkpoint(id);
  const engines = companionsOf(selection, compare.length);
  const others: Member[] = compare.map((e, i) => ({ experiment: e, backend: engines[i], trace: [] }));
  // A finished (not live) run sends the forward statistics as soon as they exist (with the compared runs'
  // results when all are known already): the page draws the signal charts while the backward pass runs.
  const known = live ? [] : others.map((o) => cachedCompared(o.experiment, selection.kind, views)?.result);
  const ready = known.every((r) => r !== undefined) ? (known as RunResult[]) : undefined;
  const onForward = live
    ? undefined
    : (layers: ForwardLayerStats[]) =>
        post({
          type: 'forward',
          id,
          experiment,
          layers,
          ...(ready && ready.length > 0 ? { compare: ready } : {}),
        });
  const step = experiment.steps;
  // A live pass trains: its weights are evaluated before it (the weights its statistics describe).
  if (live) await evaluate(main, step, views);
  main.pass = await backend.step({ train: live, onForward, onProgress: progress.within(experiment) });
  if (!live) await evaluate(main, step, views);
  main.trace.push(tracePoint(step, main.pass, main.evaluation));

  // The result of step n is what the link `steps=n` measures: the weights after n updates.
  const snapshot = (m: Member, step: number): RunResult => ({
    backend: backend.kind,
    experiment: { ...m.experiment, steps: step },
    layers: m.pass!.layers,
    loss: m.pass!.loss,
    ...scoresOf(m),
    ms: performance.now() - start,
  });
  if (!live) {
    const result = snapshot(main, step);
    const update = {
      type: 'result',
      id,
      engine,
      result,
      step,
      final: false,
      histogramsFollow: true,
      ...taskOf(main),
    } as const;
    // The run being moved answers first: when a compared run must be measured again, the main run's statistics
    // go out now and the compared runs' in a second message (the page keeps drawing their previous ones until
    // then), so a slider step costs the main run's pass before its chart moves, not every run's.
    const follow = others.length > 0 && ready === undefined;
    if (follow) post({ ...update, compare: [], compareFollows: true, trace: main.trace });
    const compared: ComparedUpdate[] = [];
    for (const other of others)
      compared.push(await measureCompared(other, selection.kind, id, progress, views));
    // The statistics first (the charts a moved slider changes), then the histograms (~7 ms of this thread for
    // the default network), once the page has had HISTOGRAM_AFTER_MS to draw the statistics and unless a
    // newer request has come meanwhile: while a slider moves, the histograms of passes already superseded are
    // never computed, and the page's own drawing does not share the machine's cores with them.
    post({ ...update, compare: compared, trace: follow ? [] : main.trace });
    await new Promise((resolve) => setTimeout(resolve, HISTOGRAM_AFTER_MS));
    await checkpoint(id);
    const histograms = await histogramsOf(backend, main.pass);
    const quiet = compared.map((c) => ({ ...c, trace: [] }));
    post({ ...update, compare: quiet, trace: [], final: true, histogramsFollow: false, histograms });
    return;
  }
  for (const other of others) {
    await checkpoint(id);
    await other.backend.init(other.experiment);
    await train(other, id, progress);
    await checkpoint(id);
    await evaluate(other, step, views);
    other.pass = await other.backend.step({ train: true, onProgress: progress.within(other.experiment) });
    other.trace.push(tracePoint(step, other.pass, other.evaluation));
  }
  const members = [main, ...others];
  const report = async (step: number) => {
    post({
      type: 'result',
      id,
      engine,
      result: snapshot(main, step),
      compare: others.map((o) => ({ result: snapshot(o, step), trace: o.trace, ...taskOf(o) })),
      step,
      trace: main.trace,
      final: false,
      histograms: await histogramsOf(backend, main.pass!),
      ...taskOf(main),
    });
    for (const m of members) m.trace = [];
  };
  await report(step);
  // Refreshes at a fixed rate (every reportMs from the first), not reportMs after the previous one ended: the
  // page's ~10 refreshes a second do not lose the time each report takes. A refresh whose evaluation is due
  // (EvaluationBudget) evaluates every run before its pass, so accuracy and boundary are those of the weights
  // the statistics of that step describe.
  const budget = new EvaluationBudget(EvaluationBudget.LIVE_SHARE);
  let nextReport = performance.now() + reportMs;
  for (let step = experiment.steps + 1; ; step++) {
    const now = performance.now();
    const reporting = now >= nextReport;
    const evaluating = reporting && budget.due(now);
    let evaluationMs = 0;
    for (const m of members) {
      await checkpoint(id);
      if (evaluating) evaluationMs += await evaluate(m, step, views);
      m.pass = await m.backend.step({ train: true, onProgress: progress.within(m.experiment) });
      m.trace.push(tracePoint(step, m.pass, m.evaluation));
    }
    if (evaluating) budget.spent(evaluationMs, performance.now());
    if (reporting) {
      await report(step);
      // Behind schedule (a slow step or report), the next refresh waits at least half the interval.
      nextReport = Math.max(nextReport + reportMs, performance.now() + reportMs / 2);
    }
  }
}

/**
 * `member`'s training steps (its experiment's `steps`), each a trace point, with progress messages. A data-set
 * run is evaluated (accuracy only) before some of them, as EvaluationBudget.TRAINING_SHARE of the time allows, so a
 * link with many steps draws its accuracy over steps too.
 */
async function train(member: Member, id: number, progress: RunProgress): Promise<void> {
  const budget = new EvaluationBudget(EvaluationBudget.TRAINING_SHARE);
  const onProgress = progress.within(member.experiment);
  for (let step = 0; step < member.experiment.steps; step++) {
    await checkpoint(id);
    if (member.experiment.data !== 'none' && budget.due(performance.now()))
      budget.spent(await evaluate(member, step, false), performance.now());
    const pass = await member.backend.step({ train: true, onProgress });
    member.trace.push(tracePoint(step, pass, member.evaluation));
    progress.step();
  }
}

/** Compared runs' results by numbers key (numbers-key.ts), newest last; at most COMPARED_CACHE of them. */
const comparedCache = new Map<string, ComparedUpdate>();
const COMPARED_CACHE = 12;

const cacheKey = (e: Experiment, kind: BackendKind, views: boolean) =>
  `${kind}|${views ? 'views' : ''}|${numbersKey(e, e.steps > 0)}`;

/** A compared run's result from the cache (marked as just used), with its experiment as it now reads. */
function cachedCompared(
  experiment: Experiment,
  kind: BackendKind,
  views: boolean,
): ComparedUpdate | undefined {
  const key = cacheKey(experiment, kind, views);
  const cached = comparedCache.get(key);
  if (!cached) return undefined;
  comparedCache.delete(key);
  comparedCache.set(key, cached);
  return { ...cached, result: { ...cached.result, experiment } };
}

/**
 * A compared run to its measured pass (not live). A run whose numbers cannot have changed (a slider moved a
 * key it does not use or overrides) is taken from the cache, with its experiment as it now reads.
 */
async function measureCompared(
  member: Member,
  kind: BackendKind,
  id: number,
  progress: RunProgress,
  views: boolean,
): Promise<ComparedUpdate> {
  const { experiment } = member;
  const cached = cachedCompared(experiment, kind, views);
  if (cached) return cached;
  const start = performance.now();
  await checkpoint(id);
  await member.backend.init(experiment);
  await train(member, id, progress);
  await checkpoint(id);
  const pass = await member.backend.step({ train: false, onProgress: progress.within(experiment) });
  await evaluate(member, experiment.steps, views);
  member.trace.push(tracePoint(experiment.steps, pass, member.evaluation));
  const result: RunResult = {
    backend: kind,
    experiment,
    layers: pass.layers,
    loss: pass.loss,
    ...scoresOf(member),
    ms: performance.now() - start,
  };
  const task = member.evaluation?.task;
  const update: ComparedUpdate = { result, trace: member.trace, ...(task ? { task } : {}) };
  const key = cacheKey(experiment, kind, views);
  comparedCache.set(key, update);
  if (comparedCache.size > COMPARED_CACHE) comparedCache.delete(comparedCache.keys().next().value!);
  return update;
}

/** Engines for compared runs: `count` of the selection's kind beside its own, created when first needed. */
const companions = new WeakMap<Backend, Backend[]>();
function companionsOf(selection: BackendSelection, count: number): Backend[] {
  let list = companions.get(selection.backend);
  if (!list) companions.set(selection.backend, (list = []));
  while (list.length < count) list.push(selection.create());
  return list.slice(0, count);
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
  return selections.get(choice);
}

/** Yields to the event loop (nextTask), then stops a superseded run. */
async function checkpoint(id: number): Promise<void> {
  await nextTask();
  if (latest > id) throw new Cancelled();
}

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}
