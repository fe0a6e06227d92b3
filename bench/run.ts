/**
 * `npm run bench`: the fixed workloads of bench/workloads.ts on this project's WASM engine and on two peers
 * (TensorFlow.js WASM/XNNPACK and jax-js WASM), all on one thread, in one process (and ours with kernel
 * threads, outside the targets). Prints JSON lines:
 *   { "machine": … }                                    once, first
 *   { "engine", "workload", "ms", "gflops", "cpuMs" }   median of REPS timed runs after WARMUPS (cpuMs: the
 *                                                       median of the process's CPU time per run, see cpuMs)
 *   { "workload", "engine", "speedup": { peer: × }, … } our speedup over each peer (peer ms / our ms), over
 *                                                       the faster one ("vsFastestPeer"; in CPU time
 *                                                       "vsFastestPeerCpu"), "target", "met"
 *   { "workload", "check": { engine: value } }         the first run's loss (C[0,0] for gemm) per engine:
 *                                                       all engines computed the same thing; data-set
 *                                                       workloads add the float64 reference engine's loss,
 *                                                       the second step's losses ("second") and, per step,
 *                                                       "maxRelDiff" from the reference and "agree" (within
 *                                                       "tolerance")
 *   { "workload", "engine": "wasm-threads", "threads", "vsOneThread" }   kernel threads' speedup over `wasm`
 *                                                       (outside the targets, which compare single threads)
 *   { "engine", "error" }                               a peer that cannot run here, and why
 * Engines are timed round-robin (run 1 of every engine, then run 2, …) so load from other processes on
 * this shared machine falls on all of them alike.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';

// Relaxed SIMD (FMA) ships enabled in Chrome ≥ 114 but is behind a flag in Node 20's V8. Enable it before
// any module compiles so the bench runs the build a browser would pick; the plain-SIMD build runs too.
// Compile every WebAssembly module (ours and the peers') straight to V8's optimizing tier. With the default
// Liftoff-first dynamic tiering, the switch to optimized code happens in a background compile that, on this
// busy 2-core machine, can lag for many steps and would make the numbers measure scheduling, not kernels.
const V8_FLAGS = ['--experimental-wasm-relaxed-simd', '--no-liftoff'];
for (const f of V8_FLAGS) setFlagsFromString(f);

const { bestVariant, relaxedSimdSupported } = await import('../src/wasm/kernels');
/** Kernel threads of the `wasm-threads` engine: one per core beyond the first. */
const THREADS = Math.max(0, Math.min(3, cpus().length - 1));
const { oursEngine } = await import('./ours');
const W = await import('./workloads');
type BenchEngine = import('./peers/types').BenchEngine;
type Prepared = import('./peers/types').Prepared;

function print(o: unknown): void {
  process.stdout.write(JSON.stringify(o) + '\n');
}

function machine(): Record<string, unknown> {
  let info = '';
  try {
    info = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    /* not Linux */
  }
  const field = (name: string): string | undefined =>
    info.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm'))?.[1]?.trim();
  const flags = (field('flags') ?? '').split(' ');
  return {
    cpu: field('model name') ?? cpus()[0]?.model ?? 'unknown',
    family: field('cpu family'),
    model: field('model'),
    stepping: field('stepping'),
    mhz: field('cpu MHz'),
    logicalCpus: cpus().length,
    fma: flags.includes('fma'),
    avx512f: flags.includes('avx512f'),
    node: process.version,
    v8: process.versions.v8,
    threads: 1,
    relaxedSimd: relaxedSimdSupported(),
    v8Flags: V8_FLAGS,
  };
}

