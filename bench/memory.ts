/**
 * `npm run bench -- memory [--quick] [--threads=N] [--reps=N]`: activation checkpointing on the WASM engine
 * (issue 18). For each case (depth × width × batch, ELU, LeCun normal, mse, no bias, lr 0.01), training steps
 * on the full-memory path (every layer's h and φ′ kept; where it fits the 4 GiB of wasm32) and on the
 * checkpointed one (segments of the length with the least memory, src/engine/budget.ts bytesWithSegment),
 * each on an engine of its own, both alive in the same process and timed in turn. Prints JSON lines:
 *   { "memory": case, "path": "full" | "checkpointed", "segment", "threads", "ms", "cpuMs", "gflops",
 *     "peakMiB", "activationMiB", "activationTensors", "keptTensors" }
 *   { "memory": case, "checkpointedTensors", "targetTensors", "tensorsMet", "keptTensors", "keptMet",
 *     "fullTensors", "slowdown", "slowdownCpu", "slowdownTarget", "slowdownMet", "processRssMiB", "load" }
 *   { "memory": case, "path", "error" }   a path that does not fit (or failed), and why
 * peakMiB: the engine's linear memory (memory.buffer.byteLength: all it allocated); activationMiB: that less
 * the weights; activationTensors: the same in [batch, width] tensors (the inputs, the targets and the
 * products' scratch included); keptTensors: the h, φ′ and checkpoints alone (⌈depth/s⌉ + 2·s for segments of
 * s, 2·depth whole); ms, cpuMs: median wall-clock and process CPU time (all threads) of a step; processRssMiB:
 * the process's resident memory with both engines alive (V8's heap etc. besides them). Targets: checkpointed
 * activationTensors ≤ 3·√depth (tensorsMet; keptMet: the kept tensors alone), and a checkpointed step ≤ 1.4×
 * the full-memory one. --reps steps each after
 * a warm-up (default 1 and no warm-up: a depth-100 step is ~0.6 TFLOP; 5 with --quick). `--quick`: width 256
 * and batch 256 instead of 1024 (a minute, not many). --threads: kernel threads (default: one per core beyond
 * the engine's own, as `wasm-threads`).
 */
import { cpus, loadavg } from 'node:os';
import { bytesWithSegment, flopsPerStep } from '../src/engine/budget';
import type { Experiment } from '../src/engine/experiment';
import { experimentWith } from '../src/state/schema';
import { WasmBackend } from '../src/wasm/backend';
import { spawnNodeThread } from '../src/wasm/spawn-node';
import { median } from './workloads';

interface MemoryCase {
  readonly depth: number;
  readonly width: number;
  readonly batch: number;
}

/**
 * Depth 100, 300 and 1000 at width 1024, batch 1024. At depth 1000 the weights alone are 3.9 GiB (1000·1024²
 * float32): no plan fits wasm32's 4 GiB, so that line is an error, and depth 1000 runs at width 512 too.
 */
function cases(quick: boolean): MemoryCase[] {
  if (quick) return [100, 300, 1000].map((depth) => ({ depth, width: 256, batch: 256 }));
  return [
    { depth: 100, width: 1024, batch: 1024 },
    { depth: 300, width: 1024, batch: 1024 },
    { depth: 1000, width: 1024, batch: 1024 },
    { depth: 1000, width: 512, batch: 1024 },
  ];
}

function experimentOf(c: MemoryCase): Experiment {
  return experimentWith({ ...c, act: 'elu', alpha: 1, init: 'lecun', loss: 'mse', lr: 0.01, seed: 1 });
}

/** The segment length with the least memory in the budget's model (what checkpointPlan picks when it must). */
function leastSegment(e: Experiment): number {
  let best = 1;
  for (let s = 2; s < e.depth; s++)
    if (bytesWithSegment('wasm', e, s) < bytesWithSegment('wasm', e, best)) best = s;
  return best;
}

const MiB = 2 ** 20;
const WASM32_BYTES = 4 * 1024 ** 3;

/** [batch, width] tensors of h, φ′ and checkpoints a plan keeps (src/wasm/layout.ts; x and y aside). */
function keptTensors(e: Experiment, segment: number): number {
  return segment >= e.depth ? 2 * e.depth : Math.ceil(e.depth / segment) + 2 * segment;
}

/** One path of a case, on an engine of its own. */
interface Path {
  readonly name: 'full' | 'checkpointed';
  readonly segment: number;
  readonly backend: WasmBackend;
  readonly ms: number[];
  readonly cpuMs: number[];
}

const caseLabel = (e: Experiment): string => `depth=${e.depth}&width=${e.width}&batch=${e.batch}`;

