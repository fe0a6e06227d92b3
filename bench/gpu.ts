/**
 * `tsx bench/gpu.ts [small deep wide spiral digits] [--skip=<peer>] [--reps=<n>] [--profile [--matmul=<core>]]`:
 * the WebGPU engine in headless Chromium (Debian's, via tests/browser/chromium.ts) on bench/workloads.ts's
 * step workloads, against two peers in the same page, on the same adapter: @jax-js/jax 0.1.25 on its `webgpu` device (one jit-compiled step) and
 * @tensorflow/tfjs-core + tfjs-backend-webgpu 4.22 (bench/peers/tfjs-model.ts: dense layers via
 * tf.customGrad with explicit tf.transpose, the same fair path as the WASM peer). Prints JSON lines like
 * bench/run.ts:
 *   { "gpu": { adapter, isFallbackAdapter, note } }     once, first
 *   { "check": workload, "loss": { engine: loss } }      the first step's loss per engine (same numbers); data-set
 *                                                        workloads add the float64 reference engine's and
 *                                                        "maxRelDiff", "tolerance", "agree" against it
 *   { "engine", "workload", "ms", "gflops" }             median of the timed runs
 *   { "workload", "engine": "webgpu", "speedup", "vsFastestPeer", "target", "met" }
 *   { "engine", "workload"?, "error" }                   an engine that cannot run here, and why
 * `--profile` measures no peer: it prints, per workload, our step time and per-kernel GPU times (timestamp
 * queries, src/gpu/profile.ts; medians over the repetitions) as { "profile", "core", "stepMs", "kernels" }.
 * Engines are timed round-robin in the page after one warm-up step each (whose loss is the check). On a
 * software adapter (SwiftShader) a step of `wide` takes tens of seconds (tfjs: minutes), so fewer
 * repetitions are taken there (3; 9 of `spiral` and `digits`), and absolute times say little about real GPUs.
 *
 * To hook into bench/run.ts: `const { runGpuBench } = await import('./gpu'); await runGpuBench(only, print);`
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'virtual:gpu-bench';

/**
 * The page: imports the engine and the peers, jax-js (bench/peers/jax.ts, switched to its webgpu device) and
 * tfjs (bench/peers/tfjs-model.ts on tfjs-backend-webgpu). Each peer is loaded lazily so that one that fails
 * to load is reported, not fatal.
 */
const PAGE_MODULE = `
import { WebGpuBackend, probeWebGpu } from '/src/gpu/backend.ts';
import { STEP_WORKLOADS, workloadExperiment, median } from '/bench/workloads.ts';

async function jaxWebGpu() {
  const jax = await import('@jax-js/jax');
  const { jaxEngine } = await import('/bench/peers/jax.ts');
  const engine = await jaxEngine(); // initializes the wasm device and selects it
  const devices = await jax.init('webgpu');
  if (!devices.includes('webgpu')) throw new Error('jax-js: no webgpu device (got ' + devices.join(', ') + ')');
  jax.defaultDevice('webgpu');
  return { name: 'jax-js-webgpu', prepareStep: (w) => engine.prepareStep(w) };
}

async function tfjsWebGpu() {
  const tf = await import('@tensorflow/tfjs-core');
  // The browser bundle of tfjs-core registers no gradients either (the umbrella @tensorflow/tfjs does).
  await import('@tensorflow/tfjs-core/dist/register_all_gradients');
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs: the webgpu backend did not initialize');
  await tf.ready();
  const { tfjsPrepareStep } = await import('/bench/peers/tfjs-model.ts');
  return { name: 'tfjs-webgpu', prepareStep: tfjsPrepareStep };
}

const ours = {
  name: 'webgpu',
  async prepareStep(w) {
    const backend = new WebGpuBackend();
    // Engines without logits() cannot run data sets (src/engine/backend.ts): report it, time nothing else.
    if (w.data && !backend.logits) throw new Error('the webgpu engine does not run data sets yet (no logits())');
    await backend.init(workloadExperiment(w));
    return { run: async () => (await backend.step({ train: true })).loss, dispose: () => backend.dispose() };
  },
};

window.gpuBench = {
  probe: probeWebGpu,
  async profile(name, reps, matmul) {
    const w = STEP_WORKLOADS.find((x) => x.name === name);
    const backend = new WebGpuBackend(matmul ? { matmul } : {});
    await backend.init(workloadExperiment(w));
    await backend.step({ train: true });
    const runs = [];
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      await backend.step({ train: true });
      const stepMs = performance.now() - t0;
      const { kernels, totalMs } = await backend.profileStep({ train: true });
      runs.push({ stepMs, kernels, totalMs });
    }
    const core = backend.adapter.matmul;
    backend.dispose();
    return { core, runs };
  },
  async measure(name, warmups, reps, skip) {
    const w = STEP_WORKLOADS.find((x) => x.name === name);
    const engines = [ours];
    const errors = [];
    for (const [peer, load] of [['jax-js-webgpu', jaxWebGpu], ['tfjs-webgpu', tfjsWebGpu]]) {
      if (skip.includes(peer)) continue;
      try { engines.push(await load()); } catch (e) { errors.push({ engine: peer, error: String(e && e.message || e) }); }
    }
    const ready = [];
    const check = {};
    for (const e of engines) {
      try {
        const p = await e.prepareStep(w);
        check[e.name] = await p.run(); // the loss of the first step (a warm-up)
        for (let i = 1; i < warmups; i++) await p.run();
        ready.push([e.name, p, []]);
      } catch (err) { errors.push({ engine: e.name, workload: name, error: String(err && err.message || err) }); }
    }
    for (let r = 0; r < reps; r++) {
      for (const [, p, times] of ready) {
        const t0 = performance.now();
        await p.run();
        times.push(performance.now() - t0);
      }
    }
    for (const [, p] of ready) p.dispose();
    return { ms: Object.fromEntries(ready.map(([n, , t]) => [n, median(t)])), check, errors };
  },
};
document.title = 'ready';
`;