async function loadEngines(): Promise<BenchEngine[]> {
  const engines: BenchEngine[] = [];
  if (relaxedSimdSupported()) engines.push(oursEngine('relaxed'));
  engines.push(oursEngine('simd'));
  // Not part of the targets (they compare one thread with one thread): what kernel threads give on top.
  if (THREADS > 0) engines.push(oursEngine(bestVariant(), THREADS));
  const peers: [string, () => Promise<BenchEngine>][] = [
    ['tfjs-wasm', async () => (await import('./peers/tfjs')).tfjsEngine()],
    ['jax-js', async () => (await import('./peers/jax')).jaxEngine()],
  ];
  for (const [name, load] of peers) {
    try {
      engines.push(await load());
    } catch (e) {
      print({ engine: name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return engines;
}

/**
 * The float64 reference engine's losses of the first two steps of a data-set workload: what every engine's
 * float32 losses are checked against (untimed: it is the oracle, not a contender). The first is the forward
 * pass on minibatch 0 from the initial weights; the second also checks the first step's gradients, SGD update
 * of weights and biases, and minibatch 1.
 */
async function referenceLosses(w: import('./workloads').StepWorkload): Promise<[number, number]> {
  const { ReferenceBackend } = await import('../src/engine/reference/backend');
  const backend = new ReferenceBackend();
  await backend.init(W.workloadExperiment(w));
  const first = (await backend.step({ train: true })).loss;
  const second = (await backend.step({ train: true })).loss;
  backend.dispose();
  return [first, second];
}

/** The largest relative difference of `losses`' values from `reference` (NaN when one is not finite). */
function maxRelDiff(losses: Record<string, number>, reference: number): number {
  const diffs = Object.values(losses).map((v) => Math.abs(v - reference) / Math.abs(reference));
  return diffs.every(Number.isFinite) ? Math.max(0, ...diffs) : NaN;
}

/**
 * Median ms per engine of `prepare`'d work, timed round-robin. Engines that fail are reported and skipped.
 * With `reference` (data-set workloads: the reference engine's first two losses), the check line also gives
 * the second step's losses (`second`), and, for each step, every engine's largest relative difference from
 * the reference (`maxRelDiff`) and whether all are within W.CHECK_TOLERANCE (`agree`).
 */
async function measure(
  engines: BenchEngine[],
  workload: string,
  reps: number,
  prepare: (e: BenchEngine) => Promise<Prepared>,
  reference?: [number, number],
): Promise<Map<string, number>> {
  const ready: [BenchEngine, Prepared][] = [];
  const check: Record<string, number> = {};
  const second: Record<string, number> = {};
  for (const e of engines) {
    try {
      const p = await prepare(e);
      check[e.name] = await p.run();
      second[e.name] = await p.run();
      for (let i = 2; i < W.WARMUPS; i++) await p.run();
      ready.push([e, p]);
    } catch (err) {
      print({ engine: e.name, workload, error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (reference === undefined) print({ workload, check });
  else {
    const diffs = [maxRelDiff(check, reference[0]), maxRelDiff(second, reference[1])];
    print({
      workload,
      check: { ...check, reference: reference[0] },
      second: { ...second, reference: reference[1] },
      maxRelDiff: diffs.map((d) => +d.toExponential(2)),
      tolerance: W.CHECK_TOLERANCE,
      agree: diffs.every((d) => d <= W.CHECK_TOLERANCE),
    });
  }
  const times = new Map<string, number[]>(ready.map(([e]) => [e.name, []]));
  const cpuTimes = new Map<string, number[]>(ready.map(([e]) => [e.name, []]));
  for (let r = 0; r < reps; r++) {
    for (const [e, p] of ready) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await p.run();
      times.get(e.name)?.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuTimes.get(e.name)?.push((c.user + c.system) / 1000);
    }
  }
  for (const [, p] of ready) p.dispose();
  cpuMs.clear();
  for (const [name, ts] of cpuTimes) cpuMs.set(name, W.median(ts));
  return new Map([...times].map(([name, ts]) => [name, W.median(ts)]));
}

/**
 * Median CPU time of the process per run, by engine, of the last measure(): the whole process's user + system
 * time (every thread: V8's GC and compile threads, and the kernel threads of `wasm-threads`, which block in
 * Atomics.wait between steps and cost nothing while other engines run). For one-thread engines it is nearly
 * the time they would take alone: a step preempted by other processes' work gets longer in wall-clock time
 * but not in CPU time, and on this shared machine a 30 ms step is preempted far more often than a 1 ms one.
 */
const cpuMs = new Map<string, number>();

function report(workload: string, flops: number, ms: Map<string, number>, target: number): void {
  for (const [engine, t] of ms)
    print({
      engine,
      workload,
      ms: +t.toFixed(2),
      gflops: +(flops / t / 1e6).toFixed(2),
      cpuMs: +(cpuMs.get(engine) ?? NaN).toFixed(2),
    });
  const peers = [...ms].filter(([name]) => !name.startsWith('wasm'));
  const single = ms.get('wasm');
  const threaded = ms.get('wasm-threads');
  if (single !== undefined && threaded !== undefined)
    print({
      workload,
      engine: 'wasm-threads',
      threads: THREADS + 1,
      vsOneThread: +(single / threaded).toFixed(2),
    });
  for (const ours of ['wasm', 'wasm-simd']) {
    const t = ms.get(ours);
    if (t === undefined || peers.length === 0) continue;
    const speedup = Object.fromEntries(peers.map(([name, p]) => [name, +(p / t).toFixed(2)]));
    const vsFastest = Math.min(...peers.map(([, p]) => p)) / t;
    const cpu = (name: string): number => cpuMs.get(name) ?? NaN;
    const vsFastestCpu = Math.min(...peers.map(([name]) => cpu(name))) / cpu(ours);
    print({
      workload,
      engine: ours,
      speedup,
      vsFastestPeer: +vsFastest.toFixed(2),
      vsFastestPeerCpu: +vsFastestCpu.toFixed(2),
      target,
      met: vsFastest >= target,
    });
  }
}

/** Workloads to run: the names given on the command line (`npm run bench -- small gemm`), default all. */
const only = process.argv.slice(2);
const wanted = (name: string): boolean => only.length === 0 || only.includes(name);

print({ machine: machine() });
// The WebGPU engine headless in Deno on the machine's Vulkan driver, no browser (issue 17, bench/deno.ts:
// `npm run bench -- deno [workloads]`): only when named, and alone. Its workloads are bench/deno-gpu.ts's
// DENO_WORKLOADS; one more is one more entry there.
if (only.includes('deno')) {
  const { denoBenchMain } = await import('./deno');
  await denoBenchMain(
    only.filter((n) => n !== 'deno'),
    print,
  );
}
// Activation checkpointing's memory and step time (issue 18, bench/memory.ts): only when named, and alone.
if (only.includes('memory')) {
  print({ load: (await import('node:os')).loadavg() });
  await (await import('./memory')).runMemoryBench(only, print);
  process.exit(0);
}
// A sweep's cells as one sweep vs. as separate runs (issue 17, bench/sweep.ts): only when named, and alone.
if (only.includes('sweep') && !only.includes('deno')) {
  print({ load: (await import('node:os')).loadavg() });
  await (await import('./sweep')).runSweepBench(only, print);
  process.exit(0);
}
const engines = await loadEngines();
for (const w of W.STEP_WORKLOADS.filter((x) => wanted(x.name))) {
  const reference = w.data ? await referenceLosses(w) : undefined;
  const ms = await measure(engines, w.name, W.stepReps(w), (e) => e.prepareStep(w), reference);
  report(w.name, W.stepFlops(w), ms, 1.5);
}
const g = W.GEMM_WORKLOAD;
if (wanted(g.name)) {
  const oneThread = engines.filter((e) => e.name !== 'wasm-threads');
  const ms = await measure(oneThread, g.name, W.GEMM_REPS, (e) => e.prepareGemm(g.m, g.n, g.k));
  report(g.name, W.gemmFlops(), ms, 1);
}

// The WebGPU engine against its peers (issue 4) and the playground's responsiveness (issue 5) run in headless
// Chromium: `npm run bench -- webgpu` or `npm run bench -- ui` for one of them alone.
const inBrowser = (name: string): boolean => only.length === 0 || only.includes(name);
if (inBrowser('webgpu')) {
  const { runGpuBench } = await import('./gpu');
  await runGpuBench(
    only.filter((n) => n !== 'webgpu'),
    print,
  );
}
if (inBrowser('ui')) {
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
  await import('./ui');
}
