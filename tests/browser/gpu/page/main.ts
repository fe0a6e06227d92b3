/**
 * Test page for the WebGPU engine (tests/browser/gpu/gpu.test.ts drives it through playwright): exposes
 * `window.gpuTest` with functions that run the real engine in this page and return plain data.
 */
import type { StepResult } from '../../../../src/engine/backend';
import type { Experiment } from '../../../../src/engine/experiment';
import { WebGpuBackend, defaultCore, probeWebGpu, type DeviceLossReport } from '../../../../src/gpu/backend';
import { createGpuContext } from '../../../../src/gpu/device';
import { kernel, type MatmulCore } from '../../../../src/gpu/kernels/kernel';
import { PipelineCache } from '../../../../src/gpu/pipelines';
import type { StepProfile } from '../../../../src/gpu/profile';
import {
  runCase,
  runCheckpointCase,
  type CheckpointRun,
  type DataOutput,
  type GpuCase,
} from '../../../gpu/cases';
import { compileMessages } from '../../../gpu/compile';

/** What `run` returns: the StepResult of each training step, then of the measured pass. */
export interface PageRun {
  /** The matmul core that ran. */
  matmul: MatmulCore | null;
  results: StepResult[];
  /** Data sets: the logits of the training and test sets after the measured pass, and more (../../gpu/cases.ts). */
  data: DataOutput | null;
  warnings: string[];
  recoveries: number;
  losses: DeviceLossReport[];
  ms: number;
}

/**
 * One backend (one device) shared by the runs that do not ask for a fresh one, so runs with the same shapes
 * and activation reuse compiled pipelines (on SwiftShader compiling them is most of a small run's time).
 */
const sharedByCore = new Map<string, WebGpuBackend>();
function shared(matmul?: MatmulCore): WebGpuBackend {
  const key = matmul ?? 'default';
  let backend = sharedByCore.get(key);
  if (!backend) sharedByCore.set(key, (backend = new WebGpuBackend({ matmul })));
  return backend;
}

/**
 * Runs `train` training steps and one measured pass, then with a data set logits() of the training and test
 * sets (runCase in ../../gpu/cases.ts). `loseAfter` destroys the device after that many steps;
 * `fresh` uses a new backend (new device), disposed afterwards; `matmul` forces a matmul core.
 */
async function run(
  exp: Experiment,
  train: GpuCase['train'],
  options: { loseAfter?: number; fresh?: boolean; matmul?: MatmulCore } = {},
): Promise<PageRun> {
  const losses: DeviceLossReport[] = [];
  const fresh = options.fresh === true || options.loseAfter !== undefined;
  const backend = fresh
    ? new WebGpuBackend({ onDeviceLost: (r) => losses.push(r), matmul: options.matmul })
    : shared(options.matmul);
  const start = performance.now();
  try {
    const { results, data } = await runCase(backend, exp, train, (i) => {
      if (options.loseAfter === i) backend.loseDevice();
    });
    return {
      matmul: backend.adapter?.matmul ?? null,
      results,
      data,
      warnings: [...backend.compilationWarnings],
      recoveries: backend.recoveries,
      losses,
      ms: performance.now() - start,
    };
  } finally {
    if (fresh) backend.dispose();
  }
}

/** The same run through stepStreaming: the results arrive one call late, the last from flush(). */
async function runStreaming(exp: Experiment, train: number): Promise<(StepResult | null)[]> {
  const backend = shared();
  await backend.init(exp);
  const out: (StepResult | null)[] = [];
  for (let i = 0; i < train; i++) out.push(await backend.stepStreaming({ train: true }));
  out.push(await backend.stepStreaming({ train: false }));
  out.push(await backend.flush());
  return out;
}

/**
 * A profiled measuring step and a plain one after it (same weights: neither trains); `segment` forces
 * activation checkpointing.
 */
async function profile(
  exp: Experiment,
  segment?: number,
): Promise<{ profile: StepProfile; plain: StepResult }> {
  const backend = shared();
  backend.setCheckpointSegment(segment);
  try {
    await backend.init(exp);
    const measured = await backend.profileStep({ train: false });
    return { profile: measured, plain: await backend.step({ train: false }) };
  } finally {
    backend.setCheckpointSegment(undefined);
  }
}