/** A fresh engine for `e` with segments of `segment` (e.depth: full memory); null (reported) when it cannot. */
async function preparePath(
  e: Experiment,
  name: Path['name'],
  segment: number,
  threads: number,
  print: (o: unknown) => void,
): Promise<Path | null> {
  // More than wasm32 holds is refused before allocating.
  const need = bytesWithSegment('wasm', e, segment);
  if (need > WASM32_BYTES) {
    const weights = e.depth * e.width * e.width * 4;
    const error = `needs ~${(need / MiB).toFixed(0)} MiB (weights ${(weights / MiB).toFixed(0)} MiB), more than wasm32's 4096 MiB`;
    print({ memory: caseLabel(e), path: name, segment, error });
    return null;
  }
  const backend = new WasmBackend({
    checkpointSegment: segment,
    threads: threads > 0 ? { count: threads, spawn: spawnNodeThread } : undefined,
  });
  try {
    await backend.init(e);
    return { name, segment, backend, ms: [], cpuMs: [] };
  } catch (error) {
    backend.dispose();
    print({
      memory: caseLabel(e),
      path: name,
      segment,
      error: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}

/** One timed training step of `path`: wall clock and the process's CPU time (every thread's). */
async function timeStep(path: Path): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await path.backend.step({ train: true });
  path.ms.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  path.cpuMs.push((c.user + c.system) / 1000);
}

/** Runs the memory benchmark; `args` are the bench's command-line words (`--quick`, `--threads=N`, `--reps=N`). */
export async function runMemoryBench(args: readonly string[], print: (o: unknown) => void): Promise<void> {
  const option = (name: string, fallback: number): number => {
    const given = args.find((a) => a.startsWith(`--${name}=`));
    return given ? Number(given.split('=')[1]) : fallback;
  };
  const quick = args.includes('--quick');
  // Kernel threads: one per core beyond the engine's own, as `wasm-threads` (the full and checkpointed steps
  // run on the same threads, so their ratio compares like with like).
  const threads = option('threads', Math.max(0, Math.min(3, cpus().length - 1)));
  const reps = option('reps', quick ? 5 : 1);
  for (const c of cases(quick)) {
    const e = experimentOf(c);
    const paths: Path[] = [];
    for (const [name, segment] of [
      ['full', e.depth],
      ['checkpointed', leastSegment(e)],
    ] as const) {
      const path = await preparePath(e, name, segment, threads, print);
      if (path) paths.push(path);
    }
    // A warm-up step each when timing several, then the paths in turn (load from other processes falls on
    // both alike).
    if (reps > 1) for (const path of paths) await path.backend.step({ train: true });
    for (let r = 0; r < reps; r++) for (const path of paths) await timeStep(path);
    const tensor = e.batch * e.width * 4;
    const weights = e.depth * e.width * e.width * 4;
    const results = paths.map((path) => {
      const peak = path.backend.peakBytes;
      const result = {
        memory: caseLabel(e),
        path: path.name,
        segment: path.backend.checkpointSegment,
        threads: path.backend.threadCount,
        ms: +median(path.ms).toFixed(0),
        cpuMs: +median(path.cpuMs).toFixed(0),
        gflops: +(flopsPerStep(e) / median(path.ms) / 1e6).toFixed(1),
        peakMiB: +(peak / MiB).toFixed(1),
        activationMiB: +((peak - weights) / MiB).toFixed(1),
        activationTensors: +((peak - weights) / tensor).toFixed(1),
        keptTensors: keptTensors(e, path.segment),
      };
      print(result);
      return result;
    });
    const rssMiB = +(process.memoryUsage().rss / MiB).toFixed(0);
    for (const path of paths) path.backend.dispose();
    const full = results.find((r) => r.path === 'full');
    const ckpt = results.find((r) => r.path === 'checkpointed');
    if (!ckpt) continue;
    const target = 3 * Math.sqrt(e.depth);
    print({
      memory: caseLabel(e),
      checkpointedTensors: ckpt.activationTensors,
      targetTensors: +target.toFixed(1),
      tensorsMet: ckpt.activationTensors <= target,
      keptTensors: ckpt.keptTensors,
      keptMet: ckpt.keptTensors <= target,
      ...(full
        ? {
            fullTensors: full.activationTensors,
            slowdown: +(ckpt.ms / full.ms).toFixed(2),
            slowdownCpu: +(ckpt.cpuMs / full.cpuMs).toFixed(2),
            slowdownTarget: 1.4,
            slowdownMet: ckpt.ms <= 1.4 * full.ms,
          }
        : {}),
      processRssMiB: rssMiB,
      load: loadavg().map((x) => +x.toFixed(2)),
    });
  }
}