function pagePlugin(): Plugin {
  return {
    name: 'gpu-bench-page',
    resolveId: (id) => (id === ENTRY ? '\0' + ENTRY : null),
    load: (id) => (id === '\0' + ENTRY ? PAGE_MODULE : null),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url !== '/' && req.url !== '/index.html') return next();
        res.setHeader('content-type', 'text/html');
        void server
          .transformIndexHtml('/', `<!doctype html><script type="module">import '${ENTRY}';</script>`)
          .then((html) => res.end(html), next);
      });
    },
  };
}

interface KernelRow {
  kernel: string;
  dispatches: number;
  ms: number;
}

interface GpuBenchApi {
  probe(): Promise<{ ok: boolean; reason: string; isFallbackAdapter: boolean; adapterInfo?: string }>;
  measure(
    name: string,
    warmups: number,
    reps: number,
    skip: string[],
  ): Promise<{ ms: Record<string, number>; check: Record<string, number>; errors: object[] }>;
  profile(
    name: string,
    reps: number,
    matmul: string | null,
  ): Promise<{ core: string; runs: { stepMs: number; kernels: KernelRow[]; totalMs: number }[] }>;
}

/**
 * Runs the GPU benchmark on the named workloads (all when none is named), printing each JSON object via
 * `print`. Options among the names: `--skip=<engine>` leaves a peer out (e.g. `--skip=tfjs-webgpu`, whose
 * `wide` step takes minutes on SwiftShader), `--reps=<n>` sets the timed repetitions.
 */