/**
 * A checkpoint case (../../gpu/cases.ts) on the shared backend: every layer kept, then in segments of `segment`;
 * with the compilation warnings seen on that backend.
 */
async function runCheckpointed(
  exp: Experiment,
  train: GpuCase['train'],
  segment: number,
): Promise<{ full: CheckpointRun; checkpointed: CheckpointRun; warnings: string[] }> {
  const backend = shared();
  const runs = await runCheckpointCase(backend, exp, train, segment);
  return { ...runs, warnings: [...backend.compilationWarnings] };
}

/**
 * Milliseconds per exact training step (readback included) with every layer kept and in segments of `segment`:
 * the fastest of `rounds` rounds of `steps` steps, the two alternating (a busy machine slows one round or another).
 */
async function stepTimes(
  exp: Experiment,
  segment: number,
  steps: number,
  rounds: number,
): Promise<{ full: number; checkpointed: number }> {
  const backend = shared();
  const time = async (forced: number | undefined) => {
    backend.setCheckpointSegment(forced);
    await backend.init(exp);
    await backend.step({ train: true }); // warm-up
    const start = performance.now();
    for (let i = 0; i < steps; i++) await backend.step({ train: true });
    return (performance.now() - start) / steps;
  };
  const ms = { full: Infinity, checkpointed: Infinity };
  try {
    for (let r = 0; r < rounds; r++) {
      ms.full = Math.min(ms.full, await time(undefined));
      ms.checkpointed = Math.min(ms.checkpointed, await time(segment));
    }
    return ms;
  } finally {
    backend.setCheckpointSegment(undefined);
  }
}

/** The error a broken kernel gets from the pipeline cache (WGSL with a type error on its line 3). */
async function brokenKernelError(): Promise<string> {
  const ctx = await createGpuContext();
  try {
    const code = '@compute @workgroup_size(1)\nfn main() {\n  let x: u32 = 1.5;\n}\n';
    await new PipelineCache(ctx.device).get(kernel('broken', code, [], {}), {});
    return '';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  } finally {
    ctx.device.destroy();
  }
}

/** The same run in a dedicated Worker (resolves with its results, rejects with its error). */
function runInWorker(exp: Experiment, train: number): Promise<StepResult[]> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  return new Promise<StepResult[]>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ results?: StepResult[]; error?: string }>) =>
      e.data.results ? resolve(e.data.results) : reject(new Error(e.data.error));
    worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
    worker.postMessage({ exp, train });
  }).finally(() => worker.terminate());
}

/** init() of an experiment; resolves with the error message, or '' if it was accepted. */
async function initError(exp: Experiment, memoryBudget?: number): Promise<string> {
  const backend = new WebGpuBackend({ memoryBudget });
  try {
    await backend.init(exp);
    return '';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  } finally {
    backend.dispose();
  }
}

/** Compiles every kernel on a fresh device; returns each kernel's compilation messages (all types). */
async function compileAll(): Promise<Record<string, string[]>> {
  const ctx = await createGpuContext();
  try {
    return await compileMessages(ctx.device);
  } finally {
    ctx.device.destroy();
  }
}

/** Every layer's post-activations after one training step (the update must leave them as they were). */
async function postActivations(exp: Experiment): Promise<number[][]> {
  const backend = shared();
  await backend.init(exp);
  await backend.step({ train: true });
  const out: number[][] = [];
  for (let l = 1; l <= exp.depth; l++) out.push(Array.from(await backend.postActivations(l)));
  return out;
}

/** The matmul core WebGpuBackend picks on this device, and whether the `subgroup` core can run. */
async function cores(): Promise<{ default: MatmulCore; subgroup: boolean }> {
  const ctx = await createGpuContext();
  try {
    return { default: defaultCore(ctx), subgroup: ctx.subgroupsOf4 };
  } finally {
    ctx.device.destroy();
  }
}

const api = {
  probe: probeWebGpu,
  cores,
  postActivations,
  run,
  runStreaming,
  runCheckpointed,
  stepTimes,
  initError,
  compileAll,
  profile,
  runInWorker,
  brokenKernelError,
};
/** The page's test API. */
export type GpuTestApi = typeof api;
(window as unknown as { gpuTest: GpuTestApi }).gpuTest = api;
document.title = 'ready';
