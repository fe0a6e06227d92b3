/**
 * Deno entry of `npm run bench -- deno [workloads…]` (issue 17): the WebGPU engine (src/gpu, WebGpuBackend) on
 * whatever adapter Deno's WebGPU (wgpu) finds, no browser. bench/deno.ts bundles this file with Vite (Deno
 * cannot import `?raw` WGSL), picks the Vulkan driver and runs it in the pinned `deno`; it is not meant to be
 * run by hand. Argument: JSON of DenoBenchArgs. Prints JSON lines like bench/gpu.ts (the browser bench), each
 * with `runtime: "deno"` and the adapter (`adapter`: name, vendor, architecture, device, description, from
 * `adapter.info`):
 *   { "gpu": { adapter, isFallbackAdapter, note, vendor, architecture, device, description, deno, icd } }  first
 *   { "check": workload, "loss": { webgpu, reference? }, … }   the first step's loss (data sets: beside the
 *                                                              float64 reference engine's, with maxRelDiff,
 *                                                              tolerance and agree)
 *   { "engine": "webgpu", "workload", "ms", "gflops", "reps" } median of the timed steps
 *   { "profile", "core", "stepMs", "kernelMs", "kernels", "reps" }   with --profile, instead of the two above
 *   { "engine", "workload", "error" }                          a workload that failed, and why
 * No peers run here (jax-js and tfjs are measured in the browser bench). Exit status: 0 when every workload
 * ran, 1 when one failed or a name is unknown (with one line on stderr, "bench deno: …", which bench/deno.ts
 * reports), 3 when there is no adapter (bench/deno.ts then says so, or retries on lavapipe).
 *
 * Workloads are the entries of DENO_WORKLOADS: adding one (e.g. the sweep) is adding an entry there.
 */
import type { Backend } from '../src/engine/backend';
import { ReferenceBackend } from '../src/engine/reference/backend';
import { WebGpuBackend, type WebGpuBackendOptions } from '../src/gpu/backend';
import type { MatmulCore } from '../src/gpu/kernels/kernel';
import type { StepProfile } from '../src/gpu/profile';
import { DEFAULT_SIZE, timeSweepBatch, type SweepBatchSize } from './sweep-batch';
import * as W from './workloads';

/** The sweep workload on a CPU Vulkan (lavapipe, SwiftShader): small enough for a minute. */
const SOFTWARE_SWEEP_SIZE: SweepBatchSize = { grid: 4, depth: 10, width: 256, batch: 128 };

/** What bench/deno.ts hands the entry (one JSON argument). */
export interface DenoBenchArgs {
  /** The command line after `deno`: workload names and options (`--reps=<n>`, `--profile`, `--matmul=<core>`). */
  args: string[];
  /** The Vulkan ICD manifest(s) in use (VK_ICD_FILENAMES), or a note that the loader's default is. */
  icd: string;
}

/** The adapter as every line names it (`adapter.info`; `name`: the description, else the device). */
export interface AdapterFields {
  name: string;
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

/** What a workload gets. */
export interface DenoBenchContext {
  /** Prints one JSON line, with `runtime` and `adapter` added. */
  print(o: Record<string, unknown>): void;
  /** Whether the adapter is a software (CPU) one, e.g. lavapipe: fewer repetitions, times only as ratios. */
  software: boolean;
  /** `--reps=<n>`, when given. */
  reps: number | null;
  /** `--profile`: per-kernel GPU times instead of step times (where the workload supports it). */
  profile: boolean;
  /** A new, uninitialized WebGPU engine (with `--matmul=<core>`'s core): the Backend factory a workload uses. */
  backend(): WebGpuBackend;
}

/** A workload of the Deno bench. */
export interface DenoWorkload {
  /** Whether `npm run bench -- deno` runs it when no workload is named. */
  byDefault: boolean;
  run(ctx: DenoBenchContext): Promise<void>;
}

/** The first step's loss of the float64 reference engine (the data-set workloads' check). */
async function referenceLoss(w: W.StepWorkload): Promise<number> {
  const ref: Backend = new ReferenceBackend();
  await ref.init(W.workloadExperiment(w));
  const loss = (await ref.step({ train: true })).loss;
  ref.dispose();
  return loss;
}

/**
 * A step workload of bench/workloads.ts, as the browser bench runs it: one engine, a warm-up step (its loss is
 * the check; W.WARMUPS on hardware), then the median of the timed steps (on a software adapter 3, or 9 of the
 * data-set workloads, as on SwiftShader in the browser bench).
 */
async function stepWorkload(w: W.StepWorkload, ctx: DenoBenchContext): Promise<void> {
  const reps = ctx.reps ?? (ctx.software ? (w.data ? 9 : 3) : W.stepReps(w));
  const warmups = ctx.software ? 1 : W.WARMUPS;
  const backend = ctx.backend();
  try {
    await backend.init(W.workloadExperiment(w));
    if (ctx.profile) {
      await backend.step({ train: true });
      const runs: (StepProfile & { stepMs: number })[] = [];
      for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        await backend.step({ train: true });
        const stepMs = performance.now() - t0;
        runs.push({ stepMs, ...(await backend.profileStep({ train: true })) });
      }
      const kernels = runs[0].kernels.map(({ kernel, dispatches }) => {
        const ms = W.median(runs.map((r) => r.kernels.find((k) => k.kernel === kernel)?.ms ?? 0));
        return { kernel, dispatches, ms: +ms.toFixed(1) };
      });
      ctx.print({
        profile: w.name,
        core: backend.adapter?.matmul ?? null,
        stepMs: +W.median(runs.map((r) => r.stepMs)).toFixed(1),
        kernelMs: +W.median(runs.map((r) => r.totalMs)).toFixed(1),
        kernels,
        reps,
      });
      return;
    }
    const loss = (await backend.step({ train: true })).loss;
    for (let i = 1; i < warmups; i++) await backend.step({ train: true });
    const times: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      await backend.step({ train: true });
      times.push(performance.now() - t0);
    }
    if (w.data) {
      const reference = await referenceLoss(w);
      const maxRelDiff = Math.abs(loss - reference) / Math.abs(reference);
      ctx.print({
        check: w.name,
        loss: { webgpu: loss, reference },
        maxRelDiff: +maxRelDiff.toExponential(2),
        tolerance: W.CHECK_TOLERANCE,
        agree: maxRelDiff <= W.CHECK_TOLERANCE,
      });
    } else ctx.print({ check: w.name, loss: { webgpu: loss } });
    const t = W.median(times);
    ctx.print({
      engine: 'webgpu',
      workload: w.name,
      ms: +t.toFixed(1),
      gflops: +(W.stepFlops(w) / t / 1e6).toFixed(3),
      reps,
      core: backend.adapter?.matmul ?? null,
    });
  } finally {
    backend.dispose();
  }
}