export async function runGpuBench(args: string[], print: (o: unknown) => void): Promise<void> {
  const only = args.filter((a) => !a.startsWith('--'));
  const skip = args.filter((a) => a.startsWith('--skip=')).map((a) => a.slice('--skip='.length));
  const repsArg = args.find((a) => a.startsWith('--reps='));
  const profile = args.includes('--profile');
  const matmul = args.find((a) => a.startsWith('--matmul='))?.slice('--matmul='.length) ?? null;
  const { createServer } = await import('vite');
  const { launchChromium } = await import('../tests/browser/chromium');
  const W = await import('./workloads');
  const server = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    plugins: [pagePlugin()],
    server: { host: '127.0.0.1', port: 0, hmr: false },
    optimizeDeps: {
      noDiscovery: true,
      include: [
        '@jax-js/jax',
        '@tensorflow/tfjs-core',
        '@tensorflow/tfjs-core/dist/register_all_gradients',
        '@tensorflow/tfjs-backend-webgpu',
      ],
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const browser = await launchChromium();
  try {
    if (!address || typeof address === 'string') throw new Error('vite: no TCP address');
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${address.port}/`);
    await page.waitForFunction(() => 'gpuBench' in window, undefined, { timeout: 120_000 });
    // String expressions: tsx would wrap functions passed to evaluate() in helpers the page does not have.
    const probe = (await page.evaluate('window.gpuBench.probe()')) as Awaited<
      ReturnType<GpuBenchApi['probe']>
    >;
    const software = probe.isFallbackAdapter;
    print({
      gpu: {
        adapter: probe.adapterInfo ?? probe.reason,
        isFallbackAdapter: software,
        note: software ? 'software adapter (SwiftShader): absolute times say little about GPUs' : '',
      },
    });
    if (!probe.ok) throw new Error(`no WebGPU: ${probe.reason}`);
    const warmups = software ? 1 : W.WARMUPS;
    // On SwiftShader: 3 repetitions of issue 3's workloads (a `wide` step takes tens of seconds), 9 of the
    // data-set workloads (tenths of a second for ours; seconds for tfjs).
    const defaultReps = (w: (typeof W.STEP_WORKLOADS)[number]): number =>
      software ? (w.data ? 9 : 3) : W.stepReps(w);
    const fixedReps = repsArg ? Math.max(1, Number(repsArg.slice('--reps='.length)) | 0) : null;
    page.setDefaultTimeout(0);
    for (const w of W.STEP_WORKLOADS.filter((x) => only.length === 0 || only.includes(x.name))) {
      const reps = fixedReps ?? defaultReps(w);
      if (profile) {
        const call = `window.gpuBench.profile(${JSON.stringify(w.name)}, ${reps}, ${JSON.stringify(matmul)})`;
        const { core, runs } = (await page.evaluate(call)) as Awaited<ReturnType<GpuBenchApi['profile']>>;
        const kernels = runs[0].kernels.map(({ kernel, dispatches }) => {
          const ms = W.median(runs.map((r) => r.kernels.find((k) => k.kernel === kernel)?.ms ?? 0));
          return { kernel, dispatches, ms: +ms.toFixed(1) };
        });
        const stepMs = +W.median(runs.map((r) => r.stepMs)).toFixed(1);
        const totalMs = +W.median(runs.map((r) => r.totalMs)).toFixed(1);
        print({ profile: w.name, core, stepMs, kernelMs: totalMs, kernels, reps });
        continue;
      }
      const call = `window.gpuBench.measure(${JSON.stringify(w.name)}, ${warmups}, ${reps}, ${JSON.stringify(skip)})`;
      const { ms, check, errors } = (await page.evaluate(call)) as Awaited<
        ReturnType<GpuBenchApi['measure']>
      >;
      for (const e of errors) print(e);
      if (w.data) {
        // Data-set workloads: the float64 reference engine's first-step loss beside the engines' (in Node).
        const { ReferenceBackend } = await import('../src/engine/reference/backend');
        const ref = new ReferenceBackend();
        await ref.init(W.workloadExperiment(w));
        const reference = (await ref.step({ train: true })).loss;
        ref.dispose();
        const diffs = Object.values(check).map((v) => Math.abs(v - reference) / Math.abs(reference));
        const maxRelDiff = diffs.every(Number.isFinite) ? Math.max(0, ...diffs) : NaN;
        print({
          check: w.name,
          loss: { ...check, reference },
          maxRelDiff: +maxRelDiff.toExponential(2),
          tolerance: W.CHECK_TOLERANCE,
          agree: maxRelDiff <= W.CHECK_TOLERANCE,
        });
      } else print({ check: w.name, loss: check });
      const flops = W.stepFlops(w);
      for (const [engine, t] of Object.entries(ms)) {
        print({ engine, workload: w.name, ms: +t.toFixed(1), gflops: +(flops / t / 1e6).toFixed(3), reps });
      }
      const t = ms.webgpu;
      const peers = Object.entries(ms).filter(([name]) => name !== 'webgpu');
      if (t !== undefined && peers.length > 0) {
        const speedup = Object.fromEntries(peers.map(([name, p]) => [name, +(p / t).toFixed(2)]));
        const vsFastest = Math.min(...peers.map(([, p]) => p)) / t;
        print({
          workload: w.name,
          engine: 'webgpu',
          speedup,
          vsFastestPeer: +vsFastest.toFixed(2),
          target: 1.5,
          met: vsFastest >= 1.5,
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runGpuBench(process.argv.slice(2), (o) => process.stdout.write(JSON.stringify(o) + '\n'));
}