/**
 * The Deno bench's workloads, by name. To add one (issue 17's sweep, say), add an entry whose `run` builds its
 * engines with `ctx.backend()` and prints its lines with `ctx.print`; bench/deno.ts passes any name through.
 */
export const DENO_WORKLOADS: Record<string, DenoWorkload> = {
  ...Object.fromEntries(
    W.STEP_WORKLOADS.map((w): [string, DenoWorkload] => [
      w.name,
      { byDefault: true, run: (ctx) => stepWorkload(w, ctx) },
    ]),
  ),
  // Issue 17: a σ_w × σ_b χ sweep batched (measureMany) vs. cell by cell on one engine (bench/sweep-batch.ts);
  // on a software adapter a 4 × 4 grid at depth 10 (the full 16 × 16 × depth 50 takes many minutes there).
  sweep: {
    byDefault: true,
    run: async (ctx) => {
      const backend = ctx.backend();
      try {
        const size = ctx.software ? SOFTWARE_SWEEP_SIZE : DEFAULT_SIZE;
        ctx.print({ ...(await timeSweepBatch(backend, size)), engine: 'webgpu', target: 3 });
      } finally {
        backend.dispose();
      }
    },
  },
};

/** Exit status when there is no adapter (bench/deno.ts tells it from a failed run). */
const NO_ADAPTER_EXIT = 3;

interface DenoGlobal {
  args: string[];
  exit(code: number): never;
  version: { deno: string };
}

function adapterFields(adapter: GPUAdapter): AdapterFields {
  const info = adapter.info;
  const field = (v: string | undefined): string => v ?? '';
  const description = field(info?.description);
  const device = field(info?.device);
  return {
    name: description || device || field(info?.vendor) || 'unnamed adapter',
    vendor: field(info?.vendor),
    architecture: field(info?.architecture),
    device,
    description,
  };
}

async function main(deno: DenoGlobal): Promise<number> {
  const { args, icd } = JSON.parse(deno.args[0] ?? '{"args":[],"icd":""}') as DenoBenchArgs;
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in DENO_WORKLOADS));
  if (unknown.length > 0) {
    console.error(
      `bench deno: unknown workload ${unknown.join(', ')} (known: ${Object.keys(DENO_WORKLOADS).join(', ')})`,
    );
    return 1;
  }
  // The engine requests its own adapter (src/gpu/device.ts, high-performance): the same one as here.
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  // bench/deno.ts says so, with what to install (or retries on lavapipe).
  if (!adapter) return NO_ADAPTER_EXIT;
  const fields = adapterFields(adapter);
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const software = Boolean(info?.isFallbackAdapter ?? /llvmpipe|lavapipe|swiftshader/i.test(fields.name));
  const line = (o: Record<string, unknown>): void => console.log(JSON.stringify(o));
  const { name, ...rest } = fields;
  line({
    gpu: {
      adapter: name,
      isFallbackAdapter: software,
      note: software ? 'software adapter (a CPU Vulkan): absolute times say little about GPUs' : '',
      ...rest,
      deno: deno.version.deno,
      icd,
    },
    runtime: 'deno',
  });
  const repsArg = args.find((a) => a.startsWith('--reps='));
  const matmul = args.find((a) => a.startsWith('--matmul='))?.slice('--matmul='.length) as
    MatmulCore | undefined;
  const options: WebGpuBackendOptions = matmul ? { matmul } : {};
  const ctx: DenoBenchContext = {
    print: (o) => line({ ...o, runtime: 'deno', adapter: fields }),
    software,
    reps: repsArg ? Math.max(1, Number(repsArg.slice('--reps='.length)) | 0) : null,
    profile: args.includes('--profile'),
    backend: () => new WebGpuBackend(options),
  };
  const failed: string[] = [];
  const chosen =
    names.length > 0 ? names : Object.keys(DENO_WORKLOADS).filter((n) => DENO_WORKLOADS[n].byDefault);
  for (const workload of chosen) {
    try {
      await DENO_WORKLOADS[workload].run(ctx);
    } catch (e) {
      failed.push(workload);
      ctx.print({ engine: 'webgpu', workload, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (failed.length > 0) console.error(`bench deno: ${failed.join(', ')} failed (see the error lines)`);
  return failed.length > 0 ? 1 : 0;
}

const deno = (globalThis as { Deno?: DenoGlobal }).Deno;
if (deno) {
  main(deno).then(
    (code) => deno.exit(code),
    (e: unknown) => {
      console.error(`bench deno: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      deno.exit(2);
    },
  );
}
